import type { Tx } from './transaction.service.js';
import { UnitMemory } from './unit-memory.js';

const unit = (epoch: number, type: 'sqlite' | 'postgres' = 'sqlite') => ({ epoch, manager: { connection: { options: { type } } } }) as unknown as Tx;

describe(UnitMemory.name, () => {
  it('keeps a value while the epoch is the same, and reads again once it changes', async () => {
    const sut = new UnitMemory<number>();
    let reads = 0;
    const read = (tx: Tx) => sut.read(tx, 'k', async () => ++reads);
    expect(await read(unit(1))).toBe(1);
    expect(await read(unit(1))).toBe(1);
    expect(await read(unit(2))).toBe(2);
    expect(sut.get(unit(1), 'k')).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('of a table: forgets what it read once a statement of this process changed that table, even during the read', async () => {
    let writes = 0;
    const sut = new UnitMemory<string>({ table: { name: 'incidents', writes: { writesTo: (table) => (table === 'incidents' ? writes : 99) } } });
    expect(await sut.read(unit(1), 'a', async () => 'first')).toBe('first');
    expect(sut.get(unit(1), 'a')).toBe('first');
    writes += 1;
    expect(sut.get(unit(1), 'a')).toBeUndefined();
    // A write while it reads: what it read may be from before the write, so it is not kept as good.
    await sut.read(unit(1), 'b', async () => {
      writes += 1;
      return 'during';
    });
    expect(sut.get(unit(1), 'b')).toBeUndefined();
  });

  it('hands each caller a copy when told to, so a caller’s change stays its own', async () => {
    const sut = new UnitMemory<{ tags: string[] }>({ copy: structuredClone });
    const first = await sut.read(unit(1), 'k', async () => ({ tags: ['a'] }));
    first.tags.push('changed');
    expect(sut.get(unit(1), 'k')).toEqual({ tags: ['a'] });
    sut.get(unit(1), 'k')!.tags.push('again');
    expect(sut.get(unit(1), 'k')).toEqual({ tags: ['a'] });
  });

  it('forgets a key on demand, starts again past its capacity, and keeps nothing on PostgreSQL', async () => {
    const sut = new UnitMemory<number>({ capacity: 2 });
    sut.set(unit(1), 'a', 1);
    sut.set(unit(1), 'b', 2);
    sut.forget('a');
    expect(sut.get(unit(1), 'a')).toBeUndefined();
    sut.set(unit(1), 'a', 1);
    sut.set(unit(1), 'c', 3);
    expect([sut.get(unit(1), 'a'), sut.get(unit(1), 'b'), sut.get(unit(1), 'c')]).toEqual([undefined, undefined, 3]);
    sut.set(unit(0, 'postgres'), 'd', 4);
    expect(sut.get(unit(0, 'postgres'), 'd')).toBeUndefined();
    let reads = 0;
    await sut.read(unit(0, 'postgres'), 'e', async () => ++reads);
    await sut.read(unit(0, 'postgres'), 'e', async () => ++reads);
    expect(reads).toBe(2);
  });
});
