import { isDue } from './check-alarms.js';

describe(isDue.name, () => {
  it('holds a check due at or before now (with a second of clock skew), not a later one nor none', () => {
    expect(isDue(new Date(Date.now() - 60_000))).toBe(true);
    expect(isDue(new Date(Date.now() + 500))).toBe(true);
    expect(isDue(new Date(Date.now() + 60_000))).toBe(false);
    expect(isDue(null)).toBe(false);
  });
});
