// The e2e files that also run on PostgreSQL (Jest project e2e-postgres, with CI=true), each with why: their
// behaviour depends on the database (the unit of work, concurrency, search, read plans, raw SQL, stored times,
// migrations, crash recovery, imports in batches). Every other e2e file runs on SQLite alone: it tests HTTP, pages,
// browsers, mail, Redis or child processes the same way on either database. The rules they reach are tried on both
// databases by the medium tests (test/medium, projects medium and medium-postgres), which also run every migration on
// a new PostgreSQL database and try the database's own guards (test/medium/database-guards.medium-spec.ts).
// Read by jest.config.js; a file listed here that does not exist stops Jest, so a rename cannot drop it silently.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Record<string, string>} path from the repository's root → why it runs on PostgreSQL too */
export const POSTGRES_E2E = {
  'test/transactions.e2e-spec.ts': 'the unit of work: concurrent units, a failing one rolled back alone, two processes on one chain',
  'test/unit-of-work.e2e-spec.ts': 'acknowledged writes under concurrent failing units; a write outside a unit',
  'test/read-plans.e2e-spec.ts': 'each database’s EXPLAIN: every read served by an index',
  'test/search.e2e-spec.ts': 'full-text search: FTS5 against tsvector, ranking, the migration indexing existing rows',
  'test/timeline.e2e-spec.ts': 'the hash chain over stored payloads and times, tampering behind the triggers of each dialect',
  'test/crash-recovery.e2e-spec.ts': 'crash recovery: a process killed mid-work, nothing lost or sent twice from what the database kept',
  'test/import-batches.e2e-spec.ts': 'imports in batches: bulk inserts, a comment between two batches, a stopped import resumed (row lock on PostgreSQL)',
  'test/without-redis.e2e-spec.ts': 'due jobs claimed through database leases (raw SQL) by two workers on one database',
  'test/seals.e2e-spec.ts': 'the heads of every timeline gathered by raw SQL, and a trigger dropped per dialect',
  'test/notice-assignee-migration.e2e-spec.ts': 'a migration run down and up again over existing rows',
  'test/reminder-delivery.e2e-spec.ts': 'each channel delivered once when runs overlap: INSERT … ON CONFLICT DO NOTHING / OR IGNORE, and row locks on PostgreSQL',
  'test/reminders-api.e2e-spec.ts': 'the reconciler’s time windows (due by now, written since its last pass) and lists by due time, compared in SQL on stored times',
  'test/legal-notices.e2e-spec.ts': 'deadlines stored and read back as times, notices listed by due date and page by page',
  'test/backup.e2e-spec.ts': 'each database’s own consistent copy under writes (VACUUM INTO, pg_dump with an exported snapshot) and its restore (a file copied, pg_restore)',
  'test/party-erasure.e2e-spec.ts': 'erasure under each dialect’s triggers (personal values deleted only by an erasure in progress, events never updated), the index of each (FTS5 segments merged, tsvector rows) and the stored rows',
  'test/retention.e2e-spec.ts': 'a purge under each dialect’s triggers (events and personal values deleted only once their removal is recorded, evidence once its incident is gone) and the cascades of the incident’s rows',
  'test/input-dates.e2e-spec.ts': 'times typed in the desk’s zone, stored and read back (datetime text on SQLite, timestamptz on PostgreSQL)',
};

/**
 * The e2e files that run on PostgreSQL only (in e2e-postgres, never in e2e-sqlite), each with why: what they test
 * exists on PostgreSQL alone.
 * @type {Record<string, string>}
 */
export const POSTGRES_ONLY_E2E = {
  'test/scale-out.e2e-spec.ts':
    'several API processes and a worker on one PostgreSQL: evidence bytes in the database (EVIDENCE_STORE=postgres), live updates over Redis and over LISTEN/NOTIFY',
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const missing = [...Object.keys(POSTGRES_E2E), ...Object.keys(POSTGRES_ONLY_E2E)].filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) throw new Error(`test/postgres-e2e.js lists files that do not exist: ${missing.join(', ')}`);
