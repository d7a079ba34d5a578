import type { Language, NoticeSignal, SignalKind, SuggestedCommitment } from './lexicon/lexicon.js';

export interface PhraseFacts {
  phraseId: string;
  language: Language;
  kind: SignalKind;
  commitmentKind: SuggestedCommitment | null;
  noticeType: NoticeSignal | null;
  phrase: string;
}

declare module '../settings/settings-events.js' {
  interface SettingsEvents {
    'signal_phrase.added': PhraseFacts;
    'signal_phrase.removed': PhraseFacts;
  }
}
