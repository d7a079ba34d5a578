import sqlite3 from 'sqlite3';

/** How often, at most, the write-ahead log is moved into the database file while commits come. */
export const CHECKPOINT_EVERY_MS = 250;

interface Connection {
  exec(sql: string, callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
}

/**
 * SQLite: checkpoints of the write-ahead log on a connection of their own,
 * beside the writing one. SQLite's automatic checkpoint runs inside the
 * COMMIT that takes the log past a thousand pages, with its two fsyncs, on
 * the writing connection: every unit of work waiting behind that batch
 * waited for the disk (under load, one batch in a few took several times the
 * others). The writer's automatic checkpoint is turned off
 * (`PRAGMA wal_autocheckpoint = 0`) and this runs a PASSIVE checkpoint (it
 * waits for no reader and no writer, and writers go on appending meanwhile)
 * at most every `everyMs` while commits come, one at a time. Another
 * process's checkpoint under way makes one of these return busy: the next
 * does the work.
 */
export class Checkpointer {
  private connection?: Connection;
  private running = false;
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private lastAt = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly onError: (error: Error) => void,
    private readonly everyMs = CHECKPOINT_EVERY_MS,
    private readonly open: (path: string) => Connection = (file) => new sqlite3.Database(file, sqlite3.OPEN_READWRITE) as unknown as Connection,
  ) {}

  /** A batch committed: a checkpoint runs once the last is `everyMs` old. */
  committed(): void {
    this.dirty = true;
    if (this.running || this.timer || this.closed) return;
    const wait = this.lastAt + this.everyMs - Date.now();
    if (wait <= 0) void this.run();
    else this.timer = setTimeout(() => void this.run(), wait).unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.closed) return;
    this.running = true;
    this.dirty = false;
    const connection = (this.connection ??= this.open(this.path));
    try {
      await new Promise<void>((resolve, reject) => connection.exec('PRAGMA wal_checkpoint(PASSIVE)', (error) => (error ? reject(error) : resolve())));
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') this.onError(error as Error);
    } finally {
      this.running = false;
      this.lastAt = Date.now();
    }
    if (this.dirty) this.committed();
  }

  /** Waits for a checkpoint under way and closes the connection (the last connection to close checkpoints the rest). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await new Promise<void>((resolve) => connection.close(() => resolve()));
  }
}
