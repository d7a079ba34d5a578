import { CURRENT_SEEDED_DEADLINE_RULES, NoticeAssignee1764633600000 } from '../src/database/migrations/1764633600000-notice-assignee.js';
import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

/** The migration run again over notices recorded before it: down drops what it added, up gives it back by the default rule. */
describe(NoticeAssignee1764633600000.name, () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;

  const record = async (incidentId: string, token: string) =>
    (
      await t
        .api(token)
        .post(`/api/incidents/${incidentId}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'email', receivedAt: '2026-11-02T10:00:00Z', jurisdiction: 'FR' })
        .expect(201)
    ).body.id as string;
  const rerun = async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      // As a unit of work: on SQLite a write outside one is refused.
      await t.write(async () => {
        await new NoticeAssignee1764633600000().down(runner);
        await new NoticeAssignee1764633600000().up(runner);
      });
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
  });
  afterAll(() => t.close());

  it('gives existing notices the assignee of the default rule, or none, and keeps an admin’s edit of the right-of-reply rule', async () => {
    const admin = (await t.api().get('/api/me').expect(200)).body.id as string;
    const legal = await t.createUser('legal', 'Lea Legal');
    const backup = await t.createUser('legal', 'Bea Backup');
    const gone = await t.createUser('legal', 'Gone Legal');
    const cm = await t.createUser('community_manager', 'Cam Manager');
    const byLegal = await record((await f.incident({ ownerId: cm.id })).id, legal.token);
    const byAdminWithLegalBackup = await record((await f.incident({ ownerId: cm.id, backupOwnerId: backup.id })).id, t.adminToken);
    const byAdminAlone = await record((await f.incident({ ownerId: cm.id })).id, t.adminToken);
    const byLeaver = await record((await f.incident({ ownerId: cm.id })).id, gone.token);
    await t.api().patch(`/api/users/${gone.id}`).send({ active: false }).expect(200);
    const rules = CURRENT_SEEDED_DEADLINE_RULES.map((rule) => (rule.noticeType === 'right_of_reply' ? { ...rule, validity: { ...rule.validity, maxAgeAfterPublication: 'P2M' } } : rule));
    await t.api().put('/api/deadline-rules').send({ rules }).expect(200);

    await rerun();

    const assignee = async (id: string) => (await t.api().get(`/api/legal-notices/${id}`).expect(200)).body.assigneeId;
    expect(await assignee(byLegal)).toBe(legal.id);
    expect(await assignee(byAdminWithLegalBackup)).toBe(backup.id);
    expect(await assignee(byAdminAlone)).toBe(admin);
    expect(await assignee(byLeaver)).toBeNull();
    const seeded = (await t.api().get('/api/deadline-rules').expect(200)).body.rules.find((rule: { noticeType: string }) => rule.noticeType === 'right_of_reply');
    expect(seeded.validity).toEqual({ ...CURRENT_SEEDED_DEADLINE_RULES.find((rule) => rule.noticeType === 'right_of_reply')!.validity, maxAgeAfterPublication: 'P2M' });
  });
});
