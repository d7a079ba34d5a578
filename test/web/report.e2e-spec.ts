import { startApp, type TestApp } from '../helpers/app.js';
import { DeskBrowser } from './browser.js';

/**
 * The public notice form as a notifier meets it: signed out, in French, on
 * a phone (390 px), at the keyboard; a mistake refused in place in French,
 * what was typed kept; fixed, sent, and the reference shown.
 */
describe('web: the public notice form (/report)', () => {
  let t: TestApp;
  let desk: DeskBrowser;

  beforeAll(async () => {
    t = await startApp({ PUBLIC_NOTICE_MIN_AGE_SECONDS: '1' });
    desk = await DeskBrowser.open(t);
  }, 60_000);
  afterAll(async () => {
    await desk?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
  });

  /** A reader's address as long as some are: the form's field shows it whole. */
  const EMAIL = 'noe.martin-dupont@association-des-lecteurs.example.org';

  it('takes a notice typed at the keyboard in French at 390 px, refusing in place a missing explanation with what was typed kept', async () => {
    const page = await desk.page('fr-FR');
    await page.goto(`${desk.base}/report`);
    const opened = Date.now();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await desk.check(page, 'report');
    await page.setViewportSize({ width: 390, height: 844 });

    // Every field by the keyboard, in the page's order; the explanation left blank (spaces only).
    await page.focus('#report-urls');
    await page.keyboard.type('https://blog.example.com/2026/11/rumeurs#commentaire-3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('   ');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Noé Martin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('report-goodFaith');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    desk.expectRefusal(400, /^\/report$/);
    // A person takes longer than the form's minimum age (PUBLIC_NOTICE_MIN_AGE_SECONDS, 1 s here) to fill it in; a quiet
    // machine's keyboard may not, and the form would then be refused as too fresh before its fields are read.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opened + 1_200 - Date.now())));
    await page.keyboard.press('Enter');

    const error = page.locator('#report-explanation-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Le champ «\u202fPourquoi ce contenu est illicite\u202f» est obligatoire.');
    expect(await page.getAttribute('#report-explanation', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#report-urls')).toBe('https://blog.example.com/2026/11/rumeurs#commentaire-3');
    expect(await page.inputValue('#report-name')).toBe('Noé Martin');
    expect(await page.inputValue('#report-email')).toBe(EMAIL);
    expect(await page.inputValue('#report-category')).toBe('STATEMENT_CATEGORY_ANIMAL_WELFARE');
    expect(await page.isChecked('#report-goodFaith')).toBe(true);
    expect(desk.unseenRefusals()).toEqual([]);
    // The refused form as the reader sees it again, at 390 px: nothing cut off (a long address in full), nothing sideways.
    await desk.check(page, 'report-refused');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.focus('#report-explanation');
    await page.keyboard.type('Ce commentaire accuse nommément un voisin de vol : c’est une diffamation.');
    await page.focus('form#report button[type="submit"]');
    await Promise.all([page.waitForURL(/\/report\/received\?ref=/), page.keyboard.press('Enter')]);

    const received = await page.locator('[data-testid="report-received"]').textContent();
    const ref = /LN-\d{4}-\d{4}/.exec(received ?? '')?.[0];
    expect(received).toContain(`Sa référence est ${ref}`);
    // No mail server here: the page promises no acknowledgement it cannot send.
    expect(received).toContain('Aucun accusé de réception n’est envoyé par e-mail\u202f: gardez la référence ci-dessus.');
    expect(received).not.toContain('vous y est envoyé');
    const notices = (await t.api().get('/api/legal-notices').expect(200)).body.items as Array<{ ref: string; type: string; dsaNotice: Record<string, unknown> }>;
    expect(notices).toEqual([expect.objectContaining({ ref, type: 'dsa_notice', dsaNotice: expect.objectContaining({ locale: 'fr', channel: 'form', notifierEmail: EMAIL, urls: ['https://blog.example.com/2026/11/rumeurs'] }) })]);
  }, 120_000);
});
