import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { filesOf, groupsOf, membersOf, secondsOf, testFilesOf } from './groups.js';

const root = join(import.meta.dirname, '..', '..');
const RUNS = [
  ['unit', undefined],
  ['medium', 'sqlite'],
  ['medium', 'postgres'],
  ['e2e', 'sqlite'],
  ['e2e', 'postgres'],
  ['chaos', undefined],
];

/** The test files Jest finds (all projects, PostgreSQL's and the chaos tests included), relative to the repository's root. */
const listed = (env) =>
  new Set(
    JSON.parse(execFileSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--listTests', '--json'], { cwd: root, env: { ...process.env, ...env, CI: 'true', CALUMET_TEST_CHAOS: '1' }, encoding: 'utf8' })).map(
      (file) => file.slice(root.length + 1),
    ),
  );

describe('test groups', () => {
  it.each(RUNS)('puts each %s file (%s) in one group, and no group is empty', (kind, database) => {
    const groups = groupsOf(kind, database);
    const grouped = groups.flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual(filesOf(kind, database));
    expect(groups.every((group) => group.length > 0)).toBe(true);
  });

  it.each(RUNS)('deals the %s files (%s) so that no group outweighs another by more than its heaviest file', (kind, database) => {
    const groups = groupsOf(kind, database);
    const weights = groups.map((group) => group.reduce((seconds, file) => seconds + secondsOf(file), 0));
    const heaviest = Math.max(...groups.flat().map(secondsOf));
    expect(Math.max(...weights) - Math.min(...weights)).toBeLessThanOrEqual(heaviest);
  });

  it.each(RUNS)('names group files that exist for %s (%s), each importing its members', (kind, database) => {
    const saved = process.env.CALUMET_TEST_DB;
    if (database) process.env.CALUMET_TEST_DB = database;
    try {
      const files = testFilesOf(kind, database).filter((file) => file.startsWith('test/groups/'));
      expect(files.length).toBe(groupsOf(kind, database).length);
      files.forEach((file, index) => {
        expect(existsSync(join(root, file))).toBe(true);
        expect(membersOf(`file://${join(root, file)}`)).toEqual(groupsOf(kind, database)[index].map((member) => `file://${join(root, member)}`));
      });
    } finally {
      if (saved === undefined) delete process.env.CALUMET_TEST_DB;
      else process.env.CALUMET_TEST_DB = saved;
    }
  });

  it('runs, in groups, every file Jest runs with CALUMET_TEST_EACH=1, and no other', () => {
    const databases = { unit: [undefined], medium: ['sqlite', 'postgres'], e2e: ['sqlite', 'postgres'], chaos: [undefined] };
    const reached = [...listed({ CALUMET_TEST_EACH: '' })].flatMap((file) => {
      const group = /^test\/groups\/(\w+)\.(\d+)\.group\.ts$/.exec(file);
      return group ? databases[group[1]].flatMap((database) => groupsOf(group[1], database)[Number(group[2]) - 1] ?? []) : [file];
    });
    const each = [...listed({ CALUMET_TEST_EACH: '1' })].sort();
    expect(each.length).toBeGreaterThan(200);
    expect([...new Set(reached)].sort()).toEqual(each);
  }, 60_000);
});
