import { ConfigError, loadConfig, printChromium } from './app-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const sut = loadConfig({});
    expect(sut.port).toBe(3000);
    expect(sut.database).toEqual({ type: 'sqlite', path: expect.stringMatching(/data\/calumet\.sqlite$/) });
    expect(sut.redisUrl).toBe('redis://127.0.0.1:6379');
    expect([...sut.roles]).toEqual(['api', 'worker']);
    expect(sut.timeZone).toBe('Europe/Paris');
    expect(sut.fetchAllowPrivate).toBe(false);
    expect(sut.fetchTimeoutMs).toBe(15_000);
    expect(sut.rateLimitPerMinute).toBe(600);
    expect(sut.maxBodyBytes).toBe(1024 * 1024);
    expect(sut.maxUploadBytes).toBe(25 * 1024 * 1024);
  });

  it('takes captures in Debian’s Chromium and prints in its headless shell when installed, else in the captures’ Chromium, unless told', () => {
    const asked: string[] = [];
    expect(printChromium('/usr/bin/chromium', (path) => (asked.push(path), path === '/usr/bin/chromium-headless-shell'))).toBe('/usr/bin/chromium-headless-shell');
    expect(asked).toEqual(['/usr/bin/chromium-headless-shell']);
    expect(printChromium('/opt/chrome/chrome', () => false)).toBe('/opt/chrome/chrome');
    const sut = loadConfig({});
    expect(sut.chromiumPath).toBe('/usr/bin/chromium');
    // This machine has the shell (npm run test:setup installs it): the default prints there.
    expect(sut.printChromiumPath).toBe('/usr/bin/chromium-headless-shell');
    expect(loadConfig({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toMatchObject({ chromiumPath: '/opt/chrome/chrome', printChromiumPath: '/usr/bin/chromium-headless-shell' });
    expect(loadConfig({ CHROMIUM_PATH: '/opt/chrome/chrome', PRINT_CHROMIUM_PATH: '/opt/shell/shell' })).toMatchObject({ chromiumPath: '/opt/chrome/chrome', printChromiumPath: '/opt/shell/shell' });
  });

  it('applies the documented reminder defaults', () => {
    const sut = loadConfig({});
    expect(sut.responseSla).toEqual({ critical: 3_600_000, high: 4 * 3_600_000, medium: 24 * 3_600_000, low: 72 * 3_600_000 });
    expect(sut.responseReminders).toBe(3);
    expect(sut.reminderLeadTimes).toEqual([48 * 3_600_000, 24 * 3_600_000, 0]);
    expect(sut.deliveryAttempts).toBe(5);
    expect(sut.deliveryBackoffMs).toBe(30_000);
    expect(sut.reconcileIntervalMs).toBe(60_000);
    expect(sut.alarmHorizonMs).toBe(3_600_000);
    expect(sut.shutdownTimeoutMs).toBe(8000);
    expect(sut.deliveryStaleAfterMs).toBe(120_000);
    expect(sut.verifyIntervalMs).toBe(6 * 3600_000);
    expect(sut.workerConcurrency).toBe(20);
  });

  it('applies the documented import defaults: a reply window of 30 days, a watch every 10 minutes', () => {
    const sut = loadConfig({});
    expect(sut.importReplyWindowMs).toBe(30 * 86_400_000);
    expect(sut.watchIntervalMs).toBe(600_000);
  });

  it('applies the documented import batch and capture budget defaults', () => {
    const sut = loadConfig({ EVIDENCE_DIR: '/srv/calumet/evidence' });
    expect(sut.importBatchSize).toBe(250);
    expect(sut.importBatchMs).toBe(50);
    expect(loadConfig({ DATABASE_URL: 'postgres://calumet@db/calumet' }).importBatchMs).toBe(200);
    expect(loadConfig({ IMPORT_BATCH_SIZE: '100' }).importBatchMs).toBe(0);
    expect(loadConfig({ IMPORT_BATCH_SIZE: '100', IMPORT_BATCH_MS: '80' }).importBatchMs).toBe(80);
    expect(sut.importLeaseMs).toBe(30_000);
    expect(sut.jobLockMs).toBe(30_000);
    expect(sut.importsDir).toBe('/srv/calumet/imports');
    expect(sut.captureMaxBytes).toBe(100 * 1024 * 1024);
    expect(sut.captureTimeoutMs).toBe(120_000);
    expect(sut.captureMaxRssMb).toBe(600);
    expect(loadConfig({ CAPTURE_TIMEOUT: 'PT1M', CAPTURE_MAX_MS: '5000' }).captureTimeoutMs).toBe(5000);
  });

  it('reads reminder durations as ISO-8601 and sorts the lead times longest first', () => {
    const sut = loadConfig({ RESPONSE_SLA_CRITICAL: 'PT2S', RESPONSE_SLA_LOW: 'P3D', REMINDER_LEAD_TIMES: 'PT0S, P1D,PT1H,P1D', DELIVERY_BACKOFF: 'PT0.2S', DELIVERY_STALE_AFTER: 'PT3S' });
    expect(sut.responseSla.critical).toBe(2000);
    expect(sut.responseSla.low).toBe(3 * 86_400_000);
    expect(sut.reminderLeadTimes).toEqual([86_400_000, 3_600_000, 0]);
    expect(sut.deliveryBackoffMs).toBe(200);
    expect(sut.deliveryStaleAfterMs).toBe(3000);
  });

  it('reads PostgreSQL URLs, role lists and booleans', () => {
    const sut = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      CALUMET_ROLES: 'worker',
      FETCH_ALLOW_PRIVATE: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(sut.database).toEqual({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(sut.hasRole('worker')).toBe(true);
    expect(sut.hasRole('api')).toBe(false);
    expect(sut.fetchAllowPrivate).toBe(true);
    expect(sut.rateLimitPerMinute).toBe(0);
  });

  it('keeps evidence in the database on PostgreSQL and in EVIDENCE_DIR on SQLite unless EVIDENCE_STORE says otherwise', () => {
    const postgres = 'postgres://postgres@127.0.0.1:5432/test';
    expect(loadConfig({}).evidenceStore).toBe('directory');
    expect(loadConfig({ DATABASE_URL: postgres }).evidenceStore).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: postgres, EVIDENCE_STORE: 'directory' }).evidenceStore).toBe('directory');
    expect(loadConfig({ DATABASE_URL: postgres, EVIDENCE_STORE: ' Postgres ' }).evidenceStore).toBe('postgres');
    expect(() => loadConfig({ EVIDENCE_STORE: 's3' })).toThrow('EVIDENCE_STORE must be directory or postgres');
    expect(() => loadConfig({ EVIDENCE_STORE: 'postgres' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:./x.sqlite', EVIDENCE_STORE: 'postgres' })).toThrow('EVIDENCE_STORE=postgres needs a PostgreSQL DATABASE_URL');
  });

  it('guards units of work under tests and when asked, not otherwise', () => {
    expect(loadConfig({}).unitGuard).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).unitGuard).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).unitGuard).toBe(true);
    expect(loadConfig({ CALUMET_UNIT_GUARD: 'true' }).unitGuard).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', CALUMET_UNIT_GUARD: 'false' }).unitGuard).toBe(false);
  });

  it('refuses a webhook without a secret to sign it', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://hooks.example.com/calumet' })).toThrow('WEBHOOK_SECRET is required when WEBHOOK_URL is set');
  });

  it('believes no proxy by default; TRUST_PROXY names a hop count or proxy addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).trustProxy).toEqual({ kind: 'ranges', ranges: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'] });
  });

  it('reads the desk’s language, English by default', () => {
    expect(loadConfig({}).language).toBe('en');
    expect(loadConfig({ CALUMET_LANGUAGE: ' FR ' }).language).toBe('fr');
  });

  it('keeps closed incidents six years by default, resolved ones for ever, and purges nothing by itself', () => {
    expect(loadConfig({}).retention).toEqual({ rules: [{ state: 'closed', period: 'P6Y' }], auto: false });
    expect(loadConfig({ RETENTION_CLOSED: 'off', RETENTION_RESOLVED: 'P10Y', RETENTION_AUTO: 'true' }).retention).toEqual({ rules: [{ state: 'resolved', period: 'P10Y' }], auto: true });
  });

  it('makes no scheduled backup unless BACKUP_DIR is set; then one a day, the last 7 kept', () => {
    expect(loadConfig({}).backup).toEqual({ dir: null, intervalMs: 86_400_000, keep: 7 });
    expect(loadConfig({ BACKUP_DIR: '/srv/backups', BACKUP_INTERVAL: 'PT6H', BACKUP_KEEP: '28' }).backup).toEqual({ dir: '/srv/backups', intervalMs: 6 * 3_600_000, keep: 28 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', CALUMET_TZ: ' ' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['CALUMET_ROLES', 'api,scheduler'],
    ['CALUMET_TZ', 'Mars/Olympus_Mons'],
    ['CALUMET_LANGUAGE', 'de'],
    ['CALUMET_ADMIN_TOKEN', 'short'],
    ['SMTP_URL', 'mail.example.com'],
    ['WEBHOOK_URL', 'ftp://hooks.example.com', { WEBHOOK_SECRET: 'a-webhook-secret-of-some-length' }],
    ['WEBHOOK_SECRET', 'short'],
    ['FETCH_ALLOW_PRIVATE', 'sometimes'],
    ['FETCH_TIMEOUT_MS', '10'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['MAX_BODY_BYTES', '12kb'],
    ['RESPONSE_SLA_HIGH', '4h'],
    ['RESPONSE_SLA_CRITICAL', 'PT0S'],
    ['RESPONSE_SLA_MEDIUM', '-PT1H'],
    ['RESPONSE_REMINDERS', '0'],
    ['REMINDER_LEAD_TIMES', 'PT48H,tomorrow'],
    ['DELIVERY_ATTEMPTS', '100'],
    ['DELIVERY_BACKOFF', 'PT0.01S'],
    ['RECONCILE_INTERVAL', 'every minute'],
    ['ALARM_HORIZON', 'an hour'],
    ['SHUTDOWN_TIMEOUT', 'PT0.5S'],
    ['ALARM_HORIZON', 'PT1M', { RECONCILE_INTERVAL: 'PT31S' }],
    ['ALARM_HORIZON', 'PT1H', { RECONCILE_INTERVAL: 'PT31M' }],
    ['DELIVERY_STALE_AFTER', 'PT0.5S'],
    ['VERIFY_INTERVAL', 'six hours'],
    ['IMPORT_REPLY_WINDOW', '30 days'],
    ['WATCH_INTERVAL', 'PT0.5S'],
    ['WORKER_CONCURRENCY', 'many'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1,nginx'],
    ['TRUST_PROXY', '11'],
    ['IMPORT_BATCH_SIZE', '0'],
    ['IMPORT_LEASE', 'PT0.1S'],
    ['CAPTURE_MAX_BYTES', '100MB'],
    ['CAPTURE_MAX_BYTES', '1000'],
    ['CAPTURE_MAX_MS', '10'],
    ['CAPTURE_MAX_RSS_MB', '50'],
    ['BACKUP_INTERVAL', 'daily'],
    ['BACKUP_INTERVAL', 'PT30S'],
    ['BACKUP_KEEP', '0'],
    ['RETENTION_CLOSED', 'six years'],
    ['RETENTION_CLOSED', 'PT1H'],
    ['RETENTION_RESOLVED', 'never'],
    ['RETENTION_AUTO', 'sometimes'],
  ] as Array<[string, string, Record<string, string>?]>)('refuses a bad %s and names it', (name, value, others = {}) => {
    let error: unknown;
    try {
      loadConfig({ ...others, [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(1);
    expect((error as ConfigError).problems[0]).toContain(name);
  });
});
