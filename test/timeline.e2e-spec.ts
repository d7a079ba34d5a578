import { TimelineListeners } from '../src/timeline/timeline-listeners.js';
import { TimelineService } from '../src/timeline/timeline.service.js';
import { startApp, sql, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, move, timelineOf } from './helpers/fixtures.js';

describe('timeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  async function storyIncident() {
    const founder = await createParty(t);
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Droit de réponse!' });
    await move(t, incident.id, 'heated').expect(200);
    await addComment(t, incident.id, { direction: 'outbound', parentId: threat.id, body: 'Send a letter from counsel.' });
    await move(t, incident.id, 'de_escalating').expect(200);
    return incident;
  }

  it('chains every change, in order, each event hashing the one before', async () => {
    const incident = await storyIncident();
    const events = await timelineOf(t, incident.id);
    // The reply also cancels the reminder that the founder's comment was owed.
    expect(events.map((event) => event.type)).toEqual(['incident.created', 'comment.added', 'state.changed', 'comment.added', 'reminder.cancelled', 'state.changed']);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const chain = events as unknown as Array<{ prevHash: string; hash: string }>;
    expect(chain[0]!.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body).toMatchObject({ valid: true, events: 6 });
  });

  it('answers a verification with the chain head, which a later verification shows still extended', async () => {
    const incident = await storyIncident();
    const events = (await timelineOf(t, incident.id)) as unknown as Array<{ seq: number; hash: string }>;
    const noted = (await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body;
    expect(noted).toEqual({ valid: true, events: 6, head: { seq: 6, hash: events[5]!.hash } });
    await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: 'Bystander', body: 'Popcorn.' }).expect(201);
    const later = (await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body;
    expect(later.head.seq).toBeGreaterThan(noted.head.seq);
    const sixth = (await t.api().get(`/api/incidents/${incident.id}/timeline?limit=100`).expect(200)).body.items[5];
    expect(sixth.hash).toBe(noted.head.hash);
  });

  it('pages through the timeline by seq', async () => {
    const incident = await storyIncident();
    const first = await t.api().get(`/api/incidents/${incident.id}/timeline?limit=2`).expect(200);
    const second = await t.api().get(`/api/incidents/${incident.id}/timeline?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.items, ...second.body.items].map((event: { seq: number }) => event.seq)).toEqual([1, 2, 3, 4]);
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    const incident = await storyIncident();
    await expect(sql(t.dataSource, "UPDATE timeline_events SET actor = 'mallory' WHERE incident_id = ?", [incident.id])).rejects.toThrow(/append-only/);
    await expect(sql(t.dataSource, 'DELETE FROM timeline_events WHERE incident_id = ?', [incident.id])).rejects.toThrow(/append-only/);
    expect(await timelineOf(t, incident.id)).toHaveLength(6);
  });

  describe('tampering behind the API', () => {
    // Someone with the database's keys drops the trigger and rewrites history.
    async function withoutTrigger(work: () => Promise<unknown>) {
      const postgres = t.dataSource.options.type === 'postgres';
      if (postgres) await sql(t.dataSource, 'ALTER TABLE timeline_events DISABLE TRIGGER timeline_events_append_only');
      else await sql(t.dataSource, 'DROP TRIGGER timeline_events_no_update');
      try {
        await work();
      } finally {
        if (postgres) await sql(t.dataSource, 'ALTER TABLE timeline_events ENABLE TRIGGER timeline_events_append_only');
        else await sql(t.dataSource, "CREATE TRIGGER timeline_events_no_update BEFORE UPDATE ON timeline_events BEGIN SELECT RAISE(ABORT, 'timeline events are append-only'); END");
      }
    }

    it('names the first event whose payload was changed', async () => {
      const incident = await storyIncident();
      await withoutTrigger(() =>
        sql(t.dataSource, "UPDATE timeline_events SET payload = ? WHERE incident_id = ? AND seq = 3", [
          JSON.stringify({ from: 'reported', to: 'heated', reason: 'They started it' }),
          incident.id,
        ]),
      );
      const verification = await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200);
      expect(verification.body).toMatchObject({ valid: false, events: 6, brokenAt: 3, reason: 'hash does not match the content' });
    });

    it('names the event after one that was removed', async () => {
      const incident = await storyIncident();
      const postgres = t.dataSource.options.type === 'postgres';
      if (postgres) await sql(t.dataSource, 'ALTER TABLE timeline_events DISABLE TRIGGER timeline_events_append_only');
      else await sql(t.dataSource, 'DROP TRIGGER timeline_events_no_delete');
      try {
        await sql(t.dataSource, 'DELETE FROM timeline_events WHERE incident_id = ? AND seq = 2', [incident.id]);
      } finally {
        if (postgres) await sql(t.dataSource, 'ALTER TABLE timeline_events ENABLE TRIGGER timeline_events_append_only');
        else {
          await sql(
            t.dataSource,
            "CREATE TRIGGER timeline_events_no_delete BEFORE DELETE ON timeline_events WHEN EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id) BEGIN SELECT RAISE(ABORT, 'timeline events are append-only'); END",
          );
        }
      }
      const verification = await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200);
      expect(verification.body).toMatchObject({ valid: false, events: 5, brokenAt: 3, reason: 'expected seq 2, found 3' });
    });

    it('notices a moved timestamp', async () => {
      const incident = await storyIncident();
      const events = await timelineOf(t, incident.id);
      const earlier = new Date(Date.parse((events[1] as unknown as { at: string }).at) - 86_400_000);
      await withoutTrigger(() =>
        t.write((manager) => manager.getRepository('TimelineEvent').createQueryBuilder().update().set({ at: earlier }).where('incident_id = :id AND seq = 2', { id: incident.id }).execute()),
      );
      const verification = await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200);
      expect(verification.body).toMatchObject({ valid: false, brokenAt: 2 });
    });
  });

  it('runs the listeners of an event type in the order their priorities give (docs/architecture.md, Hooks)', () => {
    const sut = t.app.get(TimelineListeners);
    expect(sut.orderOf('comment.added')).toEqual(['ClosedIncidentMessages.onCommentAdded', 'ResponseReminders.onCommentAdded', 'LegalNoticesService.onCommentAdded', 'OwedReplies.onCommentAdded', 'LiveBus.onChange']);
    expect(sut.orderOf('comment.updated')).toEqual(['ResponseReminders.onCommentUpdated', 'OwedReplies.onCommentUpdated']);
    expect(sut.orderOf('state.changed')).toEqual(['ResponseReminders.onStateChanged', 'SuggestionsService.onStateChanged', 'OwedReplies.onStateChanged', 'LiveBus.onChange']);
    expect(sut.orderOf('incident.updated')).toEqual(['OwedReplies.onIncidentUpdated']);
    expect(sut.orderOf('comment.removed')).toEqual(['ResponseReminders.onCommentRemoved', 'OwedReplies.onCommentRemoved', 'LiveBus.onChange']);
    expect(sut.orderOf('notice.recorded')).toEqual(['DeadlineReminders.onRecorded', 'SuggestionsService.onNoticeRecorded', 'LiveBus.onChange']);
  });

  it('writes nothing when a change fails half-way: no comment, no answered mark, no event', async () => {
    const incident = await createIncident(t, { title: 'Atomic' });
    const parent = await addComment(t, incident.id, { direction: 'inbound', authorName: 'x', body: 'first' });
    // A listener failing after the comment, the answered mark and the event were written.
    t.app.get(TimelineService).on('comment.added', (_tx, event) => {
      if (event.payload.answers === parent.id) throw new Error('listener failed');
    });
    const failed = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'outbound', parentId: parent.id, body: 'reply' });
    expect(failed.status).toBe(500);
    const comments = await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200);
    expect(comments.body.items.map((c: { id: string }) => c.id)).toEqual([parent.id]);
    expect((await t.api().get(`/api/comments/${parent.id}`)).body.respondedById).toBeNull();
    expect(await timelineOf(t, incident.id)).toHaveLength(2);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body.valid).toBe(true);
  });
});
