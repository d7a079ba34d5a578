// Test files run together, several in one Jest file ("a group"), when the whole suite runs.
//
// Jest gives every test file a module registry of its own: each file loads Nest, TypeORM, Fastify, BullMQ and the
// app again (about 1,700 CommonJS and 400 ES modules in ESM mode) and compiles them cold, 2.5–3.5 CPU-seconds and a
// few hundred megabytes of fresh memory before its first test. Eight small e2e files took 24.6 CPU-s one by one and
// 12.3 CPU-s imported by one file, for the same 35 tests. So `npm test` runs every file in a group: a few groups of
// each kind, on each database, one Jest file each (test/groups/<kind>.<n>.group.ts), importing their members, whose
// tests run as they are written (each file's describe blocks, hooks and module scope its own), sharing the loaded
// modules. A file whose describe fails names itself in its titles and stack, not its group.
//
// A group's members are dealt by weight: the longest files (SECONDS) first, each to the group that weighs least so
// far, then the others, so the groups of a kind take about as long and the three workers end together.
//
// Named files run alone, as Jest files of their own: `npx jest -- test/auth.e2e-spec.ts`, or every file alone with
// CALUMET_TEST_EACH=1 (jest.config.js).
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { POSTGRES_E2E, POSTGRES_ONLY_E2E } from '../postgres-e2e.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * How many groups each kind's files are dealt into, on each database (the group files test/groups/<kind>.<n>.group.ts,
 * n from 1): as few as let the three workers end together (a group takes one to two minutes), since each Jest file
 * pays the loading again. Every Jest file of a run: 1 + 1 + 6 + 1 + 2 + 1 on CI.
 */
const GROUP_COUNTS = { unit: { none: 1 }, medium: { sqlite: 1, postgres: 1 }, e2e: { sqlite: 6, postgres: 2 }, chaos: { none: 1 } };

/**
 * The files that take longest, with about the seconds their tests took in a whole run (6 December 2026, three workers,
 * on SQLite; on PostgreSQL about as long): dealt first, each to the lightest group. Any other file counts as
 * OTHER_SECONDS. The figures only balance the groups: a wrong one makes a group longer, never a test fail.
 * @type {Record<string, number>}
 */
export const SECONDS = {
  'test/web/whole-case.e2e-spec.ts': 80,
  'test/web/language.e2e-spec.ts': 55,
  'test/startup.e2e-spec.ts': 34,
  'test/capture-budget.e2e-spec.ts': 33,
  'test/chaos/resources.chaos-spec.ts': 31,
  'test/web/legal-walk.e2e-spec.ts': 30,
  'test/import-batches.e2e-spec.ts': 25,
  'test/web/desk.e2e-spec.ts': 25,
  'test/web/case-walk.e2e-spec.ts': 24,
  'test/chaos/crash.chaos-spec.ts': 24,
  'test/chaos/load.chaos-spec.ts': 23,
  'test/chaos/fuzz.chaos-spec.ts': 22,
  'test/crash-recovery.e2e-spec.ts': 20,
  'test/backup.e2e-spec.ts': 19,
  'test/scale-out.e2e-spec.ts': 19,
  'test/web/account.e2e-spec.ts': 18,
  'test/web/notifications.e2e-spec.ts': 16,
  'test/medium/owed-replies.medium-spec.ts': 15,
  'test/web/thread-window.e2e-spec.ts': 14,
  'test/web/sign-in-limits.e2e-spec.ts': 13,
  'test/without-redis.e2e-spec.ts': 12,
  'test/imports-watch.e2e-spec.ts': 12,
  'test/response-reminders.e2e-spec.ts': 12,
  'test/page-capture.e2e-spec.ts': 11,
  'test/reminder-delivery.e2e-spec.ts': 10,
  'test/imports.e2e-spec.ts': 10,
  'test/web/import.e2e-spec.ts': 10,
};
export const OTHER_SECONDS = 3;

const kinds = {
  unit: { roots: ['src', 'scripts', 'test/groups'], pattern: /\.spec\.(ts|mjs)$/ },
  medium: { roots: ['test/medium'], pattern: /\.medium-spec\.ts$/ },
  e2e: { roots: ['test'], pattern: /\.e2e-spec\.ts$/ },
  chaos: { roots: ['test/chaos'], pattern: /\.chaos-spec\.ts$/ },
};

const listed = {};

function filesUnder(dir, pattern) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

/**
 * The files of a kind that a Jest project runs on a database ('sqlite' or 'postgres'; unit tests have none), from
 * the repository's root, sorted.
 */
export function filesOf(kind, database) {
  // Read once a process: jest.config.js and each group file ask several times.
  const files = (listed[kind] ??= kinds[kind].roots.flatMap((dir) => filesUnder(dir, kinds[kind].pattern)));
  const onPostgres = (file) => file in POSTGRES_E2E || file in POSTGRES_ONLY_E2E;
  const kept = files.filter((file) => {
    if (kind === 'medium') return database !== 'postgres' || !file.endsWith('.sqlite.medium-spec.ts');
    if (kind === 'e2e') return database === 'postgres' ? onPostgres(file) : !(file in POSTGRES_ONLY_E2E);
    return true;
  });
  return [...new Set(kept)].sort();
}

/** A file's weight when the groups are dealt (SECONDS). */
export const secondsOf = (file) => SECONDS[file] ?? OTHER_SECONDS;

/**
 * The members of each group: the files of a kind that run on that database, the heaviest first (then by name), each
 * dealt to the group that weighs least so far (the first of them on a tie), into the kind's number of groups, or fewer
 * when there are fewer files. Index 0 is group 1.
 */
export function groupsOf(kind, database) {
  const files = filesOf(kind, database);
  const count = GROUP_COUNTS[kind][database ?? 'none'];
  if (!count) throw new Error(`no groups of ${kind} tests on ${database ?? 'no database'}`);
  const groups = Array.from({ length: Math.min(count, files.length) }, () => ({ seconds: 0, members: [] }));
  const heaviestFirst = [...files].sort((a, b) => secondsOf(b) - secondsOf(a) || (a < b ? -1 : 1));
  for (const file of heaviestFirst) {
    const lightest = groups.reduce((least, group) => (group.seconds < least.seconds ? group : least));
    lightest.members.push(file);
    lightest.seconds += secondsOf(file);
  }
  return groups.map((group) => group.members.sort());
}

/** What a Jest project runs when the whole suite runs, from the repository's root: its groups' files. */
export function testFilesOf(kind, database) {
  return groupsOf(kind, database).map((_, index) => `test/groups/${kind}.${index + 1}.group.ts`);
}

/** The file URLs a group file (test/groups/<kind>.<n>.group.ts) imports, on the database its project set up. */
export function membersOf(groupFileUrl) {
  const match = /^(\w+)\.(\d+)\.group\.ts$/.exec(basename(fileURLToPath(groupFileUrl)));
  if (!match) throw new Error(`${groupFileUrl} is not named <kind>.<n>.group.ts`);
  const [, kind, n] = match;
  const group = groupsOf(kind, kind === 'unit' || kind === 'chaos' ? undefined : process.env.CALUMET_TEST_DB)[Number(n) - 1];
  if (!group) throw new Error(`${basename(groupFileUrl)} has no members on this database (jest.config.js should not run it)`);
  return group.map((file) => pathToFileURL(join(root, file)).href);
}

const known = new Set(Object.keys(kinds).flatMap((kind) => [...filesOf(kind, 'sqlite'), ...filesOf(kind, 'postgres')]));
const missing = Object.keys(SECONDS).filter((file) => !known.has(file));
if (missing.length > 0) throw new Error(`test/groups/groups.js weighs files that do not exist: ${missing.join(', ')}`);
