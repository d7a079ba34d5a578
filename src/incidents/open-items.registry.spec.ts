import { orderCounters, type OpenItemsCounter } from './open-items.registry.js';

const counter = (key: string, where: string, priority: number): OpenItemsCounter => ({ key, where, priority, count: async () => new Map() });

describe(orderCounters.name, () => {
  it('lists the counters by priority', () => {
    expect(orderCounters([counter('openCommitments', 'CommitmentsService.countOpen', 40), counter('scheduledReminders', 'RemindersService.countScheduled', 10)]).map((found) => found.key)).toEqual([
      'scheduledReminders',
      'openCommitments',
    ]);
  });

  it('fails the boot when two counters count one key, naming both', () => {
    expect(() => orderCounters([counter('openCommitments', 'A.count', 10), counter('openCommitments', 'B.count', 20)])).toThrow('openCommitments counted twice (A.count, B.count)');
  });

  it('fails the boot when two counters share a priority', () => {
    expect(() => orderCounters([counter('a', 'A.count', 10), counter('b', 'B.count', 10)])).toThrow('A.count and B.count both have priority 10');
  });
});
