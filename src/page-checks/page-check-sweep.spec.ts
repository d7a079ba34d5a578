import { orderDueChecks } from './page-check-sweep.service.js';

const source = (kind: 'post' | 'commitment', where: string, priority: number) => ({ kind, where, priority, find: async () => [] });

describe(orderDueChecks.name, () => {
  it('asks the kinds in the order of their priorities', () => {
    expect(orderDueChecks([source('commitment', 'CommitmentJobs.dueChecks', 20), source('post', 'PostJobs.dueChecks', 10)]).map((found) => found.kind)).toEqual(['post', 'commitment']);
  });

  it('fails the boot when two sources claim one kind, naming both', () => {
    expect(() => orderDueChecks([source('post', 'A.dueChecks', 10), source('post', 'B.dueChecks', 20)])).toThrow('post found twice (A.dueChecks, B.dueChecks)');
  });
});
