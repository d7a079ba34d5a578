import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { AgendaService } from '../../src/agenda/agenda.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { problemsOf } from '../../src/common/problem.js';
import type { Actor } from '../../src/common/roles.js';
import { validateAs } from '../../src/common/validation.js';
import { AppConfig } from '../../src/config/app-config.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { JobName } from '../../src/queue/job-catalogue.js';
import { PrescriptionMark } from '../../src/prescriptions/prescription-mark.entity.js';
import { prescriptionReads } from '../../src/prescriptions/prescription-reads.js';
import { PrescriptionReminders } from '../../src/prescriptions/prescription-reminders.js';
import { MarkPrescriptionDto, UpdatePrescriptionDto } from '../../src/prescriptions/prescription.dto.js';
import { PrescriptionsService } from '../../src/prescriptions/prescriptions.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { TimelineEvent } from '../../src/timeline/timeline-event.entity.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

const DAY = 24 * 60 * 60_000;

/**
 * Press-law prescription (docs/legal.md): marking a message schedules its
 * reminders 30, 7 and 1 days before the prescription for the incident's
 * owner and the legal staff assigned to its notices; a change moves them, a
 * removal cancels them, each in the unit of work of the mark's timeline
 * event; Today lists the date within 30 days.
 */
describe('press-law prescription marks', () => {
  let t: Medium;
  let sut: PrescriptionsService;
  let ownerId: string;
  let lawyerId: string;
  let otherId: string;
  let incidentId: string;
  let elsewhereId: string;
  let cm: Actor;
  let zone: string;

  const message = async (incidentIdOf: string, postedAt: Date) =>
    (await t.get(CommentsService).create(t.actor, incidentIdOf, await validateAs(CreateCommentDto, { direction: 'inbound', body: 'Cet auteur est un escroc notoire.', authorName: 'Un lecteur', postedAt, needsResponse: false }))).id;
  const markDto = (fields: Record<string, unknown>) => validateAs(MarkPrescriptionDto, { subjectType: 'comment', offence: 'defamation', ...fields });
  const remindersOf = (markId: string) => t.dataSource.manager.find(Reminder, { where: { subjectType: 'prescription', subjectId: markId }, order: { sequence: 'ASC', recipientUserId: 'ASC' } });
  const eventsOf = async (type: string) => (await t.dataSource.manager.find(TimelineEvent, { where: { incidentId, type: type as never }, order: { seq: 'ASC' } })).map((event) => event.payload);
  /** The end of the day three months (or a year) after the publication's day, in the desk's zone. */
  const endOf = (publishedAt: Date, period: { months?: number; years?: number }) => DateTime.fromJSDate(publishedAt, { zone }).startOf('day').plus(period).endOf('day').toJSDate();

  beforeAll(async () => {
    // Warnings due months ahead are armed when written here (the default horizon, an hour, leaves them to the reconciler).
    t = await startMedium({ ALARM_HORIZON: 'P400D' });
    zone = t.get(AppConfig).timeZone;
    sut = t.get(PrescriptionsService);
    const users = t.get(UsersService);
    ownerId = (await users.create({ name: 'Claire', email: 'claire@example.org', role: 'community_manager' })).user.id;
    lawyerId = (await users.create({ name: 'Maître Roux', email: 'roux@example.org', role: 'legal' })).user.id;
    otherId = (await users.create({ name: 'Marc', email: 'marc@example.org', role: 'community_manager' })).user.id;
    cm = { kind: 'user', role: 'community_manager', id: ownerId };
    const incidents = t.get(IncidentsService);
    incidentId = (await incidents.create(t.actor, { title: 'Propos sur le blog', severity: 'high', ownerId })).id;
    elsewhereId = (await incidents.create(t.actor, { title: 'Autre affaire', severity: 'low', ownerId: otherId })).id;
    await t.get(LegalNoticesService).create(t.actor, incidentId, {
      type: 'defamation_claim',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'email',
      receivedAt: new Date(Date.now() - DAY),
      assigneeId: lawyerId,
      demands: [],
    } as unknown as RecordNoticeDto);
  });
  afterAll(async () => {
    await t.close();
  });

  it('marking a message dates its prescription (3 months) and schedules reminders 30, 7 and 1 days before, for the owner and the assigned lawyer, each saying a formal notice does not interrupt it', async () => {
    const postedAt = new Date(Date.now() - 10 * DAY);
    const mark = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, postedAt), note: 'Le mot « escroc »' }));
    const prescribesAt = endOf(postedAt, { months: 3 });
    expect(mark).toMatchObject({ offence: 'defamation', ground: null, status: 'active', publishedAt: postedAt.toISOString(), prescribesAt: prescribesAt.toISOString() });
    expect(mark.rule).toMatchObject({ noticeType: 'press_prescription', period: 'P3M', reference: 'Loi du 29 juillet 1881, art. 65' });
    expect(mark.warning).toMatch(/formal notice .* does not interrupt/);

    const reminders = await remindersOf(mark.id);
    expect(reminders.map((r) => [r.sequence, r.recipientUserId, r.dueAt.toISOString()])).toEqual(
      [1, 2, 3].flatMap((sequence) => {
        const dueAt = new Date(prescribesAt.getTime() - [30, 7, 1][sequence - 1]! * DAY).toISOString();
        return [ownerId, lawyerId].sort().map((recipient) => [sequence, recipient, dueAt]);
      }),
    );
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ kind: 'prescription_warning', status: 'scheduled', incidentId, owedBy: prescribesAt });
      expect(reminder.note).toContain('A formal notice does not interrupt this prescription');
      expect(reminder.note).toContain('Loi du 29 juillet 1881, art. 65');
    }
    const armed = t.queue.added(JobName.DeliverReminder).map((item) => (item.data as { reminderId: string }).reminderId);
    expect(reminders.every((r) => armed.includes(r.id))).toBe(true);
    expect(await eventsOf('prescription.marked')).toEqual([expect.objectContaining({ markId: mark.id, offence: 'defamation', ground: null, prescribesAt: prescribesAt.toISOString() })]);
  });

  it('a change of ground moves the date to a year (art. 65-3) and the reminders with it', async () => {
    const postedAt = new Date(Date.now() - 20 * DAY);
    const mark = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, postedAt), offence: 'insult' }));
    const before = await remindersOf(mark.id);
    const changed = await sut.update(cm, mark.id, await validateAs(UpdatePrescriptionDto, { ground: 'religion' }));
    const prescribesAt = endOf(postedAt, { years: 1 });
    expect(changed).toMatchObject({ ground: 'religion', prescribesAt: prescribesAt.toISOString(), rule: { noticeType: 'press_prescription_65_3', period: 'P1Y' } });
    const after = await remindersOf(mark.id);
    expect(after.filter((r) => before.some((old) => old.id === r.id)).map((r) => r.status)).toEqual(before.map(() => 'cancelled'));
    const scheduled = after.filter((r) => r.status === 'scheduled');
    expect(scheduled).toHaveLength(6);
    expect(scheduled.every((r) => r.owedBy.getTime() === prescribesAt.getTime())).toBe(true);
    expect((await eventsOf('prescription.changed')).at(-1)).toEqual({ markId: mark.id, changes: { ground: { from: null, to: 'religion' }, prescribesAt: { from: endOf(postedAt, { months: 3 }).toISOString(), to: prescribesAt.toISOString() } } });
  });

  it('removing the mark cancels its reminders, with the reason, and the policy calls any that fires obsolete', async () => {
    const mark = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, new Date(Date.now() - 5 * DAY)) }));
    const removed = await sut.unmark(cm, mark.id, { reason: 'Counsel says it is fair comment' });
    expect(removed).toMatchObject({ status: 'removed', removedBy: ownerId, removedReason: 'Counsel says it is fair comment' });
    const reminders = await remindersOf(mark.id);
    expect(reminders).toHaveLength(6);
    expect(reminders.every((r) => r.status === 'cancelled' && r.cancelReason === 'the mark was removed: Counsel says it is fair comment')).toBe(true);
    expect(await eventsOf('prescription.unmarked')).toEqual([expect.objectContaining({ markId: mark.id, reason: 'Counsel says it is fair comment' })]);
    expect(await t.get(PrescriptionReminders).obsolete(t.dataSource.manager, reminders[0]!)).toBe('the mark was removed');
    await expect(sut.unmark(cm, mark.id, { reason: 'again' })).rejects.toMatchObject({ status: 409 });
  });

  it('skips the lead times already past: a message published 80 days ago gets its 7- and 1-day reminders only', async () => {
    const mark = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, new Date(Date.now() - 80 * DAY)) }));
    expect([...new Set((await remindersOf(mark.id)).map((r) => r.sequence))]).toEqual([2, 3]);
  });

  it('Today lists the prescription within 30 days for the owner, not one that fell, not for someone else; dueFor gives it with the incident for a calendar', async () => {
    const postedAt = new Date(Date.now() - 85 * DAY);
    const mark = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, postedAt) }));
    const fallen = await sut.mark(cm, incidentId, await markDto({ subjectId: await message(incidentId, new Date(Date.now() - 100 * DAY)) }));
    const today = await t.get(AgendaService).of(ownerId);
    const items = today.items.filter((item) => item.kind === 'prescription');
    // The 80-day-old message's mark above is within 30 days too; the others are further off.
    expect(items.map((item) => item.subjectId)).toContain(mark.id);
    // A prescription that fell is owed nothing more: not on Today, still in the incident's calendar reads.
    expect(items.map((item) => item.subjectId)).not.toContain(fallen.id);
    expect(items.find((item) => item.subjectId === mark.id)).toMatchObject({ subjectType: 'prescription', incidentId, dueAt: mark.prescribesAt, detail: 'defamation', label: 'Loi du 29 juillet 1881, art. 65', overdue: false });
    expect(today.counts.prescription).toBe(items.length);
    expect((await t.get(AgendaService).of(otherId)).items.filter((item) => item.kind === 'prescription')).toEqual([]);

    const due = await prescriptionReads.dueFor(t.dataSource.manager, ownerId);
    expect(due.find((entry) => entry.markId === mark.id)).toMatchObject({ incidentId, incidentRef: expect.stringMatching(/^INC-/), incidentTitle: 'Propos sur le blog', prescribesAt: new Date(mark.prescribesAt!) });
    expect(due.every((entry) => entry.incidentId === incidentId)).toBe(true);
    expect(due.map((entry) => entry.markId)).toContain(fallen.id);
    expect((await prescriptionReads.dueFor(t.dataSource.manager, ownerId, { from: new Date() })).map((entry) => entry.markId)).not.toContain(fallen.id);
    expect(await prescriptionReads.dueFor(t.dataSource.manager, otherId)).toEqual([]);
  });

  it('refuses a message of another incident, naming subjectId, and writes nothing', async () => {
    const foreign = await message(elsewhereId, new Date(Date.now() - DAY));
    const count = async () => [await t.dataSource.manager.count(PrescriptionMark), await t.dataSource.manager.count(TimelineEvent, { where: { type: 'prescription.marked' as never } })];
    const before = await count();
    const error = await sut.mark(cm, incidentId, await markDto({ subjectId: foreign })).catch((caught: unknown) => caught);
    expect(problemsOf(error)).toEqual([expect.objectContaining({ field: 'subjectId', code: 'prescription.notOfIncident' })]);
    expect(await count()).toEqual(before);
  });

  it('refuses to mark the same message twice on the incident (409)', async () => {
    const subjectId = await message(incidentId, new Date(Date.now() - DAY));
    await sut.mark(cm, incidentId, await markDto({ subjectId }));
    await expect(sut.mark(cm, incidentId, await markDto({ subjectId, offence: 'insult' }))).rejects.toMatchObject({ status: 409 });
  });
});
