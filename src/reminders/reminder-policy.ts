import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { classHook, Hooks } from '../common/hooks.js';
import type { Tx } from '../database/transaction.service.js';
import { REMINDER_KINDS, type ReminderKind } from './reminder-kinds.js';
import type { Reminder } from './reminder.entity.js';

/** What a policy learns of a reminder that fires. */
export type FiredReminder = Pick<
  Reminder,
  'id' | 'kind' | 'subjectType' | 'subjectId' | 'incidentId' | 'recipientUserId' | 'dueAt' | 'owedBy' | 'sequence' | 'note' | 'noteFacts'
>;

/**
 * The rules of the feature that schedules reminders of some kinds, asked by
 * the delivery when one fires: whether it is still owed, and what follows it.
 */
export interface ReminderKindPolicy {
  /** Why the reminder is no longer owed (checked again when it fires), or null while it is. */
  obsolete(manager: EntityManager, reminder: FiredReminder): Promise<string | null>;
  /** Runs in the transaction that marks it sent: the next reminder of its chain, say. */
  afterSent(tx: Tx, reminder: FiredReminder, firedAt: Date): Promise<void>;
}

export interface ReminderPolicyHook {
  kinds: readonly ReminderKind[];
}

/** Marks a provider as the policy of these reminder kinds; ReminderPolicies finds it at boot. */
export const ReminderPolicy = classHook<ReminderPolicyHook, ReminderKindPolicy>();

/** One policy per kind at most; a kind no reminder has, or claimed twice, fails the boot naming the policies. */
export function policyTable(found: Array<{ kinds: readonly string[]; where: string; policy: ReminderKindPolicy }>): Map<ReminderKind, ReminderKindPolicy> {
  const problems: string[] = [];
  const table = new Map<ReminderKind, ReminderKindPolicy>();
  for (const { kinds, where } of found) {
    for (const kind of kinds) if (!(REMINDER_KINDS as readonly string[]).includes(kind)) problems.push(`${where} is the policy of ${kind}, which is no reminder kind`);
  }
  for (const kind of REMINDER_KINDS) {
    const claims = found.filter((item) => item.kinds.includes(kind));
    if (claims.length > 1) problems.push(`reminder kind ${kind} has ${claims.length} policies: ${claims.map((item) => item.where).join(', ')}`);
    if (claims.length === 1) table.set(kind, claims[0]!.policy);
  }
  if (problems.length) throw new Error(`Reminder policies:\n  - ${problems.join('\n  - ')}`);
  return table;
}

const NO_POLICY: ReminderKindPolicy = { obsolete: async () => null, afterSent: async () => undefined };

/** The @ReminderPolicy providers, found at boot; a kind without one is owed until sent, and nothing follows it. */
@Injectable()
export class ReminderPolicies implements OnModuleInit {
  private table = new Map<ReminderKind, ReminderKindPolicy>();

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    this.table = policyTable(this.hooks.providers(ReminderPolicy).map(({ value, where, instance }) => ({ kinds: value.kinds, where, policy: instance })));
  }

  of(kind: ReminderKind): ReminderKindPolicy {
    return this.table.get(kind) ?? NO_POLICY;
  }
}
