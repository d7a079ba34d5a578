import fc from 'fast-check';
import sqlite3 from 'sqlite3';
import { insertStatements, literalInserts, sqliteLiteral, type InsertRows } from './bulk-insert.js';

// One column of each affinity SQLite has: a literal must be stored as the bound value is, conversions included.
const COLUMNS = ['t TEXT', 'i INTEGER', 'r REAL', 'n NUMERIC', 'b BLOB', 'x'];
const NAMES = COLUMNS.map((column) => `"${column.split(' ')[0]}"`).join(', ');

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom("it's", "''", "'); DROP TABLE a; --", '12', '1e3', ' 7 ', '0x1F', 'NULL', '\u00e9t\u00e9', '\ud83d\ude00', 'a\u0000b', '\\'),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)),
);

describe('SQLite literals of held rows', () => {
  let db: sqlite3.Database;
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
  const run = (sql: string, parameters: unknown[]) => new Promise<void>((resolve, reject) => db.run(sql, parameters, (error) => (error ? reject(error) : resolve())));
  const stored = (table: string) =>
    new Promise<unknown[]>((resolve, reject) =>
      db.all(`SELECT ${COLUMNS.map((column) => column.split(' ')[0]).map((name) => `quote(${name}), typeof(${name})`).join(', ')} FROM ${table} ORDER BY rowid`, (error, rows) =>
        error ? reject(error) : resolve(rows),
      ),
    );

  beforeAll(async () => {
    db = new sqlite3.Database(':memory:');
    await exec(`CREATE TABLE a (${COLUMNS.join(', ')}); CREATE TABLE b (${COLUMNS.join(', ')})`);
  });
  afterAll(() => new Promise<void>((resolve) => db.close(() => resolve())));

  it('stores exactly what binding the same values stores, or declines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(value, { minLength: COLUMNS.length, maxLength: COLUMNS.length }), { minLength: 1, maxLength: 5 }), async (tuples) => {
        await exec('DELETE FROM a; DELETE FROM b');
        const literal = literalInserts([{ table: 'b', names: NAMES, tuples }]);
        const declines = tuples.flat().some((v) => sqliteLiteral(v) === undefined);
        expect(literal === undefined).toBe(declines);
        if (literal === undefined) return;
        for (const { sql, parameters } of insertStatements({ table: 'a', names: NAMES, tuples })) await run(sql, parameters);
        await exec(literal);
        expect(await stored('b')).toEqual(await stored('a'));
      }),
      { numRuns: 300 },
    );
  });

  it('declines what has no exact literal', () => {
    for (const declined of [0.1, Number.NaN, Infinity, 2 ** 60, 2 ** 53, 'a\u0000b', Buffer.alloc(0), new Date(0), 10n, { a: 1 }]) expect(sqliteLiteral(declined)).toBeUndefined();
    expect(sqliteLiteral("l'été")).toBe("'l''été'");
    expect(sqliteLiteral(undefined)).toBe('NULL');
    expect(sqliteLiteral(-0)).toBe('0');
    expect(sqliteLiteral(2 ** 31)).toBe('2147483648.0');
    expect(sqliteLiteral(Buffer.from([0, 255]))).toBe("X'00ff'");
  });

  it('writes every table in one text, in order, with ON CONFLICT DO NOTHING where asked; not past its size', () => {
    const rows: InsertRows[] = [
      { table: '"comments"', names: '"id", "body"', tuples: [['c1', 'x'], ['c2', null]] },
      { table: '"reminders"', names: '"id"', tuples: [['r1']], ignoreConflicts: true },
    ];
    expect(literalInserts(rows)).toBe(`INSERT INTO "comments" ("id", "body") VALUES ('c1', 'x'), ('c2', NULL);\nINSERT INTO "reminders" ("id") VALUES ('r1') ON CONFLICT DO NOTHING`);
    expect(literalInserts([{ table: 't', names: '"a"', tuples: Array.from({ length: 100 }, () => ['x'.repeat(1000)]) }])).toBeUndefined();
  });
});
