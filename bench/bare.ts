// The floor of writes: node:http inserting one row per POST into SQLite, nothing else (bench/bare-sqlite-server.ts in a process of its own).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-bare-'));
  const port = await freePort();
  const child = fork(join(here, 'bare-sqlite-server.js'), [join(dir, 'bare.sqlite'), String(port)], { stdio: 'inherit' });
  await once(child, 'message');
  return {
    url: `http://127.0.0.1:${port}/api/incidents/${randomBytes(8).toString('hex')}/comments`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
