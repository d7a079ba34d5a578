import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * One unit of work: the entity manager bound to the open transaction, and
 * callbacks to run once it has committed (arming queue jobs, for instance).
 */
export class Tx {
  private readonly committed: Array<() => unknown> = [];

  constructor(readonly manager: EntityManager) {}

  afterCommit(callback: () => unknown): void {
    this.committed.push(callback);
  }

  /** @internal */
  drainAfterCommit(): Array<() => unknown> {
    return this.committed.splice(0);
  }
}

/**
 * Runs work in one database transaction. Every write and the timeline event
 * that records it go through here.
 *
 * SQLite: TypeORM's driver shares one connection, so transactions are queued
 * one at a time in this process, and each starts with BEGIN IMMEDIATE so that a
 * second process (API and worker apart) waits on the busy timeout instead of
 * failing on a stale read snapshot.
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly sqlite: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'sqlite';
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    const result = this.sqlite
      ? await this.serialised(() => this.runSqlite((created) => (tx = created), work))
      : await this.dataSource.transaction((manager) => work((tx = new Tx(manager))));
    for (const callback of tx.drainAfterCommit()) {
      try {
        await callback();
      } catch (error) {
        this.logger.error(`after-commit callback failed: ${(error as Error).message}`);
      }
    }
    return result;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runSqlite<T>(onTx: (tx: Tx) => void, work: (tx: Tx) => Promise<T>): Promise<T> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.query('BEGIN IMMEDIATE TRANSACTION');
    // Tell TypeORM a transaction is open, so its own saves nest as savepoints.
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const tx = new Tx(runner.manager);
    onTx(tx);
    try {
      const result = await work(tx);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await runner.release();
    }
  }
}
