import { describe, expect, it } from '@jest/globals';
import { BatchSizes } from './batch-sizes.js';

describe(BatchSizes.name, () => {
  it('keeps the size given when it aims at no time', () => {
    const sut = new BatchSizes(100, 0);
    sut.took(100, 500);
    expect(sut.next).toBe(100);
  });

  it('moves halfway to the size that fits the time aimed at, within 25 and 2,000', () => {
    const sut = new BatchSizes(250, 50);
    sut.took(250, 100);
    expect(sut.next).toBe(188);
    sut.took(188, 5);
    expect(sut.next).toBe(1034);
    for (let i = 0; i < 10; i++) sut.took(sut.next, 0.5);
    expect(sut.next).toBe(2000);
    for (let i = 0; i < 20; i++) sut.took(sut.next, 60_000);
    expect(sut.next).toBe(25);
  });

  it('learns nothing from a last batch cut short by the end of the thread', () => {
    const sut = new BatchSizes(250, 50);
    sut.took(3, 40);
    expect(sut.next).toBe(250);
  });
});
