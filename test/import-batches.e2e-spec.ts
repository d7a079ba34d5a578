import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, sql, startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';
import { signedIn } from './web/web-helpers.js';
import { waitFor } from './helpers/wait-for.js';
import { writeWxr } from './helpers/wxr.js';
import { ImportRun } from '../src/imports/import-run.entity.js';
import { ImportsService, MAX_RESUMES } from '../src/imports/imports.service.js';
import { TransactionService, type Tx } from '../src/database/transaction.service.js';

type ImportView = { id: string; status: string; total: number; done: number; batches: number; added: number; unchanged: number; lastExternalId: string | null };

const importOf = async (t: TestApp, id: string) => (await t.api().get(`/api/imports/${id}`).expect(200)).body as ImportView;

/** Starts a WXR import and answers once it is recorded (Prefer: respond-async). */
async function startImport(t: TestApp, incidentId: string, file: string): Promise<string> {
  const response = await t.api().post('/api/imports/wordpress/wxr').set('Prefer', 'respond-async').field('incidentId', incidentId).field('post', 'le-billet').attach('file', file);
  if (response.status !== 202) throw new Error(`import answered ${response.status}: ${JSON.stringify(response.body)}`);
  expect(response.headers['location']).toBe(`/api/imports/${response.body.importId}`);
  return response.body.importId as string;
}

async function importedRows(t: TestApp, incidentId: string): Promise<{ rows: number; distinct: number }> {
  const [row] = (await sql(t.dataSource, 'SELECT COUNT(*) AS n, COUNT(DISTINCT external_id) AS d FROM comments WHERE incident_id = ? AND external_id IS NOT NULL', [incidentId])) as Array<{ n: string | number; d: string | number }>;
  return { rows: Number(row!.n), distinct: Number(row!.d) };
}

describe('Imports in batches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-import-batches-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a comment posted during a 28,000-comment import is written between two of its batches, not after it', async () => {
    const file = join(dir, 'big.xml');
    await writeWxr(file, 28_000);
    const t = await startApp({ IMPORT_BATCH_SIZE: '250' });
    try {
      const incident = await createIncident(t);
      const importId = await startImport(t, incident.id, file);
      await waitFor('the import', async () => (await importOf(t, importId)).batches >= 1, 60_000);

      const posted = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: 'Someone typing meanwhile', body: 'Written while the import runs.' }).expect(201);
      const during = await importOf(t, importId);
      expect(during.status).toBe('running');
      expect(during.done).toBeLessThan(28_000);

      // The desk where it was started shows its progress line, which asks for itself again while the import runs.
      const desk = await signedIn(t, 'community_manager');
      const page = await desk.agent.get(`/incidents/${incident.id}`).expect(200);
      expect(page.text).toContain(`data-testid="import-progress" data-status="running" hx-get="/incidents/${incident.id}/imports/${importId}" hx-trigger="every 1s"`);
      expect(page.text).toMatch(/Importing: [\d,]+ of 28,000 comments \(\d+ batch(es)? written\)/);
      const line = await desk.agent.get(`/incidents/${incident.id}/imports/${importId}`).set('Accept-Language', 'fr').expect(200);
      expect(line.text).toMatch(/Import en cours\u202f: .+ sur 28.000 commentaires \(\d+ lots? écrits?\)/);

      // Two more batches written after it, then the import is left to run on (the test stops there).
      await waitFor('two batches after the comment', async () => (await importOf(t, importId)).batches >= during.batches + 2, 60_000);

      // The timeline's order is the order of commits: the typed comment sits between imported ones.
      const events = (await sql(t.dataSource, "SELECT seq, type, payload FROM timeline_events WHERE incident_id = ? AND type = 'comment.added' ORDER BY seq", [incident.id])) as Array<{ payload: string }>;
      const authors = events.map((event) => ((JSON.parse(event.payload) as { commentId: string }).commentId === posted.body.id ? 'typed' : 'imported'));
      const mine = authors.indexOf('typed');
      expect(mine).toBeGreaterThanOrEqual(250);
      expect(authors.length - 1 - mine).toBeGreaterThanOrEqual(250);
      expect(authors.filter((author) => author === 'typed')).toHaveLength(1);
      const rows = await importedRows(t, incident.id);
      expect(rows.distinct).toBe(rows.rows);
      expect((await importOf(t, importId)).status).toBe('running');
    } finally {
      await t.close();
    }
  }, 120_000);

  it('a batch run again after its writes were undone (rows of its batch that failed) counts once: nothing skipped, nothing twice', async () => {
    const file = join(dir, 'again.xml');
    await writeWxr(file, 450);
    const t = await startApp({ IMPORT_BATCH_SIZE: '100' });
    try {
      // Every unit of the import's runs twice, as TransactionService runs a batch's units again when its rows fail:
      // the first run's writes are undone (the unit refused), then it runs again.
      const transactions = t.app.get(TransactionService);
      const undone = new Error('undone, to run again');
      let runs = 0;
      const twice = {
        run: async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
          runs += 1;
          await transactions.run(async (tx) => {
            await work(tx);
            throw undone;
          }).catch((error: unknown) => {
            if (error !== undone) throw error;
          });
          return transactions.run(work);
        },
      };
      Object.assign(t.app.get(ImportsService), { transactions: twice });

      const incident = await createIncident(t);
      const done = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'le-billet').attach('file', file).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', added: 450, unchanged: 0, updated: 0, deleted: 0 });
      expect(runs).toBeGreaterThanOrEqual(5 + 2);
      expect(await importedRows(t, incident.id)).toEqual({ rows: 450, distinct: 450 });
      expect(await importOf(t, done.body.importId as string)).toMatchObject({ total: 450, done: 450, added: 450, batches: 5 });
      const [event] = (await sql(t.dataSource, "SELECT payload FROM timeline_events WHERE incident_id = ? AND type = 'import.completed'", [incident.id])) as Array<{ payload: string }>;
      expect(JSON.parse(event!.payload)).toMatchObject({ added: 450, deleted: 0, batches: 5 });
    } finally {
      await t.close();
    }
  }, 120_000);

  it('an import stopped after a few batches is finished by a worker, and run again by hand, without a comment twice', async () => {
    const file = join(dir, 'medium.xml');
    await writeWxr(file, 1_200);
    const database = await freshDatabase();
    const env = { DATABASE_URL: database.url, IMPORT_BATCH_SIZE: '100', IMPORT_LEASE: 'PT1S' };
    try {
      const first = await startApp(env);
      const incident = await createIncident(first);
      const importId = await startImport(first, incident.id, file);
      await waitFor('the import', async () => (await importOf(first, importId)).batches >= 3, 60_000);
      await first.close();

      const stopped = await (async () => {
        const peek = await startApp(env);
        try {
          return { run: await importOf(peek, importId), rows: await importedRows(peek, incident.id) };
        } finally {
          await peek.close();
        }
      })();
      expect(stopped.run.status).toBe('running');
      expect(stopped.run.done).toBeLessThan(1_200);
      expect(stopped.rows).toEqual({ rows: stopped.run.done, distinct: stopped.run.done });

      const worker = await startApp({ ...env, CALUMET_ROLES: 'api,worker' });
      try {
        await waitFor('the import', async () => (await importOf(worker, importId)).status === 'completed', 60_000);
        expect(await importOf(worker, importId)).toMatchObject({ total: 1_200, done: 1_200, added: 1_200, batches: 12 });
        expect(await importedRows(worker, incident.id)).toEqual({ rows: 1_200, distinct: 1_200 });

        // Run again by hand: everything is already there.
        const again = await worker.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'le-billet').attach('file', file).expect(200);
        expect(again.body).toMatchObject({ status: 'completed', added: 0, unchanged: 1_200 });
        expect(await importedRows(worker, incident.id)).toEqual({ rows: 1_200, distinct: 1_200 });
        const completed = (await sql(worker.dataSource, "SELECT COUNT(*) AS n FROM timeline_events WHERE incident_id = ? AND type = 'import.completed'", [incident.id])) as Array<{ n: string | number }>;
        expect(Number(completed[0]!.n)).toBe(2);
      } finally {
        await worker.close();
      }
    } finally {
      await database.drop();
    }
  }, 120_000);

  it('GET /api/imports/:id of no import is a 404; an import that keeps failing when resumed is given up', async () => {
    const t = await startApp();
    try {
      await t.api().get('/api/imports/00000000-0000-4000-8000-000000000000').expect(404);
      const incident = await createIncident(t);
      const now = new Date();
      const id = '11111111-1111-4111-8111-111111111111';
      await t.write((manager) =>
        manager.insert(ImportRun, {
          id, incidentId: incident.id, postId: null, source: 'wxr', status: 'running', actor: { kind: 'system' }, request: { post: 'le-billet' }, filePath: join(dir, 'gone.xml'),
          total: 10, done: 0, batches: 0, lastExternalId: null, totals: { added: 0, updated: 0, deleted: 0, unchanged: 0, signals: 0 }, reimport: false, postLinked: false,
          alerted: [], error: 'the export went missing', holder: 'a-process-that-died', leaseUntil: new Date(0), resumes: MAX_RESUMES, createdAt: now, updatedAt: now, completedAt: null,
        }),
      );
      await t.app.get(ImportsService).resumeStale();
      expect(await importOf(t, id)).toMatchObject({ status: 'failed', error: `given up after ${MAX_RESUMES} resumptions: the export went missing` });
    } finally {
      await t.close();
    }
  });
});
