import { ConflictException } from '@nestjs/common';
import { SYSTEM } from '../src/common/roles.js';
import { TransactionService, type Tx } from '../src/database/transaction.service.js';
import { TimelineService } from '../src/timeline/timeline.service.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, timelineOf } from './helpers/fixtures.js';

// Production runs without the unit guard (its async context costs every request); tests run with it.
describe.each([
  ['with the unit guard', 'true'],
  ['without the unit guard, as in production', 'false'],
])(`${TransactionService.name} %s`, (_, guard) => {
  let t: TestApp;
  let sut: TransactionService;
  let timeline: TimelineService;
  beforeAll(async () => {
    t = await startApp({ CALUMET_UNIT_GUARD: guard });
    sut = t.app.get(TransactionService);
    timeline = t.app.get(TimelineService);
  });
  afterAll(() => t.close());

  const note = (tx: Tx, incidentId: string, n: number) => timeline.append(tx, incidentId, SYSTEM, 'legal_hold.changed', { on: n % 2 === 0, reason: `note ${n}` });

  it('commits many concurrent units, each with its own result, in one chain per incident', async () => {
    const incident = await createIncident(t);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => sut.run(async (tx) => (await note(tx, incident.id, n)).seq)));
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 2));
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body).toMatchObject({ valid: true, events: 41 });
  });

  it('rolls back a failing unit alone: its neighbours commit, its caller gets its error, its callbacks never run', async () => {
    const incident = await createIncident(t);
    const ran: number[] = [];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) =>
        sut.run(async (tx) => {
          await note(tx, incident.id, n);
          tx.afterCommit(() => ran.push(n));
          if (n === 2) throw new ConflictException(`unit ${n} refused`);
          return n;
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictException);
    expect(ran.sort()).toEqual([0, 1, 3, 4, 5]);
    const reasons = (await timelineOf(t, incident.id)).slice(1).map((event) => event.payload.reason as string).sort();
    expect(reasons).toEqual(['note 0', 'note 1', 'note 3', 'note 4', 'note 5']);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body.valid).toBe(true);
  });

  it('rolls back a unit that fails alone in its batch, and commits the next', async () => {
    const incident = await createIncident(t);
    const ran: string[] = [];
    await expect(
      sut.run(async (tx) => {
        await note(tx, incident.id, 1);
        tx.afterCommit(() => ran.push('failed'));
        throw new ConflictException('refused');
      }),
    ).rejects.toBeInstanceOf(ConflictException);
    await sut.run(async (tx) => {
      await note(tx, incident.id, 2);
      tx.afterCommit(() => ran.push('committed'));
    });
    expect(ran).toEqual(['committed']);
    expect((await timelineOf(t, incident.id)).slice(1).map((event) => event.payload.reason)).toEqual(['note 2']);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body).toMatchObject({ valid: true, events: 2 });
  });

  it('keeps one chain whole when two processes append to it (API and worker apart on one database)', async () => {
    // A second process of the same desk has the same CALUMET_ADMIN_TOKEN (another one would rotate the admin's).
    const other = await startApp({
      DATABASE_URL: t.config.database.type === 'sqlite' ? `sqlite:${t.config.database.path}` : t.config.database.url,
      CALUMET_ADMIN_TOKEN: t.adminToken,
      CALUMET_UNIT_GUARD: guard,
    });
    try {
      const incident = await createIncident(t);
      const theirs = { sut: other.app.get(TransactionService), timeline: other.app.get(TimelineService) };
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          ...Array.from({ length: 3 }, (_, n) => sut.run((tx) => note(tx, incident.id, n))),
          ...Array.from({ length: 3 }, (_, n) => theirs.sut.run((tx) => theirs.timeline.append(tx, incident.id, SYSTEM, 'legal_hold.changed', { on: true, reason: `theirs ${n}` }))),
        ]);
      }
      const verification = (await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body;
      expect(verification).toMatchObject({ valid: true, events: 31 });
    } finally {
      await other.close();
    }
  });

  it('answers every caller when a unit fails in the database, and keeps its neighbours', async () => {
    const incident = await createIncident(t);
    const outcomes = await Promise.allSettled([
      sut.run((tx) => note(tx, incident.id, 1)),
      sut.run(async (tx) => {
        await tx.manager.query('SELECT * FROM no_such_table');
      }),
      sut.run((tx) => note(tx, incident.id, 3)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('many writers on one incident', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('takes every concurrent comment, in one unbroken chain, without deadlock', async () => {
    const incident = await createIncident(t);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) => t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: `Reader ${n}`, body: `Comment ${n}` })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 40 }, () => 201));
    const events = await timelineOf(t, incident.id);
    expect(events.filter((event) => event.type === 'comment.added')).toHaveLength(40);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body).toMatchObject({ valid: true, events: events.length });
    expect((await t.api().get(`/api/reminders?incidentId=${incident.id}&limit=100`)).body.items).toHaveLength(40);
  });
});
