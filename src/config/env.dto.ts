import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsIP, IsISO31661Alpha2, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, Validate, ValidateIf } from 'class-validator';
import { LOCALES, type Locale } from '../i18n/i18n.js';
import { IsIsoDuration } from './is-iso-duration.validator.js';
import { IsTimeZone } from './is-time-zone.validator.js';
import { IsTrustProxy } from './is-trust-proxy.validator.js';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value;

export const EVIDENCE_STORES = ['directory', 'postgres'] as const;
export type EvidenceStoreKind = (typeof EVIDENCE_STORES)[number];

export const PROCESS_ROLES = ['api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** The environment, as documented in README.md. Empty strings count as unset. */
export class EnvDto {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'DATABASE_URL must be sqlite:<path> or postgres://user@host:port/db' })
  DATABASE_URL?: string;

  @IsOptional() @IsString() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @MaxLength(64) @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, dot, dash and underscore' })
  REDIS_PREFIX?: string;

  @IsOptional() @Transform(toList) @IsIn(PROCESS_ROLES, { each: true, message: 'CALUMET_ROLES must be a comma-separated list of api, worker' })
  CALUMET_ROLES?: ProcessRole[];

  @IsOptional() @IsString() @MinLength(24, { message: 'CALUMET_ADMIN_TOKEN must be at least 24 characters' }) @MaxLength(200)
  CALUMET_ADMIN_TOKEN?: string;

  @IsOptional() @IsString() @Validate(IsTimeZone)
  CALUMET_TZ?: string;

  /** The desk's language: what a person reads before choosing theirs, in the desk and in what Calumet sends them. */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value)) @IsIn(LOCALES, { message: 'CALUMET_LANGUAGE must be en or fr' })
  CALUMET_LANGUAGE?: Locale;

  @IsOptional() @IsString() @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @MaxLength(200)
  MAIL_FROM?: string;

  /** The letterhead of the letters Calumet fills: the name of the organisation that sends them. */
  @IsOptional() @IsString() @MaxLength(200)
  LETTER_SENDER_NAME?: string;

  /** The letterhead's postal address, its lines separated by `|` (`12 rue de la Paix|75002 Paris`). */
  @IsOptional() @IsString() @MaxLength(1000)
  LETTER_SENDER_ADDRESS?: string;

  @IsOptional() @IsString() @Matches(/^https?:\/\/.+/, { message: 'WEBHOOK_URL must be an http:// or https:// URL' })
  WEBHOOK_URL?: string;

  /** Required with WEBHOOK_URL: every webhook is signed. */
  @ValidateIf((env: EnvDto) => env.WEBHOOK_URL !== undefined || env.WEBHOOK_SECRET !== undefined)
  @IsString({ message: 'WEBHOOK_SECRET is required when WEBHOOK_URL is set' })
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET?: string;

  @IsOptional() @IsString() @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' }) @MaxLength(500)
  SESSION_SECRET?: string;

  @IsOptional() @IsString()
  EVIDENCE_DIR?: string;

  /**
   * Where evidence bytes live: `directory` (EVIDENCE_DIR, one host's disk) or
   * `postgres` (in the database, chunked: every API and worker host reads
   * them). Default: postgres on a PostgreSQL database, directory on SQLite.
   */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)) @IsIn(EVIDENCE_STORES, { message: 'EVIDENCE_STORE must be directory or postgres' })
  EVIDENCE_STORE?: EvidenceStoreKind;

  /** Where an import's WordPress export is kept until the import has finished (default: beside EVIDENCE_DIR). */
  @IsOptional() @IsString()
  IMPORTS_DIR?: string;

  /** How long a worker's hold on a running job lasts without renewal (renewed while it lives): a killed worker's jobs run again after this. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  JOB_LOCK?: string;

  /** SQLite: how long a unit of work waits for another process's write lock before it fails with SQLITE_BUSY. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [100])
  SQLITE_LOCK_WAIT?: string;

  /** Comments written per unit of work by an import. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(5000)
  IMPORT_BATCH_SIZE?: number;

  /** How long an import's unit of work aims to take (ms; 50 on SQLite, 200 on PostgreSQL): its batches grow or shrink to it. 0 = batches of IMPORT_BATCH_SIZE; the default when that is set. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000)
  IMPORT_BATCH_MS?: number;

  /** How long an import's runner is trusted without news before another process resumes it. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  IMPORT_LEASE?: string;

  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'FETCH_ALLOW_PRIVATE must be true or false' })
  FETCH_ALLOW_PRIVATE?: boolean;

  /** A YouTube Data API v3 key: without it, YouTube videos' comments are not imported. */
  @IsOptional() @IsString() @MinLength(1)
  YOUTUBE_API_KEY?: string;

  /** Where the YouTube Data API answers (a test's local server); Google's by default. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'YOUTUBE_API_URL must be an http(s) address' })
  YOUTUBE_API_URL?: string;

  /** On SQLite, refuse every write made outside a unit of work (default: on when NODE_ENV is test). */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'CALUMET_UNIT_GUARD must be true or false' })
  CALUMET_UNIT_GUARD?: boolean;

  @IsOptional() @IsString()
  NODE_ENV?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  FETCH_TIMEOUT_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  MAX_BODY_BYTES?: number;

  /** Notices the public form (/report and its API) takes from one address in an hour, refused ones counted; 0: no limit (docs/legal.md). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  PUBLIC_NOTICES_PER_HOUR?: number;

  /** The least age, in seconds, of the public form's signed token when a notice is sent with it: a person takes longer to fill the form. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(600)
  PUBLIC_NOTICE_MIN_AGE_SECONDS?: number;

  /** The country whose law notices from the public form are recorded under (ISO 3166-1 alpha-2): the host's. */
  @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)) @IsISO31661Alpha2()
  PUBLIC_NOTICE_JURISDICTION?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  MAX_UPLOAD_BYTES?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  // Reminders (docs/reminders.md). Durations are ISO-8601: PT1H, PT30S, P3D.
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RESPONSE_SLA_CRITICAL?: string;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RESPONSE_SLA_HIGH?: string;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RESPONSE_SLA_MEDIUM?: string;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RESPONSE_SLA_LOW?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10)
  RESPONSE_REMINDERS?: number;

  @IsOptional() @Transform(toList)
  @Validate(IsIsoDuration, { each: true, message: 'REMINDER_LEAD_TIMES must be a comma-separated list of ISO-8601 durations such as PT48H,PT24H,PT0S' })
  REMINDER_LEAD_TIMES?: string[];

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(20)
  DELIVERY_ATTEMPTS?: number;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [100])
  DELIVERY_BACKOFF?: string;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RECONCILE_INTERVAL?: string;

  /** Reminders due within this are armed in Redis when written; those due later, by the reconciler as they come within it. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  ALARM_HORIZON?: string;

  /** How long a stop (SIGTERM, SIGINT) may take: past it, the process says what it still waits for and exits with code 1. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  SHUTDOWN_TIMEOUT?: string;

  /** A mail or webhook still `sending` after this long was cut short by a crash: it is marked unknown, never sent again. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  DELIVERY_STALE_AFTER?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  WORKER_CONCURRENCY?: number;

  /** How often a page is checked again until it shows a commitment kept (or a post's desired indexing). */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  VERIFY_INTERVAL?: string;

  /** A comment logged after its reply was owed is first reminded no sooner than this after it was logged. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [0])
  BACKFILL_GRACE?: string;

  /** While Redis is away, how often the worker runs what the database says is due. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [200])
  FALLBACK_POLL_INTERVAL?: string;

  /** An imported comment older than this owes no reply (docs/imports.md). */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [0])
  IMPORT_REPLY_WINDOW?: string;

  /** How often a watched post's comments are synced again while its incident is open. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  WATCH_INTERVAL?: string;

  /** How often a verified commitment's page is checked again, and for how long after it was verified. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  RECHECK_INTERVAL?: string;

  @IsOptional() @IsString() @Validate(IsIsoDuration, [0])
  RECHECK_FOR?: string;

  /** The Chromium that takes page captures (and prints dossiers and letters unless PRINT_CHROMIUM_PATH says another). */
  @IsOptional() @IsString() @MaxLength(1000)
  CHROMIUM_PATH?: string;

  /** The Chromium that prints dossiers and letters: Debian's headless shell when installed, else CHROMIUM_PATH's. */
  @IsOptional() @IsString() @MaxLength(1000)
  PRINT_CHROMIUM_PATH?: string;

  /** The longest a page capture may take, every request of the page included. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [1000])
  CAPTURE_TIMEOUT?: string;

  /**
   * Whose X-Forwarded-* headers are believed: unset (nobody: the address is
   * the TCP peer's), a hop count (the nearest N proxies), or comma-separated
   * proxy addresses and CIDR ranges.
   */
  @IsOptional() @IsString() @Validate(IsTrustProxy)
  TRUST_PROXY?: string;

  /** The bytes one capture may fetch, every request of the page counted; beyond, the capture stops and keeps what it has. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024 * 1024) @Max(10 * 1024 * 1024 * 1024)
  CAPTURE_MAX_BYTES?: number;

  /** The milliseconds one capture may take, every request counted (CAPTURE_TIMEOUT when unset); beyond, it stops and keeps what it has. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000)
  CAPTURE_MAX_MS?: number;

  /** The resident memory (MB) the capture's browser processes may use together; beyond, the browser is killed and the capture cut. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(64 * 1024)
  CAPTURE_MAX_RSS_MB?: number;

  /** Addresses fetched even though they are private or loopback (an intranet site), comma-separated IPs. */
  @IsOptional() @Transform(toList) @IsIP(undefined, { each: true, message: 'FETCH_ALLOW_ADDRESSES must be a comma-separated list of IP addresses' })
  FETCH_ALLOW_ADDRESSES?: string[];

  /** The time of day (HH:MM in CALUMET_TZ) the daily seal is made. */
  @IsOptional() @IsString() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'SEAL_AT must be a time of day HH:MM, such as 03:00' })
  SEAL_AT?: string;

  /** Where the worker writes its scheduled backups (docs/operations.md); unset, the worker makes none. */
  @IsOptional() @IsString() @MaxLength(1000)
  BACKUP_DIR?: string;

  /** How often the worker makes a backup into BACKUP_DIR. */
  @IsOptional() @IsString() @Validate(IsIsoDuration, [60_000])
  BACKUP_INTERVAL?: string;

  /** How many complete backups the worker keeps in BACKUP_DIR: older ones are removed after a new one is written. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  BACKUP_KEEP?: number;

  /** How long a closed incident is kept after closing before it is due for purge (docs/legal.md, "Retention"): an ISO-8601 duration of a day or more, or `off`. */
  @IsOptional() @IsString() @ValidateIf((env: EnvDto) => env.RETENTION_CLOSED !== 'off')
  @Validate(IsIsoDuration, [86_400_000], { message: 'RETENTION_CLOSED must be an ISO-8601 duration of a day or more, such as P6Y, or off' })
  RETENTION_CLOSED?: string;

  /** The same for a resolved incident never closed, after its resolution; `off` (the default) keeps them. */
  @IsOptional() @IsString() @ValidateIf((env: EnvDto) => env.RETENTION_RESOLVED !== 'off')
  @Validate(IsIsoDuration, [86_400_000], { message: 'RETENTION_RESOLVED must be an ISO-8601 duration of a day or more, such as P10Y, or off' })
  RETENTION_RESOLVED?: string;

  /** Whether the worker purges what is due by itself; off, nothing is purged but by an admin who saw the list. */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'RETENTION_AUTO must be true or false' })
  RETENTION_AUTO?: boolean;
}
