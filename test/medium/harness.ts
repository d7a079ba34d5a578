import { Test, type TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { toErrorBody, type ErrorBody } from '../../src/common/http-errors.filter.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SYSTEM, type Actor } from '../../src/common/roles.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { freshDatabase, inDialect, testDb, type TestDb } from '../helpers/database.js';
import { RecordingQueue } from './recording-queue.js';

export interface Medium {
  module: TestingModule;
  /** The database this run tests on. */
  db: TestDb;
  dataSource: DataSource;
  queue: RecordingQueue;
  actor: Actor;
  get: TestingModule['get'];
  /** Writes behind the services' back, in a unit of work of its own (the only way to write on SQLite). */
  write: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;
  /** SQL straight on the database (`?` placeholders on both), in a unit of work of its own. */
  sql: (query: string, params?: unknown[]) => Promise<unknown>;
  close: () => Promise<void>;
}

/**
 * The services of the API role on a fresh database (every migration run: a
 * template's copy, or run at start on an empty one with `emptyDatabase`), with
 * QueueService replaced by a recording fake: no Redis, no HTTP. Redis is only
 * connected on first use, which nothing does once the queue is faked.
 *
 * The database is the Jest project's: a new SQLite file (project `medium`),
 * or a new PostgreSQL database of its own, dropped on close (project
 * `medium-postgres`, with CI=true); `env` adds to or overrides the configuration. A file named `*.sqlite.medium-spec.ts`
 * tests what only SQLite has and runs in `medium` alone (jest.config.js).
 */
export async function startMedium(env: Record<string, string> = {}, options: { emptyDatabase?: boolean } = {}): Promise<Medium> {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-medium-'));
  const database = await freshDatabase({ migrated: !options.emptyDatabase });
  const config = loadConfig({
    DATABASE_URL: database.url,
    CALUMET_ROLES: 'api',
    LOG_LEVEL: 'silent',
    EVIDENCE_DIR: join(dir, 'evidence'),
    // A write outside a unit of work fails the test.
    CALUMET_UNIT_GUARD: 'true',
    ...env,
  });
  const queue = new RecordingQueue();
  let module: TestingModule;
  try {
    module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(QueueService)
      .useValue(queue)
      .compile();
    module.useLogger(false);
    await module.init();
  } catch (error) {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    module,
    db: testDb(),
    dataSource: module.get(DataSource),
    queue,
    actor: SYSTEM,
    get: module.get.bind(module),
    write: (work) => module.get(TransactionService).run((tx) => work(tx.manager)),
    sql: (query, params = []) => module.get(TransactionService).run((tx) => tx.manager.query(inDialect(tx.manager.connection.options.type, query), params)),
    close: async () => {
      await module.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the API would answer for a refusal (`toErrorBody`, as its error filter does); fails if the work is accepted. */
export async function refusal(work: Promise<unknown>): Promise<ErrorBody> {
  try {
    await work;
  } catch (error) {
    return toErrorBody(error);
  }
  throw new Error('accepted');
}
