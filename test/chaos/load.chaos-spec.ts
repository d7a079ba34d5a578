import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { freshDatabase, REDIS_URL, testDb } from '../helpers/app.js';
import { childApi, startChildService, type ChildService } from '../helpers/child-service.js';
import { deleteRedisPrefix } from '../helpers/redis-prefix.js';
import { article, startSite, type Site } from '../helpers/site.js';
import { waitFor } from '../helpers/wait-for.js';

/** How long the writers write (CALUMET_CHAOS_LOAD_SECONDS, 20 by default), how many at once. */
const LOAD_MS = Number(process.env.CALUMET_CHAOS_LOAD_SECONDS ?? 20) * 1000;
const WRITERS = 8;
const INCIDENTS = 4;

type Kind = 'comment' | 'reply' | 'move' | 'notice' | 'reminder';
const KINDS: Kind[] = ['comment', 'comment', 'reply', 'move', 'notice', 'reminder', 'reminder'];

interface Write {
  kind: Kind;
  incidentId: string;
  status: number;
  id?: string;
  tag: string;
}

/**
 * The API and a separate worker process on one database under load: writers
 * add comments, replies, moves, notices and reminders while the worker
 * delivers reminders and checks a page. Every write answered 2xx is there
 * once, none answered 5xx, no process met SQLITE_BUSY, every timeline is whole.
 */
describe('chaos: API and worker processes writing one database under load', () => {
  const prefix = `calumet-load-${randomBytes(4).toString('hex')}`;
  const adminToken = `load-admin-${randomBytes(16).toString('hex')}`;
  let database: { url: string; drop: () => Promise<void> };
  let site: Site;
  let api: ChildService;
  let worker: ChildService;
  const call = childApi(() => api.url, adminToken);

  beforeAll(async () => {
    [database, site] = await Promise.all([freshDatabase(), startSite()]);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      CALUMET_ADMIN_TOKEN: adminToken,
      RATE_LIMIT_PER_MINUTE: '0',
      FETCH_ALLOW_PRIVATE: 'true',
      // Reminders of replies owed, and rechecks of a kept promise, keep the worker writing throughout.
      RESPONSE_SLA_LOW: 'PT2S',
      RESPONSE_SLA_MEDIUM: 'PT2S',
      RESPONSE_SLA_HIGH: 'PT2S',
      RESPONSE_SLA_CRITICAL: 'PT2S',
      VERIFY_INTERVAL: 'PT1S',
      RECHECK_INTERVAL: 'PT1S',
      RECONCILE_INTERVAL: 'PT5S',
      LOG_LEVEL: 'info',
    };
    api = await startChildService({ ...env, CALUMET_ROLES: 'api' });
    worker = await startChildService({ ...env, CALUMET_ROLES: 'worker' });
  }, 60_000);
  afterAll(async () => {
    for (const service of [api, worker]) service?.process.kill('SIGKILL');
    await site?.close();
    await database?.drop();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each call reads the JSON answer as the route it calls writes it
  async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${api.url}${path}`, { method, headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  it('keeps every acknowledged write once, with no SQLITE_BUSY, no 5xx and whole timelines', async () => {
    site.page('/kept', article('<meta name="robots" content="noindex">'));
    const post = await call('POST', '/api/posts', { platform: 'blog', ownership: 'own', url: `${site.base}/kept` });
    const incidents: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) incidents.push((await call('POST', '/api/incidents', { title: `Under load ${i}`, severity: 'low', postIds: i === 0 ? [post.id] : [] })).id);
    const commitment = await call('POST', `/api/incidents/${incidents[0]}/commitments`, { kind: 'noindex', description: 'Put the article in noindex' });
    await call('POST', `/api/commitments/${commitment.id}/done`, {});

    const writes: Write[] = [];
    const inbound = new Map<string, string[]>(incidents.map((id) => [id, []]));
    const until = Date.now() + LOAD_MS;
    let n = 0;
    const writer = async (w: number) => {
      // A fixed pattern per writer (no randomness): the same run every time.
      for (let step = 0; Date.now() < until; step++) {
        const kind = KINDS[(w + step) % KINDS.length]!;
        const incidentId = incidents[(w + step * 3) % INCIDENTS]!;
        const tag = `w${w}-s${step}-${(n += 1)}`;
        const write = { kind, incidentId, tag, ...(await attempt(kind, incidentId, tag)) };
        writes.push(write);
        if (kind === 'comment' && write.id) inbound.get(incidentId)!.push(write.id);
      }
    };
    const attempt = async (kind: Kind, incidentId: string, tag: string): Promise<{ status: number; id?: string }> => {
      const answer = await (async () => {
        switch (kind) {
          case 'comment':
            return send('POST', `/api/incidents/${incidentId}/comments`, { direction: 'inbound', authorName: 'Reader', body: `Comment ${tag}` });
          case 'reply': {
            const parentId = inbound.get(incidentId)!.at(-1);
            return send('POST', `/api/incidents/${incidentId}/comments`, { direction: 'outbound', authorName: 'Us', body: `Reply ${tag}`, ...(parentId ? { parentId } : {}) });
          }
          case 'move': {
            const incident = (await send('GET', `/api/incidents/${incidentId}`, undefined)).body as { allowedTransitions: string[]; version: number };
            const to = incident.allowedTransitions.filter((state) => state !== 'closed')[tag.length % 2] ?? incident.allowedTransitions[0]!;
            return send('POST', `/api/incidents/${incidentId}/transitions`, { to, reason: `Move ${tag}`, resolution: to === 'resolved' ? `Resolved ${tag}` : undefined, version: incident.version });
          }
          case 'notice':
            return send('POST', `/api/incidents/${incidentId}/legal-notices`, { type: 'formal_notice', jurisdiction: 'FR', receivedVia: 'email', receivedAt: new Date().toISOString(), summary: `Notice ${tag}` });
          case 'reminder':
            return send('POST', '/api/reminders', { incidentId, dueAt: new Date(Date.now() + 1500).toISOString(), note: `Reminder ${tag}` });
        }
      })();
      return { status: answer.status, id: answer.status < 300 ? (answer.body as { id?: string })?.id : undefined };
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    expect(writes.filter((write) => write.status >= 500)).toEqual([]);
    // Only a move may be refused: another writer moved the incident first (409, its version or its state changed).
    expect(writes.filter((write) => write.status >= 300 && !(write.kind === 'move' && write.status === 409))).toEqual([]);
    const acknowledged = writes.filter((write) => write.status < 300);
    for (const kind of ['comment', 'reply', 'move', 'notice', 'reminder'] as const) expect([kind, acknowledged.some((write) => write.kind === kind)]).toEqual([kind, true]);

    const reminders = acknowledged.filter((write) => write.kind === 'reminder').map((write) => write.id!);
    await waitFor(
      'every reminder written under load to be sent',
      async () => {
        const rows = await Promise.all(reminders.map((id) => call('GET', `/api/reminders/${id}`)));
        return rows.every((row: { status: string }) => row.status === 'sent');
      },
      60_000,
    );

    const db = await new DataSource(testDb() === 'postgres' ? { type: 'postgres', url: database.url } : { type: 'sqlite', database: database.url.slice('sqlite:'.length) }).initialize();
    try {
      const rows = async (query: string) => ((await db.query(query)) as Array<{ id: string; text: string }>).map((row) => `${row.id} ${row.text}`).sort();
      const expected = (kind: Kind, text: (tag: string) => string) =>
        acknowledged
          .filter((write) => write.kind === kind)
          .map((write) => `${write.id} ${text(write.tag)}`)
          .sort();
      const ours = (column: string, pattern: string) => `${column} LIKE '${pattern} w%'`;
      expect(await rows(`SELECT id, body AS text FROM comments WHERE ${ours('body', 'Comment')}`)).toEqual(expected('comment', (tag) => `Comment ${tag}`));
      expect(await rows(`SELECT id, body AS text FROM comments WHERE ${ours('body', 'Reply')}`)).toEqual(expected('reply', (tag) => `Reply ${tag}`));
      expect(await rows(`SELECT id, summary AS text FROM legal_notices WHERE ${ours('summary', 'Notice')}`)).toEqual(expected('notice', (tag) => `Notice ${tag}`));
      expect(await rows(`SELECT id, note AS text FROM reminders WHERE ${ours('note', 'Reminder')}`)).toEqual(expected('reminder', (tag) => `Reminder ${tag}`));
      const moves = ((await db.query(`SELECT payload FROM timeline_events WHERE type = 'state.changed'`)) as Array<{ payload: string | { reason: string } }>)
        .map((row) => (typeof row.payload === 'string' ? (JSON.parse(row.payload) as { reason: string }) : row.payload).reason)
        .filter((reason) => reason?.startsWith('Move '))
        .sort();
      expect(moves).toEqual(acknowledged.filter((write) => write.kind === 'move').map((write) => `Move ${write.tag}`).sort());
      expect(await db.query(`SELECT reminder_id FROM notifications GROUP BY reminder_id, user_id HAVING COUNT(*) > 1`)).toEqual([]);
      // One statement, one snapshot: the worker still delivers replies owed (RESPONSE_SLA 2 s) while this reads, so two counts read apart would each see another moment.
      const [counts] = (await db.query(`SELECT (SELECT COUNT(*) FROM notifications) AS notifications, (SELECT COUNT(*) FROM reminders WHERE status = 'sent') AS sent`)) as Array<{ notifications: string | number; sent: string | number }>;
      expect(Number(counts!.notifications)).toBe(Number(counts!.sent));
    } finally {
      await db.destroy();
    }

    for (const incidentId of incidents) expect((await call('GET', `/api/incidents/${incidentId}/timeline/verify`)).valid).toBe(true);
    const checks = (await call('GET', `/api/commitments/${commitment.id}`)).observations.length as number;
    expect(checks).toBeGreaterThan(1);
    // A process waits for the other's write lock up to SQLITE_LOCK_WAIT, asking again each second (the worker, polling every
    // 100 ms for 10 s, once missed it between the API's batches under load and failed a reminder's delivery).
    for (const service of [api, worker]) expect(service.lines.filter((line) => /SQLITE_BUSY|database is locked/i.test(line))).toEqual([]);
  }, 180_000);
});
