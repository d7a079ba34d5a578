import type { Locale } from '../i18n/i18n.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationMessages } from '../common/validation.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EnvDto, type EvidenceStoreKind, type ProcessRole } from './env.dto.js';
import { durationMs } from './is-iso-duration.validator.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/** Milliseconds an inbound comment may wait for a reply, per incident severity. */
export type ResponseSla = { critical: number; high: number; medium: number; low: number };

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/** Typed configuration, built once at boot from the environment. */
export class AppConfig {
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly roles: ReadonlySet<ProcessRole>;
  readonly adminToken?: string;
  readonly timeZone: string;
  /** The desk's language (CALUMET_LANGUAGE, en by default): what Calumet sends people who chose none, and its webhook. */
  readonly language: Locale;
  readonly smtpUrl?: string;
  readonly mailFrom: string;
  /** The letterhead of letters (LETTER_SENDER_NAME, LETTER_SENDER_ADDRESS with its lines apart); empty when unset. */
  readonly letterhead: { name: string; address: string };
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  readonly publicUrl: string;
  /** Signs the web desk's session cookie; when unset, a key made on first start is kept in the database. */
  readonly sessionSecret?: string;
  readonly evidenceDir: string;
  /** Where evidence bytes live (EVIDENCE_STORE): postgres by default on a PostgreSQL database, else directory. */
  readonly evidenceStore: EvidenceStoreKind;
  /** Staged WordPress exports of imports not yet finished (a resumed import reads its file again). */
  readonly importsDir: string;
  readonly importBatchSize: number;
  /** What an import's unit of work aims to take (its batch sized to it), or 0: batches of importBatchSize. 50 ms on SQLite, 200 ms on PostgreSQL. */
  readonly importBatchMs: number;
  /** A running job's lock in Redis (BullMQ lockDuration, and the stalled-job check interval). */
  readonly jobLockMs: number;
  /** SQLite: how long a unit of work waits for another process's write lock (SQLITE_LOCK_WAIT, PT1M by default). */
  readonly sqliteLockWaitMs: number;
  /** An import whose runner has not renewed its lease for this long is resumed by another process. */
  readonly importLeaseMs: number;
  readonly fetchAllowPrivate: boolean;
  readonly youtubeApiKey: string | null;
  readonly youtubeApiUrl: string;
  /**
   * On SQLite, every statement is checked against the unit of work it runs in
   * and a write outside one is refused (TransactionService). Knowing the unit
   * takes async context tracking, which Node 20 pays on every promise of every
   * request (a quarter of GET /api/me): on under tests, where every code path
   * is run, off otherwise unless asked for.
   */
  readonly unitGuard: boolean;
  /** Time limit of one page fetch, redirects and body included. */
  readonly fetchTimeoutMs: number;
  readonly rateLimitPerMinute: number;
  /** Notices the public form takes from one address in an hour (0: no limit). */
  readonly publicNoticesPerHour: number;
  /** The least age of the public form's token, in milliseconds, when a notice is sent with it. */
  readonly publicNoticeMinAgeMs: number;
  /** The country whose law the public form's notices are recorded under. */
  readonly publicNoticeJurisdiction: string;
  readonly maxBodyBytes: number;
  readonly maxUploadBytes: number;
  readonly logLevel: string;
  readonly responseSla: ResponseSla;
  /** How many response_due reminders go out for one comment before the escalation notice. */
  readonly responseReminders: number;
  /** Milliseconds before a legal notice's respondBy, longest first; 0 is the deadline itself. */
  readonly reminderLeadTimes: number[];
  readonly deliveryAttempts: number;
  readonly deliveryBackoffMs: number;
  readonly deliveryStaleAfterMs: number;
  readonly reconcileIntervalMs: number;
  /** Reminders due within this are armed when written; later ones by the reconciler (ALARM_HORIZON, at least 2 × RECONCILE_INTERVAL). */
  readonly alarmHorizonMs: number;
  /** SHUTDOWN_TIMEOUT: how long a stop may take before the process names what held it and exits. */
  readonly shutdownTimeoutMs: number;
  readonly workerConcurrency: number;
  readonly verifyIntervalMs: number;
  readonly backfillGraceMs: number;
  readonly fallbackPollIntervalMs: number;
  /** An imported inbound comment older than this owes no reply. */
  readonly importReplyWindowMs: number;
  readonly watchIntervalMs: number;
  /** A verified commitment's page is checked again every recheckIntervalMs for recheckForMs after it was verified. */
  readonly recheckIntervalMs: number;
  readonly recheckForMs: number;
  /** The Chromium of page captures (CHROMIUM_PATH): evidence of what a reader's browser showed. */
  readonly chromiumPath: string;
  /** The Chromium that prints dossiers and letters (PRINT_CHROMIUM_PATH): pages Calumet wrote itself. */
  readonly printChromiumPath: string;
  /** The longest one capture may take (CAPTURE_MAX_MS, else CAPTURE_TIMEOUT). */
  readonly captureTimeoutMs: number;
  /** Bytes one capture may fetch, all its requests together. */
  readonly captureMaxBytes: number;
  /** Resident memory of a capture's browser processes together, in MB. */
  readonly captureMaxRssMb: number;
  /** Private addresses the fetcher and the browser capture may reach all the same. */
  readonly fetchAllowAddresses: string[];
  /** Whose X-Forwarded-* headers are believed (TRUST_PROXY); nobody's by default. */
  readonly trustProxy: TrustProxy;
  /** Hour and minute of the daily seal, in timeZone. */
  readonly sealAt: { hour: number; minute: number };
  /** Scheduled backups (docs/operations.md): where the worker writes them (none when unset), how often, how many are kept. */
  readonly backup: { dir: string | null; intervalMs: number; keep: number };
  /** Retention (docs/legal.md): how long an incident is kept in each state that has a rule (ISO-8601, calendar arithmetic in timeZone), and whether the worker purges by itself. */
  readonly retention: { rules: RetentionRule[]; auto: boolean };

  constructor(env: EnvDto) {
    this.port = env.PORT ?? 3000;
    this.database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/calumet.sqlite');
    this.redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    this.redisPrefix = env.REDIS_PREFIX ?? 'calumet';
    this.roles = new Set(env.CALUMET_ROLES?.length ? env.CALUMET_ROLES : ['api', 'worker']);
    this.adminToken = env.CALUMET_ADMIN_TOKEN;
    this.timeZone = env.CALUMET_TZ ?? 'Europe/Paris';
    this.language = env.CALUMET_LANGUAGE ?? 'en';
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM ?? 'Calumet <calumet@localhost>';
    this.letterhead = {
      name: env.LETTER_SENDER_NAME?.trim() ?? '',
      address: (env.LETTER_SENDER_ADDRESS ?? '')
        .split('|')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
    };
    this.webhookUrl = env.WEBHOOK_URL;
    this.webhookSecret = env.WEBHOOK_SECRET;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
    this.sessionSecret = env.SESSION_SECRET;
    this.evidenceDir = resolve(env.EVIDENCE_DIR ?? './data/evidence');
    this.evidenceStore = env.EVIDENCE_STORE ?? (this.database.type === 'postgres' ? 'postgres' : 'directory');
    this.importsDir = resolve(env.IMPORTS_DIR ?? join(dirname(this.evidenceDir), 'imports'));
    this.importBatchSize = env.IMPORT_BATCH_SIZE ?? 250;
    // SQLite has one writer: a batch holds every other write back. On PostgreSQL only the writers of the same incident wait for it.
    this.importBatchMs = env.IMPORT_BATCH_MS ?? (env.IMPORT_BATCH_SIZE ? 0 : this.database.type === 'postgres' ? 200 : 50);
    this.jobLockMs = durationMs(env.JOB_LOCK ?? 'PT30S');
    this.sqliteLockWaitMs = durationMs(env.SQLITE_LOCK_WAIT ?? 'PT1M');
    this.importLeaseMs = durationMs(env.IMPORT_LEASE ?? 'PT30S');
    this.fetchAllowPrivate = env.FETCH_ALLOW_PRIVATE ?? false;
    this.youtubeApiKey = env.YOUTUBE_API_KEY ?? null;
    this.youtubeApiUrl = (env.YOUTUBE_API_URL ?? 'https://www.googleapis.com/youtube/v3').replace(/\/+$/, '');
    this.unitGuard = env.CALUMET_UNIT_GUARD ?? env.NODE_ENV === 'test';
    this.fetchTimeoutMs = env.FETCH_TIMEOUT_MS ?? 15_000;
    this.rateLimitPerMinute = env.RATE_LIMIT_PER_MINUTE ?? 600;
    this.publicNoticesPerHour = env.PUBLIC_NOTICES_PER_HOUR ?? 10;
    this.publicNoticeMinAgeMs = (env.PUBLIC_NOTICE_MIN_AGE_SECONDS ?? 3) * 1000;
    this.publicNoticeJurisdiction = env.PUBLIC_NOTICE_JURISDICTION ?? 'FR';
    this.maxBodyBytes = env.MAX_BODY_BYTES ?? 1024 * 1024;
    this.maxUploadBytes = env.MAX_UPLOAD_BYTES ?? 25 * 1024 * 1024;
    this.logLevel = env.LOG_LEVEL ?? 'info';
    this.responseSla = {
      critical: durationMs(env.RESPONSE_SLA_CRITICAL ?? 'PT1H'),
      high: durationMs(env.RESPONSE_SLA_HIGH ?? 'PT4H'),
      medium: durationMs(env.RESPONSE_SLA_MEDIUM ?? 'PT24H'),
      low: durationMs(env.RESPONSE_SLA_LOW ?? 'PT72H'),
    };
    this.responseReminders = env.RESPONSE_REMINDERS ?? 3;
    this.reminderLeadTimes = [...new Set((env.REMINDER_LEAD_TIMES ?? ['PT48H', 'PT24H', 'PT0S']).map(durationMs))].sort((a, b) => b - a);
    this.deliveryAttempts = env.DELIVERY_ATTEMPTS ?? 5;
    this.deliveryBackoffMs = durationMs(env.DELIVERY_BACKOFF ?? 'PT30S');
    this.reconcileIntervalMs = durationMs(env.RECONCILE_INTERVAL ?? 'PT1M');
    this.alarmHorizonMs = durationMs(env.ALARM_HORIZON ?? 'PT1H');
    this.shutdownTimeoutMs = durationMs(env.SHUTDOWN_TIMEOUT ?? 'PT8S');
    this.deliveryStaleAfterMs = durationMs(env.DELIVERY_STALE_AFTER ?? 'PT2M');
    this.workerConcurrency = env.WORKER_CONCURRENCY ?? 20;
    this.verifyIntervalMs = durationMs(env.VERIFY_INTERVAL ?? 'PT6H');
    this.backfillGraceMs = durationMs(env.BACKFILL_GRACE ?? 'PT5M');
    this.fallbackPollIntervalMs = durationMs(env.FALLBACK_POLL_INTERVAL ?? 'PT5S');
    this.importReplyWindowMs = durationMs(env.IMPORT_REPLY_WINDOW ?? 'P30D');
    this.watchIntervalMs = durationMs(env.WATCH_INTERVAL ?? 'PT10M');
    this.recheckIntervalMs = durationMs(env.RECHECK_INTERVAL ?? 'P1D');
    this.recheckForMs = durationMs(env.RECHECK_FOR ?? 'P90D');
    this.chromiumPath = env.CHROMIUM_PATH ?? CAPTURE_CHROMIUM;
    this.printChromiumPath = env.PRINT_CHROMIUM_PATH ?? printChromium(this.chromiumPath);
    this.captureTimeoutMs = env.CAPTURE_MAX_MS ?? durationMs(env.CAPTURE_TIMEOUT ?? 'PT2M');
    this.captureMaxBytes = env.CAPTURE_MAX_BYTES ?? 100 * 1024 * 1024;
    this.captureMaxRssMb = env.CAPTURE_MAX_RSS_MB ?? 600;
    this.fetchAllowAddresses = env.FETCH_ALLOW_ADDRESSES ?? [];
    this.trustProxy = parseTrustProxy(env.TRUST_PROXY) ?? { kind: 'none' };
    const [hour, minute] = (env.SEAL_AT ?? '03:00').split(':').map(Number);
    this.sealAt = { hour: hour!, minute: minute! };
    const rules: RetentionRule[] = [
      { state: 'closed' as const, period: env.RETENTION_CLOSED ?? 'P6Y' },
      { state: 'resolved' as const, period: env.RETENTION_RESOLVED ?? 'off' },
    ].filter((rule) => rule.period !== 'off');
    this.retention = { rules, auto: env.RETENTION_AUTO ?? false };
    this.backup = { dir: env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : null, intervalMs: durationMs(env.BACKUP_INTERVAL ?? 'P1D'), keep: env.BACKUP_KEEP ?? 7 };
  }

  hasRole(role: ProcessRole): boolean {
    return this.roles.has(role);
  }
}

/** An incident in `state` since `period` (ISO-8601) is due for purge. */
export interface RetentionRule {
  state: 'closed' | 'resolved';
  period: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  return { type: 'postgres', url };
}

/**
 * The Chromium of page captures when CHROMIUM_PATH says none: Debian's, the browser itself in its headless mode (the
 * same code as the window a reader opens), for a capture is evidence of what such a browser showed.
 */
export const CAPTURE_CHROMIUM = '/usr/bin/chromium';
/** Debian's Chromium headless shell (the package chromium-headless-shell): what Playwright runs headless. */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The Chromium that prints dossiers and letters when PRINT_CHROMIUM_PATH says none: Debian's headless shell when it is
 * installed, else the captures' Chromium. The shell is the same Blink without the browser around it (an older, leaner
 * headless of its own): it prints a page Calumet wrote, with no script and nothing fetched, in about 0.8 CPU-seconds
 * against 2 for the browser, started and closed. It does not take captures: what it shows may differ from what a
 * reader's browser shows (fonts, media), and a capture is evidence of the latter.
 */
export function printChromium(captures: string, exists: (path: string) => boolean = existsSync): string {
  return exists(HEADLESS_SHELL) ? HEADLESS_SHELL : captures;
}

/** Validates the environment; a bad variable throws a ConfigError naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const dto = plainToInstance(EnvDto, present);
  const errors = validateSync(dto, { whitelist: true });
  if (errors.length) throw new ConfigError(validationMessages(errors));
  const config = new AppConfig(dto);
  if (config.evidenceStore === 'postgres' && config.database.type !== 'postgres') {
    throw new ConfigError(['EVIDENCE_STORE=postgres needs a PostgreSQL DATABASE_URL: the evidence bytes are kept in that database']);
  }
  if (config.alarmHorizonMs < 2 * config.reconcileIntervalMs) {
    throw new ConfigError([
      `ALARM_HORIZON must be at least twice RECONCILE_INTERVAL: the reconciler arms a reminder once it is due within the horizon, so a pass must come while it is still ahead`,
    ]);
  }
  return config;
}

/** The configuration of a process about to start (the service, a CLI): a bad variable is printed, naming it, and the process exits 78. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}
