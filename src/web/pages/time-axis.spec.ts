import { BREAK_WIDTH, timeAxis } from './time-axis.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

describe(timeAxis.name, () => {
  it('spreads the moves of a spat whose thread began years before, the quiet years drawn as one break', () => {
    const opened = at('2014-03-02T10:00:00Z');
    const spat = [at('2026-11-30T09:00:00Z'), at('2026-11-30T11:00:00Z'), at('2026-12-01T15:00:00Z'), at('2026-12-02T08:00:00Z')];
    const sut = timeAxis([opened, ...spat], 100, 700);
    expect(sut.breaks).toHaveLength(1);
    expect(sut.breaks[0]).toMatchObject({ from: opened, to: spat[0] });
    expect(sut.x(opened)).toBe(100);
    expect(sut.x(spat[0]!)).toBeCloseTo(100 + BREAK_WIDTH);
    expect(sut.x(spat.at(-1)!)).toBe(700);
    // The spat has nearly the whole width: no two of its moves squashed together.
    const gaps = spat.slice(1).map((time, index) => sut.x(time) - sut.x(spat[index]!));
    expect(Math.min(...gaps)).toBeGreaterThan(20);
    expect(sut.runs).toEqual([
      { start: opened, end: opened },
      { start: spat[0], end: spat.at(-1) },
    ]);
  });

  it('draws moves spread evenly at their own scale, with no break', () => {
    const times = [0, 1, 2, 3, 4].map((week) => week * 7 * DAY);
    const sut = timeAxis(times, 0, 400);
    expect(sut.breaks).toEqual([]);
    expect(times.map((time) => sut.x(time))).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps moves a month and a half apart at their own scale, breaking nothing', () => {
    const times = [0, 45, 90, 135].map((days) => days * DAY);
    expect(timeAxis(times, 0, 300).breaks).toEqual([]);
  });

  it('gives the days of a spat the width, not the last minute before now', () => {
    const opened = at('2014-03-02T10:00:00Z');
    const times = [opened, at('2026-11-30T14:29:00Z'), at('2026-12-03T09:41:00Z'), at('2026-12-03T09:42:00Z')];
    const sut = timeAxis(times, 0, 600);
    expect(sut.breaks.map((gap) => gap.from)).toEqual([opened]);
    expect(sut.x(times[2]!) - sut.x(times[1]!)).toBeGreaterThan(400);
  });

  it('never breaks an afternoon, nor the only stretch there is to draw', () => {
    expect(timeAxis([0, 10 * 60_000, 5 * HOUR], 0, 100).breaks).toEqual([]);
    expect(timeAxis([0, 3 * 365 * DAY], 0, 100).breaks).toEqual([]);
  });

  it('breaks every quiet gap that dwarfs what is left, and keeps the axis in time order', () => {
    const times = [0, HOUR, 2 * HOUR, 200 * DAY, 200 * DAY + HOUR, 900 * DAY];
    const sut = timeAxis(times, 0, 500);
    expect(sut.breaks.map((gap) => [gap.from, gap.to])).toEqual([
      [2 * HOUR, 200 * DAY],
      [200 * DAY + HOUR, 900 * DAY],
    ]);
    const xs = times.map((time) => sut.x(time));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs.at(-1)).toBe(500);
  });

  it('puts a time inside a break on the break, and a single time at the left edge', () => {
    const sut = timeAxis([0, HOUR, 2 * HOUR, 400 * DAY], 0, 300);
    expect(sut.x(100 * DAY)).toBe(sut.breaks[0]!.x);
    expect(timeAxis([5], 10, 90).x(5)).toBe(10);
  });
});
