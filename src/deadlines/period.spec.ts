import { Duration } from 'luxon';
import { parsePeriod, periodDays, readPeriod } from './period.js';

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

describe(readPeriod.name, () => {
  it.each([
    ['3 jours', 'P3D'],
    ['3 days', 'P3D'],
    ['1 jour', 'P1D'],
    ['8\u00a0jours', 'P8D'],
    ['2 semaines', 'P2W'],
    ['1 mois', 'P1M'],
    ['3 months', 'P3M'],
    ['1 an', 'P1Y'],
    ['1 an et 6 mois', 'P1Y6M'],
    ['1 an, 6 mois', 'P1Y6M'],
    ['1 year and 2 months', 'P1Y2M'],
    ['10j', 'P10D'],
    ['  Trois ', null],
    ['p3d', 'P3D'],
    ['P1Y2M', 'P1Y2M'],
  ])('reads %j as %j', (typed, iso) => {
    expect(readPeriod(typed)).toBe(iso);
  });

  it.each(['three days', '3 heures', '48 hours', '0 jours', '3 jours ouvrés', '3', 'jours', '', 'PT48H', '3 jours 2'])('refuses %j', (typed) => {
    expect(readPeriod(typed)).toBeNull();
  });

  it('reads back the words the desk shows for a period, in French and in English', () => {
    for (const iso of ['P3D', 'P8D', 'P2W', 'P1M', 'P3M', 'P1Y', 'P1Y6M', 'P2Y']) {
      for (const locale of ['fr', 'en']) expect([iso, locale, readPeriod(Duration.fromISO(iso, { locale }).toHuman())]).toEqual([iso, locale, iso]);
    }
  });
});
