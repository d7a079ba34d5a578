import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, REDIS_URL, testDb } from './helpers/app.js';
import { spawnService, startChildService } from './helpers/child-service.js';
import { deleteRedisPrefix } from './helpers/redis-prefix.js';

describe('the built service (npm start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on a new database, serves /health, and stops cleanly on SIGTERM', async () => {
    const database = testDb() === 'sqlite' ? { url: `sqlite:${join(dir, 'nested', 'calumet.sqlite')}`, drop: async () => undefined } : await freshDatabase();
    const prefix = `calumet-start-${Date.now()}`;
    const service = await startChildService({ DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, CALUMET_ROLES: 'api,worker' });
    try {
      const health = await fetch(`${service.url}/health`);
      expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'up' } });
      if (testDb() === 'sqlite') expect(existsSync(join(dir, 'nested', 'calumet.sqlite'))).toBe(true);
      const logLine = service.lines.find((line) => line.includes('listening on port'));
      expect(JSON.parse(logLine!)).toMatchObject({ level: 30, msg: expect.stringContaining(`Calumet api+worker listening on port ${new URL(service.url).port}`) });
      service.process.kill('SIGTERM');
      // Nest closes the application, then lets the signal end the process.
      expect(await service.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(service.lines.join('\n')).not.toMatch(/"level":50|Error/);
    } finally {
      service.process.kill('SIGKILL');
      await database.drop();
      await deleteRedisPrefix(REDIS_URL, prefix);
    }
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be an integer number'],
    ['CALUMET_TZ', 'Europe/Atlantis', 'CALUMET_TZ must be an IANA time zone'],
    ['DATABASE_URL', 'mysql://localhost/calumet', 'DATABASE_URL must be sqlite:<path> or postgres://'],
    ['CALUMET_ROLES', 'api,cron', 'CALUMET_ROLES must be a comma-separated list of api, worker'],
  ])('refuses to start with a bad %s and names it', async (name, value, message) => {
    const service = spawnService({ DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}`, [name]: value });
    expect((await service.exited).code).toBe(78);
    expect(service.lines.join('\n')).toContain(message);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
