import fc, { type Arbitrary } from 'fast-check';
import { createHash } from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app.js';
import { changedTables, commitWatch, databaseFingerprint } from './fingerprint.js';
import { junk, nastyString, objectFor, oneMistakeFrom, operationsOf, validFor, valueFor, type OpenApiDocument, type Operation, type Vocabulary } from './openapi-arbitraries.js';

/**
 * Every operation of the OpenAPI document, called as admin (so 403 is not
 * the answer) with malformed bodies, path ids and query strings: no answer is
 * a 5xx, and a refused request leaves every table as it was.
 * Seeded and bounded (CALUMET_FUZZ_RUNS cases per operation, CALUMET_FUZZ_SEED).
 */
const RUNS = Number(process.env.CALUMET_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.CALUMET_FUZZ_SEED ?? 20261126);

interface FuzzRequest {
  url: string;
  /** A JSON value, raw text sent as JSON, or nothing. */
  body: { json: unknown } | { text: string } | undefined;
}

interface Finding {
  operation: string;
  status: number;
  request: FuzzRequest;
  answer: unknown;
  changed?: string[];
}

const seedOf = (operation: Operation) => SEED ^ createHash('sha256').update(`${operation.method} ${operation.path}`).digest().readInt32BE(0);

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let ids: Record<string, string>;
  let watch: Awaited<ReturnType<typeof commitWatch>>;

  beforeAll(async () => {
    // The fetcher refuses loopback and private addresses: a fuzzed URL reaches no service of this machine.
    t = await startApp({ FETCH_ALLOW_PRIVATE: 'false' });
    document = (await t.anonymous().get('/docs-json').expect(200)).body as OpenApiDocument;
    ids = await seed(t);
    watch = await commitWatch(t.dataSource);
  }, 60_000);
  afterAll(async () => {
    await watch?.close();
    await t?.close();
  });

  it('sees in its database fingerprint a change of a single field, and a commit in its watch', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const version = await watch.version();
    await t.api().patch(`/api/parties/${ids['party']}`).send({ notes: 'Seen once' }).expect(200);
    expect(changedTables(before, await databaseFingerprint(t.dataSource))).toContain('parties');
    if (t.dataSource.options.type !== 'postgres') expect(await watch.version()).not.toBe(version);
  });

  it('never answers 5xx, and a refused request changes nothing in the database', async () => {
    const vocabulary = { ids: Object.values(ids), idFor: (field: string) => ids[Object.entries(KIND_OF_FIELD).find(([pattern]) => new RegExp(pattern, 'i').test(field))?.[1] ?? ''] };
    // Deleting goes last, so the rows the other operations aim at are still there.
    const operations = operationsOf(document).sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(operations.length).toBeGreaterThan(50);
    const findings: Finding[] = [];
    // The database as last fingerprinted, and the commit watch's version then: nothing else writes (the API alone
    // runs), so while the watch sees no commit it is the next request's "before" too, and a refused request that
    // committed nothing needs no fingerprint after it. On PostgreSQL (no watch) only a refused request's "after" is
    // the next one's "before": a request answered 2xx (which may change it) has the next fingerprint taken anew.
    let known: { fingerprint: Map<string, string>; version: number | undefined } | undefined;
    for (const operation of operations) {
      const name = `${operation.method} ${operation.path}`;
      const result = await fc.check(
        fc.asyncProperty(requestFor(operation, ids, document, vocabulary), async (request) => {
          const version = await watch.version();
          if (!known || (version !== undefined && known.version !== version)) known = { fingerprint: await databaseFingerprint(t.dataSource), version };
          const before = known.fingerprint;
          const response = await send(t, operation.method, request);
          const answer = response.body && Object.keys(response.body).length ? response.body : response.text.slice(0, 300);
          if (response.status >= 500) {
            findings.push({ operation: name, status: response.status, request, answer });
            return false;
          }
          if (response.status < 300) {
            if (version === undefined) known = undefined;
            return true;
          }
          const now = await watch.version();
          if (now !== undefined && now === version) return true;
          const after = await databaseFingerprint(t.dataSource);
          const changed = changedTables(before, after);
          if (changed.length) {
            findings.push({ operation: name, status: response.status, request, answer, changed });
            return false;
          }
          known = { fingerprint: after, version: now };
          return true;
        }),
        { numRuns: RUNS, seed: seedOf(operation), endOnFailure: true },
      );
      if (result.failed && !findings.some((finding) => finding.operation === name)) {
        findings.push({ operation: name, status: 0, request: result.counterexample?.[0] as FuzzRequest, answer: String(result.errorInstance) });
      }
    }
    expect(findings.map((finding) => ({ ...finding, request: shorten(finding.request) }))).toEqual([]);
  }, 900_000);
});

/** Rows of every kind the paths name, so a fuzzed request can reach a real one. */
async function seed(t: TestApp): Promise<Record<string, string>> {
  const created = async (path: string, body: unknown) => {
    const response = await t.api().post(path).send(body as object);
    if (response.status !== 201) throw new Error(`seeding ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const user = (await t.api().post('/api/users').send({ name: 'Fuzzed user', email: 'fuzzed@example.com', role: 'community_manager' }).expect(201)).body.user as { id: string };
  const party = await created('/api/parties', { kind: 'person', name: 'The founder' });
  const post = await created('/api/posts', { platform: 'blog', ownership: 'own', url: 'https://blog.example.com/2026/11/beginners-mistakes' });
  const incident = await created('/api/incidents', { title: 'A spat', severity: 'high', ownerId: user.id, counterpartId: party.id, postIds: [post.id] });
  const comment = await created(`/api/incidents/${incident.id}/comments`, { direction: 'inbound', partyId: party.id, body: 'Mon avocat vous enverra une mise en demeure : retirez ma marque.' });
  const notice = await created(`/api/incidents/${incident.id}/legal-notices`, { type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', receivedAt: '2026-11-26T10:00:00Z', commentId: comment.id });
  const commitment = await created(`/api/incidents/${incident.id}/commitments`, { kind: 'noindex', description: 'Put the article in noindex', targetUrl: 'https://blog.example.com/2026/11/beginners-mistakes' });
  const reminder = await created('/api/reminders', { incidentId: incident.id, dueAt: '2030-01-01T10:00:00Z', note: 'Call back' });
  const evidence = await created(`/api/incidents/${incident.id}/evidence`, { kind: 'text', text: 'What the founder wrote' });
  const seal = await created('/api/seals', {});
  return { user: user.id, party: party.id, post: post.id, incident: incident.id, comment: comment.id, notice: notice.id, commitment: commitment.id, reminder: reminder.id, evidence: evidence.id, seal: seal.id };
}

/** The row a path's `{id}` names, by the path's first segment. */
const KIND_OF_PATH: Record<string, string> = {
  users: 'user',
  parties: 'party',
  posts: 'post',
  incidents: 'incident',
  comments: 'comment',
  'legal-notices': 'notice',
  commitments: 'commitment',
  reminders: 'reminder',
  evidence: 'evidence',
  seals: 'seal',
};

/** The row a body or query field refers to, by its name. */
const KIND_OF_FIELD: Record<string, string> = {
  'owner|user|assignee|recipient': 'user',
  'party|counterpart|counsel|behalf|sender|promised': 'party',
  post: 'post',
  incident: 'incident',
  'comment|parent': 'comment',
  notice: 'notice',
};

/** Path segments that are not ids, sent as they are (not URL-encoded). */
const RAW_SEGMENTS = ['42', '.', '..', '%', '%zz', '%00', '%2F..%2F', 'null', 'undefined', '-1', '0x10', 'a'.repeat(400)];

function requestFor(operation: Operation, ids: Record<string, string>, document: OpenApiDocument, vocabulary: Vocabulary): Arbitrary<FuzzRequest> {
  const kind = KIND_OF_PATH[operation.path.split('/')[2] ?? ''];
  const segment = (name: string): Arbitrary<string> => {
    const known = name === 'id' && kind && ids[kind] ? [{ weight: 4, arbitrary: fc.constant(ids[kind]!) }] : [];
    const keys = name === 'key' ? [{ weight: 4, arbitrary: fc.constantFrom('state-legal_threat-x', `notice-${ids['comment']}`, `commitment-noindex-${ids['comment']}`) }] : [];
    return fc.oneof(...known, ...keys, fc.uuid(), fc.constantFrom(...RAW_SEGMENTS), nastyString.map(percentEncoded));
  };
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const path = fc.tuple(...pathParameters.map((parameter) => segment(parameter.name))).map((values) =>
    pathParameters.reduce((url, parameter, index) => url.replace(`{${parameter.name}}`, values[index]!), operation.path),
  );
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const pair = fc.oneof(
    ...queryParameters.map((parameter) => valueFor(parameter.schema ?? {}, document, vocabulary).map((value) => [parameter.name, value] as const)),
    fc.tuple(fc.constantFrom('limit', 'cursor', 'q', 'unknown', '__proto__', 'limit[]', 'a[b]'), junk),
  );
  const validPair = queryParameters.length
    ? fc.oneof(...queryParameters.map((parameter) => validFor(parameter.schema ?? {}, document, vocabulary, parameter.name).map((value) => [parameter.name, value] as const)))
    : pair;
  const encoded = (pairs: ReadonlyArray<readonly [string, unknown]>) =>
    pairs.map(([name, value]) => `${percentEncoded(name)}=${percentEncoded(typeof value === 'string' ? value : JSON.stringify(value) ?? '')}`).join('&');
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.array(validPair, { maxLength: 3 }).map(encoded) },
    fc.array(pair, { maxLength: 5 }).map(encoded),
    fc.constantFrom('limit=%', 'cursor=%E0%A4%A', 'limit=1&limit=2', 'q&q&q', 'cursor=eyJ4Ijp9', 'cursor=' + Buffer.from('{"v":[1,2]}').toString('base64url')),
  );
  const body: Arbitrary<FuzzRequest['body']> = operation.body
    ? fc.oneof(
        { weight: 6, arbitrary: oneMistakeFrom(operation.body, document, vocabulary).map((json) => ({ json })) },
        { weight: 3, arbitrary: objectFor(operation.body, document, vocabulary).map((json) => ({ json })) },
        { weight: 1, arbitrary: junk.map((json) => ({ json })) },
        { weight: 1, arbitrary: fc.constantFrom('{"title": "x",', '{', '[1,', 'nul', '"\\ud800"', '{"a":1}{"b":2}').map((text) => ({ text })) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.option(junk.map((json) => ({ json })), { nil: undefined });
  return fc.record({ path, query, body }).map(({ path, query, body }) => ({ url: query ? `${path}?${query}` : path, body }));
}

/** Every byte of the UTF-8 text as %XX (a lone surrogate becomes U+FFFD, as a browser would send it). */
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

async function send(t: TestApp, method: string, request: FuzzRequest) {
  const call = t.api()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](request.url);
  if (!request.body) return call;
  const text = 'json' in request.body ? JSON.stringify(request.body.json) ?? 'null' : request.body.text;
  return call.set('Content-Type', 'application/json').send(text);
}

/** A finding readable in the test's output: huge strings cut. */
function shorten(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (_, item: unknown) => (typeof item === 'string' && item.length > 120 ? `${item.slice(0, 60)}…(${item.length} chars)` : item)));
}
