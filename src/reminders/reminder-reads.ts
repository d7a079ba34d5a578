import { In, type EntityManager } from 'typeorm';
import { Reminder } from './reminder.entity.js';

/** A reminder as the lists of other features show it. */
export type ReminderFacts = Pick<Reminder, 'id' | 'incidentId' | 'kind' | 'subjectType' | 'subjectId' | 'dueAt' | 'note' | 'noteFacts' | 'updatedAt'>;

const FACTS = { id: true, incidentId: true, kind: true, subjectType: true, subjectId: true, dueAt: true, note: true, noteFacts: true, updatedAt: true } as const;

/** The reminders feature's reads for the lists of other features (Today, the notifications page). */
export const reminderReads = {
  /** The follow-ups still scheduled for a person. */
  followUpsOf(manager: EntityManager, userId: string): Promise<ReminderFacts[]> {
    return manager.find(Reminder, { select: FACTS, where: { recipientUserId: userId, kind: 'follow_up', status: 'scheduled' } });
  },

  /** These reminders, by id (those gone are left out). */
  async byIds(manager: EntityManager, ids: readonly string[]): Promise<ReminderFacts[]> {
    return ids.length ? manager.find(Reminder, { select: FACTS, where: { id: In([...new Set(ids)]) } }) : [];
  },
};
