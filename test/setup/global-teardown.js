// Jest's global teardown, once a run after every worker has stopped: drops this run's PostgreSQL templates
// (test/helpers/database.ts), and nothing else.
import pg from 'pg';

export default async function globalTeardown() {
  const run = process.env.CALUMET_TEST_RUN;
  if (!run || !/^[0-9a-f]+$/.test(run)) return;
  const admin = new pg.Client({ connectionString: process.env.CALUMET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  try {
    await admin.connect();
  } catch {
    return; // No PostgreSQL, so no template either.
  }
  try {
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'calumet\\_tpl\\_' || $1 || '\\_%'", [run]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
