import { caseDesk } from './en/case.js';
import { deadlines } from './en/deadlines.js';
import { desk } from './en/desk.js';
import { mail } from './en/mail.js';
import { print } from './en/print.js';
import { reasons } from './en/reasons.js';
import { legalDesk } from './en/legal.js';
import { decisions } from './en/decisions.js';
import { letters } from './en/letters.js';
import { fields } from './en/fields.js';
import { problems } from './en/problems.js';
import { people } from './en/people.js';
import { sessionsDesk } from './en/sessions.js';
import { signals } from './en/signals.js';
import { prescriptions } from './en/prescriptions.js';
import { calendarWords } from './en/calendar.js';
import { publicNotices } from './en/public-notices.js';
import { replyDesk } from './en/reply.js';
import { importWords } from './en/imports.js';
import { retentionDesk } from './en/retention-desk.js';
import { fediverseWords } from './en/fediverse.js';
import { forumSourceWords } from './en/forum-sources.js';
import { disqusWords } from './en/disqus.js';
import { youtubeWords } from './en/youtube.js';
import { backupWords } from './en/backup.js';
import { privacyWords } from './en/privacy.js';
import { retentionWords } from './en/retention.js';

/**
 * English messages (ICU MessageFormat), one file per area under en/ so that
 * features add theirs without touching each other's; fr.ts must hold the
 * same keys (the type checks it).
 */
export const en = { ...desk, ...caseDesk, ...problems, ...fields, ...signals, ...legalDesk, ...people, ...sessionsDesk, ...deadlines, ...mail, ...print, ...reasons, ...decisions, ...letters, ...prescriptions, ...calendarWords, ...publicNotices, ...replyDesk, ...importWords, ...retentionDesk, ...fediverseWords, ...forumSourceWords, ...disqusWords, ...youtubeWords, ...backupWords, ...privacyWords, ...retentionWords } as const;

export type MessageKey = keyof typeof en;

/** The codes of refused requests that have a sentence: `problem.<code>` (a field's own sentence, `problem.<code>.<field>`, is a variant). */
export type ProblemCode = MessageKey extends infer K ? (K extends `problem.${infer C}` ? C : never) : never;
