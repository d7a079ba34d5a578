import { randomBytes } from 'node:crypto';
import { TransactionService } from '../src/database/transaction.service.js';
import { Party } from '../src/parties/party.entity.js';
import { sql, startApp, testDb, type TestApp } from './helpers/app.js';
import { createIncident, createParty } from './helpers/fixtures.js';

/**
 * Every acknowledged write survives: on SQLite all callers share one
 * connection, so a write outside a unit of work would join another caller's
 * batch and be rolled back with it after its own caller got a 2xx.
 */
/** Enough rounds to lose writes reliably on SQLite's shared connection before the fix; PostgreSQL has a connection per unit. */
const ROUNDS = testDb() === 'sqlite' ? 20 : 5;

describe('acknowledged writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('keeps every write answered 2xx while units beside it fail, round after round', async () => {
    const incident = await createIncident(t);
    const party = await createParty(t);
    const created: Array<{ id: string; token: string; email: string }> = [];
    const parties: string[] = [];
    const comments: string[] = [];
    const renamed = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const tag = randomBytes(3).toString('hex');
      const answers = await Promise.all([
        ...Array.from({ length: 15 }, (_, n) =>
          t.api().post('/api/users').send({ name: `User ${round}.${n}`, email: `u.${round}.${n}.${tag}@example.com`, role: 'viewer' }),
        ),
        ...Array.from({ length: 10 }, (_, n) => t.api().post('/api/parties').send({ kind: 'person', name: `Reader ${round}.${n}` })),
        ...Array.from({ length: 5 }, (_, n) => t.api().patch(`/api/parties/${party.id}`).send({ notes: `round ${round} note ${n}` })),
        ...Array.from({ length: 15 }, () => t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: 'stale', version: 999 })),
        ...Array.from({ length: 15 }, () =>
          t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: 'Someone', body: 'orphan', parentId: '00000000-0000-4000-8000-000000000000' }),
        ),
        ...Array.from({ length: 10 }, (_, n) => t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: 'Reader', body: `kept ${round}.${n}` })),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 300) continue;
        const { body } = answer;
        if (body.token) created.push({ id: body.user.id, token: body.token, email: body.user.email });
        else if (body.kind === 'person' && body.notes === null) parties.push(body.id);
        else if (body.kind === 'person') renamed.set(body.id, body.notes);
        else if (body.body) comments.push(body.id);
      }
      expect(answers.filter((answer) => answer.status === 409)).toHaveLength(15);
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(15);
    }
    expect(created).toHaveLength(ROUNDS * 15);
    for (const user of created) {
      const me = await t.api(user.token).get('/api/me');
      expect({ email: user.email, status: me.status }).toEqual({ email: user.email, status: 200 });
    }
    for (const id of parties) await t.api().get(`/api/parties/${id}`).expect(200);
    expect(parties).toHaveLength(ROUNDS * 10);
    const stored = (await sql(t.dataSource, 'SELECT id FROM comments WHERE incident_id = ?', [incident.id])) as Array<{ id: string }>;
    expect(comments).toHaveLength(ROUNDS * 10);
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(comments));
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`)).body.valid).toBe(true);
  }, 120_000);

  it('refuses a write made outside a unit of work, loudly', async () => {
    const write = t.dataSource.manager.insert(Party, { id: 'b5e0a0c4-7c1e-4a4e-9d51-1f1f1f1f1f1f', kind: 'person', name: 'Outside', createdAt: new Date(), updatedAt: new Date() });
    if (testDb() === 'sqlite') {
      await expect(write).rejects.toThrow(/write outside TransactionService\.run\(\)/);
      expect(await t.dataSource.manager.countBy(Party, { name: 'Outside' })).toBe(0);
    } else {
      // PostgreSQL gives each statement outside a transaction its own: nothing shares another caller's fate.
      await write;
      expect(await t.dataSource.manager.countBy(Party, { name: 'Outside' })).toBe(1);
    }
  });

  it('runs again, in the next batch, the units a failed savepoint kept from starting', async () => {
    if (testDb() !== 'sqlite') return;
    const sut = t.app.get(TransactionService);
    const connection = (t.dataSource.driver as unknown as { databaseConnection: { exec: (sql: string, cb: (error: Error | null) => void) => void } })
      .databaseConnection;
    const exec = connection.exec;
    let failed = false;
    connection.exec = function (sql, callback) {
      if (!failed && sql === 'RELEASE unit; SAVEPOINT unit') {
        failed = true;
        return process.nextTick(() => callback(new Error('SQLITE_IOERR: simulated')));
      }
      return exec.call(this, sql, callback);
    };
    try {
      const names = ['first', 'second', 'third'].map((n) => `${n} ${randomBytes(3).toString('hex')}`);
      // A unit that holds the connection a moment, so the three queue up and share the next batch.
      const holder = sut.run(() => new Promise((done) => setTimeout(done, 50)));
      const outcomes = await Promise.allSettled([
        holder,
        ...names.map((name) =>
          sut.run(async (tx) => {
            await tx.manager.insert(Party, { id: crypto.randomUUID(), kind: 'person', name, createdAt: new Date(), updatedAt: new Date() });
            return name;
          }),
        ),
      ]);
      expect(failed).toBe(true);
      // The batch failed after the first unit ran: its caller is told. The second and third never ran then, and run now.
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      for (const [n, name] of names.entries()) expect(await t.dataSource.manager.countBy(Party, { name })).toBe(n === 0 ? 0 : 1);
    } finally {
      connection.exec = exec;
    }
  });
});
