import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { startMedium, type Medium } from './harness.js';

describe('ClosedIncidentMessages (medium)', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells the owner of a message on a resolved incident, naming the moves that reopen it, and never reopens it', async () => {
    const incidents = t.get(IncidentsService);
    const { id } = await incidents.create(t.actor, { title: 'Hatchet buried', severity: 'low' });
    await incidents.transition(t.actor, id, { to: 'resolved', reason: 'apology accepted', resolution: 'apology accepted' });
    await t.get(CommentsService).create(t.actor, id, { direction: 'inbound', authorName: 'Founder', body: 'One more thing', channel: 'comment' });

    const reminders = await t.dataSource.manager.findBy(Reminder, { incidentId: id, kind: 'follow_up' });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.note).toBe('New message from Founder on an incident that is resolved. Reopen it (resolved → closed, heated, or legal threat) if the exchange has resumed.');
    expect((await incidents.find(t.dataSource.manager, id)).state).toBe('resolved');
  });
});
