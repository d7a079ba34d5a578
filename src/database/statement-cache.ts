type Callback = (this: unknown, error: Error | null, rows?: unknown) => void;

export interface Statement {
  run(parameters: unknown, callback: Callback): unknown;
  all(parameters: unknown, callback: Callback): unknown;
  finalize(callback?: () => void): unknown;
}

export interface Preparer {
  prepare(sql: string, callback: (error: Error | null) => void): Statement;
}

/**
 * sqlite3's `Database.run`/`all` prepare, run and finalize a statement on
 * every call: two trips to libuv's thread pool, and the statement (with the
 * triggers it fires, search index included) compiled each time. This keeps
 * the most recently used statements prepared and runs them again, one trip
 * each. A statement that runs to its end leaves no transaction open, and
 * sqlite3 resets it before each run; SQLite re-prepares it by itself after
 * a schema change.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly connection: Preparer,
    private readonly capacity = 200,
  ) {}

  execute(method: 'run' | 'all', sql: string, parameters: unknown, callback: Callback): void {
    const cached = this.statements.get(sql);
    if (cached) {
      // Most recently used last: the first key is the one to evict.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      cached[method](parameters ?? [], callback);
      return;
    }
    // Run only once prepared: sqlite3 drops, without calling them back, the runs queued on a statement that failed to prepare.
    const statement = this.connection.prepare(sql, (error) => {
      if (error) return callback.call(statement, error);
      statement[method](parameters ?? [], callback);
      if (this.statements.has(sql)) statement.finalize();
      else this.keep(sql, statement);
    });
  }

  /** Before the connection closes: sqlite3 refuses to close it while a statement is left unfinalized. */
  clear(): void {
    for (const statement of this.statements.values()) statement.finalize();
    this.statements.clear();
  }

  private keep(sql: string, statement: Statement): void {
    this.statements.set(sql, statement);
    if (this.statements.size <= this.capacity) return;
    const [oldest, evicted] = this.statements.entries().next().value as [string, Statement];
    this.statements.delete(oldest);
    evicted.finalize();
  }
}
