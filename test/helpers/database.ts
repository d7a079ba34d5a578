import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The database a Jest project tests on: its setup file (test/setup/sqlite.ts or postgres.ts) sets CALUMET_TEST_DB. */
export type TestDb = 'sqlite' | 'postgres';
export const testDb = (): TestDb => (process.env.CALUMET_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');
export const POSTGRES_ADMIN_URL = process.env.CALUMET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, empty database of the kind this Jest project tests: a new SQLite
 * file in a folder of its own, or a new PostgreSQL database of a random name.
 * `drop` removes that one and nothing else.
 */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDb() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-test-'));
    return { url: `sqlite:${join(dir, 'calumet.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `calumet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
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

/** A query written with `?` placeholders, in the dialect of the database it runs on (`$1`, `$2`… on PostgreSQL). */
export function inDialect(type: string, query: string): string {
  if (type !== 'postgres') return query;
  let n = 0;
  return query.replace(/\?/g, () => `$${++n}`);
}
