import { createHash } from 'node:crypto';
import sqlite3 from 'sqlite3';
import type { DataSource } from 'typeorm';

/**
 * A hash of every row of every table (FTS5's shadow tables aside: the
 * `search_documents` they index are counted), so a refused request that left
 * anything behind, an insert or an update, changes it.
 *
 * The database gives each table's rows as one text in one statement (SQLite:
 * each value `quote()`d, so 1 and '1' differ; PostgreSQL: each row as its
 * text form), rows sorted, with their count: the fuzz takes a fingerprint
 * after every refused request, thousands of them, and a query a table cost
 * it a third of its time.
 */
export async function databaseFingerprint(dataSource: DataSource): Promise<Map<string, string>> {
  const sqlite = dataSource.options.type !== 'postgres';
  const name = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  let tables: string[];
  let statement: string;
  if (sqlite) {
    const columns = (await dataSource.query(
      "SELECT m.name AS tbl, c.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'search_index%' ORDER BY m.name, c.cid",
    )) as Array<{ tbl: string; col: string }>;
    tables = [...new Set(columns.map((column) => column.tbl))];
    const rowText = (table: string) =>
      columns
        .filter((column) => column.tbl === table)
        .map((column) => `quote(${name(column.col)})`)
        .join(" || ',' || ");
    statement = `SELECT ${tables
      .map((table) => `(SELECT count(*) || ':' || ifnull(group_concat(r, char(10)), '') FROM (SELECT ${rowText(table)} AS r FROM ${name(table)} ORDER BY r)) AS ${name(table)}`)
      .join(', ')}`;
  } else {
    tables = (
      (await dataSource.query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )) as Array<{ name: string }>
    ).map((row) => row.name);
    statement = `SELECT ${tables
      .map((table) => `(SELECT count(*) || ':' || coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') FROM ${name(table)} r) AS ${name(table)}`)
      .join(', ')}`;
  }
  const [row] = (await dataSource.query(statement)) as Array<Record<string, string>>;
  const fingerprint = new Map<string, string>();
  for (const table of tables) {
    const text = String(row[table]);
    const count = text.slice(0, text.indexOf(':'));
    fingerprint.set(table, `${count}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
  }
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((table) => before.get(table) !== after.get(table));
}

/**
 * Whether anything was committed to the database since the last look, from a
 * connection of the test's own: on SQLite, `PRAGMA data_version`, which moves
 * when any other connection commits to the file (a unit rolled back leaves it
 * as it was, so does a read). A look that says "nothing" spares the fuzz the
 * fingerprint that would have matched; one that says "something" (a
 * checkpoint may move it too) has the fingerprint taken and compared. On
 * PostgreSQL it always says "something": every look is a fingerprint.
 */
export async function commitWatch(dataSource: DataSource): Promise<{ version(): Promise<number | undefined>; close(): Promise<void> }> {
  if (dataSource.options.type === 'postgres') return { version: async () => undefined, close: async () => undefined };
  const file = String(dataSource.options.database);
  const connection = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  return {
    version: () =>
      new Promise((resolve, reject) => connection.get('PRAGMA data_version', (error, row: { data_version: number }) => (error ? reject(error) : resolve(row.data_version)))),
    close: () => new Promise((resolve, reject) => connection.close((error) => (error ? reject(error) : resolve()))),
  };
}
