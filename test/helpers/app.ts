import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, type EntityManager } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { PinoLogger } from '../../src/common/logger.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { HEADLESS_SHELL, loadConfig, type AppConfig } from '../../src/config/app-config.js';
import type { Role } from '../../src/common/roles.js';
import { freshDatabase, inDialect } from './database.js';
import { serveAxe } from './axe.js';
import { deleteRedisPrefix } from './redis-prefix.js';

export { freshDatabase, POSTGRES_ADMIN_URL, testDb, type TestDb } from './database.js';
export const REDIS_URL = process.env.CALUMET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/5';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  adminToken: string;
  /** supertest against the app, signed in with the given token (admin by default). */
  api: (token?: string) => ReturnType<typeof authed>;
  anonymous: () => request.Agent;
  createUser: (role: Role, name?: string) => Promise<{ id: string; token: string }>;
  /** Writes behind the API's back, in a unit of work of its own (the only way to write on SQLite). */
  write: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;
  /** Stops the app alone, as SIGTERM would (once, however often asked); its database, evidence and Redis keys stay until `close`. */
  stop: () => Promise<void>;
  close: () => Promise<void>;
}

function authed(app: NestFastifyApplication, token: string) {
  const server = app.getHttpServer();
  const withAuth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => withAuth(request(server).get(url)),
    post: (url: string) => withAuth(request(server).post(url)),
    patch: (url: string) => withAuth(request(server).patch(url)),
    put: (url: string) => withAuth(request(server).put(url)),
    delete: (url: string) => withAuth(request(server).delete(url)),
  };
}

/**
 * The whole service (API role unless CALUMET_ROLES says otherwise) on a fresh
 * database (every migration run, or none with `emptyDatabase`) and evidence folder, Redis on its own prefix (removed on close),
 * no rate limit.
 */
export async function startApp(env: Record<string, string> = {}, options: { emptyDatabase?: boolean } = {}): Promise<TestApp> {
  // A DATABASE_URL in env shares that database (a second process of the same desk, which must also share
  // CALUMET_ADMIN_TOKEN: another token would rotate the bootstrap admin's); it is not dropped on close.
  // The database holds every migration already (a copy of a template), unless the test is about the migrations at start.
  const database = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await freshDatabase({ migrated: !options.emptyDatabase });
  const evidenceDir = mkdtempSync(join(tmpdir(), 'calumet-evidence-'));
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX: `calumet-test-${randomBytes(4).toString('hex')}`,
    CALUMET_ROLES: 'api',
    CALUMET_ADMIN_TOKEN: adminToken,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    FETCH_ALLOW_PRIVATE: 'true',
    EVIDENCE_DIR: evidenceDir,
    // A write outside a unit of work fails the test (a separate describe runs the units with it off, as in production).
    CALUMET_UNIT_GUARD: 'true',
    // The captures a test makes along the way (a walk capturing the article) in Debian's headless shell, as it prints:
    // a capture starts there in a fraction of the browser's CPU. The capture's own tests (page-capture, capture-budget)
    // and the processes started from dist/ take theirs in the production default, CAPTURE_CHROMIUM.
    CHROMIUM_PATH: HEADLESS_SHELL,
    ...env,
  });
  const { http } = await createApp(config, PinoLogger.create(process.env.CALUMET_TEST_LOG ?? 'silent'));
  const app = http!;
  serveAxe(app.getHttpAdapter().getInstance());
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  units.set(dataSource, app.get(TransactionService));
  let users = 0;
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= app.close());
  return {
    app,
    config,
    dataSource,
    adminToken,
    api: (token = adminToken) => authed(app, token),
    anonymous: () => request.agent(app.getHttpServer()),
    createUser: async (role, name) => {
      users += 1;
      const response = await authed(app, adminToken)
        .post('/api/users')
        .send({ name: name ?? `${role} ${users}`, email: `${role}.${users}.${randomBytes(3).toString('hex')}@example.com`, role })
        .expect(201);
      return { id: response.body.user.id as string, token: response.body.token as string };
    },
    write: (work) => app.get(TransactionService).run((tx) => work(tx.manager)),
    stop,
    close: async () => {
      await stop();
      await database.drop();
      rmSync(evidenceDir, { recursive: true, force: true });
      await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
    },
  };
}

/**
 * Runs SQL straight on the database, behind the API's back (for tamper
 * tests), as a unit of work of its own: on SQLite a write outside one is refused.
 */
export function sql(dataSource: DataSource, query: string, params: unknown[] = []): Promise<unknown> {
  const text = inDialect(dataSource.options.type, query);
  const transactions = units.get(dataSource);
  return transactions ? transactions.run((tx) => tx.manager.query(text, params)) : dataSource.query(text, params);
}

const units = new WeakMap<DataSource, TransactionService>();
