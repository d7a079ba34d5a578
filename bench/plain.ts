// The plain app (bench/plain/), started as harness.ts starts Calumet: a node
// child process from its build, a fresh SQLite file of its own, ready once
// /health answers.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, rssMb, untilHealthy } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface Plain {
  /** POST here: an incident's comments (the incident is any UUID; the plain app checks none). */
  url: string;
  memoryMb: () => number;
  stop: () => Promise<void>;
}

export async function startPlain(): Promise<Plain> {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-plain-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...(process.env['BENCH_PLAIN_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean), join(here, 'plain/main.js')], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), DATABASE_FILE: join(dir, 'plain.sqlite') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, () => (child.exitCode !== null ? `the plain app exited with ${child.exitCode}` : null));
  return {
    url: `${base}/api/incidents/${randomUUID()}/comments`,
    memoryMb: () => rssMb(child.pid!),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
