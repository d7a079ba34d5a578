import { jest } from '@jest/globals';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty } from './helpers/fixtures.js';

/**
 * The read paths answer from indexes: every SELECT a read runs is explained
 * and none reads a whole table (SQLite: a `SCAN` step without an index;
 * PostgreSQL, with sequential scans priced out so the plan shows whether an
 * index can serve at all: a `Seq Scan`), and none sorts what an index could
 * hand over in order. The plans at a million rows are in docs/performance.md.
 */
describe('read plans', () => {
  let t: TestApp;
  let incidentId: string;
  let ownerId: string;
  const postgres = () => t.dataSource.options.type === 'postgres';

  beforeAll(async () => {
    t = await startApp();
    const founder = await createParty(t, { name: 'Founder' });
    ownerId = (await t.api().get('/api/me').expect(200)).body.id;
    for (let i = 0; i < 3; i++) await createIncident(t, { title: `Spat ${i}`, counterpartId: founder.id });
    incidentId = (await createIncident(t, { title: 'The spat', counterpartId: founder.id })).id;
    const threat = await addComment(t, incidentId, { direction: 'inbound', body: 'Mon avocat vous adressera une mise en demeure.' });
    await addComment(t, incidentId, { direction: 'outbound', parentId: threat.id, body: 'Je vais passer l’article en noindex.' });
    for (let i = 0; i < 3; i++) await addComment(t, incidentId, { direction: 'inbound', body: `An ordinary comment ${i}.` });
  });
  afterAll(() => t.close());

  /** The SELECTs a request runs, with their parameters. */
  async function selectsOf(path: string): Promise<Array<{ query: string; parameters: unknown[] }>> {
    const seen: Array<{ query: string; parameters: unknown[] }> = [];
    const spy = jest.spyOn(t.dataSource.logger, 'logQuery').mockImplementation((query, parameters) => {
      if (/^\s*(SELECT|WITH)\b/i.test(query)) seen.push({ query, parameters: parameters ?? [] });
    });
    try {
      await t.api().get(path).expect(200);
    } finally {
      spy.mockRestore();
    }
    return seen;
  }

  /** The steps of a query's plan, one line each. */
  async function planOf(query: string, parameters: unknown[]): Promise<string[]> {
    if (!postgres()) {
      const plan = (await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters)) as Array<{ detail: string }>;
      return plan.map((step) => step.detail);
    }
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan = (await runner.query(`EXPLAIN ${query}`, parameters)) as Array<{ 'QUERY PLAN': string }>;
      return plan.map((step) => step['QUERY PLAN'].replace(/^[\s>-]+/, ''));
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  }

  /**
   * The steps that read a whole table (TypeORM's one-row `dummy_table` of
   * EXISTS aside) or, for a page (a LIMIT), sort every matching row before
   * taking the first.
   */
  const badSteps = (query: string, steps: string[], ranked: boolean) =>
    steps.filter(
      (step) =>
        // The search reads its page of ranked matches (WITH ranked … LIMIT) back whole: a page, not a table.
        (/^SCAN \S+$/.test(step) && step !== 'SCAN dummy_table' && !(step === 'SCAN r' && /WITH ranked AS \(/.test(query))) ||
        /^Seq Scan on/.test(step) ||
        (!ranked && /\bLIMIT\b/.test(query) && (/TEMP B-TREE FOR ORDER BY/.test(step) || /^Sort\b/.test(step))),
    );

  /** `ranked`: the answer is ordered by what the full-text match found, so its matches are sorted. */
  async function expectIndexedReads(path: string, ranked = false): Promise<Array<{ query: string; steps: string[] }>> {
    const plans = [];
    for (const { query, parameters } of await selectsOf(path)) plans.push({ query, steps: await planOf(query, parameters) });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.flatMap(({ query, steps }) => badSteps(query, steps, ranked).map((step) => `${step}  ←  ${query}`))).toEqual([]);
    return plans;
  }

  it('opens an incident (open counts, suggestions) without reading its thread', async () => {
    const incident = (await t.api().get(`/api/incidents/${incidentId}`).expect(200)).body;
    expect(incident.openCounts.commentsAwaitingResponse).toBe(3);
    expect(incident.suggestions.map((s: { type: string }) => s.type).sort()).toEqual(['commitment', 'legal_notice', 'state']);
    const plans = await expectIndexedReads(`/api/incidents/${incidentId}`);
    // PostgreSQL picks among indexes by statistics a handful of rows do not have; its plans at scale are in docs/performance.md.
    if (postgres()) return;
    const onComments = plans.filter(({ query }) => /FROM "comments"/.test(query));
    expect(onComments.length).toBeGreaterThan(0);
    for (const { query, steps } of onComments) {
      const byThread = steps.some((step) => /ix_comments_incident_posted/.test(step));
      const narrow = steps.some((step) => /ix_comments_awaiting|ix_comments_signals|sqlite_autoindex_comments|PK_/.test(step));
      expect({ query, steps, byThread, narrow }).toEqual({ query, steps, byThread: false, narrow: true });
    }
  });

  it.each([
    ['no filter', ''],
    ['a state', 'state=reported'],
    ['a severity', 'severity=medium'],
    ['an owner', 'ownerId=OWNER'],
  ])('lists incidents by %s from an index in the list order, on the first page and the next', async (_, filter) => {
    const query = filter.replace('OWNER', ownerId);
    const first = await t.api().get(`/api/incidents?limit=2&${query}`).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await expectIndexedReads(`/api/incidents?limit=2&${query}`);
    await expectIndexedReads(`/api/incidents?limit=2&${query}&cursor=${first.body.nextCursor}`);
  });

  it('pages through a thread, and its comments awaiting a reply, from an index', async () => {
    const first = await t.api().get(`/api/incidents/${incidentId}/comments?limit=2`).expect(200);
    await expectIndexedReads(`/api/incidents/${incidentId}/comments?limit=2&cursor=${first.body.nextCursor}`);
    await expectIndexedReads(`/api/incidents/${incidentId}/comments?awaitingResponse=true`);
  });

  it.each([
    ['the search', '/api/search?q=avocat'],
    ['a list filtered by words', '/api/incidents?q=spat'],
  ])('answers %s from the full-text index first, never matching document after document', async (_, path) => {
    const plans = await expectIndexedReads(path, true);
    const fullText = plans.filter(({ query }) => /search_index|search_documents/.test(query));
    expect(fullText.length).toBe(1);
    if (postgres()) return;
    const steps = fullText[0]!.steps.filter((step) => /search_index|\bd\b/.test(step));
    expect(steps[0]).toMatch(/^SCAN search_index VIRTUAL TABLE/);
  });

  it('counts and lists the replies I owe on Today by index ranges of owed_replies, reading no thread', async () => {
    const plans = await expectIndexedReads('/api/me/agenda');
    expect(plans.filter(({ query }) => /FROM "comments"/.test(query) && /needs_response/.test(query))).toEqual([]);
    if (postgres()) return;
    const owed = plans.filter(({ query }) => /FROM "owed_replies"/.test(query)).map(({ steps }) => steps.join(' / '));
    expect(owed).toHaveLength(3);
    for (const steps of owed) expect(steps).toMatch(/^SEARCH \S+ USING (COVERING )?INDEX (ix_owed_replies_due|sqlite_autoindex_owed_replies_1) \(user_id=\?/);
    // What a post's watch brought in: the recent messages on posts, not every message of my incidents.
    const watched = plans.find(({ query }) => /FROM "comments"/.test(query) && /created_by/.test(query))!;
    expect(watched.steps.join(' / ')).toMatch(/SEARCH c USING INDEX ix_comments_watched \(created_at>\?\)/);
  });

  it('pages to the end of a list through the row-value cursor, every row once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.api().get(`/api/incidents?limit=1${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });
});
