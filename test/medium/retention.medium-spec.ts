import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommentDto, UpdateCommentDto } from '../../src/comments/comment.dto.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { EvidenceStore } from '../../src/evidence/evidence-store.js';
import { CreateEvidenceDto } from '../../src/evidence/evidence.dto.js';
import type { TransitionDto } from '../../src/incidents/incident.dto.js';
import { Incident } from '../../src/incidents/incident.entity.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { Notification } from '../../src/notifications/notification.entity.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { CreateReminderDto } from '../../src/reminders/reminder.dto.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { RetentionService } from '../../src/retention/retention.service.js';
import { SealsService } from '../../src/seals/seals.service.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/** Retention with the default rule: closed incidents are due for purge six years after closing (RETENTION_CLOSED=P6Y). */
let t: Medium;
let userId: string;
beforeAll(async () => {
  t = await startMedium();
  userId = (await t.get(UsersService).create({ name: 'Admin', email: 'admin@retention.example', role: 'admin' })).user.id;
});
afterAll(async () => {
  await t.close();
});

const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000);
const count = async (table: string, incidentId: string) => Number(((await t.sql(`SELECT COUNT(*) AS n FROM ${table} WHERE incident_id = ?`, [incidentId])) as Array<{ n: number | string }>)[0]!.n);
const move = (id: string, dto: Partial<TransitionDto>) => t.get(IncidentsService).transition(t.actor, id, dto as TransitionDto);

/** An incident resolved then closed now, its dates then set back as if it had been closed `years` ago (the API refuses a move dated before the last one). */
async function closed(title: string, years: number, before?: (id: string) => Promise<void>): Promise<string> {
  const incident = await t.get(IncidentsService).create(t.actor, { title, severity: 'low' });
  await before?.(incident.id);
  await move(incident.id, { to: 'resolved', reason: 'settled', resolution: 'settled amicably' });
  await move(incident.id, { to: 'closed', reason: 'nothing left to do' });
  await t.write((manager) => manager.update(Incident, { id: incident.id }, { resolvedAt: yearsAgo(years + 0.1), closedAt: yearsAgo(years), stateChangedAt: yearsAgo(years) }));
  return incident.id;
}

describe(RetentionService.name, () => {
  describe('the due list', () => {
    it('lists a closed incident once the period has passed since its closing, and leaves the younger, the resolved and the open ones alone', async () => {
      const old = await closed('Closed seven years ago', 7);
      const young = await closed('Closed five years ago', 5);
      const resolved = await t.get(IncidentsService).create(t.actor, { title: 'Resolved long ago', severity: 'low', openedAt: yearsAgo(9) });
      await move(resolved.id, { to: 'resolved', reason: 'settled', resolution: 'ok', at: yearsAgo(8) });
      const open = await t.get(IncidentsService).create(t.actor, { title: 'Open for years', severity: 'low', openedAt: yearsAgo(8) });
      const list = await t.get(RetentionService).due();
      expect(list.rules).toEqual([{ state: 'closed', period: 'P6Y' }]);
      expect(list.auto).toBe(false);
      const listed = [...list.due, ...list.heldBack].map((candidate) => candidate.incidentId);
      expect(listed).toContain(old);
      for (const id of [young, resolved.id, open.id]) expect(listed).not.toContain(id);
      const entry = list.due.find((candidate) => candidate.incidentId === old)!;
      expect(entry).toMatchObject({ state: 'closed', rule: { state: 'closed', period: 'P6Y' }, heldBack: [] });
      expect(new Date(entry.dueAt).getTime()).toBeGreaterThan(new Date(entry.since).getTime() + 5.9 * 365 * 86_400_000);
    });

    it('holds back an incident under legal hold, with the hold’s reason', async () => {
      const held = await closed('Held', 7);
      await t.get(IncidentsService).setLegalHold(t.actor, held, { on: true, reason: 'appeal pending' });
      const list = await t.get(RetentionService).due();
      expect(list.due.map((candidate) => candidate.incidentId)).not.toContain(held);
      expect(list.heldBack.find((candidate) => candidate.incidentId === held)!.heldBack).toEqual([{ code: 'legalHold', detail: 'under legal hold: appeal pending', reason: 'appeal pending' }]);
    });

    it('holds back an incident with an open legal notice, naming it', async () => {
      let noticeId = '';
      const withNotice = await closed('Notice reopened', 7, async (id) => {
        noticeId = (await t.get(LegalNoticesService).create(t.actor, id, { type: 'formal_notice', direction: 'received', jurisdiction: 'FR', receivedVia: 'email', receivedAt: new Date(Date.now() - 3600_000) } as RecordNoticeDto)).id;
        await t.get(LegalNoticesService).transition(t.actor, noticeId, { to: 'withdrawn', reason: 'they gave up' });
      });
      // A notice open again on a closed incident (the desk would not close it so, but nothing is purged if it is).
      await t.sql("UPDATE legal_notices SET status = 'under_review' WHERE id = ?", [noticeId]);
      const entry = (await t.get(RetentionService).due()).heldBack.find((candidate) => candidate.incidentId === withNotice)!;
      expect(entry.heldBack).toEqual([expect.objectContaining({ code: 'openItems', key: 'openLegalNotices', count: 1 })]);
    });
  });

  describe('the purge', () => {
    it('removes every row of the incident, its evidence bytes and its timeline, records the removal with its last head, and seals it', async () => {
      const party = await t.get(PartiesService).create({ kind: 'person', name: 'Le fondateur' });
      let sha256 = '';
      const other = await closed('Kept: closed five years ago', 5, async (id) => {
        await t.get(CommentsService).create(t.actor, id, await validateAs(CreateCommentDto, { direction: 'inbound', partyId: party.id, body: 'Je reste.' }));
      });
      const purged = await closed('Purged', 7, async (id) => {
        const comment = await t.get(CommentsService).create(t.actor, id, await validateAs(CreateCommentDto, { direction: 'inbound', partyId: party.id, body: 'Droit de réponse !' }));
        await t.get(CommentsService).update(t.actor, comment.id, await validateAs(UpdateCommentDto, { body: 'Droit de réponse, vite !' }));
        const notice = await t.get(LegalNoticesService).create(t.actor, id, { type: 'right_of_reply', direction: 'received', jurisdiction: 'FR', receivedVia: 'comment', receivedAt: new Date(Date.now() - 3600_000), commentId: comment.id } as RecordNoticeDto);
        await t.get(LegalNoticesService).transition(t.actor, notice.id, { to: 'withdrawn', reason: 'settled' });
        sha256 = (await t.get(EvidenceService).create(t.actor, id, await validateAs(CreateEvidenceDto, { kind: 'text', text: `the comment, for the purge ${id}`, linkedCommentId: comment.id, linkedNoticeId: notice.id }))).sha256;
        const commitment = await t.get(CommitmentsService).create(t.actor, id, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Call back', ownerId: userId }));
        await t.get(CommitmentsService).cancel(t.actor, commitment.id, 'they called first');
        const reminder = await t.get(RemindersService).createFollowUp(t.actor, await validateAs(CreateReminderDto, { incidentId: id, dueAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'Check the page', recipientUserId: userId }));
        await t.write((manager) =>
          manager.insert(Notification, { id: crypto.randomUUID(), userId, reminderId: reminder.id, incidentId: id, kind: 'follow_up', title: 'Check', body: 'Check the page', url: '/x', dueAt: new Date(), createdAt: new Date(), readAt: null }),
        );
        await t.get(RemindersService).cancelOne(t.actor, reminder.id, { reason: 'not needed' });
      });
      const tables = ['comments', 'legal_notices', 'notice_decisions', 'evidence', 'commitments', 'reminders', 'notifications', 'search_documents', 'timeline_events', 'timeline_personal_values', 'incident_posts'];
      for (const table of ['comments', 'legal_notices', 'evidence', 'commitments', 'reminders', 'notifications', 'search_documents', 'timeline_personal_values']) expect({ table, present: (await count(table, purged)) > 0 }).toEqual({ table, present: true });
      const store = t.get(EvidenceStore);
      expect(await store.check(sha256)).toBe('intact');
      const before = await t.get(SealsService).make(t.actor);
      const head = (await t.get(TimelineService).verify(purged)).head;
      const otherBefore = await t.get(TimelineService).verify(other);

      const remindersBefore = count('reminders', purged);
      expect(await remindersBefore).toBeGreaterThan(1);
      const result = await t.get(RetentionService).purge(t.actor, [purged]);

      expect(result.outcomes).toEqual([
        expect.objectContaining({ incidentId: purged, status: 'purged', head, removed: { notifications: 1, reminders: await remindersBefore, commitments: 1, evidence: 1, legalNotices: 1, comments: 1 } }),
      ]);
      for (const table of tables) expect({ table, rows: await count(table, purged) }).toEqual({ table, rows: 0 });
      expect(await t.sql('SELECT id FROM incidents WHERE id = ?', [purged])).toEqual([]);
      expect(await store.check(sha256)).toBe('missing');
      // The other incident is untouched, its chain whole.
      expect(await t.get(TimelineService).verify(other)).toEqual(otherBefore);
      expect(await count('comments', other)).toBe(1);
      // The record survives, on a chain of its own that verifies; the seal made after covers it, and the seal made before names the removal.
      const [record] = await t.get(RetentionService).removals(1);
      expect(record).toMatchObject({ incidentId: purged, type: 'incident.purged', head, rule: { state: 'closed', period: 'P6Y' } });
      expect((await t.get(TimelineService).verifyRemovals()).valid).toBe(true);
      expect(result.seal).not.toBeNull();
      const after = await t.get(SealsService).get(result.seal!.id);
      expect(after.heads).toContainEqual({ incidentId: '00000000-0000-0000-0000-000000000000', seq: record!.seq, hash: record!.hash });
      expect(await t.get(SealsService).verify({ root: after.root })).toMatchObject({ valid: true, findings: [] });
      const verified = await t.get(SealsService).verify({ root: before.root });
      expect(verified).toMatchObject({ valid: true, findings: [] });
      expect(verified.removed).toEqual([expect.objectContaining({ incidentId: purged, type: 'incident.purged', head })]);
    });

    it('checks each incident again: refuses one under legal hold, one not due, one open and one unknown, with the reason, and removes nothing', async () => {
      const held = await closed('Held at purge time', 7);
      await t.get(IncidentsService).setLegalHold(t.actor, held, { on: true, reason: 'litigation expected' });
      const young = await closed('Too young', 2);
      const open = (await t.get(IncidentsService).create(t.actor, { title: 'Open', severity: 'low' })).id;
      const unknown = '6f1d1d55-0000-4000-8000-000000000000';
      const result = await t.get(RetentionService).purge(t.actor, [held, young, open, unknown]);
      expect(result.outcomes.map(({ incidentId, status, reason }) => ({ incidentId, status, reason }))).toEqual([
        { incidentId: held, status: 'refused', reason: 'legalHold' },
        { incidentId: young, status: 'refused', reason: 'notDue' },
        { incidentId: open, status: 'refused', reason: 'notDue' },
        { incidentId: unknown, status: 'refused', reason: 'notFound' },
      ]);
      expect(result.seal).toBeNull();
      for (const id of [held, young, open]) expect((await t.get(TimelineService).verify(id)).valid).toBe(true);
    });
  });

  describe('the database’s guard of timelines', () => {
    it('still refuses a plain DELETE of events, of an incident that exists or of one deleted behind the API without its removal recorded', async () => {
      const live = await closed('Live', 7);
      await expect(t.sql('DELETE FROM timeline_events WHERE incident_id = ?', [live])).rejects.toThrow(/append-only/);
      await t.sql('DELETE FROM incidents WHERE id = ?', [live]);
      await expect(t.sql('DELETE FROM timeline_events WHERE incident_id = ?', [live])).rejects.toThrow(/append-only/);
      expect(await count('timeline_events', live)).toBeGreaterThan(0);
      await expect(t.sql('DELETE FROM timeline_removals')).rejects.toThrow(/append-only/);
      await expect(t.sql("UPDATE timeline_removals SET actor = 'someone'")).rejects.toThrow(/append-only/);
    });
  });
});
