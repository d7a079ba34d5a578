import type { AppConfig } from '../config/app-config.js';

/**
 * The typed catalogue of queue jobs: every job's name, its payload and its
 * queue, in one place. Payloads carry ids only: handlers reload the rows.
 */
export enum QueueName {
  Reminders = 'reminders',
  PageChecks = 'page-checks',
  Imports = 'imports',
  Captures = 'captures',
  Seals = 'seals',
  Backups = 'backups',
  Retention = 'retention',
}

/** A job is named for what it does. */
export enum JobName {
  DeliverReminder = 'DeliverReminder',
  ReconcileReminders = 'ReconcileReminders',
  CheckCommitment = 'CheckCommitment',
  CheckPostIndexing = 'CheckPostIndexing',
  SweepPageChecks = 'SweepPageChecks',
  SyncWatchedPost = 'SyncWatchedPost',
  SweepWatches = 'SweepWatches',
  CapturePage = 'CapturePage',
  SweepCaptures = 'SweepCaptures',
  MakeDailySeal = 'MakeDailySeal',
  MakeBackup = 'MakeBackup',
  PurgeDueIncidents = 'PurgeDueIncidents',
  RecountOwedReplies = 'RecountOwedReplies',
}

export type JobItem =
  | { name: JobName.DeliverReminder; data: { reminderId: string; version: number } }
  | { name: JobName.ReconcileReminders; data: Record<string, never> }
  | { name: JobName.CheckCommitment; data: { commitmentId: string } }
  | { name: JobName.CheckPostIndexing; data: { postId: string } }
  | { name: JobName.SweepPageChecks; data: Record<string, never> }
  | { name: JobName.SyncWatchedPost; data: { postId: string } }
  | { name: JobName.SweepWatches; data: Record<string, never> }
  | { name: JobName.CapturePage; data: { evidenceId: string } }
  | { name: JobName.SweepCaptures; data: Record<string, never> }
  | { name: JobName.MakeDailySeal; data: Record<string, never> }
  | { name: JobName.MakeBackup; data: Record<string, never> }
  | { name: JobName.PurgeDueIncidents; data: Record<string, never> }
  | { name: JobName.RecountOwedReplies; data: Record<string, never> };

export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DeliverReminder]: QueueName.Reminders,
  [JobName.ReconcileReminders]: QueueName.Reminders,
  [JobName.CheckCommitment]: QueueName.PageChecks,
  [JobName.CheckPostIndexing]: QueueName.PageChecks,
  [JobName.SweepPageChecks]: QueueName.PageChecks,
  [JobName.SyncWatchedPost]: QueueName.Imports,
  [JobName.SweepWatches]: QueueName.Imports,
  [JobName.CapturePage]: QueueName.Captures,
  [JobName.SweepCaptures]: QueueName.Captures,
  [JobName.MakeDailySeal]: QueueName.Seals,
  [JobName.MakeBackup]: QueueName.Backups,
  [JobName.PurgeDueIncidents]: QueueName.Retention,
  [JobName.RecountOwedReplies]: QueueName.Reminders,
};

/** Queues that run fewer jobs at once than WORKER_CONCURRENCY: each capture runs a Chromium. */
export const QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> = { [QueueName.Captures]: 2, [QueueName.Backups]: 1, [QueueName.Retention]: 1 };

export interface JobSchedule {
  /** The BullMQ job scheduler id (no `:`). */
  id: string;
  job: JobItem;
  everyMs: (config: AppConfig) => number;
}

/** Jobs run on a schedule; every worker asserts these schedulers and runs each job once when it (re)connects. */
export const JOB_SCHEDULES: readonly JobSchedule[] = [
  { id: 'reconcile-reminders', job: { name: JobName.ReconcileReminders, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // The rows say which pages are due for a check; the sweep enqueues them, so a lost Redis loses no check.
  { id: 'sweep-page-checks', job: { name: JobName.SweepPageChecks, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  { id: 'sweep-watches', job: { name: JobName.SweepWatches, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // A pending capture whose job Redis lost is armed again.
  { id: 'sweep-captures', job: { name: JobName.SweepCaptures, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // The seal's row says whether today's is made: the job makes it once SEAL_AT has passed.
  { id: 'daily-seal', job: { name: JobName.MakeDailySeal, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // BACKUP_DIR says when the last backup was made: the job makes the next once BACKUP_INTERVAL has passed (none without BACKUP_DIR).
  { id: 'backup', job: { name: JobName.MakeBackup, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // With RETENTION_AUTO, the rows say what is due for purge: the job purges it (nothing without RETENTION_AUTO).
  { id: 'purge-due-incidents', job: { name: JobName.PurgeDueIncidents, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
  // The replies owed (src/comments/owed-replies.ts) are rebuilt from the comments once a day: the job recounts once the last count is a day old.
  { id: 'recount-owed-replies', job: { name: JobName.RecountOwedReplies, data: {} }, everyMs: (config) => config.reconcileIntervalMs },
];

/** What a handler learns about the run besides the payload. */
export interface JobRun {
  jobId: string;
  /** 1 for the first run, 2 for the first retry… */
  attempt: number;
  /** No retry follows if this run throws. */
  lastAttempt: boolean;
}

export type JobHandler<N extends JobName = JobName> = (data: JobOf<N>['data'], run: JobRun) => Promise<unknown>;
