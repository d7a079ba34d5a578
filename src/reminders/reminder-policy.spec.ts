import { policyTable, type ReminderKindPolicy } from './reminder-policy.js';

const policy: ReminderKindPolicy = { obsolete: async () => null, afterSent: async () => undefined };

describe(policyTable.name, () => {
  it('answers the policy of each kind claimed', () => {
    const sut = policyTable([{ kinds: ['response_due', 'escalation_notice'], where: 'ResponseReminders', policy }]);
    expect([...sut.keys()]).toEqual(['response_due', 'escalation_notice']);
  });

  it('fails the boot when two policies claim one kind, naming both', () => {
    expect(() =>
      policyTable([
        { kinds: ['response_due'], where: 'ResponseReminders', policy },
        { kinds: ['response_due'], where: 'OtherReminders', policy },
      ]),
    ).toThrow('reminder kind response_due has 2 policies: ResponseReminders, OtherReminders');
  });

  it('fails the boot on a policy of a kind no reminder has', () => {
    expect(() => policyTable([{ kinds: ['reply_due'], where: 'Typo', policy }])).toThrow('Typo is the policy of reply_due, which is no reminder kind');
  });
});
