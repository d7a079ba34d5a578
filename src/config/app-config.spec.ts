import { ConfigError, loadConfig } from './app-config.js';

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
    ['CALUMET_ADMIN_TOKEN', 'short'],
    ['SMTP_URL', 'mail.example.com'],
    ['WEBHOOK_URL', 'ftp://hooks.example.com'],
    ['FETCH_ALLOW_PRIVATE', 'sometimes'],
    ['FETCH_TIMEOUT_MS', '10'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['MAX_BODY_BYTES', '12kb'],
  ])('refuses a bad %s and names it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(1);
    expect((error as ConfigError).problems[0]).toContain(name);
  });
});
