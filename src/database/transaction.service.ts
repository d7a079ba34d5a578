import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver.js';
import { SqliteQueryRunner } from 'typeorm/driver/sqlite/SqliteQueryRunner.js';
import { AppConfig } from '../config/app-config.js';
import { insertStatements, literalInserts, type InsertRows } from './bulk-insert.js';
import { Checkpointer } from './checkpointer.js';
import { HeldRows } from './held-rows.js';
import { StatementCache, type Preparer } from './statement-cache.js';

/**
 * One unit of work: the entity manager bound to the open transaction, and
 * callbacks to run once it has committed (arming queue jobs, for instance).
 */
export class Tx {
  private readonly committed: Array<() => unknown> = [];

  constructor(
    readonly manager: EntityManager,
    /**
     * Changes whenever what this process remembers of the database may be
     * stale: another connection committed, or a unit of work was rolled back.
     * Caches that live across transactions compare it (SQLite only; always 0
     * on PostgreSQL, where nothing is cached).
     */
    readonly epoch = 0,
  ) {}

  /** @internal Set by the unit of work on SQLite: the batch's held rows and this unit's place in it. */
  holder?: { rows: HeldRows; unit: number };

  afterCommit(callback: () => unknown): void {
    this.committed.push(callback);
  }

  /** Holds rows of a held table to be written with the batch's (`insertRows`); false when they must be written now. */
  hold(table: string, rows: InsertRows): boolean {
    return this.holder?.rows.hold(this.holder.unit, table, rows) ?? false;
  }

  /** @internal */
  drainAfterCommit(): Array<() => unknown> {
    return this.committed.splice(0);
  }
}

interface Unit {
  work: (tx: Tx) => Promise<unknown>;
  /** Runs again after its batch's held rows failed to be written: its rows are written inside its own savepoint this time. */
  holdNothing?: boolean;
  /** Steps run alone, in order, outside any transaction (VACUUM, a checkpoint), between two batches. */
  bare?: Array<() => Promise<void>>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Callback = (error: Error | null, result?: unknown) => void;

interface SqliteConnection extends Preparer {
  exec(sql: string, callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
  configure(option: 'busyTimeout', value: number): void;
  run(sql: string, parameters: unknown, callback: Callback): unknown;
  all(sql: string, parameters: unknown, callback: Callback): unknown;
}

/** Statements that only read: outside a unit of work, they run on the reading connection. */
const READ = /^\s*SELECT\b/i;

/** Statements that change the database or its transaction state; PRAGMA and SELECT are reads. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|BEGIN|SAVEPOINT|RELEASE|COMMIT|ROLLBACK|END|CREATE|DROP|ALTER)\b/i;

/** Thrown (as the statement's error) for a write made outside `TransactionService.run` on SQLite. */
export class WriteOutsideUnitError extends Error {
  constructor(sql: string) {
    super(`write outside TransactionService.run(): ${sql.slice(0, 120)}`);
    this.name = WriteOutsideUnitError.name;
  }
}

/** The table a statement changes by name; DELETE and anything else that changes rows is counted against every table (cascades). */
const CHANGES_TABLE = /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?)\s+["`]?(\w+)/i;
const CHANGES_ROWS = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH)\b/i;

/** Writing a batch's held rows failed: the batch is undone and its units run again, each writing its own rows. */
class HeldRowsFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(`writing the batch's rows failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** Taking the write lock failed (another process held it past SQLITE_LOCK_WAIT): every unit of the batch fails with the cause. */
class BeginFailed extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/**
 * SQLite: the guard a batch that did not read `PRAGMA data_version` after its
 * BEGIN runs before its COMMIT: a row that its table's CHECK refuses, inserted
 * only when another connection committed since the version this process knows.
 */
const UNCHANGED_TABLE = 'calumet_unchanged';
const UNCHANGED_COLUMN = 'data_version_unchanged';

/** The guard refused the batch: another connection committed since what the batch's units remembered was known good. */
const foreignWrite = (error: unknown): boolean => String((error as Error)?.message ?? '').includes(UNCHANGED_COLUMN);

/** The batch before this one failed after this one's units ran on what it had written: they run again. */
class PreviousFailed extends Error {
  constructor() {
    super('the batch before failed');
  }
}

/** Opening the savepoint of the `unit`th unit of a batch failed: the batch is undone, and that unit and those after it run in the next. */
class SavepointFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly unit: number,
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/**
 * The open batch: the unit running, the one whose savepoint is open (a unit's
 * savepoint opens before its first statement; a unit that only holds rows
 * needs none), the held rows, and the work done before a statement (opening
 * the savepoint, writing the rows), under way or failed.
 */
interface OpenBatch {
  alone: boolean;
  /** BEGIN IMMEDIATE has run: a batch begins at its first statement, or with its rows and COMMIT in one trip when it has none. */
  begun: boolean;
  /** The batch before, while its last trip may still be under way: this one touches the connection once it has committed. */
  previous?: Promise<boolean>;
  rows?: HeldRows;
  unit: number;
  savepoint: number;
  step?: Promise<unknown>;
  failed?: HeldRowsFailed | SavepointFailed | BeginFailed | PreviousFailed;
}

/** SQLite: the writing connection's busy timeout, after which a busy write lock is asked for again (takeWriteLock). */
const LOCK_POLL_MS = 1000;
/** The checkpoint that copies the write-ahead log into the database file and empties it (after an erasure's VACUUM). */
const EMPTY_THE_LOG = 'PRAGMA wal_checkpoint(TRUNCATE)';
/** How long an erasure's checkpoint waits for readers to leave older snapshots before it fails. */
const EMPTY_THE_LOG_WITHIN_MS = 30_000;

/** Units of work that commit together at most; bounds the wait of the first one. */
const MAX_BATCH = 32;

/**
 * Runs work in one database transaction. Every write and the timeline event
 * that records it go through here. Never call `run` from inside a unit of
 * work: on SQLite it would wait for itself.
 *
 * PostgreSQL: one transaction per unit, on the connection pool.
 *
 * SQLite: TypeORM's driver shares one connection, so this process writes one
 * unit at a time, and every statement is a round trip to libuv's thread
 * pool. Units that queue up meanwhile commit together: one BEGIN IMMEDIATE
 * (so another process waits on the busy timeout instead of failing on a stale
 * snapshot), each unit in its own savepoint, opened before its first
 * statement (a unit that fails is rolled back alone, and its caller gets its
 * error), one COMMIT for all; a unit alone in its batch runs without a
 * savepoint and, if it fails, the transaction is rolled back. The rows units
 * insert into comments, timeline events and reminders are held and written
 * many units to a statement (`insertRows`, HeldRows): a unit that only adds
 * a message runs no statement of its own. Each caller is answered once the
 * batch holding its unit is durable.
 *
 * What units remember between batches (UnitMemory) holds while no other
 * connection commits. The BEGIN IMMEDIATE waits for a batch's first
 * statement; a batch that runs none (every unit read what was remembered and
 * only held rows) is one trip: BEGIN, its rows, a guard and COMMIT in one
 * exec. The guard fails the batch when `PRAGMA data_version` moved since this
 * process last read it (another process committed): it is rolled back and its
 * units run again in a batch that reads the version right after its BEGIN.
 * While a batch's last trip is under way, the next batch's units run, on
 * what the one before left in memory; it touches the connection only once
 * that one has committed, and its units run again if it failed. The
 * write-ahead log is checkpointed on a connection of its own (Checkpointer),
 * not inside the writer's COMMITs.
 *
 * On that one connection, a statement issued outside a unit would land in
 * whatever batch is open and share its fate: rolled back with it after its
 * own caller was answered. So every write goes through `run`, and with the
 * unit guard on (under tests, or CALUMET_UNIT_GUARD=true) a write outside it
 * is refused (`WriteOutsideUnitError`); reads outside it are fine. The guard
 * is off by default elsewhere: telling a unit's statements from others takes
 * an AsyncLocalStorage, whose promise hooks Node 20 runs for every promise
 * of the process.
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);
  private readonly sqlite: boolean;
  private readonly waiting: Unit[] = [];
  private draining = false;
  private epoch = 0;
  /** SQLite: statements that changed each table, by name, on this process's connection; `*` counts those that may change any. */
  private readonly tableWrites = new Map<string, number>();
  private current?: OpenBatch;
  private dataVersion: unknown;
  private statements?: StatementCache;
  /** SQLite: the connection units of work write on (TypeORM's own, hooked). */
  private writer?: SqliteConnection;
  /** SQLite on a file: the write-ahead log's checkpoints, apart from the writer's commits. */
  private checkpointer?: Checkpointer;
  /** Set while a unit's work runs: the statements it issues are its own. */
  private readonly inUnit = new AsyncLocalStorage<Tx>();

  private readonly guard: boolean;
  /** SQLite: how long a unit waits for another process's write lock (SQLITE_LOCK_WAIT). */
  private readonly lockWaitMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.sqlite = dataSource.options.type === 'sqlite';
    this.guard = this.sqlite && config.unitGuard;
    this.lockWaitMs = config.sqliteLockWaitMs;
    if (this.sqlite) this.hookConnection();
  }

  /**
   * Takes the write lock another process may hold, within SQLITE_LOCK_WAIT.
   * SQLite's busy handler polls the lock with growing sleeps, at most every
   * 100 ms: a process that commits batch after batch (the API under load)
   * can hold it at every poll until the busy timeout ends, and the other
   * (a worker delivering a reminder) failed with SQLITE_BUSY. So the writing
   * connection's busy timeout is short (LOCK_POLL_MS) and a busy lock is
   * asked for again, its polls dense again, until the wait is over.
   */
  private async takeWriteLock(take: () => Promise<void>): Promise<void> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await take();
        if (attempt > 1) this.logger.warn(`waited ${Date.now() - started} ms for another process's write lock`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() - started >= this.lockWaitMs) throw error;
      }
    }
  }

  /**
   * TypeORM's statements on the shared connection run prepared once and
   * reused; with the guard on, every write issued outside a unit of work is
   * refused, as a failed statement.
   */
  private hookConnection(): void {
    const connection = this.connection();
    const statements = (this.statements = new StatementCache(connection));
    const close = connection.close.bind(connection);
    // The database closes once the units of work under way and queued have ended (the API stopping with requests under way),
    // after the checkpoints' own connection.
    connection.close = (callback) => {
      void this.quiet()
        .then(() => this.checkpointer?.close())
        .then(() => {
          statements.clear();
          // No unit runs past here: the guard's storage stops hooking every promise of the process (Node keeps an
          // enabled AsyncLocalStorage for good, so each app started and stopped in one process, as tests do, added its own).
          this.inUnit.disable();
          close(callback);
        });
    };
    for (const method of ['run', 'all'] as const) {
      connection[method] = (sql: string, parameters: unknown, callback: Callback) => {
        if (this.guard && WRITE.test(sql) && !this.inUnit.getStore()) {
          const error = new WriteOutsideUnitError(sql);
          this.logger.error(error.message);
          return process.nextTick(() => callback(error));
        }
        if (CHANGES_ROWS.test(sql)) this.countWrite(sql);
        // A statement runs inside its unit's savepoint, and after the rows the batch holds, whatever it reads or refers to.
        const current = this.current;
        if (current && (!current.begun || current.step || current.rows?.size || (!current.alone && current.savepoint !== current.unit))) {
          this.beforeStatement(current, true).then(
            () => statements.execute(method, sql, parameters, callback),
            (error: unknown) => callback(error as Error),
          );
          return;
        }
        return statements.execute(method, sql, parameters, callback);
      };
    }
    this.writer = connection;
    connection.configure('busyTimeout', Math.min(LOCK_POLL_MS, this.lockWaitMs));
    const path = (this.dataSource.options as { database?: string }).database;
    // A second connection to an in-memory database would be another, empty database; nor has it a log to checkpoint.
    const file = path && path !== ':memory:' && !path.startsWith('file::memory:') ? path : undefined;
    if (file) {
      this.checkpointer = new Checkpointer(file, (error) => this.logger.error(`checkpoint: ${error.message}`));
      connection.exec('PRAGMA wal_autocheckpoint = 0', (error) => error && this.logger.error(`writing connection: ${error.message}`));
    }
    connection.exec(`CREATE TEMP TABLE IF NOT EXISTS ${UNCHANGED_TABLE} (${UNCHANGED_COLUMN} INTEGER CHECK (${UNCHANGED_COLUMN}))`, (error) => {
      if (error) this.logger.error(`writing connection: ${error.message}`);
    });
    if (file) this.splitReads(connection, file);
  }

  /**
   * Before a statement of the open batch: opens the running unit's savepoint
   * (when asked and not open yet) and writes the rows the batch holds, one
   * step after the other. Rows whose values all have a literal go in one
   * exec, every table in one trip to the thread pool (each trip waits for the
   * event loop, which under load is most of a batch's time), followed by
   * `then` (the batch's COMMIT) when given; others (an import's thousands)
   * in prepared statements, one a table (a few for thousands). Resolves
   * whether `then` ran.
   */
  private beforeStatement(current: OpenBatch, opensSavepoint: boolean, then?: string): Promise<boolean> {
    if (current.failed) return Promise.reject(current.failed);
    const step = (current.step ?? Promise.resolve()).then(async () => {
      if (current.failed) throw current.failed;
      const unit = current.unit;
      if (opensSavepoint && !current.alone && current.savepoint !== unit) {
        await this.begin(current);
        try {
          await this.exec(current.savepoint === -1 ? 'SAVEPOINT unit' : 'RELEASE unit; SAVEPOINT unit');
        } catch (error) {
          throw (current.failed ??= new SavepointFailed(error, unit));
        }
        current.savepoint = unit;
        current.rows?.released();
      }
      const tables = current.rows?.take(unit) ?? [];
      const literal = tables.length ? literalInserts(tables) : undefined;
      if (literal !== undefined) {
        for (const rows of tables) this.countWrite(`INSERT INTO ${rows.table}`);
        // The batch's only trip when it ran no statement of its own: BEGIN, its rows, the guard and COMMIT.
        const beginsHere = then !== undefined && !current.begun;
        if (!beginsHere) await this.begin(current);
        try {
          if (beginsHere) await this.beginWith(current, `${literal};\n${then}`);
          else await this.exec(then ? `${literal};\n${then}` : literal);
        } catch (error) {
          if (error instanceof BeginFailed) throw error;
          throw (current.failed ??= new HeldRowsFailed(error));
        }
        return then !== undefined;
      }
      // A statement follows (the unit's, or the batch's COMMIT): the transaction must be open.
      await this.begin(current);
      for (const rows of tables) {
        for (const { sql, parameters } of insertStatements(rows)) {
          this.countWrite(sql);
          try {
            await new Promise<void>((resolve, reject) => this.statements!.execute('run', sql, parameters, (error) => (error ? reject(error) : resolve())));
          } catch (error) {
            throw (current.failed ??= new HeldRowsFailed(error));
          }
        }
      }
      return false;
    });
    const settled: Promise<boolean> = step.finally(() => {
      if (current.step === settled) current.step = undefined;
    });
    current.step = settled;
    return settled;
  }

  /** Opens the batch's transaction, once: BEGIN IMMEDIATE, within SQLITE_LOCK_WAIT. */
  private async begin(current: OpenBatch): Promise<void> {
    if (!current.begun) await this.beginWith(current, '');
  }

  /**
   * BEGIN IMMEDIATE and `sql` in one trip, waiting for another process's
   * write lock within SQLITE_LOCK_WAIT (a failure to take it is the batch's,
   * BeginFailed). A failure of `sql` after the BEGIN leaves the transaction
   * open, for the batch to roll back.
   */
  private async beginWith(current: OpenBatch, sql: string): Promise<void> {
    await this.afterPrevious(current);
    let began = false;
    try {
      await this.takeWriteLock(async () => {
        try {
          await this.exec(sql ? `BEGIN IMMEDIATE;\n${sql}` : 'BEGIN IMMEDIATE');
        } catch (error) {
          // Busy at BEGIN: nothing of the trip ran. Anything else failed after it: the transaction is open.
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') began = true;
          throw error;
        }
      });
    } catch (error) {
      if (!began) throw (current.failed ??= new BeginFailed(error));
      current.begun = true;
      throw error;
    }
    current.begun = true;
  }

  /**
   * Waits for the batch before to end, if it has not: this batch's units ran
   * meanwhile on what this process remembers of it (a chain's head, for one).
   * If it failed, so does this one (PreviousFailed), before it touched the
   * connection, and its units run again.
   */
  private async afterPrevious(current: OpenBatch): Promise<void> {
    const previous = current.previous;
    if (!previous) return;
    const committed = await previous;
    current.previous = undefined;
    if (!committed) throw (current.failed ??= new PreviousFailed());
  }

  /** SQLite: fails (a CHECK) when another connection committed since this process read `dataVersion`; nothing when not. */
  private unchangedGuard(): string {
    return `INSERT INTO temp.${UNCHANGED_TABLE} SELECT 0 FROM pragma_data_version WHERE data_version <> ${Number(this.dataVersion)}`;
  }

  /** A statement (or several) on the writing connection, as sqlite3's exec runs them: no parameters, no rows. */
  private exec(sql: string): Promise<void> {
    return new Promise<void>((resolve, reject) => this.writer!.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  private countWrite(sql: string): void {
    const table = CHANGES_TABLE.exec(sql)?.[1]?.toLowerCase() ?? '*';
    this.tableWrites.set(table, (this.tableWrites.get(table) ?? 0) + 1);
  }

  /**
   * SQLite: a number that changes whenever a statement of this process may
   * have changed rows of `table` (one naming it, a DELETE anywhere for its
   * cascades, a schema change). With a unit of work's epoch (which changes on
   * rollbacks and other processes' commits), it tells a cache kept across
   * units whether what it read is still what the table holds. Triggers that
   * write a table other than their own are not followed: a cache of such a
   * table must not use this. Always 0 on PostgreSQL (nothing is cached there).
   */
  writesTo(table: string): number {
    return (this.tableWrites.get(table) ?? 0) + (this.tableWrites.get('*') ?? 0);
  }

  private connection(): SqliteConnection {
    return (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  }

  /**
   * Reads outside a unit of work go to a second connection on the same file,
   * which sees only what is committed (WAL): on the one shared connection they
   * would see an open batch's writes, before it commits or is rolled back
   * (a status moved whose next check is not set yet, a refused unit's rows).
   * TypeORM keeps handing out the driver's connection; it becomes a router
   * that sends SELECTs to the reader and everything else to the writer, and
   * each batch's query runner is handed the writer itself.
   */
  private splitReads(writer: SqliteConnection, path: string): void {
    const reader = new sqlite3.Database(path, sqlite3.OPEN_READWRITE) as unknown as SqliteConnection;
    reader.configure('busyTimeout', 10_000);
    reader.exec('PRAGMA query_only = ON', (error) => error && this.logger.error(`reading connection: ${error.message}`));
    const reads = new StatementCache(reader);
    const route = (method: 'run' | 'all') => (sql: string, parameters: unknown, callback: Callback) =>
      READ.test(sql) ? reads.execute(method, sql, parameters, callback) : writer[method](sql, parameters, callback);
    const overrides: Partial<SqliteConnection> = {
      run: route('run'),
      all: route('all'),
      close: (callback) => {
        void this.quiet().then(() => {
          reads.clear();
          reader.close(() => writer.close(callback));
        });
      },
    };
    const router = new Proxy(writer, {
      get: (target, property, receiver) => {
        if (property in overrides) return overrides[property as keyof SqliteConnection];
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection = router;
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.sqlite) {
      let tx!: Tx;
      const result = await this.dataSource.transaction((manager) => work((tx = new Tx(manager))));
      await this.afterCommit([tx]);
      return result;
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      void this.drain();
    });
  }

  /**
   * Batches one after the other, two at a time: once a batch's last trip (its
   * rows and COMMIT) is under way, the next batch's units run, and it waits
   * for that one to commit before it touches the connection (afterPrevious).
   */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length) {
        if (this.waiting[0]!.bare) {
          if (this.ending) {
            // The batch before ends first; if it failed, its units are back at the head of the queue, before this one.
            await this.ending;
            continue;
          }
          await this.runBare(this.waiting.shift()!);
          continue;
        }
        const bare = this.waiting.findIndex((unit) => unit.bare);
        const batch = this.waiting.splice(0, Math.min(MAX_BATCH, bare === -1 ? this.waiting.length : bare));
        let lastTrip!: () => void;
        const underWay = new Promise<void>((resolve) => (lastTrip = resolve));
        const ended = this.runBatch(batch, this.ending, lastTrip);
        this.ending = ended;
        void ended.then(() => {
          if (this.ending === ended) this.ending = undefined;
        });
        await Promise.race([underWay, ended]);
      }
    } finally {
      this.draining = false;
    }
  }

  /** The last batch, while it has not ended: resolves once it has, true if it committed. A batch started after owes it nothing. */
  private ending?: Promise<boolean>;

  /** Resolves once no unit of work waits or runs: closing the connection under one failed it, unanswered or answered with an error. */
  private async quiet(): Promise<void> {
    while (this.draining || this.waiting.length || this.ending) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Units to run again, first in the queue: the loop may have stopped meanwhile, for want of units, while their batch was ending. */
  private requeue(units: Unit[]): void {
    this.waiting.unshift(...units);
    void this.drain();
  }

  private async runBatch(batch: Unit[], previous: Promise<boolean> | undefined, lastTrip: () => void): Promise<boolean> {
    const connection = this.writer!;
    // A query runner of the batch's own: TypeORM's SQLite driver hands every caller one shared runner, and the batch's settings
    // (the writing connection, a transaction open) on that one would send every read outside a unit to the writer, where an
    // open batch's writes are visible before they commit (a capture's status read as captured before its parts were written).
    const runner: QueryRunner = new SqliteQueryRunner(this.dataSource.driver as SqliteDriver);
    Object.assign(runner, { manager: this.dataSource.createEntityManager(runner) });
    // The batch reads its own writes: every statement of its units on the writing connection.
    (runner as unknown as { connect: () => Promise<SqliteConnection> }).connect = () => Promise.resolve(connection);
    // Tell TypeORM a transaction is open, so its own saves nest as savepoints.
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    const committed: Array<{ unit: Unit; tx: Tx; result: unknown }> = [];
    // What this process remembers was checked against the database's version by the batch before: the batch begins at its first
    // statement, or with its rows and COMMIT, and a guard before the COMMIT refuses it if another connection committed since (it
    // then runs again, eagerly). Eagerly: BEGIN IMMEDIATE and PRAGMA data_version before the units run (the first batch, and the
    // one after another connection's commit, which holds the lock from its start so that it cannot be refused again).
    const eager = this.dataVersion === undefined;
    const current: OpenBatch = { alone: batch.length === 1, begun: false, unit: 0, savepoint: -1, previous };
    if (eager) {
      try {
        await this.begin(current);
      } catch (error) {
        await runner.release();
        if (error instanceof PreviousFailed) {
          this.requeue(batch);
          return false;
        }
        for (const unit of batch) unit.reject((error as BeginFailed).cause);
        return false;
      }
    }
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    // Units that failed, answered with their own error once their writes are undone: a caller that reads right after its refusal must not see them.
    const refused: Array<{ unit: Unit; error: unknown }> = [];
    // Units from here on have not run to their end yet.
    let unanswered = 0;
    // A unit alone in its batch needs no savepoint: if it fails, the whole transaction is rolled back (one round trip less when writes come one at a time).
    const alone = current.alone;
    // The rows the units insert into the held tables wait, and go to the database many units to a statement (HeldRows); not after a
    // batch whose rows failed to be written, whose units run again each writing its own.
    current.rows = batch.some((unit) => unit.holdNothing) ? undefined : new HeldRows();
    this.current = current;
    // Refused before the batch's held rows failed to be written: answered with their own error, not run again.
    let refusedBefore = 0;
    try {
      if (eager) await this.checkForeignWrites();
      for (let next = 0; next < batch.length; next++) {
        const unit = batch[next]!;
        current.unit = next;
        const tx = new Tx(runner.manager, this.epoch);
        if (current.rows) tx.holder = { rows: current.rows, unit: next };
        try {
          const result = await (this.guard ? this.inUnit.run(tx, () => unit.work(tx)) : unit.work(tx));
          if (current.step) await current.step.catch(() => undefined);
          if (current.failed) throw current.failed;
          committed.push({ unit, tx, result });
          unanswered = next + 1;
        } catch (error) {
          if (current.step) await current.step.catch(() => undefined);
          if (current.failed) throw current.failed;
          this.epoch += 1;
          refused.push({ unit, error });
          refusedBefore = refused.length;
          unanswered = next + 1;
          if (current.savepoint === next) {
            await this.exec('ROLLBACK TO unit');
            current.rows?.rolledBack(next);
          } else {
            // It ran no statement: nothing of it was written but the rows it held.
            current.rows?.drop(next);
          }
        }
      }
      const end = alone ? (refused.length ? 'ROLLBACK' : 'COMMIT') : current.savepoint === -1 ? 'COMMIT' : 'RELEASE unit; COMMIT';
      // The batch before has committed (the guard's version is the one it knew): the next batch's units may run.
      await this.afterPrevious(current);
      const last = eager ? end : `${this.unchangedGuard()};\n${end}`;
      lastTrip();
      // The held rows and the COMMIT in one trip when they can: a failure of either is the rows' (HeldRowsFailed), and the units run again.
      const ended = current.rows?.size && !(alone && refused.length) ? await this.beforeStatement(current, false, last) : false;
      if (!ended) await (current.begun ? this.exec(last) : this.beginWith(current, last));
    } catch (error) {
      this.epoch += 1;
      if (this.current === current) this.current = undefined;
      if (current.begun) await this.exec('ROLLBACK').catch(() => undefined);
      if (current.failed instanceof PreviousFailed) {
        // Its units ran on what the failed batch had written: they run again, first in the queue.
        this.requeue(batch);
        return false;
      }
      if (error instanceof BeginFailed) {
        for (const unit of batch) unit.reject(error.cause);
        return false;
      }
      if (foreignWrite(error) || foreignWrite((error as { cause?: unknown }).cause)) {
        // Another connection committed since the units' memories were checked: they run again, first in the queue, in a batch
        // that reads the database's version at its BEGIN.
        this.dataVersion = undefined;
        this.requeue(batch);
        return false;
      }
      if (error instanceof HeldRowsFailed) {
        // Which unit's rows failed is not known: every unit that was not refused before runs again, first in the queue, each
        // writing its own rows inside its own savepoint, so that only the one at fault fails.
        for (const { unit, error: own } of refused.slice(0, refusedBefore)) unit.reject(own);
        const refusedUnits = new Set(refused.slice(0, refusedBefore).map(({ unit }) => unit));
        this.requeue(batch.filter((unit) => !refusedUnits.has(unit)).map((unit) => ({ ...unit, holdNothing: true })));
        return false;
      }
      for (const { unit } of committed) unit.reject(error);
      for (const { unit, error: own } of refused) unit.reject(own);
      // Units the failure came before never ran to their end (nor did the one whose SAVEPOINT failed): they go first in the next batch.
      this.requeue(batch.slice(unanswered));
      return false;
    } finally {
      if (this.current === current) this.current = undefined;
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await runner.release();
    }
    this.checkpointer?.committed();
    for (const { unit, error } of refused) unit.reject(error);
    // Each caller is answered once its own after-commit work is done; the next batch need not wait for it.
    for (const { unit, tx, result } of committed) void this.afterCommit([tx]).then(() => unit.resolve(result));
    return true;
  }

  /**
   * Rewrites the database file so that nothing deleted or overwritten is left
   * in it (an erasure): SQLite's VACUUM between two batches, then a
   * checkpoint that empties the write-ahead log. PostgreSQL: nothing here
   * (docs/legal.md, "Erasure", says what remains there).
   */
  async compact(): Promise<void> {
    if (!this.sqlite) return;
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ work: () => Promise.resolve(), bare: [() => this.exec('VACUUM'), () => this.emptyTheLog()], resolve: () => resolve(), reject });
      void this.drain();
    });
  }

  private async runBare(unit: Unit): Promise<void> {
    try {
      for (const step of unit.bare!) await this.takeWriteLock(step);
      this.epoch += 1;
      unit.resolve(undefined);
    } catch (error) {
      unit.reject(error);
    }
  }

  /**
   * The TRUNCATE checkpoint, again until it reports the log emptied. It gives up after the connection's busy timeout
   * while a reader (the reading connection, another process) is still on an older snapshot, and says so only in its
   * row: the database file would keep the pages VACUUM rewrote, an erased person's words among them.
   */
  private async emptyTheLog(): Promise<void> {
    const deadline = Date.now() + EMPTY_THE_LOG_WITHIN_MS;
    for (;;) {
      const [row] = await new Promise<Array<{ busy: number }>>((resolve, reject) =>
        this.writer!.all(EMPTY_THE_LOG, [], (error, rows) => (error ? reject(error) : resolve(rows as Array<{ busy: number }>))),
      );
      if (row?.busy === 0) return;
      if (Date.now() > deadline) throw new Error(`the write-ahead log was not emptied within ${EMPTY_THE_LOG_WITHIN_MS} ms: a reader kept an older snapshot`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Another connection (an API or worker process of its own) committed since our last batch: caches are stale. */
  private async checkForeignWrites(): Promise<void> {
    const [row] = await new Promise<Array<Record<string, unknown>>>((resolve, reject) =>
      this.statements!.execute('all', 'PRAGMA data_version', [], (error, rows) => (error ? reject(error) : resolve(rows as Array<Record<string, unknown>>))),
    );
    if (row!['data_version'] !== this.dataVersion) {
      this.dataVersion = row!['data_version'];
      this.epoch += 1;
    }
  }

  private async afterCommit(transactions: Tx[]): Promise<void> {
    for (const tx of transactions) {
      for (const callback of tx.drainAfterCommit()) {
        try {
          await callback();
        } catch (error) {
          this.logger.error(`after-commit callback failed: ${(error as Error).message}`);
        }
      }
    }
  }
}
