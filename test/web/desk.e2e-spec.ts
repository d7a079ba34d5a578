import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, testDb, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { startWordPress, type WordPress } from '../helpers/wordpress.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
const WIDTHS = [1280, 390];

/**
 * The story of docs/design.md §1 in Debian's Chromium: every page is checked
 * with axe-core (no serious or critical violation), every POST form carries
 * its CSRF field, and any script or console error fails the walk.
 */
describe('web desk in a browser', () => {
  let t: TestApp;
  let wp: WordPress;
  let browser: Browser;
  let page: Page;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    [t, wp] = await Promise.all([startApp(), startWordPress()]);
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([t?.close(), wp?.close()]);
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  /** Clicks a form's button and waits for the page it leads to (htmx answers a done form with a redirect or a reload). */
  async function submitted(selector: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.click(selector)]);
  }

  /** axe-core on the page as it is, the CSRF field of every POST form, no horizontal scroll and a screenshot at each width. */
  async function check(name: string): Promise<void> {
    const violations = (await page.evaluate(`${AXE}; axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
    expect(violations).toEqual([]);
    const formsWithoutToken = await page.$$eval('form[method="post"]', (forms) => forms.filter((form) => !form.querySelector('input[name="_csrf"]')).map((form) => form.getAttribute('action')));
    expect(formsWithoutToken).toEqual([]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect({ page: name, width, scrollWidth: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({ page: name, width, scrollWidth: width });
      await page.screenshot({ path: join(SCREENSHOTS, `${testDb()}-${name}-${width}.png`), fullPage: true, caret: 'initial' });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('walks the story: invite, sign-in, Today, the list, the incident, its thread imported from WordPress, a live message, the dossier in French', async () => {
    const founder = await createParty(t, { name: 'Le fondateur' });
    const person = await t.createUser('admin', 'Marie-Aude');
    const email = ((await t.api().get('/api/users?limit=100')).body.items as Array<{ id: string; email: string }>).find((u) => u.id === person.id)!.email;
    const incident = await createIncident(t, {
      title: 'Article sur les erreurs de débutant',
      ownerId: person.id,
      counterpartId: founder.id,
      openedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    });
    await createIncident(t, { title: 'Another spat', ownerId: person.id });
    await addComment(t, incident.id, { direction: 'inbound', channel: 'email', body: 'Pouvez-vous me dire d’où vient la capture de notre tweet ?', postedAt: new Date(Date.now() - 150 * 60_000).toISOString() });
    const post = await wp.insertPost({ title: 'Les erreurs de débutant', slug: 'erreurs-de-debutant' });
    const gmt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    await wp.insertComment({ post: post.id, author: 'Un lecteur', content: 'Article très utile, merci !', dateGmt: gmt(140) });
    await wp.insertComment({ post: post.id, author: 'Le fondateur', content: 'Un huissier a constaté vos articles ; mon avocat vous adressera une mise en demeure.', dateGmt: gmt(130) });

    await page.goto(`${base}${await inviteUrl(t, person.id)}`);
    await check('invite');
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await submitted('button[type="submit"] >> text=Set my password');
    await page.waitForURL(`${base}/?welcome=1`);

    await page.click('text=Sign out');
    await page.waitForURL(/\/login/);
    await check('login');
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('form[data-testid="login-form"] button[type="submit"]');
    await page.waitForURL(`${base}/`);
    await check('today');
    expect(await page.locator('[data-testid="agenda-item"][data-kind="reply"]').count()).toBe(1);
    await page.locator('#owed-count[data-count="1"]').waitFor();

    await page.goto(`${base}/incidents`);
    await page.fill('#f-q', 'debutant');
    await page.click('text=Filter');
    await page.waitForURL(/q=debutant/);
    await check('incidents');
    expect(await page.locator('[data-testid="incident-row"]').count()).toBe(1);
    await page.click(`text=${incident.ref}`);
    await page.waitForURL(`${base}/incidents/${incident.id}`);

    await page.click('#posts details.action > summary');
    await page.fill('#import-postUrl', post.url);
    await page.check('#import-watch');
    await submitted('form[data-testid="import-form"] button[type="submit"]');
    await page.waitForURL(`${base}/incidents/${incident.id}#posts-heading`);
    expect(await page.locator('[data-testid="post"][data-watched="true"]').count()).toBe(1);
    const highlighted = page.locator('[data-testid="comment"]:has(mark[data-signal="legal_threat"])');
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.locator('mark[data-signal="legal_threat"]').first().textContent()).toContain('huissier');
    const threatId = (await highlighted.getAttribute('id'))!.slice('comment-'.length);

    const at = new Date(Date.now() - 2 * 3600_000);
    await page.click('#case-head details.move > summary');
    await page.selectOption('#move-to', 'heated');
    await page.fill('#move-at', new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(at).replace(' ', 'T'));
    await page.fill('#move-reason', 'the founder threatens');
    await submitted('form[data-testid="move-form"] button[type="submit"]');
    await page.waitForURL(`${base}/incidents/${incident.id}`);
    expect(await page.locator('[data-testid="incident-state"]').textContent()).toBe('Heated');

    await submitted('[data-testid="suggestion"][data-type="legal_notice"] button:has-text("Accept")');
    await page.waitForURL(`${base}/incidents/${incident.id}#suggestions`);
    expect(await page.locator('[data-testid="notice"]').count()).toBe(1);
    expect(await page.locator('[data-testid="incident-state"]').textContent()).toBe('Legal threat');

    await page.click('#composer > summary');
    await page.fill('#comment-body', 'Merci d’adresser toute demande par lettre recommandée avec accusé de réception.');
    await page.selectOption('#comment-direction', 'outbound');
    await page.selectOption('#comment-parentId', threatId);
    await submitted('form[data-testid="comment-form"] button[type="submit"]');
    await page.waitForURL(new RegExp(`/incidents/${incident.id}`));
    expect(await page.locator('[data-testid="comment"]').count()).toBe(4);
    expect(await page.locator('[data-testid="escalation-chart"] circle[data-step]').count()).toBe(3);
    await page.click('#timeline-status button');
    await page.locator('[data-testid="verification"][data-valid="true"]').waitFor();
    await check('incident');

    await addComment(t, incident.id, { direction: 'inbound', body: 'Je vous prie de m’excuser, un malentendu.', authorName: 'Le fondateur' });
    await page.locator('[data-testid="comment"]').nth(4).waitFor();
    expect(await page.locator('[data-testid="comment"]').count()).toBe(5);

    await page.selectOption('#language', 'fr');
    await page.click('text=Switch');
    await page.waitForURL(`${base}/incidents/${incident.id}`);
    await page.goto(`${base}/incidents/${incident.id}/dossier`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('[data-testid="dossier-timeline"]').textContent()).toContain('Marie-Aude a fait passer l’incident de Signalé à Tendu : the founder threatens');
    await check('dossier');

    for (const [name, path] of [['legal', '/legal'], ['search', '/search?q=huissier'], ['admin', '/admin']] as const) {
      await page.goto(`${base}${path}`);
      await check(name);
    }
  }, 120_000);
});
