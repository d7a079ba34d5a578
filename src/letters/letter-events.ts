import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A letter answering a legal notice went out; its text is the outbound message `commentId`. */
    'letter.sent': {
      noticeId: string;
      ref: string;
      letter: string;
      language: string;
      via: string;
      channel: string;
      commentId: string;
      sentAt: string;
      trackingNumber: string | null;
    };
  }
}

export const LETTER_EVENTS = defineTimelineEvents(['letter.sent']);

declare module '../settings/settings-events.js' {
  interface SettingsEvents {
    /** An admin rewrote a letter's template; the previous text is in the payload, so no wording is lost. */
    'letter_template.changed': { key: string; language: string; previousSubject: string; previousBody: string };
  }
}
