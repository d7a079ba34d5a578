import { Core1764115200000 } from './1764115200000-core.js';
import { Legal1764201600000 } from './1764201600000-legal.js';
import { Reminders1764288000000 } from './1764288000000-reminders.js';
import { Commitments1764460800000 } from './1764460800000-commitments.js';
import { Corrections1764547200000 } from './1764547200000-corrections.js';
import { NoticeAssignee1764633600000 } from './1764633600000-notice-assignee.js';
import { Imports1764806400000 } from './1764806400000-imports.js';
import { Search1764720000000 } from './1764720000000-search.js';
import { EvidenceCapture1764979200000 } from './1764979200000-evidence-capture.js';
import { EvidenceBlobs1796460000000 } from './1796460000000-evidence-blobs.js';
import { WebDesk1765065600000 } from './1765065600000-web-desk.js';
import { JobLeases1765152000000 } from './1765152000000-job-leases.js';
import { ReadIndexes1765238400000 } from './1765238400000-read-indexes.js';
import { ReminderChanges1765324800000 } from './1765324800000-reminder-changes.js';
import { AgendaIndex1765411200000 } from './1765411200000-agenda-index.js';
import { SignalPhrases1765584000000 } from './1765584000000-signal-phrases.js';
import { RightOfReplyComments1765670400000 } from './1765670400000-right-of-reply-comments.js';
import { WebSessions1796296970547 } from './1796296970547-web-sessions.js';
import { TokenIssued1796297023576 } from './1796297023576-token-issued.js';
import { DeadlineBasisFacts1796297076436 } from './1796297076436-deadline-basis-facts.js';
import { ImportRuns1796297226617 } from './1796297226617-import-runs.js';
import { FormalNoticeReference1796300000000 } from './1796300000000-formal-notice-reference.js';
import { NoticeDecisions1796320000000 } from './1796320000000-notice-decisions.js';
import { LetterTemplates1796350000000 } from './1796350000000-letter-templates.js';
import { PressPrescription1796330000000 } from './1796330000000-press-prescription.js';
import { CalendarFeeds1796360000000 } from './1796360000000-calendar-feeds.js';
import { PersonalValues1796450000000 } from './1796450000000-personal-values.js';
import { TimelineRemovals1796470000000 } from './1796470000000-timeline-removals.js';
import { DsaNotice1796310000000 } from './1796310000000-dsa-notice.js';
import { RightOfReplyLength1796340000000 } from './1796340000000-right-of-reply-length.js';
import { DeskNotifications1796440000000 } from './1796440000000-desk-notifications.js';
import { OwedReplies1796480000000 } from './1796480000000-owed-replies.js';
import { ObservationReasons1796490000000 } from './1796490000000-observation-reasons.js';

/** Every migration, oldest first. They run at start and are valid on SQLite and PostgreSQL. */
export const migrations = [
  Core1764115200000,
  Legal1764201600000,
  Reminders1764288000000,
  Commitments1764460800000,
  Corrections1764547200000,
  NoticeAssignee1764633600000,
  Search1764720000000,
  Imports1764806400000,
  EvidenceCapture1764979200000,
  WebDesk1765065600000,
  JobLeases1765152000000,
  ReadIndexes1765238400000,
  ReminderChanges1765324800000,
  AgendaIndex1765411200000,
  SignalPhrases1765584000000,
  RightOfReplyComments1765670400000,
  WebSessions1796296970547,
  TokenIssued1796297023576,
  DeadlineBasisFacts1796297076436,
  ImportRuns1796297226617,
  FormalNoticeReference1796300000000,
  NoticeDecisions1796320000000,
  LetterTemplates1796350000000,
  PressPrescription1796330000000,
  CalendarFeeds1796360000000,
  DsaNotice1796310000000,
  RightOfReplyLength1796340000000,
  DeskNotifications1796440000000,
  PersonalValues1796450000000,
  EvidenceBlobs1796460000000,
  TimelineRemovals1796470000000,
  OwedReplies1796480000000,
  ObservationReasons1796490000000,
];
