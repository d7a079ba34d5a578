import { threadOrder, type Threaded } from './thread.js';

const at = (hour: number) => new Date(Date.UTC(2026, 10, 30, hour));
const message = (id: string, hour: number, parentId: string | null = null): Threaded => ({ id, parentId, postedAt: at(hour) });

describe(threadOrder.name, () => {
  it('puts each reply under the message it answers, not where its time would put it', () => {
    // The founder writes (a) at 9, a bystander (b) at 10, the blogger answers the founder (c) at 11, the founder answers the blogger (d) at 12.
    const sut = threadOrder([message('a', 9), message('b', 10), message('c', 11, 'a'), message('d', 12, 'c')]);
    expect(sut.map((place) => [place.item.id, place.depth, place.parent?.id ?? null])).toEqual([
      ['a', 0, null],
      ['c', 1, 'a'],
      ['d', 2, 'c'],
      ['b', 0, null],
    ]);
  });

  it('orders siblings by when they were posted, whatever order they come in', () => {
    const sut = threadOrder([message('late', 14, 'root'), message('root', 9), message('early', 10, 'root')]);
    expect(sut.map((place) => place.item.id)).toEqual(['root', 'early', 'late']);
  });

  it('keeps a reply whose parent is not in the thread as a message of its own', () => {
    expect(threadOrder([message('orphan', 9, 'gone')]).map((place) => [place.item.id, place.depth])).toEqual([['orphan', 0]]);
  });

  it('never loops on a cycle, and loses no message', () => {
    const sut = threadOrder([message('x', 9, 'y'), message('y', 10, 'x'), message('z', 11)]);
    expect(sut.map((place) => place.item.id).sort()).toEqual(['x', 'y', 'z']);
  });
});
