import { stripVTControlCharacters } from 'node:util';
import { deskLocal } from './form-helpers.js';
import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { startWordPress, type WordPress } from '../helpers/wordpress.js';
import { DeskBrowser } from './browser.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';

/**
 * The story of docs/design.md §1 in Debian's Chromium: every page is checked
 * with axe-core (no serious or critical violation), every POST form carries
 * its CSRF field, and any script or console error fails the walk.
 */
describe('web desk in a browser', () => {
  let t: TestApp;
  let wp: WordPress;
  let desk: DeskBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    [t, wp] = await Promise.all([startApp(), startWordPress()]);
    desk = await DeskBrowser.open(t);
    base = desk.base;
    page = await desk.page('en-GB');
  });
  afterAll(async () => {
    await desk?.close();
    await Promise.all([t?.close(), wp?.close()]);
  });
  afterEach(() => expect(desk.problems.splice(0)).toEqual([]));

  const check = (name: string) => desk.check(page, name);
  const submitted = (selector: string) => desk.submitted(page, selector);

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
    await desk.landedOn(page, `${base}/`);

    await page.click('text=Sign out');
    await page.waitForURL(/\/login/);
    await check('login');
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await submitted('form[data-testid="login-form"] button[type="submit"]');
    await desk.landedOn(page, `${base}/`);
    await check('today');
    expect(await page.locator('[data-testid="agenda-item"][data-kind="reply"]').count()).toBe(1);
    await page.locator('#owed-count[data-count="1"]').waitFor();

    await page.goto(`${base}/incidents`);
    await page.fill('#f-q', 'debutant');
    await page.click('text=Filter');
    await page.waitForURL(/q=debutant/);
    await check('incidents');
    expect(await page.locator('[data-testid="incident-row"]').count()).toBe(1);
    // The title is the link a person clicks (the ref beside it is text).
    await page.click(`[data-testid="incident-link"]:has-text("Article sur les erreurs de débutant")`);
    await page.waitForURL(`${base}/incidents/${incident.id}`);

    await page.click('#posts details.action > summary');
    await page.fill('#import-url', post.url);
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
    await page.fill('#move-at', deskLocal(at));
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
    await page.check(`#comment-parent-${threatId}`);
    await submitted('form[data-testid="comment-form"] button[type="submit"]');
    await page.waitForURL(new RegExp(`/incidents/${incident.id}`));
    expect(await page.locator('[data-testid="comment"]').count()).toBe(4);
    expect(await page.locator('[data-testid="escalation-chart"] circle[data-step]').count()).toBe(3);
    await page.click('#timeline-status button');
    await page.locator('[data-testid="verification"][data-valid="true"]').waitFor();
    await check('incident');

    // A part in use (a reminder's menu open, a reason being typed) is left alone by live updates; the thread is refreshed.
    const reminders = await page.locator('[data-testid="reminder"]').count();
    await page.click('#reminders details.menu > summary >> nth=0');
    const reason = page.locator('#reminders form[id^="cancel-"] input[name="reason"]').first();
    await reason.fill('typed before the news');
    await addComment(t, incident.id, { direction: 'inbound', body: 'Je vous prie de m’excuser, un malentendu.', authorName: 'Le fondateur' });
    await page.locator('[data-testid="comment"]').nth(4).waitFor();
    expect(await page.locator('[data-testid="comment"]').count()).toBe(5);
    expect(await reason.inputValue()).toBe('typed before the news');
    expect(await page.locator('[data-testid="reminder"]').count()).toBe(reminders);

    await page.selectOption('#language', 'fr');
    await page.click('text=Switch');
    await page.waitForURL(`${base}/incidents/${incident.id}`);
    await page.goto(`${base}/incidents/${incident.id}/dossier`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('[data-testid="dossier-timeline"]').textContent()).toContain('Marie-Aude a fait passer l’incident de Signalé à Tendu\u202f: the founder threatens');
    await check('dossier');

    for (const [name, path] of [['legal', '/legal'], ['search', '/search?q=huissier'], ['admin', '/admin']] as const) {
      await page.goto(`${base}${path}`);
      await check(name);
    }
  }, 120_000);

  it('has checks that catch a page wider than the window, a table squeezed to a letter a line and a field cut short beside free room', async () => {
    // A page of its own, on no origin: the desk's Content-Security-Policy would refuse the inline styles that make these pages fail.
    const blank = await desk.page('en-GB');
    const failure = async (html: string) => {
      await blank.setContent(`<!doctype html><html lang="en"><head><title>Checked</title></head><body><main>${html}</main></body></html>`);
      return desk.check(blank, 'a page made to fail', { axe: false }).then(
        () => 'passed',
        // The failed expectation's diff, without its colours.
        (error: Error) => stripVTControlCharacters(error.message),
      );
    };
    try {
      expect(await failure('<p>Nothing wrong.</p>')).toBe('passed');
      expect(await failure('<div style="width: 1600px">Too wide</div>')).toMatch(/\+ +"scrollWidth": 16\d\d,/);
      expect(await failure('<table style="table-layout: fixed; width: 300px"><col style="width: 30px"><col><tr><td>Correspondance</td><td>x</td></tr></table>')).toMatch(/\+ +"td: Correspondance",/);
      expect(await failure('<form><p><label for="f">E-mail</label> <input id="f" type="email" size="5" value="someone.with.a.long.address@example.com"></p></form>')).toMatch(/\+ +"f: someone\.with\.a\.long\.address@example\.com",/);
    } finally {
      await blank.context().close();
    }
  });
});
