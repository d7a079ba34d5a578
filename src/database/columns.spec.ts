import { jest } from '@jest/globals';
import { isUUID } from 'class-validator';
import { newId } from './columns.js';

describe('newId', () => {
  afterEach(() => jest.restoreAllMocks());

  it('makes UUIDs of version 7 whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(isUUID(id, 7)).toBe(true);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('makes ids that sort in the order they were made, within a millisecond, past 4,096 of them, and with the clock set back', () => {
    const now = jest.spyOn(Date, 'now');
    now.mockReturnValue(1_800_000_000_000);
    const ids = Array.from({ length: 5000 }, () => newId());
    now.mockReturnValue(1_799_999_999_000);
    ids.push(newId(), newId());
    now.mockReturnValue(1_800_000_000_500);
    ids.push(newId());
    for (const id of ids) expect(isUUID(id, 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // Past 4,096 in one millisecond the time moves on by one; set back, it stays where it was.
    expect(ids[4095]!.startsWith(ids[0]!.slice(0, 13))).toBe(true);
    expect(ids[4096]!.slice(0, 13)).not.toBe(ids[0]!.slice(0, 13));
    expect(parseInt(ids[5001]!.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_000_001);
    expect(parseInt(ids.at(-1)!.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_000_500);
  });

  it('keeps 62 random bits: no two ids of the same millisecond and counter share them', () => {
    const tails = new Set(Array.from({ length: 1000 }, () => newId().slice(19)));
    expect(tails.size).toBe(1000);
  });
});
