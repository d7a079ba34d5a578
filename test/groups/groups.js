// Test files run together, several in one Jest test file ("a group"), when the whole suite runs.
//
// Jest gives every test file a module registry of its own: each file loads Nest, TypeORM, Fastify, BullMQ and the
// app again (about 1,700 CommonJS and 400 ES modules in ESM mode) and compiles them cold, about 2 CPU-seconds before
// its first test. Eight small e2e files took 24.6 CPU-s one by one and 12.3 CPU-s imported by one file, for the same
// 35 tests. So `npm test` runs most files in groups: test/groups/<kind>.<n>.group.ts imports its members, and their
// tests run as they are written (each file's describe blocks, hooks and module scope its own), sharing the loaded
// modules. A file whose describe fails names itself in its titles and stack, not its group.
//
// Files that take a minute or more on their own (the long browser walks, processes started from dist/, a real
// WordPress) stay alone: a group gains little from them and the three workers balance better with them apart (ALONE,
// each with why). A shorter one joins a group: alone, it paid a Jest file's loading (3–4.5 CPU-seconds, the app's
// modules) for less than half a minute of work (the case walk, the desk's walk, the long thread's window, the
// processes killed mid-work).
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
 * n from 1): groups of half a minute to a minute, few enough that the loading each Jest file pays (2.5–3 CPU-s) is paid
 * seldom, enough of them for the three workers to end together.
 */
const GROUP_COUNTS = { unit: { none: 2 }, medium: { sqlite: 2, postgres: 2 }, e2e: { sqlite: 8, postgres: 2 } };

/** @type {Record<string, string>} path from the repository's root → why it runs alone */
export const ALONE = {
  'test/web/whole-case.e2e-spec.ts': 'the whole case walked in Chromium, in French and in English',
  'test/web/language.e2e-spec.ts': 'every desk page read in Chromium in both languages',
  'test/web/legal-walk.e2e-spec.ts': 'a legal officer’s walk in Chromium',
  'test/startup.e2e-spec.ts': 'seven processes started from dist/',
  'test/scale-out.e2e-spec.ts': 'two API processes and a worker, with Chromium',
  'test/backup.e2e-spec.ts': 'backups and restores by the command-line tools, under writes',
  'test/capture-budget.e2e-spec.ts': 'captures of large pages in Chromium',
  'test/imports.e2e-spec.ts': 'imports from a real WordPress on PHP and MariaDB',
};

const kinds = {
  unit: { roots: ['src', 'scripts', 'test/groups'], pattern: /\.spec\.(ts|mjs)$/ },
  medium: { roots: ['test/medium'], pattern: /\.medium-spec\.ts$/ },
  e2e: { roots: ['test'], pattern: /\.e2e-spec\.ts$/ },
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

/**
 * The members of each group: the files not alone, dealt in turn (sorted by name) into the kind's number of groups on
 * that database, or fewer when there are fewer files. Index 0 is group 1.
 */
export function groupsOf(kind, database) {
  const members = filesOf(kind, database).filter((file) => !(file in ALONE));
  const count = GROUP_COUNTS[kind][database ?? 'none'];
  if (!count) throw new Error(`no groups of ${kind} tests on ${database ?? 'no database'}`);
  const groups = Array.from({ length: Math.min(count, members.length) }, () => []);
  members.forEach((file, index) => groups[index % groups.length].push(file));
  return groups;
}

/** What a Jest project runs when the whole suite runs, from the repository's root: its groups' files that have members, and its files alone. */
export function testFilesOf(kind, database) {
  const groups = groupsOf(kind, database).map((_, index) => `test/groups/${kind}.${index + 1}.group.ts`);
  const alone = filesOf(kind, database).filter((file) => file in ALONE);
  return [...groups, ...alone];
}

/** The file URLs a group file (test/groups/<kind>.<n>.group.ts) imports, on the database its project set up. */
export function membersOf(groupFileUrl) {
  const match = /^(\w+)\.(\d+)\.group\.ts$/.exec(basename(fileURLToPath(groupFileUrl)));
  if (!match) throw new Error(`${groupFileUrl} is not named <kind>.<n>.group.ts`);
  const [, kind, n] = match;
  const group = groupsOf(kind, kind === 'unit' ? undefined : process.env.CALUMET_TEST_DB)[Number(n) - 1];
  if (!group) throw new Error(`${basename(groupFileUrl)} has no members on this database (jest.config.js should not run it)`);
  return group.map((file) => pathToFileURL(join(root, file)).href);
}

const known = new Set(Object.keys(kinds).flatMap((kind) => [...filesOf(kind, 'sqlite'), ...filesOf(kind, 'postgres')]));
const missing = Object.keys(ALONE).filter((file) => !known.has(file));
if (missing.length > 0) throw new Error(`test/groups/groups.js lists files that do not exist: ${missing.join(', ')}`);
