import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsoDateTime } from './dto-helpers.js';

class Probe {
  @IsoDateTime() at: Date;
}

const check = (at: unknown) => {
  const probe = plainToInstance(Probe, { at });
  return { probe, errors: validateSync(probe).flatMap((e) => Object.values(e.constraints ?? {})) };
};

describe(IsoDateTime.name, () => {
  it.each(['2026-11-26T14:30:00Z', '2026-11-26T14:30:00.123+01:00', '2026-11-26', '2024-02-29T00:00:00Z'])('accepts %s as a Date', (value) => {
    const { probe, errors } = check(value);
    expect(errors).toEqual([]);
    expect(probe.at).toBeInstanceOf(Date);
  });

  it.each(['yesterday', '2026-02-30', '2025-02-29T10:00:00Z', '2026-13-01', '26/11/2026', 1764115200000, null])('refuses %s naming the field', (value) => {
    expect(check(value).errors).toEqual(['at must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z']);
  });
});
