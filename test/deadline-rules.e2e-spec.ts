import { CURRENT_SEEDED_DEADLINE_RULES as SEEDED_DEADLINE_RULES } from '../src/database/migrations/1796340000000-right-of-reply-length.js';
import { startApp, type TestApp } from './helpers/app.js';

describe('deadline rules', () => {
  let t: TestApp;
  let legal: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startApp();
    legal = (await t.createUser('legal')).token;
    viewer = (await t.createUser('viewer')).token;
  });
  afterAll(() => t.close());

  const rule = (fields: Record<string, unknown> = {}) => ({
    jurisdiction: 'FR',
    noticeType: 'takedown_request',
    clockStarts: 'receivedAt',
    period: 'P2D',
    dayCount: 'business',
    reference: 'house rule',
    ...fields,
  });

  it('are seeded by the migration and readable by every role', async () => {
    const response = await t.api(viewer).get('/api/deadline-rules').expect(200);
    expect(response.body.rules).toHaveLength(SEEDED_DEADLINE_RULES.length);
    expect(response.body.rules).toEqual(expect.arrayContaining(SEEDED_DEADLINE_RULES.map((seeded) => ({ ...seeded }))));
  });

  it('may be replaced by an admin only', async () => {
    const body = { rules: [rule()] };
    await t.api(legal).put('/api/deadline-rules').send(body).expect(403);
    await t.api(viewer).put('/api/deadline-rules').send(body).expect(403);
  });

  it('round-trip: what GET answers is a valid PUT body, and PUT replaces the whole set', async () => {
    const current = (await t.api().get('/api/deadline-rules').expect(200)).body;
    const replaced = await t.api().put('/api/deadline-rules').send({ rules: [...current.rules, rule({ jurisdiction: 'be' })] }).expect(200);
    expect(replaced.body.rules).toHaveLength(SEEDED_DEADLINE_RULES.length + 1);
    expect(replaced.body.rules).toContainEqual({ ...rule({ jurisdiction: 'BE' }), note: null, validity: null, preferStatedDeadline: false });

    await t.api().put('/api/deadline-rules').send(current).expect(200);
    expect((await t.api().get('/api/deadline-rules').expect(200)).body).toEqual(current);
  });

  it.each([
    [{ jurisdiction: 'XX' }, 'rules.0.jurisdiction must be an ISO 3166-1 alpha-2 country code such as FR, EU for every EU member state, or * for anywhere'],
    [{ noticeType: 'cease_and_desist' }, 'rules.0.noticeType must be one of the following values: '],
    [{ period: 'PT48H' }, 'rules.0.period must be an ISO-8601 period of whole days, weeks, months or years, such as P3D or P1M'],
    [{ period: 'P1M' }, 'rules.0.period must be a number of days (such as P3D) when dayCount is business'],
    [{ clockStarts: 'postedAt' }, 'rules.0.clockStarts must be one of the following values: '],
    [{ validity: { maxAgeAfterPublication: 'three months' } }, 'rules.0.validity.maxAgeAfterPublication must be an ISO-8601 period'],
    [{ clockStarts: 'publishedAt' }, 'rules.0.clockStarts must be publishedAt for a press_prescription rule, and only for one'],
    [{ noticeType: 'press_prescription', dayCount: 'calendar', period: 'P3M' }, 'rules.0.clockStarts must be publishedAt for a press_prescription rule, and only for one'],
    [{ noticeType: 'press_prescription', clockStarts: 'publishedAt' }, 'rules.0.dayCount must be calendar for a press_prescription rule'],
  ])('refuses a bad rule %j with 400 naming the field', async (fields, message) => {
    const response = await t.api().put('/api/deadline-rules').send({ rules: [rule(fields)] }).expect(400);
    expect(response.body.message).toEqual([expect.stringContaining(message)]);
  });

  it('refuses two rules for the same jurisdiction and notice type', async () => {
    const response = await t.api().put('/api/deadline-rules').send({ rules: [rule(), rule({ period: 'P5D' })] }).expect(400);
    expect(response.body.message).toEqual(['rules.1 repeats the rule for FR takedown_request (rules.0)']);
    expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toHaveLength(SEEDED_DEADLINE_RULES.length);
  });
});
