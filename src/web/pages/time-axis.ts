/** A stretch of time drawn without a break; quiet gaps between stretches are drawn as breaks. */
export interface TimeRun {
  start: number;
  end: number;
}

export interface TimeAxis {
  /** Where a time falls, in pixels (a time inside a break falls on the break). */
  x(at: number): number;
  /** The times placed, in order (each drawn once). */
  points: number[];
  runs: TimeRun[];
  /** Each break: where it is drawn, and the quiet time it stands for. */
  breaks: Array<{ x: number; from: number; to: number }>;
}

/** How wide a break is drawn. */
export const BREAK_WIDTH = 18;
/** A quiet gap is broken when it lasts at least this long… */
const MIN_BREAK_MS = 30 * 24 * 3600_000;
/** …and this many times the usual (median) gap between two things that happened. */
const BREAK_FACTOR = 4;
const MINUTE = 60_000;

/**
 * A time axis scaled to what happened: the times in order between `left`
 * and `right` pixels, each gap between two consecutive times as wide as
 * the logarithm of its length (an hour between two moves is visible beside
 * a week, a week does not crush the hours), and the quiet gaps that dwarf
 * the usual one (a thread begun years before its spat) drawn as a narrow
 * break. A gap is broken only while something else is left to draw.
 */
export function timeAxis(times: number[], left: number, right: number): TimeAxis {
  const points = [...new Set(times.filter(Number.isFinite))].sort((a, b) => a - b);
  if (points.length < 2) {
    const at = points[0] ?? 0;
    return { x: () => left, points, runs: [{ start: at, end: at }], breaks: [] };
  }
  const lengths = points.slice(1).map((end, index) => end - points[index]!);
  const usual = [...lengths].sort((a, b) => a - b)[Math.floor((lengths.length - 1) / 2)]!;
  const broken = lengths.map((length) => lengths.length > 1 && length >= MIN_BREAK_MS && length > BREAK_FACTOR * usual);
  const weight = (length: number) => Math.log1p(length / MINUTE);
  const drawn = lengths.reduce((sum, length, index) => sum + (broken[index] ? 0 : weight(length)), 0);
  const scale = drawn > 0 ? (right - left - broken.filter(Boolean).length * BREAK_WIDTH) / drawn : 0;

  const spans: Array<{ start: number; end: number; x0: number; x1: number; broken: boolean }> = [];
  let x = left;
  lengths.forEach((length, index) => {
    const width = broken[index] ? BREAK_WIDTH : weight(length) * scale;
    spans.push({ start: points[index]!, end: points[index + 1]!, x0: x, x1: x + width, broken: broken[index]! });
    x += width;
  });

  const runs: TimeRun[] = [];
  let run: TimeRun = { start: points[0]!, end: points[0]! };
  for (const span of spans) {
    if (span.broken) {
      runs.push(run);
      run = { start: span.end, end: span.end };
    } else run.end = span.end;
  }
  runs.push(run);

  return {
    x(at: number): number {
      if (at <= points[0]!) return left;
      const span = spans.find((candidate) => at <= candidate.end) ?? spans.at(-1)!;
      if (at >= span.end) return span.x1;
      if (span.broken) return (span.x0 + span.x1) / 2;
      return span.x0 + (weight(at - span.start) / weight(span.end - span.start)) * (span.x1 - span.x0);
    },
    points,
    runs,
    breaks: spans.filter((span) => span.broken).map((span) => ({ x: (span.x0 + span.x1) / 2, from: span.start, to: span.end })),
  };
}
