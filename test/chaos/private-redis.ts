import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/child-service.js';
import { waitFor } from '../helpers/wait-for.js';

export interface PrivateRedis {
  port: number;
  url: string;
  /** SIGKILL, then a new server on the same port: everything it held is gone (it keeps nothing on disk). */
  restart: () => Promise<void>;
  /** SIGSTOP: connections stay open, nothing is answered. */
  pause: () => void;
  /** SIGCONT. */
  resume: () => void;
  /** A client of it (closed by stop). */
  client: () => Redis;
  stop: () => Promise<void>;
}

/**
 * A Redis server of this test's own, a child process on a free port: the
 * machine's Redis is shared with other work, so it is never killed, flushed
 * or paused; this one is.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const clients: Redis[] = [];
  let server: ChildProcess;
  const launch = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    await waitFor(`a private Redis on port ${port}`, async () => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    });
  };
  const kill = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGCONT');
    server.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    restart: async () => {
      await kill();
      await launch();
    },
    pause: () => server.kill('SIGSTOP'),
    resume: () => server.kill('SIGCONT'),
    client: () => {
      const client = new Redis(port, '127.0.0.1');
      clients.push(client);
      return client;
    },
    stop: async () => {
      for (const client of clients) client.disconnect();
      await kill();
    },
  };
}
