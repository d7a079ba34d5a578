import sqlite3 from 'sqlite3';
import { StatementCache, type Preparer } from './statement-cache.js';

type Outcome = { error: Error | null; rows?: unknown; lastID?: number; changes?: number };

describe(StatementCache.name, () => {
  let db: sqlite3.Database;
  let prepared: string[];
  let sut: StatementCache;

  const call = (method: 'run' | 'all', sql: string, parameters: unknown[] = []) =>
    new Promise<Outcome>((resolve) =>
      sut.execute(method, sql, parameters, function (this: unknown, error, rows) {
        const statement = this as { lastID?: number; changes?: number };
        resolve({ error, rows, lastID: statement.lastID, changes: statement.changes });
      }),
    );
  const close = () => new Promise<Error | null>((resolve) => db.close((error) => resolve(error)));

  beforeEach(async () => {
    db = new sqlite3.Database(':memory:');
    await new Promise<void>((resolve, reject) => db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)', (error) => (error ? reject(error) : resolve())));
    prepared = [];
    const connection: Preparer = {
      prepare: (sql, callback) => {
        prepared.push(sql);
        return db.prepare(sql, callback);
      },
    };
    sut = new StatementCache(connection, 2);
  });

  afterEach(async () => {
    sut.clear();
    await close();
  });

  it('prepares a statement once and runs it again for the same SQL', async () => {
    await call('run', 'INSERT INTO t (name) VALUES (?)', ['a']);
    await call('run', 'INSERT INTO t (name) VALUES (?)', ['b']);
    expect(prepared).toEqual(['INSERT INTO t (name) VALUES (?)']);
    expect((await call('all', 'SELECT name FROM t ORDER BY id')).rows).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('gives a run its inserted row id and the number of rows changed, as TypeORM reads them', async () => {
    await call('run', 'INSERT INTO t (name) VALUES (?)', ['a']);
    const inserted = await call('run', 'INSERT INTO t (name) VALUES (?)', ['b']);
    expect(inserted.lastID).toBe(2);
    expect((await call('run', 'UPDATE t SET name = ?', ['c'])).changes).toBe(2);
  });

  it('answers a statement that fails to prepare with its error, and does not keep it', async () => {
    expect((await call('all', 'SELECT x FROM nowhere')).error?.message).toMatch(/no such table/);
    expect((await call('all', 'SELECT x FROM nowhere')).error?.message).toMatch(/no such table/);
    expect(prepared).toHaveLength(2);
  });

  it('answers a failing run with its error and runs the same statement again afterwards', async () => {
    await call('run', 'INSERT INTO t (id, name) VALUES (?, ?)', [1, 'a']);
    expect((await call('run', 'INSERT INTO t (id, name) VALUES (?, ?)', [1, 'b'])).error?.message).toMatch(/UNIQUE/);
    expect((await call('run', 'INSERT INTO t (id, name) VALUES (?, ?)', [2, 'b'])).error).toBeNull();
  });

  it('finalizes the least recently used statement beyond its capacity', async () => {
    await call('all', 'SELECT 1 AS one');
    await call('all', 'SELECT 2 AS two');
    await call('all', 'SELECT 1 AS one');
    await call('all', 'SELECT 3 AS three');
    await call('all', 'SELECT 1 AS one');
    await call('all', 'SELECT 2 AS two');
    expect(prepared).toEqual(['SELECT 1 AS one', 'SELECT 2 AS two', 'SELECT 3 AS three', 'SELECT 2 AS two']);
  });

  it('lets the connection close once cleared', async () => {
    await call('all', 'SELECT 1 AS one');
    sut.clear();
    expect(await close()).toBeNull();
    db = new sqlite3.Database(':memory:');
  });
});
