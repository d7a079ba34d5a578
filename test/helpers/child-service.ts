import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { waitFor } from './wait-for.js';

/** What `npm start` runs: the bundle `npm run build` makes (scripts/bundle.mjs). */
const MAIN = resolve('dist/bundle/main.js');

export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Every line it printed (pino JSON, one per line). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The ports freePort handed out in this test file: a process may not have bound its port yet when the next is asked for. */
const handedOut = new Set<number>();

/**
 * A port for a process the test starts (a child service, PHP's server, a private Redis), free when asked. The process
 * binds it a moment later, seconds for a service still loading its modules: a port the system picked (listen on 0)
 * could be taken in between by a server of a test file running beside this one, which the system hands such ports, and
 * the test would talk to that server, or to nobody once it stops. So the port is picked below the system's range for
 * those (Linux's 32768–60999), in a block of a thousand for each Jest worker (JEST_WORKER_ID): two test files running at
 * once never pick the same one.
 */
export async function freePort(): Promise<number> {
  const block = 20_000 + ((Number(process.env['JEST_WORKER_ID'] ?? 1) - 1) % 12) * 1000;
  for (let tries = 0; tries < 200; tries++) {
    const port = block + Math.floor(Math.random() * 1000);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${block}–${block + 999}`);
}

/** Whether nothing listens on the port (on any address: a service listens on 0.0.0.0). */
async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(port, '0.0.0.0', () => done(true));
  });
  if (listening) await new Promise<void>((done) => server.close(() => done()));
  return listening;
}

/**
 * Calumet as its own process (`node dist/bundle/main.js`, as `npm start`, built by `npm run build`,
 * which `npm test` runs first), ready when /health answers, or, for a worker
 * alone (no HTTP), when it says it started (it needs LOG_LEVEL info).
 */
export async function startChildService(env: Record<string, string>): Promise<ChildService> {
  const port = env['PORT'] ?? String(await freePort());
  const { process: child, lines, exited } = spawnService({ ...env, PORT: port });
  const url = `http://127.0.0.1:${port}`;
  try {
    const ready =
      env['CALUMET_ROLES'] === 'worker'
        ? () => lines.some((line) => line.includes('worker started'))
        : async () => child.exitCode === null && (await fetch(`${url}/health`)).ok;
    await waitFor(`the service to be ready (${env['CALUMET_ROLES']})`, ready);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; it printed:\n${lines.slice(-20).join('\n')}`);
  }
  return { url, process: child, lines, exited };
}

/** Starts `node dist/bundle/main.js` with exactly this environment, without waiting for it (to watch it refuse to start, say). */
export function spawnService(env: Record<string, string>): Omit<ChildService, 'url'> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build`);
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { process: child, lines, exited };
}

/** A JSON client for a child service's API, signed in with the token; anything but a 2xx answer throws. */
export function childApi(baseUrl: () => string, token: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the JSON answer as the route it calls writes it
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}
