import { parsePeriod, periodDays } from './period.js';

describe(parsePeriod.name, () => {
  it.each(['P3D', 'P8D', 'P1M', 'P3M', 'P2W', 'P1Y2M', 'P1Y'])('accepts %s', (period) => {
    expect(parsePeriod(period)).not.toBeNull();
  });

  it.each(['PT48H', 'P1DT2H', 'P0D', 'P-1D', 'P1.5D', 'P', '3 days', '', 'garbage'])('refuses %j', (period) => {
    expect(parsePeriod(period)).toBeNull();
  });
});

describe(periodDays.name, () => {
  it.each([
    ['P3D', 3],
    ['P10D', 10],
    ['P1M', null],
    ['P2W', null],
    ['PT3H', null],
  ])('reads %s as %p days', (period, days) => {
    expect(periodDays(period)).toBe(days);
  });
});
