import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `npm test`'s first step (scripts/preflight.mjs; its cases with fake parts are in scripts/preflight.spec.mjs).
const preflight = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [join(process.cwd(), 'scripts', 'preflight.mjs')], { env, encoding: 'utf8' });

describe('npm test preflight', () => {
  it('finds every real part the tests use on this machine, PostgreSQL included', () => {
    const run = preflight({ ...process.env, CI: 'true' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('stops, in one line naming what is missing and the set-up command, without php, pdftotext nor Redis', () => {
    const run = preflight({ ...process.env, PATH: '/nonexistent', CALUMET_TEST_REDIS_URL: 'redis://127.0.0.1:1/5' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    for (const piece of ['Redis at 127.0.0.1:1', 'php', 'pdftotext', '`npm run test:setup`']) expect(lines[0]).toContain(piece);
  });
});
