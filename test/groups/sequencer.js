// The order Jest starts the whole suite's test files in: the longest first, from the seconds each took in a whole run
// on the CI machine (test/groups/durations.json), so that the three workers end together. Jest's own order would put
// them by the time its cache remembers, else by file size: on a fresh clone (no cache) the groups, a few hundred bytes
// that import their members, came last though most of them take a minute; its cache also mixes up two projects'
// runs of one file (a group of e2e files on SQLite and on PostgreSQL share a path).
//
// A file the table does not know (a new one) starts first: it may be long, and the next measured run will say. Unlike
// Jest's, a file that failed last time gets no head start: Jest's cache of failures mixes up projects the same way, and
// the order stays the same from one run to the next.
//
// `CALUMET_TEST_DURATIONS=write` writes the table from the run (README.md, "Tests"): the whole suite as .ci/run
// runs it (CI=true, CALUMET_TEST_CHAOS=1, three workers), so that the figures are what CI sees.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import JestSequencer from '@jest/test-sequencer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DURATIONS_FILE = join(root, 'test', 'groups', 'durations.json');

/** A test file's key in the table: its project and its path from the repository's root. */
export const keyOf = (project, path) => `${project} ${relative(root, path)}`;

/** The table's seconds by key; empty when there is none yet. */
export function readDurations(file = DURATIONS_FILE) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * The files in the order to start them: those the table does not know, then by the seconds they took, the longest
 * first; ties by key, so the order is the same on every machine.
 */
export function longestFirst(files, seconds) {
  const rank = (file) => [seconds[file.key] === undefined ? 0 : 1, -(seconds[file.key] ?? 0)];
  return [...files].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

const projectOf = (test) => test.context.config.displayName?.name ?? test.context.config.id;

export default class LongestFirstSequencer extends (JestSequencer.default ?? JestSequencer) {
  sort(tests) {
    const seconds = readDurations();
    const files = tests.map((test) => ({ test, key: keyOf(projectOf(test), test.path) }));
    return longestFirst(files, seconds).map(({ test }) => test);
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (process.env.CALUMET_TEST_DURATIONS !== 'write') return;
    const table = {};
    for (const result of results.testResults) {
      if (result.skipped || !result.displayName) continue;
      table[keyOf(result.displayName.name, result.testFilePath)] = Math.round((result.perfStats.end - result.perfStats.start) / 100) / 10;
    }
    const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(DURATIONS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  }
}
