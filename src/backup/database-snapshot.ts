import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import type { DatabaseConfig } from '../config/app-config.js';
import { TIMELINE_HEADS_SQL, timelineHeads } from '../timeline/timeline-heads.js';
import type { DatabaseFacts } from './backup-manifest.js';

type Rows = Array<Record<string, unknown>>;
/** One read on a connection, the same SQL on both databases. */
type Query = (sql: string) => Promise<Rows>;

const run = promisify(execFile);

/** The file a backup keeps the database in. */
export const databaseFile = (type: DatabaseConfig['type']): string => (type === 'sqlite' ? 'database.sqlite' : 'database.pgdump');

/**
 * Reads what a manifest records of a database: every table's rows, every
 * timeline's head, the settings' head and the latest seal. Run on the
 * snapshot a backup takes, and again on the database a restore wrote.
 */
export async function readFacts(query: Query, tables: string[]): Promise<DatabaseFacts> {
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = Number((await query(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`))[0]!['n']);
  const timelines = timelineHeads((await query(TIMELINE_HEADS_SQL)) as never).sort((a, b) => (a.incidentId < b.incidentId ? -1 : 1));
  const [settings] = await query('SELECT seq, hash FROM settings_events ORDER BY seq DESC LIMIT 1');
  const [seal] = await query('SELECT id, root FROM seals ORDER BY made_at DESC, id DESC LIMIT 1');
  return {
    rows,
    timelines,
    settings: settings ? { seq: Number(settings['seq']), hash: String(settings['hash']) } : null,
    latestSeal: seal ? { id: String(seal['id']), root: String(seal['root']) } : null,
  };
}

function openSqlite(path: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

const sqliteQuery =
  (db: sqlite3.Database): Query =>
  (sql) =>
    new Promise((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows as Rows))));

const closeSqlite = (db: sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));

const sqliteTables = async (query: Query) =>
  (await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((row) => String(row['name']));

const postgresTables = async (query: Query) =>
  (await query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")).map((row) => String(row['table_name']));

/** pg_dump and pg_restore get the address without its password, which goes by PGPASSWORD (not in the process list). */
function postgresClientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function withPostgres<T>(url: string, work: (query: Query, client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(async (sql) => (await client.query(sql)).rows as Rows, client);
  } finally {
    await client.end();
  }
}

/**
 * Takes a consistent copy of the database into `file` while the desk keeps
 * writing, and reads its facts from that same snapshot.
 *
 * SQLite: `VACUUM INTO` on a connection of its own, one read transaction
 * (WAL: writers go on meanwhile); the facts are read from the copy.
 * PostgreSQL: a REPEATABLE READ transaction exports its snapshot, the facts
 * are read in it and `pg_dump --snapshot` dumps exactly that (custom format).
 */
export async function snapshotDatabase(database: DatabaseConfig, file: string): Promise<DatabaseFacts> {
  if (database.type === 'sqlite') {
    const live = await openSqlite(database.path, sqlite3.OPEN_READONLY);
    try {
      live.configure('busyTimeout', 10_000);
      await new Promise<void>((resolve, reject) => live.run('VACUUM INTO ?', [file], (error) => (error ? reject(error) : resolve())));
    } finally {
      await closeSqlite(live);
    }
    return sqliteFacts(file);
  }
  return withPostgres(database.url, async (query) => {
    await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot }] = (await query('SELECT pg_export_snapshot() AS snapshot')) as Array<{ snapshot: string }>;
    const facts = await readFacts(query, await postgresTables(query));
    const { dbname, env } = postgresClientArgs(database.url);
    await run('pg_dump', ['--format=custom', `--snapshot=${snapshot!}`, `--file=${file}`, `--dbname=${dbname}`], { env, maxBuffer: 16 * 1024 * 1024 });
    await query('COMMIT');
    return facts;
  });
}

async function sqliteFacts(path: string): Promise<DatabaseFacts> {
  const db = await openSqlite(path, sqlite3.OPEN_READONLY);
  try {
    const query = sqliteQuery(db);
    return await readFacts(query, await sqliteTables(query));
  } finally {
    await closeSqlite(db);
  }
}

/** The facts of the database the configuration names (after a restore). */
export function liveFacts(database: DatabaseConfig): Promise<DatabaseFacts> {
  if (database.type === 'sqlite') return sqliteFacts(database.path);
  return withPostgres(database.url, async (query) => readFacts(query, await postgresTables(query)));
}

/** Whether the database the configuration names holds anything: a restore does not write over it unless forced. */
export async function databaseHoldsData(database: DatabaseConfig): Promise<boolean> {
  if (database.type === 'sqlite') {
    return stat(database.path).then(
      (found) => found.size > 0,
      () => false,
    );
  }
  return withPostgres(database.url, async (query) => (await postgresTables(query)).length > 0);
}

/** Empties the database the configuration names (a forced restore). */
export async function clearDatabase(database: DatabaseConfig): Promise<void> {
  if (database.type === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) await rm(`${database.path}${suffix}`, { force: true });
    return;
  }
  await withPostgres(database.url, async (query) => {
    await query('DROP SCHEMA public CASCADE');
    await query('CREATE SCHEMA public');
  });
}

/** Loads a PostgreSQL backup's dump into the (empty) database the configuration names, in one transaction. */
export async function pgRestore(url: string, file: string): Promise<void> {
  const { dbname, env } = postgresClientArgs(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], { env, maxBuffer: 16 * 1024 * 1024 });
}
