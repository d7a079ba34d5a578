import { aimText, lastJson, median, meets, roundOrder, verdict } from '../bench/judge.js';

describe('the benchmarks’ pure helpers (bench/judge.ts)', () => {
  it('takes the middle value, whatever the order, and the upper middle of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('rotates the targets from one round to the next so each runs first in turn', () => {
    const targets = ['calumet', 'plain', 'bare'];
    expect([0, 1, 2, 3].map((round) => roundOrder(targets, round))).toEqual([
      ['calumet', 'plain', 'bare'],
      ['plain', 'bare', 'calumet'],
      ['bare', 'calumet', 'plain'],
      ['calumet', 'plain', 'bare'],
    ]);
    expect(roundOrder([], 4)).toEqual([]);
    expect(targets).toEqual(['calumet', 'plain', 'bare']);
  });

  it('judges a figure against its aim, both ways, the bound itself meeting it', () => {
    expect(meets(1, { kind: 'atLeast', target: 1 })).toBe(true);
    expect(meets(0.99, { kind: 'atLeast', target: 1 })).toBe(false);
    expect(meets(2, { kind: 'atMost', target: 2 })).toBe(true);
    expect(meets(2.01, { kind: 'atMost', target: 2 })).toBe(false);
    expect(meets(Number.NaN, { kind: 'atMost', target: 2 })).toBeNull();
    expect(meets(null, { kind: 'atLeast', target: 2 })).toBeNull();
    expect(verdict(true)).toBe('yes');
    expect(verdict(false)).toBe('NO');
    expect(verdict(null)).toBe('not measured');
    expect(aimText({ kind: 'atLeast', target: 2000 }, ' comments/s')).toBe('≥ 2,000 comments/s');
  });

  it('reads the last object a benchmark printed, on one line or pretty-printed, first in the output or after other lines', () => {
    expect(lastJson('{\n  "a": 1,\n  "b": {\n    "c": 2\n  }\n}\nimport 6.5 s\n')).toEqual({ a: 1, b: { c: 2 } });
    expect(lastJson('warming up\n{"a":1}\n{"a":3}\ndone\n')).toEqual({ a: 3 });
    expect(lastJson('nothing here\n')).toBeNull();
  });
});
