// Pure helpers of the benchmarks (tested by scripts/bench-judge.spec.ts): the
// order of alternated rounds, medians, and whether a figure meets its aim.

/** The middle value (the upper middle of an even count); NaN when there is none. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The order of the targets in round `round`: A,B,C then B,C,A then C,A,B…
 * so no target always runs first (on a warm cache) or right after the same one.
 */
export function roundOrder<T>(targets: readonly T[], round: number): T[] {
  const n = targets.length;
  if (n === 0) return [];
  const shift = ((round % n) + n) % n;
  return [...targets.slice(shift), ...targets.slice(0, shift)];
}

export interface Aim {
  /** `atLeast`: the figure must be ≥ target; `atMost`: ≤ target. */
  kind: 'atLeast' | 'atMost';
  target: number;
}

/** Met, not met, or null when the figure could not be measured (NaN, missing). */
export function meets(value: number | null | undefined, aim: Aim): boolean | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return aim.kind === 'atLeast' ? value >= aim.target : value <= aim.target;
}

/** The aim in words for a table: "≥ 2,000", "≤ 1.5". */
export function aimText(aim: Aim, unit = ''): string {
  return `${aim.kind === 'atLeast' ? '≥' : '≤'} ${aim.target.toLocaleString('en')}${unit}`;
}

export function verdict(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'yes' : 'NO';
}

/** The last JSON object a standalone benchmark printed: a one-line one, or a pretty-printed one starting a line with `{`. */
export function lastJson(out: string): Record<string, unknown> | null {
  const line = out
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text.startsWith('{') && text.endsWith('}'))
    .pop();
  if (line) return JSON.parse(line) as Record<string, unknown>;
  // A newline before all, so that an object printed first is found too.
  const text = `\n${out}`;
  const start = text.lastIndexOf('\n{\n');
  return start >= 0 ? (JSON.parse(text.slice(start + 1, text.indexOf('\n}', start) + 2)) as Record<string, unknown>) : null;
}
