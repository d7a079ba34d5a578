import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, REDIS_URL, testDb } from './helpers/app.js';
import { eventually, freePort, startService } from './helpers/process.js';

describe('the built service (npm start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on a new database, serves /health, and stops cleanly on SIGTERM', async () => {
    const database = testDb() === 'sqlite' ? { url: `sqlite:${join(dir, 'nested', 'calumet.sqlite')}`, drop: async () => undefined } : await freshDatabase();
    const port = await freePort();
    const service = startService({ DATABASE_URL: database.url, PORT: String(port), REDIS_URL, REDIS_PREFIX: `calumet-start-${port}`, CALUMET_ROLES: 'api' });
    try {
      const health = await eventually(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        return { status: response.status, body: await response.json() };
      });
      expect(health).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'up' } });
      if (testDb() === 'sqlite') expect(existsSync(join(dir, 'nested', 'calumet.sqlite'))).toBe(true);
      const logLine = service.output().split('\n').find((line) => line.includes('listening on port'));
      expect(JSON.parse(logLine!)).toMatchObject({ level: 30, msg: expect.stringContaining(`listening on port ${port}`) });
      service.child.kill('SIGTERM');
      // Nest closes the application, then lets the signal end the process.
      expect(await service.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(service.output()).not.toMatch(/"level":50|Error/);
    } finally {
      service.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be an integer number'],
    ['CALUMET_TZ', 'Europe/Atlantis', 'CALUMET_TZ must be an IANA time zone'],
    ['DATABASE_URL', 'mysql://localhost/calumet', 'DATABASE_URL must be sqlite:<path> or postgres://'],
    ['CALUMET_ROLES', 'api,cron', 'CALUMET_ROLES must be a comma-separated list of api, worker'],
  ])('refuses to start with a bad %s and names it', async (name, value, message) => {
    const service = startService({ [name]: value, DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}`, ...(name === 'DATABASE_URL' ? { DATABASE_URL: value } : {}) });
    expect((await service.exited).code).toBe(78);
    expect(service.output()).toContain(message);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
