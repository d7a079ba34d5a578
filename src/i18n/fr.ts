import type { MessageKey } from './en.js';
import { caseDesk } from './fr/case.js';
import { deadlines } from './fr/deadlines.js';
import { desk } from './fr/desk.js';
import { mail } from './fr/mail.js';
import { print } from './fr/print.js';
import { reasons } from './fr/reasons.js';
import { legalDesk } from './fr/legal.js';
import { decisions } from './fr/decisions.js';
import { letters } from './fr/letters.js';
import { fields } from './fr/fields.js';
import { problems } from './fr/problems.js';
import { people } from './fr/people.js';
import { sessionsDesk } from './fr/sessions.js';
import { signals } from './fr/signals.js';
import { prescriptions } from './fr/prescriptions.js';
import { calendarWords } from './fr/calendar.js';
import { publicNotices } from './fr/public-notices.js';
import { replyDesk } from './fr/reply.js';
import { importWords } from './fr/imports.js';
import { fediverseWords } from './fr/fediverse.js';
import { forumSourceWords } from './fr/forum-sources.js';
import { disqusWords } from './fr/disqus.js';
import { youtubeWords } from './fr/youtube.js';
import { backupWords } from './fr/backup.js';
import { privacyWords } from './fr/privacy.js';

/** Messages en français (ICU MessageFormat), un fichier par domaine sous fr/, les mêmes clés qu'en anglais. */
export const fr: Record<MessageKey, string> = { ...desk, ...caseDesk, ...problems, ...fields, ...signals, ...legalDesk, ...people, ...sessionsDesk, ...deadlines, ...mail, ...print, ...reasons, ...decisions, ...letters, ...prescriptions, ...calendarWords, ...publicNotices, ...replyDesk, ...importWords, ...fediverseWords, ...forumSourceWords, ...disqusWords, ...youtubeWords, ...backupWords, ...privacyWords };
