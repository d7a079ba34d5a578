import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/database.options.js';

/** The database a Jest project tests on: its setup file (test/setup/sqlite.ts or postgres.ts) sets CALUMET_TEST_DB. */
export type TestDb = 'sqlite' | 'postgres';
export const testDb = (): TestDb => (process.env.CALUMET_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');
export const POSTGRES_ADMIN_URL = process.env.CALUMET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  url: string;
  /** Removes this database and nothing else. */
  drop: () => Promise<void>;
}

/**
 * A fresh database of the kind this Jest project tests: a new SQLite file in
 * a folder of its own, or a new PostgreSQL database of a random name.
 * Empty, unless `migrated`: then it is a copy of one every migration ran on
 * once (migratedSqlite, migratedPostgres), and the app's own migrations find
 * nothing left to do at start.
 */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  if (testDb() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-test-'));
    const file = join(dir, 'calumet.sqlite');
    if (options.migrated) copyFileSync(await migratedSqlite(), file);
    return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `calumet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const template = options.migrated ? await migratedPostgres(admin) : undefined;
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'database', 'migrations');
const TEMPLATES = join(tmpdir(), 'calumet-test-templates');

/**
 * A SQLite file every migration has run on, made once per version of the
 * migrations (named by the hash of their sources) and shared by every test
 * process on this machine: running the 34 migrations costs a test app a
 * third of its start, and the copy of a file next to nothing. Made under a
 * name of its own, then renamed, so two processes making it at once both
 * end with a whole file. The migrations still run on empty databases in the
 * tests that are about them (boot, startup, database-guards) and in making
 * this file. Templates of older migrations are left to the system's
 * cleaning of its temporary folder: another run may be copying one.
 */
async function migratedSqlite(): Promise<string> {
  const template = join(TEMPLATES, `${migrationsHash()}.sqlite`);
  if (existsSync(template)) return template;
  mkdirSync(TEMPLATES, { recursive: true });
  const making = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const dataSource = new DataSource(dataSourceOptions({ database: { type: 'sqlite', path: making } }));
  await dataSource.initialize();
  await dataSource.destroy();
  renameSync(making, template);
  return template;
}

let hashed: string | undefined;
/** The hash of the migrations' sources, 16 hex digits: what a template was made from. Read once a test file, not at every app's start. */
function migrationsHash(): string {
  if (hashed) return hashed;
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  return (hashed = hash.digest('hex').slice(0, 16));
}

/** Held while a process looks for this run's template and makes it if missing: the others wait, then copy it. */
const TEMPLATE_LOCK = 7_357_001;

/**
 * A PostgreSQL database every migration has run on, made once per test run
 * (CALUMET_TEST_RUN, set by Jest's global set-up) and per version of the
 * migrations, under an advisory lock so that the workers make it once; its
 * copies (CREATE DATABASE … TEMPLATE) cost a fraction of running the
 * migrations. Dropped with the run, by the global teardown. Without a run
 * (a file run outside Jest's set-up), none: the database starts empty.
 */
async function migratedPostgres(admin: pg.Client): Promise<string | undefined> {
  const run = process.env.CALUMET_TEST_RUN;
  if (!run) return undefined;
  // test/setup/global-teardown.js drops calumet_tpl_<run>_*.
  const template = `calumet_tpl_${run}_${migrationsHash()}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return template;
    const making = `${template}_making`;
    await admin.query(`DROP DATABASE IF EXISTS ${making} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${making}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${making}`;
    const dataSource = new DataSource(dataSourceOptions({ database: { type: 'postgres', url: url.toString() } }));
    await dataSource.initialize();
    await dataSource.destroy();
    await admin.query(`ALTER DATABASE ${making} RENAME TO ${template}`);
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/** A query written with `?` placeholders, in the dialect of the database it runs on (`$1`, `$2`… on PostgreSQL). */
export function inDialect(type: string, query: string): string {
  if (type !== 'postgres') return query;
  let n = 0;
  return query.replace(/\?/g, () => `$${++n}`);
}

/**
 * A SQLite database as it lies on disk, byte for byte: the file and its write-ahead log, read as Latin-1 (every byte a
 * character) and as UTF-8 (a word with accents as it was written), for a test that looks for words a deletion must
 * not leave behind.
 */
export function sqliteFileText(path: string): string {
  return [path, `${path}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => {
      const bytes = readFileSync(file);
      return bytes.toString('latin1') + bytes.toString('utf8');
    })
    .join('\n');
}
