import { Test, type TestingModule } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SYSTEM, type Actor } from '../../src/common/roles.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { RecordingQueue } from './recording-queue.js';

export interface Medium {
  module: TestingModule;
  dataSource: DataSource;
  queue: RecordingQueue;
  actor: Actor;
  get: TestingModule['get'];
  /** Writes behind the services' back, in a unit of work of its own (the only way to write on SQLite). */
  write: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}

/**
 * The services of the API role on a fresh SQLite file (migrations run), with
 * QueueService replaced by a recording fake: no Redis, no HTTP. Redis is only
 * connected on first use, which nothing does once the queue is faked.
 */
export async function startMedium(): Promise<Medium> {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-medium-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'calumet.sqlite')}`,
    CALUMET_ROLES: 'api',
    LOG_LEVEL: 'silent',
    EVIDENCE_DIR: join(dir, 'evidence'),
    // A write outside a unit of work fails the test.
    CALUMET_UNIT_GUARD: 'true',
  });
  const queue = new RecordingQueue();
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(QueueService)
    .useValue(queue)
    .compile();
  module.useLogger(false);
  await module.init();
  return {
    module,
    dataSource: module.get(DataSource),
    queue,
    actor: SYSTEM,
    get: module.get.bind(module),
    write: (work) => module.get(TransactionService).run((tx) => work(tx.manager)),
    close: async () => {
      await module.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
