import { orderListeners, type FoundListener } from './timeline-listeners.js';

const found = (type: string, where: string, priority?: number): FoundListener => ({ type: type as FoundListener['type'], where, priority, listener: () => undefined });
const defined = (type: string) => type === 'comment.added' || type === 'state.changed';

describe(orderListeners.name, () => {
  it('runs the listeners of one type in the order of their priorities, not of their Class.method names', () => {
    const sut = orderListeners([found('comment.added', 'Aardvark.onCommentAdded', 20), found('comment.added', 'Zebra.onCommentAdded', 10), found('comment.added', 'LiveBus.onChange', 100)], defined);
    expect(sut.map((listener) => listener.where)).toEqual(['Zebra.onCommentAdded', 'Aardvark.onCommentAdded', 'LiveBus.onChange']);
  });

  it('runs a listener without a priority at 0, before those given a positive one', () => {
    const sut = orderListeners([found('comment.added', 'Late.onCommentAdded', 5), found('comment.added', 'Plain.onCommentAdded')], defined);
    expect(sut.map((listener) => listener.where)).toEqual(['Plain.onCommentAdded', 'Late.onCommentAdded']);
  });

  it('fails the boot on two listeners of one type with the same priority, naming both', () => {
    expect(() => orderListeners([found('comment.added', 'A.onCommentAdded', 10), found('comment.added', 'B.onCommentAdded', 10)], defined)).toThrow(
      'A.onCommentAdded and B.onCommentAdded (comment.added) both have priority 10',
    );
  });

  it('lets listeners of different types share a priority', () => {
    expect(orderListeners([found('comment.added', 'A.onCommentAdded'), found('state.changed', 'A.onStateChanged')], defined)).toHaveLength(2);
  });

  it('fails the boot on a listener of an event type no feature defined, naming it', () => {
    expect(() => orderListeners([found('coment.added', 'Typo.onCommentAdded')], defined)).toThrow('Typo.onCommentAdded (coment.added)');
  });
});
