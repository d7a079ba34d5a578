import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { en } from '../../src/i18n/en.js';
import { ENUM_WORDS } from '../../src/i18n/enums.js';
import { fr } from '../../src/i18n/fr.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { startWordPress, type WordPress } from '../helpers/wordpress.js';
import { waitFor } from '../helpers/wait-for.js';
import { DeskBrowser, focusSettledOn } from './browser.js';
import { captureAndDownload, closeNotices } from './desk-steps.js';
import { typeDate } from './typing.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What each language's walk types and reads: the people's own words, and the desk's from its catalogues. */
const WALKS = {
  fr: {
    locale: 'fr-FR',
    words: fr,
    enums: ENUM_WORDS.fr,
    slug: 'erreurs-de-debutant',
    postTitle: 'Les erreurs de débutant',
    manager: { name: 'Camille Martin', email: 'camille@blog.example' },
    officer: { name: 'Léa Juriste', email: 'lea@blog.example' },
    founder: { name: 'Le fondateur', organisation: 'Petite Société', email: 'fondateur@petite-societe.example' },
    reader: 'Article très utile, merci !',
    threat: 'J’invoque mon droit de réponse. Un huissier a constaté vos articles ; mon avocat vous adressera une mise en demeure.',
    title: 'Article sur les erreurs de débutant',
    summary: 'Le fondateur invoque son droit de réponse et menace d’une mise en demeure.',
    reply: 'Merci d’adresser toute demande par lettre recommandée. Nous vous rappellerons demain pour en parler.',
    moveReason: 'Le fondateur menace d’une mise en demeure',
    noindex: 'Mettre l’article en noindex',
    noticeSummary: 'Mise en demeure de retirer toute mention de la société et de sa marque.',
    counsel: 'Maître Durand',
    demands: ['Retirer toute mention de la société', 'Cesser tout usage de la marque sans autorisation'],
    privileged: 'La marque n’est enregistrée qu’en classe 35 : l’usage critique est défendable.',
    hold: 'Mise en demeure reçue : tout conserver',
    resolution: 'Hache de guerre enterrée ; article en noindex vérifié.',
    /** The basis of a deadline as the reader reads it (never the rule's code). */
    basis: /^Fondement\u202f: /,
  },
  en: {
    locale: 'en-GB',
    words: en,
    enums: ENUM_WORDS.en,
    slug: 'beginners-mistakes',
    postTitle: 'Beginners’ mistakes',
    manager: { name: 'Casey Martin', email: 'casey@blog.example' },
    officer: { name: 'Lee Counsel', email: 'lee@blog.example' },
    founder: { name: 'The founder', organisation: 'Small Co', email: 'founder@small-co.example' },
    reader: 'Very useful article, thanks!',
    threat: 'I demand a right of reply. A bailiff has recorded your articles; my lawyer will send you a formal notice.',
    title: 'Article on beginners’ mistakes',
    summary: 'The founder demands a right of reply and threatens a formal notice.',
    reply: 'Please send any request by registered letter. We will call you back tomorrow to talk it over.',
    moveReason: 'The founder threatens a formal notice',
    noindex: 'Put the article in noindex',
    noticeSummary: 'Formal notice to remove every mention of the company and its trademark.',
    counsel: 'Ms Durand',
    demands: ['Remove every mention of the company', 'Stop using the trademark without permission'],
    privileged: 'The mark is registered in class 35 only: critical use is defensible.',
    hold: 'Formal notice received: keep everything',
    resolution: 'Hatchet buried; noindex verified.',
    basis: /^Basis: /,
  },
} as const;

/**
 * The whole case of DESIGN.md §1 worked at the desk alone, in Chromium, in
 * French and in English: an admin invites a community manager and a legal
 * officer (the links arrive by email through a real SMTP server); the
 * community manager opens the incident with a new counterpart and the post,
 * uploads the thread from the real WordPress's export, replies, moves the
 * incident with a backdated time typed at the keyboard, accepts a
 * suggestion and records the noindex promise; the legal officer records the
 * formal notice received by registered letter with its acknowledgement of
 * receipt, its demands and privileged notes, reads its deadline and basis
 * in their language, captures the article and downloads the zip, sets the
 * legal hold and downloads dossier.pdf; then every notice is closed, the
 * noindex kept and verified on the live page, and the incident resolved and
 * closed. axe-core on every page of the French walk; no console error, no
 * sideways scroll at 390 px and screenshots at 1280 and 390 px on every page
 * of both (test-output/screenshots, not kept in git). The API is only read,
 * to check what the desk wrote.
 */
describe('the whole case at the desk', () => {
  let t: TestApp;
  let wp: WordPress;
  let smtp: TestSmtp;
  let desk: DeskBrowser;

  beforeAll(async () => {
    smtp = await startSmtp();
    [t, wp] = await Promise.all([startApp({ CALUMET_ROLES: 'api,worker', SMTP_URL: smtp.url, MAIL_FROM: 'calumet@blog.example' }), startWordPress()]);
    desk = await DeskBrowser.open(t);
  });
  afterAll(async () => {
    await desk?.close();
    await Promise.all([t?.close(), wp?.close(), smtp?.close()]);
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
    expect(desk.unseenRefusals()).toEqual([]);
  });

  const api = async <T>(path: string): Promise<T> => (await t.api().get(path).expect(200)).body as T;

  it.each(['fr', 'en'] as const)('in %s', async (lang) => {
    const w = WALKS[lang];
    const say = (key: keyof typeof en) => w.words[key];
    // axe in the French walk: the markup of each step is the same in either language, its words apart (as language.e2e
    // reads it); the widths, squeezed cells and cut fields depend on the words, so both walks check those.
    const check = (page: Page, name: string) => desk.check(page, `whole-${lang}-${name}`, { axe: lang === 'fr' });

    // The blog: an article, a reader's thanks, the founder's threat; the site asks robots not to index once the promise is kept.
    const gmt = (ago: number) => new Date(Date.now() - ago).toISOString().slice(0, 19).replace('T', ' ');
    const post = await wp.insertPost({ title: w.postTitle, slug: w.slug, dateGmt: gmt(30 * DAY) });
    await wp.insertComment({ post: post.id, author: 'Un lecteur', content: w.reader, dateGmt: gmt(6 * HOUR) });
    await wp.insertComment({ post: post.id, author: w.founder.name, email: w.founder.email, content: w.threat, dateGmt: gmt(5 * HOUR) });
    const wxr = await wp.exportWxr();

    // The admin invites the community manager and the legal officer; each link arrives by email.
    const admin = await t.createUser('admin', lang === 'fr' ? 'Alix Admin' : 'Alex Admin');
    let page = await desk.page(w.locale);
    await page.goto(`${desk.base}${await inviteUrl(t, admin.id)}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, 'form[data-testid="invite-form"] button[type="submit"]');
    const invited: Record<'manager' | 'officer', string> = { manager: '', officer: '' };
    for (const [who, role] of [['manager', 'community_manager'], ['officer', 'legal']] as const) {
      await page.goto(`${desk.base}/admin`);
      await page.fill('#add-user-name', w[who].name);
      await page.fill('#add-user-email', w[who].email);
      await page.selectOption('#add-user-role', role);
      await desk.submitted(page, 'form[data-testid="add-user-form"] button[type="submit"]');
      const shown = (await page.locator('[data-testid="invite-link"] a').getAttribute('href'))!;
      const mail = await waitFor(`the invite to ${w[who].email}`, async () => smtp.mails.find((m) => m.to.includes(w[who].email)), 10_000, 100);
      invited[who] = new URL(/https?:\/\/\S+/.exec(mail.text)![0]).pathname;
      expect(invited[who]).toBe(new URL(shown).pathname);
    }
    await check(page, 'admin');
    await page.context().close();

    // The community manager sets a password and signs in: no API token anywhere.
    page = await desk.page(w.locale);
    await page.goto(`${desk.base}${invited.manager}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, 'form[data-testid="invite-form"] button[type="submit"]');
    await desk.submitted(page, `text=${say('nav.signOut')}`);
    await page.fill('#email', w.manager.email);
    await page.fill('#password', PASSWORD);
    await desk.submitted(page, 'form[data-testid="login-form"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/');
    await check(page, 'today');

    // A new case: a new counterpart, the post by its address, when it began typed at the keyboard.
    await desk.submitted(page, '[data-testid="new-incident"]');
    const opened = new Date(Date.now() - 7 * HOUR);
    await page.fill('#new-incident-title', w.title);
    await page.fill('#new-incident-summary', w.summary);
    await page.selectOption('#new-incident-severity', 'high');
    await typeDate(page, '#new-incident-openedAt', opened, true);
    await page.click(`text=${say('case.newParty')}`);
    await page.selectOption('#new-incident-party-kind', 'person');
    await page.fill('#new-incident-party-name', w.founder.name);
    await page.fill('#new-incident-party-organisation', w.founder.organisation);
    await page.fill('#new-incident-party-email', w.founder.email);
    await page.click(`text=${say('case.newPost')}`);
    await page.selectOption('#new-incident-post-platform', 'blog');
    await page.fill('#new-incident-post-url', post.url);
    await page.fill('#new-incident-post-title', w.postTitle);
    await check(page, 'new-incident');
    await desk.submitted(page, 'form[data-testid="new-incident-form"] button[type="submit"]');
    const incidentId = /\/incidents\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect(await page.textContent('[data-testid="incident-state"]')).toBe(w.enums['state.reported']);

    // The thread, from the blog's export.
    await page.click(`text=${say('case.wxr')}`);
    await page.setInputFiles('#wxr-file', wxr);
    await page.fill('#wxr-thread', w.slug);
    await desk.submitted(page, 'form[data-testid="wxr-form"] button[type="submit"]');
    expect(await page.locator('[data-testid="comment"]').count()).toBe(2);
    await check(page, 'incident-imported');
    // The right of reply suggested with its warnings (French words suggest French law, whose rules warn), said in the reader's words.
    const warnings = await page.locator('[data-testid="suggestion"] ul.warnings li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-warning'), item.textContent]));
    if (lang === 'fr') expect(warnings.length).toBeGreaterThan(0);
    for (const [code, text] of warnings) expect(text).toContain(say(`deadline.warning.${code}` as keyof typeof en).split(/[{:]/)[0]!.trim());

    // The reply, from the founder's message.
    const threat = page.locator('[data-testid="comment"]:has(mark[data-signal="legal_threat"])');
    const threatId = (await threat.getAttribute('id'))!.slice('comment-'.length);
    await threat.locator('[data-testid="reply-link"]').click();
    await page.locator(`#comment-${threatId} [data-testid="reply-form"]`).waitFor();
    await page.fill(`#reply-${threatId}-body`, w.reply);
    await desk.submitted(page, `#comment-${threatId} [data-testid="reply-form"] button[type="submit"]`);
    expect(await page.locator('[data-testid="comment"]').count()).toBe(3);

    // The move to heated as it happened four hours ago: a time in the future first, refused in place.
    await page.click('#case-head details.move > summary');
    await page.selectOption('#move-to', 'heated');
    await typeDate(page, '#move-at', new Date(Date.now() + 2 * DAY), true);
    await page.fill('#move-reason', w.moveReason);
    desk.expectRefusal(400, new RegExp(`^/incidents/${incidentId}/transitions$`));
    await page.click('form[data-testid="move-form"] button[type="submit"]');
    await page.locator('#move-at[aria-invalid="true"]').waitFor();
    // The reader lands on the problem (on a phone the form's foot may be a screen away from it).
    expect(await focusSettledOn(page, 'move-at')).toBe('move-at');
    expect(await page.inputValue('#move-reason')).toBe(w.moveReason);
    await check(page, 'move-refused');
    const moved = new Date(Date.now() - 4 * HOUR);
    await typeDate(page, '#move-at', moved, true);
    await desk.submitted(page, 'form[data-testid="move-form"] button[type="submit"]');
    expect(await page.textContent('[data-testid="incident-state"]')).toBe(w.enums['state.heated']);

    // The promise our reply makes, suggested as a commitment and accepted in one click.
    const suggested = '[data-testid="suggestion"][data-type="commitment"]';
    expect(await page.textContent(suggested)).toContain(w.enums['commitmentKind.call_back']);
    await desk.submitted(page, `${suggested} form[action$="/accept"] button[type="submit"]`);
    expect(await page.locator('[data-testid="commitment"]').count()).toBe(1);

    // The promise the case turns on: the article in noindex.
    await page.click('#commitments details.action > summary');
    await page.selectOption('#commitment-kind', 'noindex');
    await page.fill('#commitment-description', w.noindex);
    await desk.submitted(page, '[data-testid="commitment-form"] button[type="submit"]');
    await check(page, 'incident-manager');
    await page.context().close();

    // The legal officer: invited, signed in, records the formal notice received by registered letter with AR.
    page = await desk.page(w.locale);
    await page.goto(`${desk.base}${invited.officer}`);
    await page.fill('#invite-password', PASSWORD);
    await page.fill('#invite-confirm', PASSWORD);
    await desk.submitted(page, 'form[data-testid="invite-form"] button[type="submit"]');
    await page.goto(`${desk.base}/incidents/${incidentId}`);
    await desk.submitted(page, '[data-testid="new-notice"]');
    await page.selectOption('#notice-type', 'formal_notice');
    await page.fill('#notice-summary', w.noticeSummary);
    await page.click('.party-choice:has(#notice-counselPartyId) summary');
    await page.fill('#notice-counselParty-name', w.counsel);
    await page.selectOption('#notice-receivedVia', 'registered_mail');
    const received = new Date(Date.now() - 2 * HOUR);
    await typeDate(page, '#notice-receivedAt', received, true);
    await page.fill('#notice-registeredMail-trackingNumber', '1A 234 567 8901 2');
    await typeDate(page, '#notice-registeredMail-sentAt', new Date(Date.now() - 2 * DAY), false);
    await typeDate(page, '#notice-registeredMail-acknowledgedAt', received, false);
    await page.selectOption('#notice-demands-0-kind', 'remove_mention');
    await page.fill('#notice-demands-0-description', w.demands[0]);
    await page.fill('#notice-demands-0-targetUrl', post.url);
    await page.selectOption('#notice-demands-1-kind', 'cease');
    await page.fill('#notice-demands-1-description', w.demands[1]);
    await page.fill('#notice-privilegedNotes', w.privileged);
    await check(page, 'notice-form');
    await desk.submitted(page, '[data-testid="notice-form"] button[type="submit"]');
    const [formal] = (await api<{ items: Array<{ id: string; type: string; registeredMail: { trackingNumber: string }; demands: unknown[] }> }>(`/api/legal-notices?incidentId=${incidentId}`)).items.filter(
      (notice) => notice.type === 'formal_notice',
    );
    expect(formal!.registeredMail.trackingNumber).toBe('1A 234 567 8901 2');
    expect(formal!.demands).toHaveLength(2);
    const card = page.locator(`#notice-${formal!.id}`);
    const basis = (await card.locator('[data-testid="notice-basis"]').textContent())!;
    expect(basis).toMatch(w.basis);
    expect(basis).not.toMatch(/[a-z]+_[a-z]+/);
    if (lang === 'fr') expect(basis).not.toMatch(/\b(the|days|when|states|by custom)\b/);
    await desk.submitted(page, `#notice-${formal!.id} .item-head a`);
    expect(await page.textContent('[data-testid="privileged-notes"]')).toContain(w.privileged.slice(0, 20));
    expect(await page.textContent('[data-testid="tracking-number"]')).toBe('1A 234 567 8901 2');
    expect(await page.textContent('[data-testid="notice-demands"]')).toContain(w.demands[1]);
    await check(page, 'notice-page');

    // The article captured by a browser, and its zip.
    const listing = execFileSync('unzip', ['-l', (await captureAndDownload(desk, page, incidentId, post.url)).path], { encoding: 'utf8' });
    for (const part of ['manifest.json', 'screenshot.png', 'page.pdf', 'capture.warc']) expect(listing).toContain(part);

    // The legal hold, then the dossier as a PDF in the reader's language.
    await page.click('#legal-hold-part details > summary');
    await page.fill('#legal-hold-reason', w.hold);
    await desk.submitted(page, '[data-testid="legal-hold-form"] button[type="submit"]');
    expect(await page.getAttribute('[data-testid="legal-hold"]', 'data-on')).toBe('true');
    const [dossier] = await Promise.all([page.waitForEvent('download'), page.click('#case-head [data-testid="dossier-pdf"]')]);
    const text = execFileSync('pdftotext', ['-layout', (await dossier.path())!, '-'], { encoding: 'utf8' });
    // In the reader's words, but for the appendix of the timeline's stored facts (JSON, the codes its hash covers).
    const read = text.slice(0, text.lastIndexOf(say('print.facts')));
    for (const heading of ['print.thread', 'print.timeline'] as const) expect(read).toContain(say(heading));
    expect(read).toContain(w.enums['state.legal_threat']);
    expect(read).not.toMatch(/\b(legal_threat|formal_notice|registered_mail)\b/);
    await check(page, 'incident-legal');

    // Every notice moved to closed, from its card.
    const notices = (await api<{ items: Array<{ id: string; type: string }> }>(`/api/legal-notices?incidentId=${incidentId}`)).items;
    await closeNotices(desk, page, incidentId, notices, (to) => to);
    for (const notice of notices) {
      await page.goto(`${desk.base}/incidents/${incidentId}#notice-${notice.id}`);
      expect(await page.getAttribute(`#notice-${notice.id}`, 'data-status')).toBe('closed');
    }

    // The noindex kept: the blog asks robots not to index, the desk checks the live page.
    await wp.php(`update_option('blog_public', '0'); return true;`);
    const noindex = page.locator(`[data-testid="commitment"]:has-text("${w.noindex}")`);
    await noindex.locator('details.menu > summary').click();
    await desk.submitted(page, `[data-testid="commitment"]:has-text("${w.noindex}") [data-testid="commitment-done-form"] button`);
    await noindex.locator('details.menu > summary').click();
    await desk.submitted(page, `[data-testid="commitment"]:has-text("${w.noindex}") [data-testid="commitment-verify-form"] button`);
    expect(await noindex.getAttribute('data-status')).toBe('verified');
    await wp.php(`update_option('blog_public', '1'); return true;`);
    const call = page.locator('[data-testid="commitment"][data-status="pending"]');
    await call.locator('details.menu > summary').click();
    await desk.submitted(page, '[data-testid="commitment"][data-status="pending"] [data-testid="commitment-done-form"] button');

    // Resolved, then closed.
    for (const [to, reason] of [['resolved', w.resolution], ['closed', w.resolution]] as const) {
      await page.click('#case-head details.move > summary');
      await page.selectOption('#move-to', to);
      await page.fill('#move-reason', reason);
      if (to === 'resolved') await page.fill('#move-resolution', w.resolution);
      await desk.submitted(page, '[data-testid="move-form"] button[type="submit"]');
    }
    expect(await page.textContent('[data-testid="incident-state"]')).toBe(w.enums['state.closed']);
    await check(page, 'incident-closed');

    // What the desk wrote, read through the API.
    const incident = await api<{ state: string; severity: string; counterpartId: string; postIds: string[]; openedAt: string; legalHold: { on: boolean } }>(`/api/incidents/${incidentId}`);
    expect(incident).toMatchObject({ state: 'closed', severity: 'high', legalHold: { on: true, reason: w.hold }, postIds: [expect.any(String)] });
    expect(Math.abs(Date.parse(incident.openedAt) - opened.getTime())).toBeLessThan(60_000);
    expect(await api(`/api/parties/${incident.counterpartId}`)).toMatchObject({ name: w.founder.name, organisation: w.founder.organisation });
    const states = await api<Array<{ to: string; at: string }>>(`/api/incidents/${incidentId}/states`);
    expect(states.map((state) => state.to)).toEqual(['reported', 'heated', 'legal_threat', 'resolved', 'closed']);
    expect(Math.abs(Date.parse(states[1]!.at) - moved.getTime())).toBeLessThan(60_000);
    const comments = (await api<{ items: Array<{ body: string; direction: string }> }>(`/api/incidents/${incidentId}/comments`)).items;
    expect(comments.map((comment) => comment.direction).sort()).toEqual(['inbound', 'inbound', 'outbound']);
    const commitments = (await api<{ items: Array<{ kind: string; status: string }> }>(`/api/commitments?incidentId=${incidentId}`)).items;
    expect(commitments).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'noindex', status: 'verified' }), expect.objectContaining({ kind: 'call_back', status: 'done' })]));
    expect(commitments).toHaveLength(2);
    expect((await api<{ valid: boolean }>(`/api/incidents/${incidentId}/timeline/verify`)).valid).toBe(true);
  }, 300_000);
});
