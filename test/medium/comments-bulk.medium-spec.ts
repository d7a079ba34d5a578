import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Comment } from '../../src/comments/comment.entity.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startMedium, type Medium } from './harness.js';

describe('CommentsService.addMany (medium)', () => {
  let t: Medium;
  let incidentId: string;
  const addMany = (items: Parameters<CommentsService['addMany']>[3]) => t.get(TransactionService).run((tx) => t.get(CommentsService).addMany(tx, t.actor, incidentId, items));

  beforeAll(async () => {
    t = await startMedium();
    incidentId = (await t.get(IncidentsService).create(t.actor, { title: 'A thread imported at once', severity: 'low' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a comment added earlier in the same call: the reply marks it answered and cancels its reminder, in one chain', async () => {
    const [question, answer] = [randomUUID(), randomUUID()];
    await addMany([
      { id: question, dto: { direction: 'inbound', authorName: 'Founder', body: 'Will you remove it?' } },
      { id: answer, dto: { direction: 'outbound', parentId: question, body: 'Yes, by Thursday.' } },
    ]);
    expect(await t.dataSource.manager.findOneByOrFail(Comment, { id: question })).toMatchObject({ needsResponse: true, respondedById: answer });
    expect(await t.dataSource.manager.findBy(Reminder, { subjectId: question })).toEqual([expect.objectContaining({ kind: 'response_due', status: 'cancelled' })]);
    const events = (await t.get(TimelineService).list(incidentId, { limit: 100 })).items.map((event) => event.type);
    expect(events).toEqual(['incident.created', 'comment.added', 'comment.added', 'reminder.cancelled']);
    expect((await t.get(TimelineService).verify(incidentId)).valid).toBe(true);
  });

  it('gives an inbound comment the counterpart when no author is named or the name is the counterpart’s (as imports judge names), none for another name', async () => {
    const helene = await t.get(PartiesService).create({ kind: 'person', name: 'Hélène Dupont' });
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Her words', severity: 'low', counterpartId: helene.id });
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await t.get(TransactionService).run((tx) =>
      t.get(CommentsService).addMany(tx, t.actor, incident.id, [
        { id: ids[0]!, dto: { direction: 'inbound', authorName: 'HELENE   dupont', body: 'Vous mentez.' } },
        { id: ids[1]!, dto: { direction: 'inbound', body: 'Encore.' } },
        { id: ids[2]!, dto: { direction: 'inbound', authorName: 'Hélène Durand', body: 'Moi aussi.' } },
        { id: ids[3]!, dto: { direction: 'outbound', authorName: 'Hélène Dupont', body: 'Une homonyme chez nous.' } },
        { id: ids[4]!, dto: { direction: 'inbound', authorName: 'Hélène Dupont (Petite Société)', body: 'Je signe avec ma société.' } },
        { id: ids[5]!, dto: { direction: 'inbound', authorName: 'Hélène', body: 'Son prénom seul.' } },
      ]),
    );
    const rows = await t.dataSource.manager.findBy(Comment, { incidentId: incident.id });
    expect(ids.map((id) => rows.find((row) => row.id === id)?.partyId)).toEqual([helene.id, helene.id, null, null, helene.id, null]);
  });

  it('refuses an external id repeated within the call with 409 and writes nothing', async () => {
    const before = await t.dataSource.manager.countBy(Comment, { incidentId });
    const items = [1, 2].map(() => ({ id: randomUUID(), dto: { direction: 'inbound' as const, authorName: 'Reader', body: 'Twice', externalId: 'wp-7' } }));
    await expect(addMany(items)).rejects.toMatchObject({ status: 409 });
    expect(await t.dataSource.manager.countBy(Comment, { incidentId })).toBe(before);
  });

  it('refuses a parent that only comes later in the call with 400 naming the field', async () => {
    const [reply, parent] = [randomUUID(), randomUUID()];
    await expect(
      addMany([
        { id: reply, dto: { direction: 'outbound', parentId: parent, body: 'Too early' } },
        { id: parent, dto: { direction: 'inbound', authorName: 'Reader', body: 'First' } },
      ]),
    ).rejects.toMatchObject({ status: 400, response: { message: [expect.stringContaining('parentId')] } });
  });
});
