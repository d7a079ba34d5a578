import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { JobName } from '../../src/queue/job-catalogue.js';
import type { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { Comment } from '../../src/comments/comment.entity.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { TransactionService, type Tx } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startMedium, type Medium } from './harness.js';

/**
 * On SQLite the units of one batch hold the rows they insert into comments,
 * timeline events and reminders, and write them many units to a statement:
 * before anything else runs on the connection, and before the COMMIT. A unit
 * refused in the middle takes only its own rows with it, and a unit whose
 * rows cannot be written fails alone.
 */
describe('the units of a SQLite batch write their rows together', () => {
  let t: Medium;
  let sut: TransactionService;
  let comments: CommentsService;
  const incidents: string[] = [];
  /** Every statement the writing connection runs, as the driver traces it. */
  const traced: string[] = [];

  beforeAll(async () => {
    // Reply-owed reminders are armed when written (the default horizon, an hour, would leave them to the reconciler).
    t = await startMedium({ ALARM_HORIZON: 'P30D' });
    sut = t.get(TransactionService);
    comments = t.get(CommentsService);
    for (const title of ['One', 'Two', 'Three']) incidents.push((await t.get(IncidentsService).create(t.actor, { title, severity: 'low' })).id);
    // One message each first: what a message reads of its incident (and who answers for it) is then known.
    for (const id of incidents) await comments.create(t.actor, id, inbound('warm-up'));
    const connection = (t.dataSource.driver as unknown as { databaseConnection: { on: (event: 'trace', listener: (sql: string) => void) => void } }).databaseConnection;
    connection.on('trace', (sql) => traced.push(sql));
  });
  afterAll(() => t.close());

  const inbound = (body: string): CreateCommentDto => ({ direction: 'inbound', authorName: 'A reader', body }) as CreateCommentDto;
  const inserts = (table: string) => traced.filter((sql) => sql.startsWith(`INSERT INTO "${table}"`)).length;

  /** Runs `units` in one batch: a unit holding the connection until they are all queued. */
  async function oneBatch(units: Array<() => Promise<unknown>>): Promise<PromiseSettledResult<unknown>[]> {
    let release: (() => void) | undefined;
    const holder = sut.run(() => new Promise<void>((done) => (release = done)));
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    const outcomes = Promise.allSettled(units.map((unit) => unit()));
    release();
    await holder;
    return outcomes;
  }

  async function verified(): Promise<void> {
    for (const id of incidents) expect(await t.get(TimelineService).verify(id)).toMatchObject({ valid: true });
  }

  async function searchable(ids: string[]): Promise<number> {
    const rows = (await t.dataSource.query(`SELECT id FROM search_documents WHERE kind = 'comment' AND id IN (${ids.map(() => '?').join(', ')})`, ids)) as unknown[];
    return rows.length;
  }

  it('writes the messages of a batch on several incidents in one INSERT a table', async () => {
    traced.length = 0;
    const bodies = Array.from({ length: 12 }, (_, n) => `together ${n} ${randomUUID()}`);
    const outcomes = await oneBatch(bodies.map((body, n) => () => comments.create(t.actor, incidents[n % 3]!, inbound(body))));
    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const ids = (await Promise.all(bodies.map((body) => t.dataSource.manager.findOneBy(Comment, { body })))).map((row) => row!.id);
    expect(await searchable(ids)).toBe(12);
    expect(await t.dataSource.manager.countBy(Reminder, ids.map((subjectId) => ({ subjectId, kind: 'response_due' })))).toBe(12);
    await verified();
    for (const table of ['comments', 'timeline_events', 'reminders']) expect({ table, inserts: inserts(table) }).toEqual({ table, inserts: 1 });
    // A unit that only adds a message runs no statement of its own: no savepoint either (the batch's own statements are traced).
    expect(traced).toContain('COMMIT');
    expect(traced.filter((sql) => /^(RELEASE unit; )?SAVEPOINT/.test(sql))).toEqual([]);
  });

  it('keeps every row of the units that commit, none of the one refused in the middle, in fewer INSERTs than messages', async () => {
    traced.length = 0;
    const bodies = Array.from({ length: 12 }, (_, n) => `batched ${n} ${randomUUID()}`);
    const refusedBody = `refused ${randomUUID()}`;
    const units: Array<() => Promise<unknown>> = bodies.map((body, n) => () => comments.create(t.actor, incidents[n % 3]!, inbound(body)));
    // In the middle: reads (so the rows held before it are written inside its savepoint), writes a message, then is refused.
    units.splice(6, 0, () =>
      sut.run(async (tx: Tx) => {
        await tx.manager.countBy(Comment, { incidentId: incidents[0]! });
        await comments.add(tx, t.actor, incidents[0]!, inbound(refusedBody));
        throw new Error('refused on purpose');
      }),
    );
    const outcomes = await oneBatch(units);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected', ...Array(6).fill('fulfilled')]);
    const stored = await t.dataSource.manager.findBy(Comment, { incidentId: incidents[0]! });
    expect(stored.map((row) => row.body)).not.toContain(refusedBody);
    const kept = await Promise.all(bodies.map((body) => t.dataSource.manager.findOneBy(Comment, { body })));
    expect(kept.every(Boolean)).toBe(true);
    const ids = kept.map((row) => row!.id);
    expect(await searchable(ids)).toBe(12);
    expect(await t.dataSource.manager.countBy(Reminder, ids.map((subjectId) => ({ subjectId, kind: 'response_due' })))).toBe(12);
    await verified();
    // Twelve messages one by one are twelve INSERTs a table; after a refusal, what the units read is read again (a rollback makes
    // it unsure), and each read writes the rows held before it.
    for (const table of ['comments', 'timeline_events', 'reminders']) expect(inserts(table)).toBeLessThan(12);
  });

  it('fails alone the unit whose rows cannot be written, and writes the others', async () => {
    traced.length = 0;
    const [taken] = await t.dataSource.manager.find(Comment, { select: { id: true }, where: { incidentId: incidents[1]! }, take: 1 });
    const bodies = Array.from({ length: 6 }, (_, n) => `after a bad row ${n} ${randomUUID()}`);
    const units: Array<() => Promise<unknown>> = bodies.map((body, n) => () => comments.create(t.actor, incidents[n % 3]!, inbound(body)));
    // A message under the id of one already stored: its row is refused by the database only when the batch's rows are written.
    units.splice(3, 0, () => sut.run((tx) => comments.addMany(tx, t.actor, incidents[1]!, [{ id: taken!.id, dto: inbound('a second row under a taken id') }])));
    const armedBefore = t.queue.added(JobName.DeliverReminder).length;
    const outcomes = await oneBatch(units);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE|constraint/i);
    const kept = await Promise.all(bodies.map((body) => t.dataSource.manager.findOneBy(Comment, { body })));
    expect(kept.every(Boolean)).toBe(true);
    expect(await searchable(kept.map((row) => row!.id))).toBe(6);
    expect(await t.dataSource.manager.countBy(Comment, { body: 'a second row under a taken id' })).toBe(0);
    // The batch's one INSERT of the seven messages failed; then each unit ran again alone, writing its own.
    expect(inserts('comments')).toBe(1 + 7);
    // The units ran twice (the batch, then each alone), but what they do outside the database waits for their commit: each
    // kept message's reply-owed reminder is armed once.
    const armed = t.queue.added(JobName.DeliverReminder).slice(armedBefore).map((item) => (item.data as { reminderId: string }).reminderId);
    const owed = await t.dataSource.manager.find(Reminder, { where: { subjectType: 'comment', subjectId: In(kept.map((row) => row!.id)) } });
    expect(owed).toHaveLength(6);
    expect(armed.sort()).toEqual(owed.map((reminder) => reminder.id).sort());
    await verified();
  });

  it('runs again the batch whose units ran while the one before was writing, when that one fails', async () => {
    const [taken] = await t.dataSource.manager.find(Comment, { select: { id: true }, where: { incidentId: incidents[2]! }, take: 1 });
    const next = Array.from({ length: 5 }, (_, n) => `queued while the batch before wrote ${n} ${randomUUID()}`);
    // How many times each message of the next batch ran: once on what the failing batch had written, once again after.
    const runs = new Map<string, number>();
    const addMany = comments.addMany.bind(comments);
    comments.addMany = (tx, actor, incidentId, items) => {
      for (const { dto } of items) runs.set(dto.body, (runs.get(dto.body) ?? 0) + 1);
      return addMany(tx, actor, incidentId, items);
    };
    const later: Array<Promise<unknown>> = [];
    try {
      const outcomes = await oneBatch([
        // Queues the next batch's messages while this batch runs (once: this unit runs again after the failure).
        () =>
          sut.run(async (tx) => {
            if (!later.length) later.push(...next.map((body, n) => comments.create(t.actor, incidents[n % 3]!, inbound(body))));
            return comments.add(tx, t.actor, incidents[0]!, inbound(`the first ${randomUUID()}`));
          }),
        () => comments.create(t.actor, incidents[1]!, inbound(`a neighbour ${randomUUID()}`)),
        // Refused by the database only when the batch's rows are written, after the next batch's units ran on them.
        () => sut.run((tx) => comments.addMany(tx, t.actor, incidents[2]!, [{ id: taken!.id, dto: inbound('a row under a taken id') }])),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect((await Promise.allSettled(later)).map((outcome) => outcome.status)).toEqual(next.map(() => 'fulfilled'));
    } finally {
      comments.addMany = addMany;
    }
    expect(next.map((body) => runs.get(body))).toEqual(next.map(() => 2));
    for (const body of next) expect(await t.dataSource.manager.countBy(Comment, { body })).toBe(1);
    await verified();
  });

  it('runs a compaction queued behind a failing batch after that batch’s units, which all run again', async () => {
    const [taken] = await t.dataSource.manager.find(Comment, { select: { id: true }, where: { incidentId: incidents[0]! }, take: 1 });
    const bodies = Array.from({ length: 4 }, (_, n) => `before a compaction ${n} ${randomUUID()}`);
    let compacted: Promise<void> | undefined;
    const outcomes = await oneBatch([
      ...bodies.map((body, n) => () => comments.create(t.actor, incidents[n % 3]!, inbound(body))),
      () => sut.run((tx) => comments.addMany(tx, t.actor, incidents[0]!, [{ id: taken!.id, dto: inbound('a row under a taken id') }])),
      () => (compacted = sut.compact()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    await compacted;
    for (const body of bodies) expect(await t.dataSource.manager.countBy(Comment, { body })).toBe(1);
    await verified();
  });
});
