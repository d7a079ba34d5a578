import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { waitFor } from './wait-for.js';

const MAIN = resolve('dist/main.js');

export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Every line it printed (pino JSON, one per line). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * Calumet as its own process (`node dist/main.js`, built by `npm run build`,
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

/** Starts `node dist/main.js` with exactly this environment, without waiting for it (to watch it refuse to start, say). */
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
