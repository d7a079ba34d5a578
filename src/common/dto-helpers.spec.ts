import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InFuture, IsoDateTime, NotBlank, NotInFuture, NotMoreThanADayAhead, parseIsoInput } from './dto-helpers.js';

class Probe {
  @IsoDateTime() at: Date;
}

const check = (at: unknown) => {
  const probe = plainToInstance(Probe, { at });
  return { probe, errors: validateSync(probe).flatMap((e) => Object.values(e.constraints ?? {})) };
};

describe(IsoDateTime.name, () => {
  it.each(['2026-11-26T14:30:00Z', '2026-11-26T14:30:00.123+01:00', '2026-11-26', '2024-02-29T00:00:00Z', '2026-11-26T14:30', '2026-11-26T14:30:00+0100'])(
    'accepts %s as a Date',
    (value) => {
      const { probe, errors } = check(value);
      expect(errors).toEqual([]);
      expect(probe.at).toBeInstanceOf(Date);
    },
  );

  it.each(['yesterday', '2026-02-30', '2025-02-29T10:00:00Z', '2026-13-01', '26/11/2026', '2026-11-26T25:00', 1764115200000, null])('refuses %s naming the field', (value) => {
    expect(check(value).errors).toEqual(['at must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z (without an offset, it is read in CALUMET_TZ)']);
  });
});

describe(parseIsoInput.name, () => {
  it('reads a date-time without an offset as a wall-clock time in the zone (a late evening in Paris is the same day there)', () => {
    expect(parseIsoInput('2026-11-30T23:30:00', 'Europe/Paris')!.toISOString()).toBe('2026-11-30T22:30:00.000Z');
    expect(parseIsoInput('2026-07-01T08:00', 'Europe/Paris')!.toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(parseIsoInput('2026-11-30T23:30:00', 'America/New_York')!.toISOString()).toBe('2026-12-01T04:30:00.000Z');
  });

  it('reads a date alone as its midnight in the zone', () => {
    expect(parseIsoInput('2026-12-03', 'Europe/Paris')!.toISOString()).toBe('2026-12-02T23:00:00.000Z');
  });

  it('keeps an explicit offset or Z as given, whatever the zone', () => {
    expect(parseIsoInput('2026-11-30T23:30:00Z', 'Europe/Paris')!.toISOString()).toBe('2026-11-30T23:30:00.000Z');
    expect(parseIsoInput('2026-11-30T23:30:00+05:30', 'Europe/Paris')!.toISOString()).toBe('2026-11-30T18:00:00.000Z');
  });

  it('gives null for impossible or unparseable dates', () => {
    expect(parseIsoInput('2026-02-30', 'Europe/Paris')).toBeNull();
    expect(parseIsoInput('next thursday', 'Europe/Paris')).toBeNull();
  });
});

describe('clock rules', () => {
  class Dated {
    @IsoDateTime() @NotInFuture() movedAt: Date;
    @IsoDateTime() @NotMoreThanADayAhead() postedAt: Date;
    @IsoDateTime() @InFuture() dueAt: Date;
    @NotBlank() body: string;
  }
  const failures = (fields: Record<string, unknown>) =>
    validateSync(plainToInstance(Dated, { movedAt: new Date().toISOString(), postedAt: new Date().toISOString(), dueAt: new Date(Date.now() + 60_000).toISOString(), body: 'x', ...fields })).flatMap((e) => Object.keys(e.constraints ?? {}));
  const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

  it('takes now and the past, and refuses the future beyond the clocks’ slack', () => {
    expect(failures({ movedAt: inHours(-48) })).toEqual([]);
    expect(failures({ movedAt: new Date(Date.now() + 30_000).toISOString() })).toEqual([]);
    expect(failures({ movedAt: inHours(1) })).toEqual(['notInFuture']);
  });

  it('takes a message dated up to a day ahead, not more', () => {
    expect(failures({ postedAt: inHours(23) })).toEqual([]);
    expect(failures({ postedAt: inHours(25) })).toEqual(['notMoreThanADayAhead']);
  });

  it('wants a reminder in the future, and leaves a date that is none to the date rule', () => {
    expect(failures({ dueAt: inHours(-1) })).toEqual(['inFuture']);
    expect(failures({ dueAt: 'soon' })).toEqual(['isIsoDateTime']);
  });

  it('refuses a text of spaces only', () => {
    expect(failures({ body: ' \n\t' })).toEqual(['notBlank']);
    expect(failures({ body: ' a ' })).toEqual([]);
  });
});
