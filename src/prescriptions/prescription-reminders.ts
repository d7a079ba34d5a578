import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { noticeReads } from '../legal-notices/notice-reads.js';
import { englishNote, type NoteFacts } from '../reminders/reminder-note.js';
import type { ReminderKind, Subject } from '../reminders/reminder-kinds.js';
import { ReminderPolicy, type FiredReminder, type ReminderKindPolicy } from '../reminders/reminder-policy.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { people } from '../users/people.js';
import { responsibleUsers } from '../users/responsible-users.js';
import { PrescriptionMark } from './prescription-mark.entity.js';
import { PRESCRIPTION_LEAD_DAYS } from './prescription.types.js';

const KINDS: ReminderKind[] = ['prescription_warning'];
const DAY_MS = 24 * 60 * 60_000;
/** The mark is the subject: removing or changing it cancels or moves its reminders. */
export const markSubject = (id: string): Subject => ({ type: 'prescription', id });

/** What a prescription reminder says: the offence, the message or post, the date and its reference; then the formal-notice warning. */
export function prescriptionNote(mark: Pick<PrescriptionMark, 'offence' | 'subjectType' | 'prescribesAt' | 'ruleReference'>, incidentRef: string): NoteFacts {
  return [
    {
      key: 'note.prescription',
      values: { offence: mark.offence, subject: mark.subjectType, ref: incidentRef, when: mark.prescribesAt!.toISOString(), reference: mark.ruleReference ?? '' },
      words: { when: 'date' },
    },
    { key: 'note.prescriptionWarning', values: {} },
  ];
}

/**
 * The prescription_warning reminders of a mark: one at each of
 * PRESCRIPTION_LEAD_DAYS before its prescription date (those already past
 * skipped), for the incident's owner and the legal staff assigned to its
 * notices (or, when none is active, whoever answers for the incident), each
 * note carrying the warning that a formal notice does not interrupt the
 * prescription. Scheduled, moved and cancelled by PrescriptionsService in
 * the unit of work of the mark's change; the policy of their kind when they
 * fire.
 */
@Injectable()
@ReminderPolicy({ kinds: KINDS })
export class PrescriptionReminders implements ReminderKindPolicy {
  constructor(
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  /** Schedules the reminders of an active mark with a prescription date. */
  async schedule(tx: Tx, mark: PrescriptionMark): Promise<void> {
    if (mark.status !== 'active' || !mark.prescribesAt) return;
    const owedBy = mark.prescribesAt;
    const now = Date.now();
    const leads = PRESCRIPTION_LEAD_DAYS.map((days, index) => ({ sequence: index + 1, dueAt: new Date(owedBy.getTime() - days * DAY_MS) })).filter((lead) => lead.dueAt.getTime() > now);
    if (!leads.length) return;
    const incident = await incidentReads.one(tx.manager, mark.incidentId);
    const candidates = [...(incident.ownerId ? [incident.ownerId] : []), ...(await noticeReads.assigneesOf(tx.manager, mark.incidentId))];
    const active = (await people.byIds(tx.manager, candidates, { active: true })).map((person) => person.id);
    const recipientUserIds = active.length ? [...new Set(candidates)].filter((id) => active.includes(id)) : await responsibleUsers(tx.manager, incident);
    const noteFacts = prescriptionNote(mark, incident.ref);
    const note = englishNote(noteFacts, this.config.timeZone);
    for (const lead of leads) {
      await this.reminders.schedule(tx, { kind: 'prescription_warning', subject: markSubject(mark.id), incidentId: mark.incidentId, incident, recipientUserIds, ...lead, owedBy, note, noteFacts });
    }
  }

  /** Cancels the mark's pending reminders. */
  async cancel(tx: Tx, markId: string, reason: string): Promise<number> {
    return this.reminders.cancelForSubject(tx, markSubject(markId), reason, KINDS);
  }

  async obsolete(manager: EntityManager, reminder: FiredReminder): Promise<string | null> {
    const mark = await manager.findOneBy(PrescriptionMark, { id: reminder.subjectId });
    if (!mark || mark.status !== 'active') return 'the mark was removed';
    if (mark.prescribesAt?.getTime() !== reminder.owedBy.getTime()) return 'the prescription date moved';
    return null;
  }

  async afterSent(): Promise<void> {}
}
