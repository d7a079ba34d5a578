import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPieces, onPath, report, requirements, SETUP_COMMAND } from './preflight.mjs';

/** A port nothing listens on: one the system just gave out, closed again. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that answers every connection with `greeting` (or keeps silent when null). */
async function fakeServer(greeting) {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (greeting !== null) socket.write(greeting);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const script = (dir, name, body) => {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
};

describe('preflight', () => {
  let dir;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-preflight-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the URLs the tests use, and needs PostgreSQL only when the e2e-postgres project runs', () => {
    expect(requirements({})).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/5', postgresUrl: null, chromium: '/usr/bin/chromium', headlessShell: '/usr/bin/chromium-headless-shell' });
    expect(requirements({ CI: 'true' }).postgresUrl).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(requirements({ CALUMET_TEST_POSTGRES: '1', CALUMET_TEST_POSTGRES_URL: 'postgres://u@db:6543/x' }).postgresUrl).toBe('postgres://u@db:6543/x');
    expect(requirements({ CALUMET_TEST_REDIS_URL: 'redis://cache:7000/2' }).redisUrl).toBe('redis://cache:7000/2');
  });

  it('finds a command on PATH only where it is executable', () => {
    const bin = join(dir, 'path-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'notexec'), '');
    const php = script(bin, 'php', 'exit 0');
    expect(onPath('php', `/nowhere:${bin}`)).toBe(php);
    expect(onPath('notexec', bin)).toBeNull();
    expect(onPath('php', '')).toBeNull();
  });

  it('names every missing piece and the set-up command in one line', async () => {
    const empty = join(dir, 'empty-bin');
    mkdirSync(empty);
    const [redisPort, postgresPort, mariadbPort] = [await closedPort(), await closedPort(), await closedPort()];
    const needs = {
      ...requirements({
        PATH: empty,
        CI: 'true',
        CALUMET_TEST_REDIS_URL: `redis://127.0.0.1:${redisPort}/5`,
        CALUMET_TEST_POSTGRES_URL: `postgres://postgres@127.0.0.1:${postgresPort}/postgres`,
      }),
      mariadb: { host: '127.0.0.1', port: mariadbPort, user: 'root', password: '' },
      wordpress: join(dir, 'no-wordpress'),
      wordpressConfig: join(dir, 'no-wordpress-config'),
      chromium: join(dir, 'no-chromium'),
      headlessShell: join(dir, 'no-headless-shell'),
    };

    const missing = await missingPieces(needs, { timeoutMs: 2000 });

    expect(missing).toEqual([
      `Redis at 127.0.0.1:${redisPort} (ECONNREFUSED)`,
      `PostgreSQL at 127.0.0.1:${postgresPort} as postgres (ECONNREFUSED)`,
      `MariaDB at 127.0.0.1:${mariadbPort} (ECONNREFUSED)`,
      'php',
      `WordPress at ${join(dir, 'no-wordpress')}`,
      `${join(dir, 'no-wordpress-config')} writable`,
      `Chromium at ${join(dir, 'no-chromium')}`,
      `Chromium's headless shell at ${join(dir, 'no-headless-shell')}`,
      'pdftotext',
    ]);
    const line = report(missing);
    expect(line).not.toContain('\n');
    for (const piece of missing) expect(line).toContain(piece);
    expect(line).toContain(`\`${SETUP_COMMAND}\``);
    expect(SETUP_COMMAND).toBe('npm run test:setup');
  });

  /** Needs met by fakes in a folder of their own: php (answering `php`), pdftotext, Chromium and a WordPress, its theme or not; MariaDB on `mariadbPort`. */
  function fakeMachine(name, { php, theme, mariadbPort, env }) {
    const root = join(dir, name);
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    script(bin, 'php', `echo '${JSON.stringify(php)}'`);
    script(bin, 'pdftotext', 'exit 0');
    const wordpress = join(root, 'wordpress');
    mkdirSync(join(wordpress, 'wp-content', 'themes', theme ? 'twentytwentythree' : ''), { recursive: true });
    writeFileSync(join(wordpress, 'wp-load.php'), '<?php');
    return {
      ...requirements({ PATH: bin, ...env }),
      mariadb: { host: '127.0.0.1', port: mariadbPort, user: 'root', password: '' },
      wordpress,
      wordpressConfig: root,
      chromium: script(bin, 'chromium', 'exit 0'),
      headlessShell: script(bin, 'chromium-headless-shell', 'exit 0'),
    };
  }

  it("names PHP's missing modules, a Redis or MariaDB port where something else answers, and a silent one", async () => {
    const silent = await fakeServer(null);
    const notMariadb = await fakeServer('+PONG\r\n');
    try {
      const needs = fakeMachine('half', {
        // No mysqli nor mbstring, so no sign-in tried.
        php: { modules: { mysqli: false, xml: true, mbstring: false }, signIn: null },
        theme: false,
        mariadbPort: notMariadb.port,
        env: { CALUMET_TEST_REDIS_URL: `redis://127.0.0.1:${silent.port}/5` },
      });

      const missing = await missingPieces(needs, { timeoutMs: 300 });

      expect(missing).toEqual([
        `Redis at 127.0.0.1:${silent.port} (timeout)`,
        `MariaDB at 127.0.0.1:${notMariadb.port} (something else answers)`,
        'PHP modules mysqli, mbstring',
        'WordPress theme twentytwentythree',
      ]);
    } finally {
      await silent.close();
      await notMariadb.close();
    }
  });

  it('names a Redis that answers but not PONG, a PostgreSQL that keeps silent, and a MariaDB that refuses root', async () => {
    const noauth = await fakeServer('-NOAUTH Authentication required.\r\n');
    const silent = await fakeServer(null);
    // A MariaDB greeting: 3 bytes of length, a sequence number, protocol version 10.
    const mariadb = await fakeServer(Buffer.from([5, 0, 0, 0, 10, 0x35, 0x2e, 0x35, 0]));
    try {
      const needs = fakeMachine('whole', {
        php: { modules: { mysqli: true, xml: true, mbstring: true }, signIn: 1698 },
        theme: true,
        mariadbPort: mariadb.port,
        env: {
          CALUMET_TEST_REDIS_URL: `redis://127.0.0.1:${noauth.port}/5`,
          CALUMET_TEST_POSTGRES: '1',
          CALUMET_TEST_POSTGRES_URL: `postgres://postgres@127.0.0.1:${silent.port}/postgres`,
        },
      });

      const missing = await missingPieces(needs, { timeoutMs: 300 });

      expect(missing).toEqual([
        `Redis at 127.0.0.1:${noauth.port} (answers "-NOAUTH Authentication required.")`,
        `PostgreSQL at 127.0.0.1:${silent.port} as postgres (timeout)`,
        `MariaDB sign-in at 127.0.0.1:${mariadb.port} as root without a password (error 1698)`,
      ]);
    } finally {
      await noauth.close();
      await silent.close();
      await mariadb.close();
    }
  });
});
