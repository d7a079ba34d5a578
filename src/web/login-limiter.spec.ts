import { MemoryCounter } from './login-limiter.js';

describe(MemoryCounter.name, () => {
  it('counts each key in a window opened by its first failure', async () => {
    const sut = new MemoryCounter();
    await sut.add(['ip:1'], 60_000, 1_000);
    expect(await sut.add(['ip:1', 'email:a'], 60_000, 2_000)).toEqual([
      { count: 2, leftMs: 59_000 },
      { count: 1, leftMs: 60_000 },
    ]);
    expect(await sut.read(['ip:1'], 61_000)).toEqual([{ count: 0, leftMs: 0 }]);
  });

  it('forgets the keys it is told to', async () => {
    const sut = new MemoryCounter();
    await sut.add(['pair:1:a', 'email:a'], 60_000, 0);
    await sut.forget(['pair:1:a']);
    expect(await sut.read(['pair:1:a', 'email:a'], 0)).toEqual([
      { count: 0, leftMs: 0 },
      { count: 1, leftMs: 60_000 },
    ]);
  });
});
