import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PageFetcher } from '../../fetcher/page-fetcher.js';
import { SourceError } from './source.js';
import { MAX_RETRY_AFTER_SECONDS, retryAfterSeconds, SourceFetch } from './source-fetch.js';

describe(retryAfterSeconds.name, () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(undefined, now)).toBeNull();
    expect(retryAfterSeconds('bientôt', now)).toBeNull();
  });
});

describe(SourceFetch.name, () => {
  let server: Server;
  let base: string;
  /** What the place answers, in turn, to each request. */
  let answers: Array<{ status: number; headers?: Record<string, string>; body: string }>;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_, response) => {
      const answer = answers[Math.min(hits, answers.length - 1)]!;
      hits += 1;
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    hits = 0;
  });

  const fetchWith = (waits: number[]) => new SourceFetch(new PageFetcher({ allowPrivate: true }), 5000, async (ms) => waits.push(ms));

  it('waits out a 429 whose Retry-After is short, then reads the JSON', async () => {
    answers = [
      { status: 429, headers: { 'retry-after': '2' }, body: '{"error":"slow down"}' },
      { status: 200, body: '{"titre":"Querelle à Évry"}' },
    ];
    const waits: number[] = [];
    const answer = await fetchWith(waits).json<{ titre: string }>(`${base}/t/1.json`, 'Discourse');
    expect(answer).toMatchObject({ status: 200, body: { titre: 'Querelle à Évry' } });
    expect(waits).toEqual([2000]);
    expect(hits).toBe(2);
  });

  it('refuses with import.rateLimited, naming the wait, when the place asks for longer or keeps refusing', async () => {
    answers = [{ status: 429, headers: { 'retry-after': String(MAX_RETRY_AFTER_SECONDS + 1) }, body: '{}' }];
    const long = await fetchWith([]).json(`${base}/r/x.json`, 'Reddit').catch((error: unknown) => error);
    expect(long).toBeInstanceOf(SourceError);
    expect(long).toMatchObject({ code: 'import.rateLimited', field: 'url', values: { place: 'Reddit', status: 429, seconds: MAX_RETRY_AFTER_SECONDS + 1 } });
    hits = 0;
    answers = [{ status: 503, headers: { 'retry-after': '1' }, body: '{}' }];
    const waits: number[] = [];
    const stubborn = await fetchWith(waits).json(`${base}/r/x.json`, 'Reddit').catch((error: unknown) => error);
    expect(stubborn).toMatchObject({ code: 'import.rateLimited', values: { status: 503, seconds: 1 } });
    expect(waits).toEqual([1000, 1000]);
    expect(hits).toBe(3);
  });

  it('gives other statuses to the caller, and refuses a 200 that is not JSON', async () => {
    answers = [{ status: 404, body: '{"errors":["introuvable"]}' }];
    expect(await fetchWith([]).json(`${base}/t/2.json`, 'Discourse')).toMatchObject({ status: 404, body: { errors: ['introuvable'] } });
    hits = 0;
    answers = [{ status: 200, body: '<html>pas du JSON</html>' }];
    await expect(fetchWith([]).json(`${base}/t/3.json`, 'Discourse')).rejects.toMatchObject({ code: 'import.notJson' });
  });

  it('keeps the guarded fetcher’s rules: a private address is refused unless allowed', async () => {
    const guarded = new SourceFetch(new PageFetcher({ allowPrivate: false }), 5000);
    await expect(guarded.json(`${base}/t/1.json`, 'Discourse')).rejects.toMatchObject({ code: 'fetch.address', field: 'url' });
  });
});
