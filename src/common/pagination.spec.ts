import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './pagination.js';

describe('cursor', () => {
  it('round-trips dates, strings and numbers', () => {
    const at = new Date('2026-11-26T10:00:00.123Z');
    expect(decodeCursor(encodeCursor([at, 'abc', 7]), 3)).toEqual([at, 'abc', 7]);
  });

  it.each([
    ['garbage', 'not-base64-json', 2],
    ['the wrong number of keys', encodeCursor(['only-one']), 2],
    ['a non-array', Buffer.from('{"d":1}').toString('base64url'), 1],
    ['a bad date', encodeCursor([{ d: 'yesterday' }]), 1],
  ])('refuses a cursor holding %s with 400', (_, cursor, arity) => {
    expect(() => decodeCursor(cursor as string, arity as number)).toThrow(BadRequestException);
  });
});
