import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '../helpers/app.js';
import { childApi, startChildService, type ChildService } from '../helpers/child-service.js';
import { startSite, type Site } from '../helpers/site.js';
import { waitFor } from '../helpers/wait-for.js';
import { writeWxr } from '../helpers/wxr.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

const COMMENTS = 3_000;

/**
 * The worker SIGKILLed in the middle of a page capture, and the API in the
 * middle of a WXR import (batches of 100): the capture is made once when the
 * worker is back, the import is resumed by the worker from its last batch,
 * and no comment, evidence or timeline event is lost or doubled. (The worker
 * killed in the middle of reminder deliveries: crash.chaos-spec.ts.)
 */
describe('chaos: a capture and an import cut by a kill', () => {
  const prefix = `calumet-chaos-res-${randomBytes(4).toString('hex')}`;
  const adminToken = `chaos-admin-${randomBytes(16).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'calumet-chaos-res-'));
  let redis: PrivateRedis;
  let site: Site;
  let database: { url: string; drop: () => Promise<void> };
  let api: ChildService | undefined;
  let worker: ChildService | undefined;
  let env: Record<string, string>;
  let imageRequests = 0;
  let holdImages = true;
  const call = childApi(() => api!.url, adminToken);

  beforeAll(async () => {
    [redis, site, database] = await Promise.all([startPrivateRedis(), startSite(), freshDatabase(), writeWxr(join(dir, 'export.xml'), COMMENTS)]);
    site.route('/slow', (_, response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><h1>Slow</h1><img src="/slow.png"></body></html>'));
    // The image is held while the test wants the capture in the middle of its page.
    site.route('/slow.png', (_, response) => {
      imageRequests += 1;
      const answer = () => void response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100, 1));
      if (!holdImages) return answer();
      const timer = setInterval(() => {
        if (holdImages || response.destroyed) return;
        clearInterval(timer);
        if (!response.destroyed) answer();
      }, 50);
      response.on('close', () => clearInterval(timer));
    });
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      CALUMET_ADMIN_TOKEN: adminToken,
      RATE_LIMIT_PER_MINUTE: '0',
      FETCH_ALLOW_PRIVATE: 'true',
      FETCH_TIMEOUT_MS: '60000',
      EVIDENCE_DIR: join(dir, 'evidence'),
      IMPORT_BATCH_SIZE: '100',
      IMPORT_LEASE: 'PT3S',
      // The capture of a killed worker runs again once its job's lock lapses.
      JOB_LOCK: 'PT5S',
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'info',
    };
  }, 60_000);
  afterAll(async () => {
    for (const service of [api, worker]) service?.process.kill('SIGKILL');
    await site?.close();
    await redis?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const startApi = async () => (api = await startChildService({ ...env, CALUMET_ROLES: 'api' }));
  const startWorker = async () => (worker = await startChildService({ ...env, CALUMET_ROLES: 'worker' }));
  const kill = async (service: ChildService) => {
    service.process.kill('SIGKILL');
    expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
  };
  const events = async (incidentId: string, type: string) => {
    const items: Array<{ type: string; payload: Record<string, unknown> }> = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/api/incidents/${incidentId}/timeline?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items.filter((event) => event.type === type);
  };

  it('the worker killed during a capture: the capture is made once when it is back', async () => {
    await startApi();
    await startWorker();
    const incident = await call('POST', '/api/incidents', { title: 'Chaos capture', severity: 'low' });
    const evidence = await call('POST', `/api/incidents/${incident.id}/evidence`, { kind: 'page_capture', url: `${site.base}/slow` });
    await waitFor('the capture to be in the middle of the page', () => imageRequests >= 1, 60_000);
    await kill(worker!);
    holdImages = false;
    expect((await call('GET', `/api/evidence/${evidence.id}`)).status).toBe('pending');

    await startWorker();
    const done = await waitFor('the capture to be made', async () => {
      const row = await call('GET', `/api/evidence/${evidence.id}`);
      return row.status === 'pending' ? null : row;
    }, 90_000, 250);
    expect(done.status).toBe('captured');
    const added = (await events(incident.id, 'evidence.added')).filter((event) => event.payload['evidenceId'] === evidence.id);
    expect(added).toHaveLength(1);
    expect((await call('GET', `/api/incidents/${incident.id}/timeline/verify`)).valid).toBe(true);
  }, 150_000);

  it('the API killed during an import: the worker resumes it from its last batch, no comment twice', async () => {
    api ??= await startApi();
    worker ??= await startWorker();
    const incident = await call('POST', '/api/incidents', { title: 'Chaos import', severity: 'low' });
    const form = new FormData();
    form.set('incidentId', incident.id);
    form.set('post', 'le-billet');
    form.set('file', new Blob([readFileSync(join(dir, 'export.xml'))], { type: 'application/xml' }), 'export.xml');
    const started = await fetch(`${api!.url}/api/imports/wordpress/wxr`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, prefer: 'respond-async' }, body: form });
    expect(started.status).toBe(202);
    const { importId } = (await started.json()) as { importId: string };
    const cut = await waitFor('a few batches to be written', async () => {
      const row = await call('GET', `/api/imports/${importId}`);
      return row.batches >= 3 ? row : null;
    }, 60_000);
    await kill(api!);
    // Cut in its middle: the API that ran it is gone.
    expect(cut).toMatchObject({ status: 'running' });
    expect(cut.done).toBeLessThan(COMMENTS);

    // The worker takes it over once the API's lease ends (IMPORT_LEASE), and may finish it before the API is back.
    await startApi();
    const run = await waitFor('the worker to finish the import', async () => {
      const row = await call('GET', `/api/imports/${importId}`);
      return row.status === 'running' ? null : row;
    }, 90_000, 250);
    expect(run).toMatchObject({ status: 'completed', total: COMMENTS, done: COMMENTS, added: COMMENTS, batches: COMMENTS / 100 });
    const comments: Array<{ externalId: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/api/incidents/${incident.id}/comments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      comments.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(comments).toHaveLength(COMMENTS);
    expect(new Set(comments.map((comment) => comment.externalId)).size).toBe(COMMENTS);
    expect(await events(incident.id, 'import.completed')).toHaveLength(1);
    expect((await call('GET', `/api/incidents/${incident.id}/timeline/verify`)).valid).toBe(true);
  }, 150_000);
});
