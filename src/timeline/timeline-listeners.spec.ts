import { orderListeners, type FoundListener } from './timeline-listeners.js';

const found = (type: string, where: string): FoundListener => ({ type: type as FoundListener['type'], where, listener: () => undefined });
const defined = (type: string) => type === 'comment.added';

describe(orderListeners.name, () => {
  it('runs the listeners of one type in the order of their Class.method names, whatever the order found', () => {
    const sut = orderListeners([found('comment.added', 'ResponseReminders.onCommentAdded'), found('comment.added', 'ClosedIncidentMessages.onCommentAdded')], defined);
    expect(sut.map((listener) => listener.where)).toEqual(['ClosedIncidentMessages.onCommentAdded', 'ResponseReminders.onCommentAdded']);
  });

  it('fails the boot on a listener of an event type no feature defined, naming it', () => {
    expect(() => orderListeners([found('coment.added', 'Typo.onCommentAdded')], defined)).toThrow('Typo.onCommentAdded (coment.added)');
  });
});
