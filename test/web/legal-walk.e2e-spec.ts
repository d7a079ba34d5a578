import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty, createPost } from '../helpers/fixtures.js';
import { article, startSite, type Site } from '../helpers/site.js';
import { DeskBrowser, focusSettledOn } from './browser.js';
import { captureAndDownload, closeNotices } from './desk-steps.js';
import { typeDate } from './typing.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';

const DAY = 86_400_000;

/**
 * Design §1 at the legal desk, in French, in Debian's Chromium: a legal
 * officer invited and signed in with a password (no API token) records the
 * founder's formal notice received by registered letter with its
 * acknowledgement of receipt (a date typed in the future refused in place
 * first), sees its deadline and basis, captures the article and downloads
 * the zip, sets the legal hold, downloads dossier.pdf; then keeps the
 * commitments, is told in words what still keeps the incident open, moves
 * the notices to closed, and closes the incident. axe-core, no console
 * error and no sideways scroll at 390 px on every page; the API only reads.
 */
describe('the legal desk in a browser', () => {
  let t: TestApp;
  let site: Site;
  let desk: DeskBrowser;
  let page: Page;

  beforeAll(async () => {
    [t, site] = await Promise.all([startApp({ CALUMET_ROLES: 'api,worker' }), startSite()]);
    desk = await DeskBrowser.open(t);
    page = await desk.page('fr-FR');
  });
  afterAll(async () => {
    await desk?.close();
    await Promise.all([t?.close(), site?.close()]);
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
    expect(desk.unseenRefusals()).toEqual([]);
  });

  const api = async <T>(path: string): Promise<T> => (await t.api().get(path).expect(200)).body as T;

  it('records the notice, keeps the evidence, holds, prints, and closes the case', async () => {
    site.page('/erreurs-de-debutant', article('<title>Les erreurs de débutant</title>'));
    const articleUrl = `${site.base}/erreurs-de-debutant`;
    const manager = await t.createUser('community_manager', 'Marie-Aude');
    const officer = await t.createUser('legal', 'Léa Juriste');
    const founder = await createParty(t, { name: 'Le fondateur', organisation: 'Small Co' });
    const post = await createPost(t, { url: articleUrl, title: 'Les erreurs de débutant', publishedAt: '2014-03-01T10:00:00Z' });
    const incident = await createIncident(t, {
      title: 'Article sur les erreurs de débutant',
      severity: 'high',
      ownerId: manager.id,
      backupOwnerId: officer.id,
      counterpartId: founder.id,
      postIds: [post.id],
      openedAt: '2014-03-02T10:00:00Z',
    });
    const threat = await addComment(t, incident.id, {
      direction: 'inbound',
      partyId: founder.id,
      body: 'J’invoque mon droit de réponse. Un huissier a constaté vos articles ; mon avocat vous adressera une mise en demeure.',
      postedAt: new Date(Date.now() - 4 * DAY).toISOString(),
    });
    await t
      .api(officer.token)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({ type: 'right_of_reply', receivedVia: 'comment', commentId: threat.id, receivedAt: new Date(Date.now() - 4 * DAY).toISOString(), jurisdiction: 'FR' })
      .expect(201);
    await t
      .api()
      .post(`/api/incidents/${incident.id}/commitments`)
      .send({ kind: 'call_back', description: 'Rappeler le fondateur, pas avant jeudi', ownerId: manager.id, notBefore: new Date(Date.now() - 3600_000).toISOString() })
      .expect(201);

    // Invited, she sets her password and signs in: no API token anywhere.
    await page.goto(`${desk.base}${await inviteUrl(t, officer.id)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, '#invite button[type="submit"]');
    await page.goto(`${desk.base}/legal`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await desk.check(page, 'legal-desk');
    // At 1280 px no column is narrower than its header word, however long a warning.
    const squeezed = await page.$$eval('[data-testid="legal-table"] th', (cells) =>
      cells.flatMap((cell) => {
        // Runs in the page: the browser's globals, which this Node project's types do not declare.
        const { getComputedStyle, document } = globalThis as unknown as { getComputedStyle: (element: unknown) => { paddingLeft: string; paddingRight: string }; document: { createElement: (tag: string) => { textContent: string; style: Record<string, string>; getBoundingClientRect: () => { width: number }; remove: () => void } } };
        const style = getComputedStyle(cell);
        const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return (cell.textContent ?? '').trim().split(/\s+/).filter((word: string) => {
          const probe = document.createElement('span');
          probe.textContent = word;
          probe.style.whiteSpace = 'nowrap';
          probe.style.position = 'absolute';
          cell.append(probe);
          const width = probe.getBoundingClientRect().width;
          probe.remove();
          return width > room + 0.5;
        });
      }),
    );
    expect(squeezed).toEqual([]);
    expect(await page.locator('[data-testid="legal-row"]').count()).toBe(1);
    expect((await page.textContent('[data-testid="legal-row"] ul.warnings'))!.length).toBeGreaterThan(200);

    // The formal notice, received by registered letter with AR: a date typed in the future first.
    await page.goto(`${desk.base}/incidents/${incident.id}`);
    await desk.check(page, 'legal-incident');
    await desk.submitted(page, '[data-testid="new-notice"]');
    await page.selectOption('#notice-type', 'formal_notice');
    await page.fill('#notice-legalBasis', 'Code de la propriété intellectuelle, art. L713-2 et L713-3');
    await page.fill('#notice-summary', 'Mise en demeure de retirer toute mention de la société Small Co et de sa marque.');
    // The sender is the incident's counterpart until a new one is typed instead: then it is none, and the form is not
    // refused for naming both. The person changes their mind: the counterpart again.
    expect(await page.inputValue('#notice-senderPartyId')).toBe(founder.id);
    await page.click('.party-choice:has(#notice-senderPartyId) summary');
    await page.locator('#notice-senderParty-name').pressSequentially('Cabinet');
    expect(await page.inputValue('#notice-senderPartyId')).toBe('');
    await page.fill('#notice-senderParty-name', '');
    await page.selectOption('#notice-senderPartyId', founder.id);
    await page.click('.party-choice:has(#notice-counselPartyId) summary');
    await page.fill('#notice-counselParty-name', 'Maître Durand');
    await page.fill('#notice-counselParty-organisation', 'Cabinet Durand Avocats');
    await page.selectOption('#notice-onBehalfOfPartyId', founder.id);
    await page.selectOption('#notice-receivedVia', 'registered_mail');
    const received = new Date(Date.now() - 2 * DAY);
    await typeDate(page, '#notice-receivedAt', new Date(Date.now() + 2 * DAY), true);
    await page.fill('#notice-registeredMail-trackingNumber', '1A 234 567 8901 2');
    await typeDate(page, '#notice-registeredMail-sentAt', new Date(Date.now() - 4 * DAY), false);
    await typeDate(page, '#notice-registeredMail-acknowledgedAt', received, false);
    await page.selectOption('#notice-demands-0-kind', 'remove_mention');
    await page.fill('#notice-demands-0-description', 'Retirer toute mention de la société Small Co');
    await page.fill('#notice-demands-0-targetUrl', articleUrl);
    await page.selectOption('#notice-demands-1-kind', 'cease');
    await page.fill('#notice-demands-1-description', 'Cesser tout usage de la marque sans autorisation');
    await page.fill('#notice-privilegedNotes', 'La marque n’est enregistrée qu’en classe 35 : l’usage critique est défendable.');
    // Sent from a phone, at the form's foot: the reader lands on the problem, a few screens above.
    await page.setViewportSize({ width: 390, height: 844 });
    desk.expectRefusal(400, /\/legal-notices$/);
    await page.click('#notice button[type="submit"]');
    await page.locator('#notice-receivedAt-error').waitFor();
    expect(await page.textContent('#notice-receivedAt-error')).toBe('Le champ «\u202fReçue le\u202f» ne doit pas être dans le futur.');
    expect(await focusSettledOn(page, 'notice-receivedAt')).toBe('notice-receivedAt');
    expect(await page.evaluate('(() => { const box = document.activeElement.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })()')).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.inputValue('#notice-counselParty-name')).toBe('Maître Durand');
    expect(await page.inputValue('#notice-demands-1-description')).toBe('Cesser tout usage de la marque sans autorisation');
    await desk.check(page, 'legal-notice-refused');
    await typeDate(page, '#notice-receivedAt', received, true);
    await desk.submitted(page, '#notice button[type="submit"]');
    const [formal] = (await api<{ items: Array<{ id: string; ref: string; type: string; respondBy: string; deadlineBasis: string; registeredMail: { trackingNumber: string } }> }>(`/api/legal-notices?incidentId=${incident.id}`)).items.filter(
      (notice) => notice.type === 'formal_notice',
    );
    expect(formal!.registeredMail.trackingNumber).toBe('1A 234 567 8901 2');
    expect(page.url()).toBe(`${desk.base}/incidents/${incident.id}#notice-${formal!.id}`);
    const card = page.locator(`#notice-${formal!.id}`);
    expect(await card.locator('[data-testid="notice-deadline"]').textContent()).toContain('répondre avant le');
    expect(await card.locator('[data-testid="notice-basis"]').textContent()).toMatch(/^Fondement\u202f: Mise en demeure \(toute juridiction\)\u202f: 8\u00a0jours à compter de la réception/);
    expect(await card.textContent()).toContain('Mise en demeure');
    await desk.check(page, 'legal-incident-notice');

    await desk.submitted(page, `#notice-${formal!.id} .item-head a`);
    expect(await page.textContent('[data-testid="privileged-notes"]')).toContain('classe 35');
    expect(await page.textContent('[data-testid="tracking-number"]')).toBe('1A 234 567 8901 2');
    expect(await page.textContent('[data-testid="notice-demands"]')).toContain('Cesser tout usage de la marque');
    expect(await page.textContent('[data-testid="notice-page"]')).toContain('Maître Durand');
    await desk.check(page, 'legal-notice-page');

    // The article captured by a browser, then its zip.
    const zip = await captureAndDownload(desk, page, incident.id, articleUrl, 'L’article tel qu’il était publié');
    const [capture] = (await api<{ items: Array<{ id: string; sha256: string; kind: string }> }>(`/api/incidents/${incident.id}/evidence`)).items;
    expect(await page.textContent(`#evidence-${capture!.id} [data-testid="evidence-sha256"]`)).toBe(`SHA-256 ${capture!.sha256}`);
    expect(zip.filename).toBe(`evidence-${capture!.id}.zip`);
    const listing = execFileSync('unzip', ['-l', zip.path], { encoding: 'utf8' });
    for (const part of ['manifest.json', 'screenshot.png', 'page.pdf', 'capture.warc']) expect(listing).toContain(part);

    // The legal hold, in the header.
    await page.click('#legal-hold-part details > summary');
    await page.fill('#legal-hold-reason', 'Mise en demeure reçue : tout conserver');
    await desk.submitted(page, '[data-testid="legal-hold-form"] button[type="submit"]');
    expect(await page.getAttribute('[data-testid="legal-hold"]', 'data-on')).toBe('true');
    expect(await page.textContent('[data-testid="legal-hold"]')).toContain('Mise en demeure reçue');

    // The dossier as a PDF, under the session.
    const [dossier] = await Promise.all([page.waitForEvent('download'), page.click('#case-head [data-testid="dossier-pdf"]')]);
    expect(dossier.suggestedFilename()).toBe(`dossier-${incident.ref}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', (await dossier.path())!, '-'], { encoding: 'utf8' });
    expect(text).toContain(incident.ref);
    expect(text).toContain(formal!.ref);

    // The noindex promised, kept and checked; the call made.
    await page.click('#commitments details.action > summary');
    await page.selectOption('#commitment-kind', 'noindex');
    await page.fill('#commitment-description', 'Mettre l’article en noindex');
    await desk.submitted(page, '[data-testid="commitment-form"] button[type="submit"]');
    site.page('/erreurs-de-debutant', article('<title>Les erreurs de débutant</title><meta name="robots" content="noindex, follow">'));
    const noindex = page.locator('[data-testid="commitment"]:has-text("Mettre l’article en noindex")');
    await noindex.locator('details.menu > summary').click();
    await desk.submitted(page, `[data-testid="commitment"]:has-text("Mettre l’article en noindex") [data-testid="commitment-done-form"] button`);
    await noindex.locator('details.menu > summary').click();
    await desk.submitted(page, `[data-testid="commitment"]:has-text("Mettre l’article en noindex") [data-testid="commitment-verify-form"] button`);
    expect(await noindex.getAttribute('data-status')).toBe('verified');
    expect(await noindex.locator('[data-testid="observations"] li').first().textContent()).toMatch(/HTTP 200 · noindex, follow · conforme$/);
    const call = page.locator('[data-testid="commitment"]:has-text("Rappeler le fondateur")');
    await call.locator('details.menu > summary').click();
    await desk.submitted(page, `[data-testid="commitment"]:has-text("Rappeler le fondateur") [data-testid="commitment-done-form"] button`);
    expect(await call.getAttribute('data-status')).toBe('done');

    // Resolved, then closing is refused in words, what is still open linked.
    await page.click('#case-head details.move > summary');
    await page.selectOption('#move-to', 'resolved');
    await page.fill('#move-reason', 'Les excuses sont acceptées, l’article est en noindex');
    await page.fill('#move-resolution', 'Hache de guerre enterrée ; article en noindex vérifié ; appel passé.');
    await desk.submitted(page, '[data-testid="move-form"] button[type="submit"]');
    expect(await page.textContent('[data-testid="incident-state"]')).toBe('Résolu');
    await page.click('#case-head details.move > summary');
    await page.selectOption('#move-to', 'closed');
    await page.fill('#move-reason', 'Dossier clos');
    desk.expectRefusal(409, /\/transitions$/);
    await page.click('[data-testid="move-form"] button[type="submit"]');
    await page.locator('[data-testid="still-open"]').waitFor();
    expect(await page.textContent('#move-problems')).toMatch(/ne peut être clos tant que 2 notifications juridiques sont ouvertes/);
    expect(await page.locator('[data-testid="still-open"] a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      expect.arrayContaining([`#notice-${formal!.id}`]),
    );
    await desk.check(page, 'legal-close-refused');

    // Every notice moved to closed, from its card.
    const notices = (await api<{ items: Array<{ id: string; type: string }> }>(`/api/legal-notices?incidentId=${incident.id}`)).items;
    await closeNotices(desk, page, incident.id, notices, (to) => `étape : ${to}`);
    for (const notice of notices) {
      await page.goto(`${desk.base}/incidents/${incident.id}#notice-${notice.id}`);
      expect(await page.getAttribute(`#notice-${notice.id}`, 'data-status')).toBe('closed');
    }

    await page.click('#case-head details.move > summary');
    await page.selectOption('#move-to', 'closed');
    await page.fill('#move-reason', 'Dossier clos');
    await desk.submitted(page, '[data-testid="move-form"] button[type="submit"]');
    expect(await page.textContent('[data-testid="incident-state"]')).toBe('Clos');
    expect((await api<{ state: string }>(`/api/incidents/${incident.id}`)).state).toBe('closed');
    const chart = await page.locator('[data-testid="escalation-chart"] svg[role="img"]').innerHTML();
    expect(chart).toContain('data-break-from="2014-03-02T10:00:00.000Z"');
    expect(chart).toContain('data-state="closed"');
    expect(chart).toContain('Mise en demeure (Reçue)');
    await desk.check(page, 'legal-incident-closed');
  }, 240_000);
});
