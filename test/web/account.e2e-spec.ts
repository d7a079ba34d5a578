import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { DeskBrowser, focusSettledOn } from './browser.js';
import { postForm } from './form-helpers.js';
import { captureSecurityLog, csrfOf, inviteUrl, PASSWORD, signedIn, submit } from './web-helpers.js';

/** A walk on Chromium on a shared machine: more than Jest's default 30 s to be safe, never a measure of speed. */
const WALK_MS = 90_000;

describe('web desk: my account', () => {
  let t: TestApp;
  let desk: DeskBrowser;

  beforeAll(async () => {
    t = await startApp();
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

  const emailOf = async (id: string) => ((await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; email: string }>).find((u) => u.id === id)!.email;

  async function acceptInvite(page: Page, userId: string): Promise<void> {
    await page.goto(`${desk.base}${await inviteUrl(t, userId)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, '#invite button[type="submit"]');
  }

  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${desk.base}/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await desk.submitted(page, 'form[action="/login"] button[type="submit"]');
  }

  it('« Mon compte »: who I am in words, a refused name kept, my language kept across sessions, my API token renewed, my calendar address made, renewed and turned off', async () => {
    const user = await t.createUser('legal', 'Léa');
    const email = await emailOf(user.id);
    const page = await desk.page('fr-FR');
    await acceptInvite(page, user.id);
    await desk.submitted(page, '[data-testid="account-link"]');
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.textContent('[data-testid="account-link"]')).toBe('Mon compte');
    expect(await page.textContent('h1')).toBe('Mon compte');
    expect(await page.$$eval('section h2', (headings) => headings.map((h) => h.textContent))).toEqual(['Profil', 'Langue', 'Mot de passe', 'Jeton d’API', 'Agenda', 'Vos sessions']);
    expect(await page.textContent('[data-testid="account-name"]')).toBe('Léa');
    expect(await page.textContent('[data-testid="account-email"]')).toBe(email);
    expect(await page.textContent('[data-testid="account-role"]')).toBe('Juriste');
    expect(await page.textContent('[data-testid="token-status"]')).toMatch(/^Vous avez un jeton d’API, créé le \d+ déc\. 2026/);
    await desk.check(page, 'account-fr');

    // A blank name is refused in place: said beside the field, in French, what was typed kept.
    await page.fill('#account-profile-name', '   ');
    desk.expectRefusal(400, /^\/account\/profile$/);
    await page.click('#account-profile button[type="submit"]');
    await page.waitForSelector('#account-profile-name[aria-invalid="true"]');
    expect(await page.inputValue('#account-profile-name')).toBe('   ');
    expect(await page.textContent('#account-profile-name-error')).toBe('Le champ «\u202fNom\u202f» ne doit pas être vide.');
    expect(((await t.api(user.token).get('/api/me').expect(200)).body as { name: string }).name).toBe('Léa');
    await page.fill('#account-profile-name', 'Léa Juriste-Martin');
    await desk.submitted(page, '#account-profile button[type="submit"]');
    expect(await page.textContent('.notice')).toBe('Enregistré.');
    expect(await page.textContent('[data-testid="account-name"]')).toBe('Léa Juriste-Martin');
    expect(await page.textContent('.who')).toContain('Léa Juriste-Martin');

    // English, chosen here, follows her to her next session, whatever her browser says.
    expect(await page.inputValue('#account-language-locale')).toBe('fr');
    await page.selectOption('#account-language-locale', 'en');
    await desk.submitted(page, '#account-language button[type="submit"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('My account');
    expect(await page.textContent('.notice')).toBe('Saved.');
    await desk.submitted(page, 'form[action="/logout"] button');
    await signIn(page, email);
    await page.goto(`${desk.base}/account`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.inputValue('#account-language-locale')).toBe('en');
    expect(((await t.api(user.token).get('/api/me').expect(200)).body as { locale: string }).locale).toBe('en');
    await page.selectOption('#account-language-locale', 'fr');
    await desk.submitted(page, '#account-language button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Mon compte');

    // A new token, shown this once in place; the old one stops working.
    await page.click('#account-token button[type="submit"]');
    await page.waitForSelector('[data-testid="new-token"]');
    const renewed = (await page.textContent('[data-testid="new-token"]'))!;
    expect(renewed).toMatch(/^clm_/);
    expect(await page.textContent('#account-token')).toContain('Votre nouveau jeton d’API, montré cette seule fois');
    await t.api(user.token).get('/api/me').expect(401);
    expect(((await t.api(renewed).get('/api/me').expect(200)).body as { id: string }).id).toBe(user.id);
    await page.reload();
    expect(await page.$('[data-testid="new-token"]')).toBeNull();

    // The calendar address: shown this once, in place; renewed, the old one opens nothing; turned off, neither does the new one.
    expect(await page.textContent('[data-testid="calendar-status"]')).toBe('Vous n’avez pas d’adresse d’agenda.');
    expect(await page.textContent('#account-calendar button')).toBe('Créer l’adresse de mon agenda');
    await page.click('#account-calendar button[value="renew"]');
    await page.waitForSelector('[data-testid="calendar-url"]');
    const first = new URL((await page.textContent('[data-testid="calendar-url"]'))!).pathname;
    expect(await page.textContent('#account-calendar')).toContain('L’adresse de votre agenda, montrée cette seule fois');
    expect(await page.textContent('[data-testid="calendar-status"]')).toMatch(/^L’adresse de votre agenda a été créée le \d+ déc\. 2026/);
    await desk.check(page, 'account-calendar-fr');
    await t.anonymous().get(first).expect(200);
    await page.click('#account-calendar button[value="renew"]');
    await page.locator('[data-testid="calendar-url"]').filter({ hasNotText: first }).waitFor();
    const second = new URL((await page.textContent('[data-testid="calendar-url"]'))!).pathname;
    await t.anonymous().get(first).expect(404);
    await t.anonymous().get(second).expect(200);
    await page.click('[data-testid="calendar-off"]');
    await page.waitForSelector('[data-testid="calendar-off"]', { state: 'detached' });
    expect(await page.textContent('#account-calendar')).toContain('L’adresse de votre agenda est désactivée\u202f: elle n’ouvre plus rien.');
    expect(await page.textContent('[data-testid="calendar-status"]')).toBe('Vous n’avez pas d’adresse d’agenda.');
    await t.anonymous().get(second).expect(404);
  }, WALK_MS);

  it('“My account” in English: no token until I make one, and a name too long refused with what I typed', async () => {
    const admin = (await t.api().get('/api/me').expect(200)).body as { id: string };
    const adminAgent = t.anonymous();
    const path = await inviteUrl(t, admin.id);
    const invite = await adminAgent.get(path).expect(200);
    await adminAgent.post(path).type('form').send({ _csrf: csrfOf(invite.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    // Added on the desk: the API token made with the account was never shown to anyone.
    expect((await postForm(adminAgent, '/admin', '/admin/users', { name: 'Sam', email: 'sam.viewer@example.com', role: 'viewer', locale: 'en' })).status).toBe(303);
    const sam = ((await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; email: string }>).find((u) => u.email === 'sam.viewer@example.com')!;

    const page = await desk.page('en-US');
    await acceptInvite(page, sam.id);
    await page.goto(`${desk.base}/account`);
    expect(await page.textContent('h1')).toBe('My account');
    expect(await page.textContent('[data-testid="account-role"]')).toBe('Viewer');
    expect(await page.textContent('[data-testid="token-status"]')).toBe('You have no API token yet (none was ever shown to you).');
    expect(await page.textContent('#account-token button')).toBe('Make my API token');
    await desk.check(page, 'account-en');

    const long = 'S'.repeat(121);
    await page.$eval('#account-profile-name', (input) => input.removeAttribute('maxlength'));
    await page.fill('#account-profile-name', long);
    desk.expectRefusal(400, /^\/account\/profile$/);
    await page.click('#account-profile button[type="submit"]');
    await page.waitForSelector('#account-profile-name[aria-invalid="true"]');
    expect(await page.inputValue('#account-profile-name')).toBe(long);
    expect(await page.textContent('#account-profile-name-error')).toBe('Name must be at most 120 characters long.');
    expect(await page.textContent('[data-testid="account-name"]')).toBe('Sam');

    await page.click('#account-token button[type="submit"]');
    await page.waitForSelector('[data-testid="new-token"]');
    const token = (await page.textContent('[data-testid="new-token"]'))!;
    expect(((await t.api(token).get('/api/me').expect(200)).body as { email: string; tokenIssuedAt: string }).email).toBe('sam.viewer@example.com');
    expect(await page.textContent('[data-testid="token-status"]')).toMatch(/^You have an API token, made \d+ Dec 2026/);
    expect(await page.textContent('#account-token button')).toBe('Renew my API token');
  }, WALK_MS);

  it('« Mot de passe »: a wrong current password, a weak one, two that differ, each refused in place with the field named and nothing typed sent back; then changed, the other sessions closed, the old password refused at sign-in', async () => {
    const user = await t.createUser('community_manager', 'Camille');
    const email = await emailOf(user.id);
    const log = captureSecurityLog(t);
    const page = await desk.page('fr-FR');
    await acceptInvite(page, user.id);
    // A second session of hers, on another device.
    const other = await desk.page('fr-FR');
    await signIn(other, email);
    await other.goto(`${desk.base}/account`);
    expect(new URL(other.url()).pathname).toBe('/account');

    await page.goto(`${desk.base}/account`);
    expect(await page.textContent('[data-testid="account-password"] h2')).toBe('Mot de passe');
    // Each id once: a section and its form used to share theirs.
    expect(await page.evaluate('[...document.querySelectorAll("[id]")].map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i)')).toEqual([]);
    const NEW = 'violette grimpante sur le vieux lavoir';
    // With the keyboard: the three fields in turn, Enter to send.
    const type = async (current: string, password: string, confirm: string) => {
      await page.focus('#account-password-current');
      await page.keyboard.type(current);
      await page.keyboard.press('Tab');
      await page.keyboard.type(password);
      await page.keyboard.press('Tab');
      await page.keyboard.type(confirm);
    };
    const refusedOn = async (field: string) => {
      desk.expectRefusal(400, /^\/account\/password$/);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#account-password-${field}[aria-invalid="true"]`);
      for (const id of ['current', 'password', 'confirm']) expect(await page.inputValue(`#account-password-${id}`)).toBe('');
      expect(await focusSettledOn(page, `account-password-${field}`)).toBe(`account-password-${field}`);
      return page.textContent(`#account-password-${field}-error`);
    };
    await type('pas le bon mot de passe', NEW, NEW);
    expect(await refusedOn('current')).toBe('Ce n’est pas votre mot de passe actuel.');
    await type(PASSWORD, 'motdepasse123', 'motdepasse123');
    expect(await refusedOn('password')).toMatch(/^Le mot de passe est trop facile à deviner\u202f: /);
    await type(PASSWORD, NEW, `${NEW}s`);
    expect(await refusedOn('confirm')).toBe('Les deux mots de passe diffèrent.');
    // Nothing changed so far: the old password still opens a session.
    expect((await submit(t.anonymous(), '/login', '/login', { email, password: PASSWORD })).status).toBe(303);

    await type(PASSWORD, NEW, NEW);
    await Promise.all([page.waitForURL((url) => url.pathname === '/account' && url.search === ''), page.keyboard.press('Enter')]);
    await page.waitForSelector('.notice');
    expect(await page.textContent('.notice')).toBe('Votre mot de passe est changé. Vos autres sessions sont fermées.');
    expect(log.filter((line) => line['event'] === 'password.changed')).toEqual([expect.objectContaining({ tag: 'security', account: email })]);
    expect(log.filter((line) => line['event'] === 'login.failed')).toEqual([expect.objectContaining({ account: email })]);
    expect(await page.textContent('[data-testid="account-name"]')).toBe('Camille');
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/account');
    await desk.check(page, 'account-password-fr');

    // The other device is signed out; the old password opens nothing, the new one does.
    await other.goto(`${desk.base}/account`);
    expect(new URL(other.url()).pathname).toBe('/login');
    expect((await submit(t.anonymous(), '/login', '/login', { email, password: PASSWORD })).status).toBe(401);
    await signIn(other, email, NEW);
    await other.goto(`${desk.base}/account`);
    expect(new URL(other.url()).pathname).toBe('/account');
  }, WALK_MS);

  it('a wrong current password counts as a failed sign-in: past ten, the form waits, even for the right one, and says so in the reader’s language', async () => {
    // A desk of its own: the address's failures of the other tests (the same 127.0.0.1) would count here.
    const own = await startApp();
    try {
      const { agent, id } = await signedIn(own, 'viewer', 'Val');
      const email = ((await own.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; email: string }>).find((u) => u.id === id)!.email;
      const NEW = 'trois pommes vertes sous la pluie';
      const hashOf = async () => ((await own.dataSource.query(own.dataSource.options.type === 'postgres' ? 'SELECT password_hash AS h FROM users WHERE id = $1' : 'SELECT password_hash AS h FROM users WHERE id = ?', [id])) as Array<{ h: string }>)[0]!.h;
      const before = await hashOf();
      for (let i = 0; i < 10; i++) {
        const refused = await submit(agent, '/account', '/account/password', { current: `wrong ${i}`, password: NEW, confirm: NEW });
        expect(refused.status).toBe(400);
        expect(refused.text).toContain('This is not your current password.');
      }
      const limited = await submit(agent, '/account', '/account/password', { current: PASSWORD, password: NEW, confirm: NEW });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(limited.text).toMatch(/Too many wrong passwords\. Try again in 1[45] minutes\./);
      // Nothing changed, and the account's sign-ins wait too.
      expect((await submit(own.anonymous(), '/login', '/login', { email, password: PASSWORD })).status).toBe(429);
      expect(await hashOf()).toBe(before);
      expect((await agent.get('/account').expect(200)).text).toContain('data-testid="account-password"');
    } finally {
      await own.close();
    }
  }, WALK_MS);

  it('over the API: any signed-in person renews their own token and changes their name or language, never their role', async () => {
    const viewer = await t.createUser('viewer', 'Vic');
    const renewed = await t.api(viewer.token).post('/api/me/token').expect(200);
    expect(renewed.body.user).toMatchObject({ id: viewer.id, role: 'viewer', tokenIssuedAt: expect.any(String) });
    await t.api(viewer.token).get('/api/me').expect(401);
    const token = renewed.body.token as string;
    expect((await t.api(token).patch('/api/me').send({ name: 'Victor', locale: 'fr' }).expect(200)).body).toMatchObject({ name: 'Victor', locale: 'fr', role: 'viewer' });
    const refused = await t.api(token).patch('/api/me').send({ role: 'admin' }).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'role' })]);
    expect((await t.api(token).patch('/api/me').send({ locale: 'de' }).expect(400)).body.problems).toEqual([expect.objectContaining({ field: 'locale', code: 'validation.isIn' })]);
    expect((await t.api(token).patch('/api/me').send({ name: null }).expect(400)).body.problems).toEqual([expect.objectContaining({ field: 'name' })]);
    expect((await t.api(token).get('/api/me').expect(200)).body).toMatchObject({ name: 'Victor', locale: 'fr', role: 'viewer' });
  }, WALK_MS);
});
