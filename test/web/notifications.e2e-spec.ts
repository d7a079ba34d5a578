import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { createIncident } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { DeskBrowser } from './browser.js';
import { inviteUrl, PASSWORD, signedIn, submit } from './web-helpers.js';

/** A walk on Chromium on a shared machine: more than Jest's default 30 s to be safe, never a measure of speed. */
const WALK_MS = 90_000;

describe('web desk: notifications', () => {
  let t: TestApp;
  let desk: DeskBrowser;

  beforeAll(async () => {
    t = await startApp({ CALUMET_ROLES: 'api,worker' });
    desk = await DeskBrowser.open(t);
  });
  afterAll(async () => {
    await desk?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
    expect(desk.unseenRefusals()).toEqual([]);
  });

  /** A person invited and signed in on Chromium, in that browser language. */
  async function signedInPage(role: 'viewer' | 'community_manager', name: string, locale: string): Promise<{ page: Page; id: string; token: string }> {
    const user = await t.createUser(role, name);
    const page = await desk.page(locale);
    await page.goto(`${desk.base}${await inviteUrl(t, user.id)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, '#invite button[type="submit"]');
    return { page, ...user };
  }

  const followUp = (token: string, incidentId: string, note: string) =>
    t.api(token).post('/api/reminders').send({ incidentId, dueAt: new Date(Date.now() + 1000).toISOString(), note }).expect(201);
  const bellCount = (page: Page) => page.getAttribute('#notification-count', 'data-count');

  it('shows a reminder live in the bell and the list, in English, and marks it read', async () => {
    const { page, token } = await signedInPage('community_manager', 'Camille', 'en-US');
    const incident = await createIncident(t, { title: 'Founder threatens action' });
    await page.goto(`${desk.base}/notifications`);
    expect(await page.textContent('h1')).toBe('Notifications');
    await page.waitForSelector('#notification-count[data-count="0"]');
    expect(await page.textContent('#notification-count [data-testid="bell-label"]')).toBe('Notifications: none unread');
    // Empty, the list says so once.
    expect((await page.textContent('#notification-list'))!.trim()).toBe('No notification yet.');
    await page.evaluate('window.stillThisPage = true');

    await followUp(token, incident.id, 'Call the founder back, not before Thursday');
    // No reload: the stream says a notification arrived; the bell and the list fetch themselves again.
    await page.waitForSelector('[data-testid="notification"]');
    await page.waitForSelector('#notification-count[data-count="1"]');
    const item = page.locator('[data-testid="notification"]');
    expect(await page.evaluate('window.stillThisPage')).toBe(true);
    expect(await page.textContent('#notification-count [data-testid="bell-label"]')).toBe('Notifications: 1 unread');
    expect(await item.getAttribute('data-read')).toBe('false');
    const text = (await item.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain(`Follow-up · ${incident.ref} · Founder threatens action`);
    expect(text).toContain('Call the founder back, not before Thursday');
    expect(text).toMatch(/received /);
    expect(await page.getAttribute('[data-testid="notification"] a', 'href')).toBe(`/incidents/${incident.id}`);
    await desk.check(page, 'notifications-en');

    // Marked read in place: the list and the bell change, the page stays.
    await page.click('[data-testid="notification"] [data-testid="mark-read"] button');
    await page.waitForSelector('[data-testid="notification"][data-read="true"]');
    await page.waitForSelector('#notification-count[data-count="0"]');
    expect(await page.evaluate('window.stillThisPage')).toBe(true);
    expect((await page.textContent('[data-testid="notification"]'))!).toContain('read');
    const mine = (await t.api(token).get('/api/me/notifications').expect(200)).body.items;
    expect(mine).toEqual([expect.objectContaining({ incidentId: incident.id, readAt: expect.any(String) })]);

    // Another page: the header's bell counts what arrives while reading something else.
    await page.goto(`${desk.base}/incidents`);
    await page.waitForSelector('#notification-count[data-count="0"]');
    await followUp(token, incident.id, 'Second call');
    await page.waitForSelector('#notification-count[data-count="1"]');
    await page.click('#notification-count');
    await page.waitForURL(`${desk.base}/notifications`);
    expect(await page.$$eval('[data-testid="notification"]', (items) => items.map((li) => li.getAttribute('data-read')))).toEqual(['false', 'true']);
  }, WALK_MS);

  it('says it in French and marks all read at once; nobody else sees them', async () => {
    const { page, token } = await signedInPage('community_manager', 'Léa', 'fr-FR');
    const other = await signedInPage('viewer', 'Sam', 'en-US');
    const incident = await createIncident(t, { title: 'Article sur les erreurs de débutant' });
    await page.goto(`${desk.base}/notifications`);
    await other.page.goto(`${desk.base}/notifications`);
    expect(await page.textContent('h1')).toBe('Notifications');
    expect((await page.textContent('#notification-list'))!.trim()).toBe('Aucune notification pour l’instant.');
    await page.waitForSelector('#notification-count[data-count="0"]');

    await followUp(token, incident.id, 'Rappeler le fondateur');
    await followUp(token, incident.id, 'Envoyer le droit de réponse');
    await page.waitForSelector('#notification-count[data-count="2"]');
    await page.locator('[data-testid="notification"]').nth(1).waitFor();
    expect(await page.locator('[data-testid="notification"]').count()).toBe(2);
    expect(await page.textContent('#notification-count [data-testid="bell-label"]')).toBe('Notifications\u202f: 2 non lues');
    expect(await page.textContent('#notification-list')).toContain('2 non lues.');
    const first = (await page.textContent('[data-testid="notification"]'))!.replace(/\s+/g, ' ');
    expect(first).toContain(`Relance · ${incident.ref} · Article sur les erreurs de débutant`);
    expect(first).toContain('reçue le');
    expect(await page.textContent('[data-testid="mark-read"] button')).toBe('Marquer comme lue');
    await desk.check(page, 'notifications-fr');

    await page.click('[data-testid="mark-all-read"] button');
    await page.waitForSelector('#notification-count[data-count="0"]');
    expect(await page.$$eval('[data-testid="notification"]', (items) => items.map((li) => li.getAttribute('data-read')))).toEqual(['true', 'true']);
    expect(await page.textContent('#notification-list')).toContain('Rien de non lu.');
    expect((await t.api(token).get('/api/me/notifications/unread-count').expect(200)).body).toEqual({ unread: 0 });

    // The other reader's page heard nothing of them, and never shows them.
    expect(await bellCount(other.page)).toBe('0');
    expect(await other.page.$$('[data-testid="notification"]')).toEqual([]);
    const theirs = (await t.api(token).get('/api/me/notifications').expect(200)).body.items as Array<{ id: string }>;
    await t.api(other.token).post(`/api/me/notifications/${theirs[0]!.id}/read`).expect(404);
  }, WALK_MS);

  it('marks read over the API: one, then all, counting what changed', async () => {
    const user = await t.createUser('community_manager', 'Api Reader');
    const incident = await createIncident(t);
    await followUp(user.token, incident.id, 'One');
    await followUp(user.token, incident.id, 'Two');
    const unread = async () => (await t.api(user.token).get('/api/me/notifications/unread-count').expect(200)).body.unread as number;
    await waitFor('both reminders delivered in-app', async () => (await unread()) === 2);
    const items = (await t.api(user.token).get('/api/me/notifications?unread=true').expect(200)).body.items as Array<{ id: string }>;
    await t.api(user.token).post(`/api/me/notifications/${items[0]!.id}/read`).expect(200);
    expect(await unread()).toBe(1);
    expect((await t.api(user.token).post('/api/me/notifications/read-all').expect(200)).body).toEqual({ marked: 1 });
    expect((await t.api(user.token).post('/api/me/notifications/read-all').expect(200)).body).toEqual({ marked: 0 });
    expect(await unread()).toBe(0);
  }, WALK_MS);

  it('marks read only through a form of the desk (CSRF), and without script goes back to the list', async () => {
    const { agent, token } = await signedIn(t, 'viewer', 'Noa');
    const incident = await createIncident(t);
    const viewer = (await t.api(token).get('/api/me').expect(200)).body as { id: string };
    await t.api().post('/api/reminders').send({ incidentId: incident.id, dueAt: new Date(Date.now() + 1000).toISOString(), note: 'Read this', recipientUserId: viewer.id }).expect(201);
    await waitFor('the reminder delivered in-app', async () => (await t.api(token).get('/api/me/notifications/unread-count').expect(200)).body.unread === 1);
    await agent.post('/notifications/read-all').type('form').send({}).expect(403);
    expect((await t.api(token).get('/api/me/notifications/unread-count').expect(200)).body).toEqual({ unread: 1 });
    const done = await submit(agent, '/notifications', '/notifications/read-all', {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/notifications');
    expect((await t.api(token).get('/api/me/notifications/unread-count').expect(200)).body).toEqual({ unread: 0 });
    expect((await agent.get('/notifications/count').expect(200)).text).toContain('data-count="0"');
  }, WALK_MS);
});
