import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'typeorm';
import { COMMITMENT_STATUSES, isOpen, type CommitmentKind } from '../../src/commitments/commitment-status.js';
import { Commitment, Observation } from '../../src/commitments/commitment.entity.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { OpenItemsRegistry } from '../../src/incidents/open-items.registry.js';
import { JobName } from '../../src/queue/job-catalogue.js';
import { Translator } from '../../src/i18n/i18n.js';
import { reasonWords } from '../../src/i18n/system-text.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { TimelineEvent } from '../../src/timeline/timeline-event.entity.js';
import { refusal, startMedium, type Medium } from './harness.js';

describe('commitments (medium)', () => {
  let t: Medium;
  beforeAll(async () => {
    // Every reminder here is armed when written (the default horizon, an hour, would leave the later ones to the reconciler).
    t = await startMedium({ ALARM_HORIZON: 'P400D' });
  });
  afterAll(async () => {
    await t.close();
  });

  const incident = async (title: string) => (await t.get(IncidentsService).create(t.actor, { title, severity: 'medium' })).id;

  it('counts open commitments in SQL exactly as isOpen says, for every kind and status', async () => {
    const incidentId = await incident('Status sets');
    const kinds: CommitmentKind[] = ['noindex', 'remove_mention', 'call_back'];
    let expected = 0;
    for (const kind of kinds) {
      for (const status of COMMITMENT_STATUSES) {
        const created = await t.get(CommitmentsService).create(t.actor, incidentId, {
          kind,
          description: `${kind} ${status}`,
          targetUrl: 'https://blog.example/article',
          mentionText: kind === 'remove_mention' ? 'Société X' : undefined,
        });
        await t.write((manager) => manager.update(Commitment, { id: created.id }, { status }));
        if (isOpen(kind, status)) expected += 1;
      }
    }
    const counts = await t.get(OpenItemsRegistry).counts(t.dataSource.manager, incidentId);
    expect(counts.openCommitments).toBe(expected);
  });

  /** The statements the database is sent while `work` runs. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const source = t.dataSource as { logger: Logger };
    const logger = source.logger;
    source.logger = { logQuery: (query) => void statements.push(query), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined };
    try {
      await work();
    } finally {
      source.logger = logger;
    }
    return statements;
  }

  it('reads commitments with their checks in one statement, one snapshot of both (one, an incident’s, a page of the list): never a check newer than the watch beside it', async () => {
    const incidentId = await incident('One snapshot');
    const service = t.get(CommitmentsService);
    const first = await service.create(t.actor, incidentId, { kind: 'noindex', description: 'noindex the article', targetUrl: 'https://blog.example/a' });
    const second = await service.create(t.actor, incidentId, { kind: 'call_back', description: 'call back' });
    const hoursAgo = [3, 1, 2];
    await t.write((manager) =>
      manager.insert(
        Observation,
        hoursAgo.map((hours) => ({ id: randomUUID(), commitmentId: first.id, at: new Date(Date.now() - hours * 3600_000), url: 'https://blog.example/a', finalUrl: null, httpStatus: 200, directives: null, verdict: 'pass' as const, detail: null })),
      ),
    );
    let view: Awaited<ReturnType<CommitmentsService['get']>> | undefined;
    expect(await statementsOf(async () => (view = await service.get(first.id)))).toHaveLength(1);
    const times = view!.observations.map((observation) => observation.at);
    expect(times).toEqual([...times].sort());
    expect({ checks: times.length, lastCheckedAt: view!.lastCheckedAt }).toEqual({ checks: 3, lastCheckedAt: times[2] });

    let views: Awaited<ReturnType<CommitmentsService['ofIncident']>> = [];
    expect(await statementsOf(async () => (views = await service.ofIncident(t.dataSource.manager, incidentId)))).toHaveLength(1);
    expect(views.map((each) => [each.id, each.observations.length])).toEqual([
      [first.id, 3],
      [second.id, 0],
    ]);
    await expect(service.get(randomUUID())).rejects.toThrow(/commitment/);

    // A page of the list: its commitments found by their keys, then read with their checks, the checks in no statement of their own.
    let page: Awaited<ReturnType<CommitmentsService['list']>> | undefined;
    const listed = await statementsOf(async () => (page = await service.list({ incidentId, limit: 1 })));
    const readingChecks = listed.filter((statement) => statement.includes('commitment_observations'));
    expect(readingChecks).toHaveLength(1);
    expect(readingChecks[0]).toMatch(/FROM\s+"?commitments"?[\s\S]*JOIN\s+"?commitment_observations"?/i);
    // The page itself reads its sort keys, not the commitments a second time.
    expect(listed.filter((statement) => !statement.includes('commitment_observations')).map((statement) => /"description"/.test(statement))).toEqual([false]);
    expect(page!.items.map((each) => [each.id, each.observations.length])).toEqual([[second.id, 0]]);
    const next = await service.list({ incidentId, limit: 1, cursor: page!.nextCursor! });
    expect(next.items.map((each) => [each.id, each.observations.length, each.lastCheckedAt])).toEqual([[first.id, 3, times[2]]]);
  });

  it('refuses done before notBefore, with a 409 naming it', async () => {
    const incidentId = await incident('Not before');
    const notBefore = new Date(Date.now() + 3 * 24 * 3600_000);
    const created = await t.get(CommitmentsService).create(t.actor, incidentId, { kind: 'call_back', description: 'call back, not before Thursday', notBefore });
    const refusal = t.get(CommitmentsService).markDone(t.actor, created.id);
    await expect(refusal).rejects.toBeInstanceOf(ConflictException);
    await expect(refusal).rejects.toThrow(/notBefore/);
  });

  it('reopens a commitment marked done by mistake: pending again, and its due reminder armed again', async () => {
    const incidentId = await incident('Reopen');
    const created = await t.get(CommitmentsService).create(t.actor, incidentId, { kind: 'send_message', description: 'send the email', dueAt: new Date(Date.now() + 3600_000) });
    await t.get(CommitmentsService).markDone(t.actor, created.id);
    const armedBefore = t.queue.added(JobName.DeliverReminder).length;
    const reopened = await t.get(CommitmentsService).reopen(t.actor, created.id, 'marked done by mistake');
    expect(reopened.status).toBe('pending');
    expect(t.queue.added(JobName.DeliverReminder).length).toBe(armedBefore + 1);
  });

  it('gives a pending commitment its due time, then another: its timeline says so, and its reminder moves to it', async () => {
    const incidentId = await incident('Due later');
    const sut = t.get(CommitmentsService);
    // Accepted in one click, or recorded without it: no due time, so no reminder.
    const created = await sut.create(t.actor, incidentId, { kind: 'noindex', description: 'passer l’article en noindex', targetUrl: 'https://blog.example/article' });
    const dueReminders = async () =>
      (await t.dataSource.manager.find(Reminder, { where: { subjectId: created.id, kind: 'commitment_due' }, order: { owedBy: 'ASC' } })).map((reminder) => [reminder.status, reminder.owedBy.toISOString()]);
    expect(await dueReminders()).toEqual([]);
    const minute = (offset: number) => new Date(Math.floor((Date.now() + offset) / 60_000) * 60_000);
    const first = minute(2 * 24 * 3600_000);
    expect((await sut.setDue(t.actor, created.id, first)).dueAt).toBe(first.toISOString());
    expect(await dueReminders()).toEqual([['scheduled', first.toISOString()]]);
    const second = minute(3 * 24 * 3600_000);
    await sut.setDue(t.actor, created.id, second);
    expect(await dueReminders()).toEqual([
      ['cancelled', first.toISOString()],
      ['scheduled', second.toISOString()],
    ]);
    // The reason Calumet gives for the reminder that went, read in each language (as the timeline and the dossier say it).
    const [{ cancelReason }] = await t.dataSource.manager.find(Reminder, { where: { subjectId: created.id, status: 'cancelled' } });
    expect(reasonWords(new Translator('fr', 'Europe/Paris'), cancelReason!)).toBe('l’échéance de l’engagement a changé');
    expect(reasonWords(new Translator('en', 'Europe/Paris'), cancelReason!)).toBe('the commitment’s due time changed');
    const events = await t.dataSource.manager.find(TimelineEvent, { where: { incidentId, type: 'commitment.due_changed' }, order: { seq: 'ASC' } });
    expect(events.map((event) => event.payload)).toEqual([
      { commitmentId: created.id, dueAt: first.toISOString(), previous: null },
      { commitmentId: created.id, dueAt: second.toISOString(), previous: first.toISOString() },
    ]);

    // Refused, naming the field, and nothing written: a due time before the promise, a commitment no longer pending.
    expect(await refusal(sut.setDue(t.actor, created.id, new Date(Date.now() - 24 * 3600_000)))).toMatchObject({ statusCode: 400, problems: [expect.objectContaining({ field: 'dueAt', code: 'date.beforeOther' })] });
    await sut.cancel(t.actor, created.id, 'the article was taken down');
    expect(await refusal(sut.setDue(t.actor, created.id, minute(4 * 24 * 3600_000)))).toMatchObject({
      statusCode: 409,
      problems: [expect.objectContaining({ field: 'dueAt', code: 'commitment.dueNotPending', values: { status: 'cancelled' } })],
    });
    expect((await sut.get(created.id)).dueAt).toBe(second.toISOString());
    expect(await t.dataSource.manager.countBy(TimelineEvent, { incidentId, type: 'commitment.due_changed' })).toBe(2);
  });

  it('keeps a whole reply to publish, beyond a mention’s 500 characters, and refuses a mention that long', async () => {
    const incidentId = await incident('Reply');
    const reply = Array.from({ length: 200 }, (_, index) => `Ligne ${index + 1} de la réponse, tenant sur une ligne.`).join('\n');
    const created = await t.get(CommitmentsService).create(t.actor, incidentId, { kind: 'publish_reply', description: 'publish the reply', targetUrl: 'https://blog.example/article', mentionText: reply });
    expect((await t.get(CommitmentsService).get(created.id)).mentionText).toBe(reply);
    const refusal = t.get(CommitmentsService).create(t.actor, incidentId, { kind: 'remove_mention', description: 'remove it', targetUrl: 'https://blog.example/article', mentionText: 'x'.repeat(501) });
    await expect(refusal).rejects.toMatchObject({ response: { message: ['mentionText must be at most 500 characters for a remove_mention commitment'] } });
    const withoutText = t.get(CommitmentsService).create(t.actor, incidentId, { kind: 'publish_reply', description: 'publish it', targetUrl: 'https://blog.example/article' });
    await expect(withoutText).rejects.toMatchObject({ response: { message: ['mentionText is required for a publish_reply commitment: the reply to look for on the page'] } });
  });
});
