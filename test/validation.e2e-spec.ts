import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';

describe('bad input', () => {
  let t: TestApp;
  let incidentId: string;
  beforeAll(async () => {
    t = await startApp({ MAX_BODY_BYTES: '65536' });
    incidentId = (await createIncident(t)).id;
  });
  afterAll(() => t.close());

  const valid = { title: 'A spat', severity: 'high' };

  it.each([
    ['an unknown field', { ...valid, mood: 'angry' }, ['mood is not an accepted field'], ['mood']],
    ['a wrong type', { ...valid, title: 42 }, ['title must be a string'], ['title']],
    ['a bad enum', { ...valid, severity: 'apocalyptic' }, ['severity must be one of the following values: low, medium, high, critical'], ['severity']],
    ['an oversize string', { ...valid, title: 'x'.repeat(201) }, ['title must be shorter than or equal to 200 characters'], ['title']],
    ['an empty title', { ...valid, title: '   ' }, ['title must be longer than or equal to 1 characters'], ['title']],
    ['a bad id', { ...valid, ownerId: 'me' }, ['ownerId must be a UUID'], ['ownerId']],
    ['a bad id in a list', { ...valid, postIds: [randomUUID(), 'nope'] }, ['each value in postIds must be a UUID'], ['postIds']],
    ['too many tags', { ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, ['tags must contain no more than 20 elements'], ['tags']],
    ['a missing field', { title: 'A spat' }, ['severity must be one of the following values: low, medium, high, critical'], ['severity']],
    ['several bad fields at once', { title: 7, severity: 'x', extra: 1 }, ['extra is not an accepted field', 'title must be a string', expect.stringContaining('severity must be one of')], ['extra', 'title', 'severity']],
  ])('answers 400 naming the field for %s', async (_, body, messages, fields) => {
    const response = await t.api().post('/api/incidents').send(body).expect(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: messages, problems: expect.any(Array) });
    expect(response.body.problems.map((problem: { field: string }) => problem.field)).toEqual(fields);
    expect(response.body.problems.map((problem: { message: string }) => problem.message)).toEqual(messages);
  });

  it.each([
    ['yesterday'],
    ['2026-02-30T10:00:00Z'],
    ['2026-11-26 10:00'],
    [1764115200000],
  ])('answers 400 for the date %j', async (postedAt) => {
    const response = await t.api().post(`/api/incidents/${incidentId}/comments`).send({ direction: 'inbound', authorName: 'x', body: 'x', postedAt }).expect(400);
    expect(response.body.message).toEqual(['postedAt must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z (without an offset, it is read in CALUMET_TZ)']);
  });

  it.each([
    ['a list of rules', 'put', '/api/deadline-rules', { rules: [[]] }, 'each value in rules must be an object'],
    ['a nested object', 'post', '/api/posts', { platform: 'blog', ownership: 'own', url: 'https://blog.example.com/a', indexing: [] }, 'indexing must be an object'],
  ] as const)('answers 400 naming the field for an array where %s wants objects', async (_, method, url, body, message) => {
    const response = await t.api()[method](url).send(body).expect(400);
    expect(response.body.message).toEqual([message]);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await t.api().post('/api/incidents').set('Content-Type', 'application/json').send('{"title": "x",').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(String(response.body.message)).toContain('JSON');
  });

  it.each([
    ['an array', [valid]],
    ['a string', '"title"'],
  ])('answers 400 for a body that is %s', async (_, body) => {
    const response = await t.api().post('/api/incidents').set('Content-Type', 'application/json').send(JSON.stringify(body)).expect(400);
    expect(response.body.message).toEqual(['the request body must be a JSON object']);
  });

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    const response = await t.api().post('/api/incidents').send({ ...valid, summary: 'x'.repeat(70_000) }).expect(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
      problems: [{ code: 'request.tooLarge', values: { status: 413 }, message: 'Request body is too large' }],
    });
  });

  it.each([
    ['/api/incidents/42', 'id must be a UUID'],
    ['/api/incidents/42/timeline', 'id must be a UUID'],
    ['/api/comments/..%2F..%2Fetc', 'id must be a UUID'],
  ])('answers 400 for the bad path id in %s', async (url, message) => {
    const response = await t.api().get(url).expect(400);
    expect(response.body.message).toEqual([message]);
  });

  it.each(['/api/incidents/', '/api/parties/', '/api/posts/', '/api/comments/', '/api/incidents/$/timeline'])('answers 404 for an id that exists nowhere under %s', async (prefix) => {
    const url = prefix.includes('$') ? prefix.replace('$', randomUUID()) : `${prefix}${randomUUID()}`;
    const response = await t.api().get(url).expect(404);
    expect(response.body.statusCode).toBe(404);
  });

  it('answers 404 in the API error shape for an unknown route', async () => {
    const response = await t.api().get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(response.body.problems).toEqual([expect.objectContaining({ code: 'http.status', values: { status: 404 } })]);
  });

  it('names the problems of every refusal with a code and values, beside the English message', async () => {
    const missing = randomUUID();
    const notFound = await t.api().get(`/api/incidents/${missing}`).expect(404);
    expect(notFound.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `incident ${missing} not found`,
      problems: [{ code: 'notFound', values: { thing: 'incident', id: missing }, message: `incident ${missing} not found` }],
    });
    const constraint = await t.api().post('/api/incidents').send({ ...valid, title: 'x'.repeat(201) }).expect(400);
    expect(constraint.body.problems).toEqual([{ field: 'title', code: 'validation.maxLength', values: { max: 200 }, message: 'title must be shorter than or equal to 200 characters' }]);
    const rule = await t.api().post('/api/reminders').send({ incidentId, dueAt: '2020-01-01T00:00:00Z', note: 'late' }).expect(400);
    expect(rule.body.problems).toEqual([{ field: 'dueAt', code: 'validation.inFuture', message: 'dueAt must be in the future' }]);
    const nested = await t.api().put('/api/deadline-rules').send({ rules: [{ jurisdiction: 'FR', noticeType: 'other', clockStarts: 'receivedAt', period: 'P3D', dayCount: 'calendar', reference: 'x'.repeat(501) }] }).expect(400);
    expect(nested.body.problems).toEqual([expect.objectContaining({ field: 'rules.0.reference', code: 'validation.maxLength', values: { max: 500 } })]);
  });
});
