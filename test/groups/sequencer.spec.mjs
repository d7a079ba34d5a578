import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyOf, longestFirst, readDurations } from './sequencer.js';

const root = join(import.meta.dirname, '..', '..');
const file = (key) => ({ key });

describe('the order the whole suite starts its files in', () => {
  it('starts the files it does not know first, then the longest, ties by name', () => {
    const seconds = { 'unit a': 9, 'e2e-sqlite b': 61.5, 'e2e-postgres b': 36, 'medium c': 22, 'chaos d': 33, 'chaos e': 33 };
    const order = longestFirst(['unit a', 'medium c', 'chaos e', 'e2e-postgres b', 'chaos d', 'e2e-sqlite b', 'e2e-sqlite new', 'e2e-sqlite another'].map(file), seconds);
    expect(order.map(({ key }) => key)).toEqual(['e2e-sqlite another', 'e2e-sqlite new', 'e2e-sqlite b', 'e2e-postgres b', 'chaos d', 'chaos e', 'medium c', 'unit a']);
  });

  it('keys a file by its project and its path from the repository, so one file in two projects keeps two figures', () => {
    expect(keyOf('e2e-postgres', join(root, 'test/groups/e2e.1.group.ts'))).toBe('e2e-postgres test/groups/e2e.1.group.ts');
    expect(keyOf('e2e-sqlite', join(root, 'test/groups/e2e.1.group.ts'))).not.toBe(keyOf('e2e-postgres', join(root, 'test/groups/e2e.1.group.ts')));
  });

  it('reads no table as an empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-durations-'));
    try {
      expect(readDurations(join(dir, 'none.json'))).toEqual({});
      writeFileSync(join(dir, 'some.json'), '{"unit a": 1.5}');
      expect(readDurations(join(dir, 'some.json'))).toEqual({ 'unit a': 1.5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
