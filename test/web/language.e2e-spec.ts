import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Role } from '../../src/common/roles.js';
import { en } from '../../src/i18n/en.js';
import { ENUM_WORDS } from '../../src/i18n/enums.js';
import { EVENT_SENTENCES } from '../../src/i18n/events.js';
import { fr } from '../../src/i18n/fr.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty, createPost } from '../helpers/fixtures.js';
import { routesOf } from '../helpers/routes.js';
import { article, startSite, type Site } from '../helpers/site.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { waitFor } from '../helpers/wait-for.js';
import { WebModule } from '../../src/web/web.module.js';
import { DeskBrowser } from './browser.js';
import { inviteUrl, PASSWORD } from './web-helpers.js';
import { User } from '../../src/users/user.entity.js';
import { writeWxr } from '../helpers/wxr.js';

/**
 * Every desk page, every mail and the dossier PDF in one language must hold
 * no word of the other. The words are those of the catalogues (messages,
 * enum words, timeline sentences) whose English and French differ, each of
 * four letters or more, less:
 * - words both catalogues use (Incident, Parties, Dossier, Contact…);
 * - proper nouns and technical words said the same in both (NAMES below);
 * - the words of the record itself: what people typed (titles, names,
 *   messages, notes, reasons), the deadline rules' references and notes
 *   (admin data, seeded with the French statutes), e-mail addresses and URLs;
 * - in the PDF, the appendix of recorded facts (the stored JSON the hashes
 *   cover, codes by design).
 * axe-core reads each signed-in page once, in French: the markup is the same
 * in both languages but for its words, and no word is empty (i18n.spec).
 * The pages signed out are read by axe in both.
 */
const NAMES = ['calumet', 'wordpress', 'twitter', 'facebook', 'linkedin', 'instagram', 'noindex', 'webhook', 'json', 'http', 'https', 'html', 'warc', 'europe', 'paris', 'bearer', 'authorization', 'administrator', 'utc', 'email', 'mail'];
// pdftotext joins a word hyphenated at a line's end, or interleaves it with the next column: a French « E-mail » cut there reads « Email » or « e- … mail ».

const LETTERS = /\p{L}[\p{L}’'-]*\p{L}/gu;
/** Addresses, e-mail addresses and media types are no words of either language. */
const unworded = (text: string): string => text.replace(/https?:\/\/\S+|[\w.+-]+@[\w.-]+|\b[a-z]+\/[\w.+-]+/g, ' ');
const tokens = (text: string): string[] => [...unworded(text).matchAll(LETTERS)].map(([word]) => word.toLowerCase().replace(/['’-]+$/, ''));
/** An ICU message's own words: its arguments' names, types and select keys left out. */
const literal = (icu: string): string => icu.replace(/\{\s*\w+\s*(,\s*\w+\s*,)?/g, ' ').replace(/=?\w+\s*\{/g, ' ').replace(/[{}#]/g, ' ');

function catalogue(locale: 'en' | 'fr'): Record<string, string> {
  return {
    ...(locale === 'en' ? en : fr),
    ...Object.fromEntries(Object.entries(ENUM_WORDS[locale]).map(([key, text]) => [`enum ${key}`, text])),
    ...Object.fromEntries(Object.entries(EVENT_SENTENCES[locale]).map(([key, text]) => [`event ${key}`, text])),
  };
}

/** The words of `locale`'s catalogue a reader of the other language must never meet. */
function foreignWords(locale: 'en' | 'fr', data: Set<string>): Set<string> {
  const mine = catalogue(locale);
  const other = catalogue(locale === 'en' ? 'fr' : 'en');
  const theirs = new Set(Object.values(other).flatMap((text) => tokens(literal(text))));
  const words = new Set<string>();
  for (const [key, text] of Object.entries(mine)) {
    if (other[key] === text) continue;
    for (const word of tokens(literal(text))) if (word.length >= 4 && !theirs.has(word) && !NAMES.includes(word) && !data.has(word)) words.add(word);
  }
  return words;
}

/** Codes no reader should meet in either language: enum values and event types written as code (legal_threat, receivedAt, post.updated). */
const CODES = new Set([
  ...Object.keys(ENUM_WORDS.en)
    .map((key) => key.slice(key.indexOf('.') + 1))
    .filter((code) => /_|[a-z][A-Z]/.test(code)),
  ...Object.keys(EVENT_SENTENCES.en).filter((type) => type.includes('.')),
]);

/** The foreign words and the codes of a text, each with where it stands. */
function foreignIn(said: string, words: Set<string>): string[] {
  const text = unworded(said);
  const found: string[] = [];
  for (const match of text.matchAll(/[A-Za-z]+(?:[._][a-z]+)*[A-Za-z]*/g)) {
    if (CODES.has(match[0])) found.push(`code ${match[0]} in “…${text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40).replace(/\s+/g, ' ')}…”`);
  }
  for (const match of text.matchAll(LETTERS)) {
    const word = match[0].toLowerCase().replace(/['’-]+$/, '');
    if (words.has(word)) found.push(`${word} in “…${text.slice(Math.max(0, match.index! - 40), match.index! + word.length + 40).replace(/\s+/g, ' ')}…”`);
  }
  return [...new Set(found)];
}

/** Routes that are no page: a stream, htmx fragments (checked for words, not axe), files. */
const FRAGMENTS = ['/today/count', '/incidents/{id}/reply/{commentId}', '/incidents/{id}/verification', '/incidents/{id}/live', '/incidents/{id}/imports/{importId}', '/notifications/count', '/notifications/list'];
const NOT_TEXT = ['/events', '/incidents/{id}/dossier.pdf', '/evidence/{id}/bundle', '/evidence/{id}/content', '/legal-notices/{id}/letters/{key}/pdf', '/incidents.csv', '/legal-notices.csv', '/incidents/{id}/comments.csv'];
const SIGNED_OUT = ['/login', '/invite/{token}', '/report', '/report/received'];
/** The desk's controllers: every page a person reads (the API answers JSON). */
const DESK = (Reflect.getMetadata('controllers', WebModule) as unknown[]) ?? [];

describe('the desk in the reader’s language', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let site: Site;
  let desk: DeskBrowser;
  let dir: string;
  const people = new Map<string, { id: string; token: string; email: string; page: Page }>();
  const samples: Record<string, string> = {};
  const data = new Set<string>();
  const said = (...texts: Array<string | null | undefined>) => {
    for (const text of texts) for (const word of tokens(text ?? '')) data.add(word);
    return texts[0] ?? '';
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    site = await startSite();
    t = await startApp({ CALUMET_ROLES: 'api,worker', SMTP_URL: smtp.url, PUBLIC_URL: 'https://calumet.example.com' });
    desk = await DeskBrowser.open(t);
    dir = mkdtempSync(join(tmpdir(), 'calumet-language-'));

    // Six people, each signed in at the desk in their browser's language, which they then choose for good.
    for (const locale of ['fr', 'en'] as const) {
      for (const role of ['admin', 'legal', 'community_manager'] as Role[]) {
        const name = said(`${locale === 'fr' ? 'Zoé' : 'Zack'} ${role.replace('_', '')}`);
        const user = await t.createUser(role, name);
        const email = (await t.api().get('/api/users').expect(200)).body.items.find((item: { id: string }) => item.id === user.id).email as string;
        // The language the admin chose for them when adding them, so the invite is mailed in it.
        await t.write((manager) => manager.update(User, { id: user.id }, { locale }));
        const page = await desk.page(locale === 'fr' ? 'fr-FR' : 'en-GB');
        await page.goto(`${desk.base}${await inviteUrl(t, user.id)}`);
        await page.fill('#invite-password', PASSWORD);
        await page.fill('#invite-confirm', PASSWORD);
        await desk.submitted(page, '#invite button[type="submit"]');
        await page.selectOption('#language', locale);
        await desk.submitted(page, 'form[action="/language"] button[type="submit"]');
        // Their browser as "My account" lists their sessions: data, not words of the desk.
        said(String(await page.evaluate('navigator.userAgent')));
        people.set(`${role}:${locale}`, { ...user, email, page });
      }
    }
    const owner = people.get('community_manager:fr')!;
    const lawyer = people.get('legal:en')!;

    // The case: an incident with its post, thread, notice and deadline, commitment, evidence, reminders.
    const founder = await createParty(t, { name: said('Gaspard Morel'), organisation: said('Morel Conseil') });
    const post = await createPost(t, { title: said('Les erreurs de débutant'), publishedAt: '2026-01-05T09:00:00Z' });
    const incident = await createIncident(t, { title: said('Article sur les erreurs de débutant'), severity: 'high', ownerId: owner.id, backupOwnerId: lawyer.id, counterpartId: founder.id, postIds: [post.id] });
    const threat = await addComment(t, incident.id, { direction: 'inbound', partyId: founder.id, channel: 'email', body: said('Mon avocat vous écrira. Retirez ce passage.'), postedAt: new Date(Date.now() - 3_600_000).toISOString() });
    await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: said('ton menaçant') }).expect(200);
    const notice = (
      await t
        .api(lawyer.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({
          type: 'right_of_reply',
          jurisdiction: 'FR',
          receivedVia: 'email',
          receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
          senderPartyId: founder.id,
          summary: said('Demande de droit de réponse'),
          demands: [{ kind: 'publish_reply', description: said('Publier ma réponse') }],
          privilegedNotes: said('Usage nominatif'),
        })
        .expect(201)
    ).body as { id: string };
    // A decision with its reasons on the notice: its statement of reasons is a page of its own.
    await t
      .api(lawyer.token)
      .post(`/api/legal-notices/${notice.id}/decisions`)
      .send({
        kind: 'label',
        commentId: threat.id,
        decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
        incompatibleContentGround: said('Charte des commentaires, article 3'),
        incompatibleContentExplanation: said('Menace adressée à la rédaction'),
        category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
        decisionFacts: said('Le message et la demande reçue'),
        automatedDetection: false,
        automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
        redressDetails: said('Réclamations : juridique@blog.example'),
      })
      .expect(201);
    await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: said('Rappeler Gaspard'), ownerId: owner.id, dueAt: new Date(Date.now() + 2_000).toISOString() }).expect(201);
    // Press-law prescriptions: the message within 30 days (on Today), the post a year on (art. 65-3), both on the incident and the legal desk.
    await t.api().post(`/api/incidents/${incident.id}/prescriptions`).send({ subjectType: 'comment', subjectId: threat.id, offence: 'defamation', publishedAt: new Date(Date.now() - 80 * 86_400_000).toISOString(), note: said('Le mot escroc') }).expect(201);
    await t.api().post(`/api/incidents/${incident.id}/prescriptions`).send({ subjectType: 'post', subjectId: post.id, offence: 'insult', ground: 'origin' }).expect(201);
    // A promise the live page does not keep: the check's finding, its reminder and mail.
    site.page('/article', article());
    const removal = (
      await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'remove_content', description: said('Retirer l’article'), ownerId: owner.id, targetUrl: `${site.base}/article` }).expect(201)
    ).body as { id: string };
    await t.api().post(`/api/commitments/${removal.id}/done`).expect(200);
    await t.api().post(`/api/commitments/${removal.id}/verify`).expect(200);
    const evidence = (await t.api(lawyer.token).post(`/api/incidents/${incident.id}/evidence`).send({ kind: 'text', text: said('Capture du passage'), linkedNoticeId: notice.id }).expect(201)).body as { id: string };
    for (const person of people.values()) {
      await t.api().post('/api/reminders').send({ incidentId: incident.id, recipientUserId: person.id, dueAt: new Date(Date.now() + 1_500).toISOString(), note: said('Relire le dossier') }).expect(201);
    }
    await t.api().post('/api/seals').expect(201);
    for (const rule of (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<{ reference: string; note: string | null }>) said(rule.reference, rule.note);
    said('Administrator', incident.ref);

    // A thread imported from an export: its import has a progress line of its own.
    const wxr = join(dir, 'export.xml');
    await writeWxr(wxr, 2);
    said('Le billet', 'Lecteur 1', 'Lecteur 2', 'Commentaire n° 1, d’une longueur ordinaire pour un fil de blog.', 'Commentaire n° 2', 'Deuxième paragraphe.', 'marie');
    const imported = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'le-billet').attach('file', readFileSync(wxr), 'export.xml').expect(200);

    const spare = await t.createUser('viewer', said('Vera Viewer'));
    Object.assign(samples, {
      '/incidents/{id}': incident.id,
      '/parties/{id}': founder.id,
      '/posts/{id}': post.id,
      '/legal-notices/{id}': notice.id,
      '/evidence/{id}': evidence.id,
      '{commentId}': threat.id,
      '{importId}': imported.body.importId as string,
      '{token}': (await inviteUrl(t, spare.id)).split('/').at(-1)!,
    });
    const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.to.includes(email)).length;
    // Each a follow-up; the owner the commitment due and the failed check as well; legal and admin the seal.
    await waitFor('every reminder and the seal by mail', () => [...people.entries()].every(([key, person]) => mailsTo(person.email) >= (person.id === owner.id ? 3 : !key.startsWith('community_manager') ? 2 : 1)) || null, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify([...people.entries()].map(([key, person]) => [key, mailsTo(person.email)]))}, ${smtp.mails.length} mails in all`);
    });
  }, 240_000);
  afterAll(async () => {
    await desk?.close();
    await t?.close();
    await smtp?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    expect(desk.problems.splice(0)).toEqual([]);
  });

  /** A route's path with its parameters filled from the seeded case; a route with no sample fails the test. */
  const url = (path: string): string =>
    path.replace(/\{(\w+)\}/g, (param, name: string) => {
      const owner = Object.keys(samples).find((key) => key.startsWith('/') && path.startsWith(key.slice(0, -'{id}'.length)));
      const value = name === 'id' && owner ? samples[owner] : samples[param];
      if (!value) throw new Error(`no sample for ${param} of ${path}: add one to the language test`);
      return value;
    });

  const deskRoutes = () =>
    routesOf(t)
      // The public notice form's API (GET /api/public/notices/form) is served by the desk's module but answers JSON.
      .filter((route) => DESK.includes(route.controller) && route.method === 'GET' && !route.path.startsWith('/assets') && !route.path.startsWith('/api/') && !NOT_TEXT.includes(route.path))
      .map((route) => route.path)
      .sort();

  /** What a reader reads on the page: its text, its title, and the labels only assistive technology says. */
  const readable = (page: Page): Promise<string> =>
    page.evaluate(`[
      document.title,
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((node) => ['aria-label', 'title', 'placeholder', 'alt'].map((name) => node.getAttribute(name) ?? '')),
      ...[...document.querySelectorAll('option')].map((option) => option.textContent ?? ''),
    ].join('\\n')`) as Promise<string>;

  for (const [locale, otherName] of [
    ['fr', 'English'],
    ['en', 'French'],
  ] as const) {
    describe(`in ${locale}`, () => {
      const foreign = () => foreignWords(locale === 'fr' ? 'en' : 'fr', data);

      it(`lists enough ${otherName} words to catch a slip`, () => {
        expect(foreign().size).toBeGreaterThan(300);
        expect([...CODES]).toEqual(expect.arrayContaining(['legal_threat', 'receivedAt', 'post.updated', 'evidence.capture_requested']));
        expect(foreign()).toContain(locale === 'fr' ? 'overdue' : 'délai');
      });

      it(`renders every desk page with no ${otherName} word, ${locale === 'fr' ? 'no serious or critical axe violation, ' : ''}no console or page error`, async () => {
        const words = foreign();
        const routes = deskRoutes();
        expect(routes).toEqual(expect.arrayContaining(['/', '/incidents', '/incidents/{id}', '/incidents/{id}/dossier', '/legal', '/admin', '/search']));
        const findings: Record<string, string[]> = {};
        const read: string[] = [];
        for (const role of ['admin', 'legal', 'community_manager'] as Role[]) {
          const { page } = people.get(`${role}:${locale}`)!;
          for (const path of routes) {
            if (SIGNED_OUT.includes(path)) continue;
            // Every page as admin; the others where their role makes the page differ (Today, the case, the legal desk, the dossier).
            if (role !== 'admin' && !['/', '/incidents/{id}', '/legal', '/incidents/{id}/dossier', '/legal-notices/{id}', '/legal-notices/{id}/letters'].includes(path)) continue;
            // The letters page shows the refusal, its grounds said in the reader's language.
            const queries: Record<string, string> = {
              '/search': '?q=fondateur',
              '/legal-notices/{id}/letters': '?letter=reply_refusal&grounds=out_of_time&grounds=comments_open',
              // The thread's messages before now: every one of them, as the "Show earlier messages" link asks.
              '/incidents/{id}/earlier': `?before=${Buffer.from(JSON.stringify([{ d: new Date().toISOString() }, 'ffffffff-ffff-ffff-ffff-ffffffffffff'])).toString('base64url')}`,
              '/incidents/{id}/message-choices': '?q=fondateur',
            };
            const query = queries[path] ?? '';
            const target = `${desk.base}${url(path)}${query}`;
            if (FRAGMENTS.includes(path)) {
              const response = await page.request.get(target, { headers: { 'HX-Request': 'true' } });
              if (response.status() === 403) continue;
              expect({ path, status: response.status() }).toEqual({ path, status: 200 });
              const text = (await response.text()).replace(/<[^>]+>/g, ' ').replace(/&[#\w]+;/g, ' ');
              const slips = foreignIn(text, words);
              if (slips.length) findings[`${role} ${path}`] = slips;
              read.push(`${role} ${path}`);
              continue;
            }
            // Another role's page refuses with 403: not a fault of the page.
            if (role !== 'admin') desk.expectRefusal(403, new RegExp(`^${new URL(target).pathname}$`));
            const response = await page.goto(target);
            if (response?.status() === 403) continue;
            expect({ path, role, status: response?.status() }).toEqual({ path, role, status: 200 });
            expect({ path, lang: await page.getAttribute('html', 'lang') }).toEqual({ path, lang: locale });
            const slips = foreignIn(await readable(page), words);
            // axe once a page: the markup is the same in either language, its words apart (no word is empty, i18n.spec).
            const violations = locale === 'fr' ? await desk.axeViolations(page) : [];
            if (slips.length || violations.length) findings[`${role} ${path}`] = [...slips, ...violations.map((v) => `axe ${v}`)];
            read.push(`${role} ${path}`);
          }
        }
        for (const path of SIGNED_OUT) {
          if (!routes.includes(path)) continue;
          const page = await desk.page(locale === 'fr' ? 'fr-FR' : 'en-GB');
          await page.goto(`${desk.base}${url(path)}`);
          expect({ path, lang: await page.getAttribute('html', 'lang') }).toEqual({ path, lang: locale });
          const slips = [...foreignIn(await readable(page), words), ...(await desk.axeViolations(page)).map((v) => `axe ${v}`)];
          if (slips.length) findings[`signed out ${path}`] = slips;
          read.push(`signed out ${path}`);
          await page.context().close();
        }
        // Every desk page as admin, the role-specific ones as legal and community manager.
        expect(read.filter((entry) => entry.startsWith('admin ')).length).toBe(routes.length - SIGNED_OUT.filter((path) => routes.includes(path)).length);
        expect(read.length).toBeGreaterThan(routes.length + 6);
        desk.unseenRefusals();
        expect(findings).toEqual({});
      }, 600_000);

      it(`mails each person in ${locale} with no ${otherName} word`, () => {
        const words = foreign();
        const findings: Record<string, string[]> = {};
        for (const role of ['admin', 'legal', 'community_manager']) {
          const person = people.get(`${role}:${locale}`)!;
          const mails = smtp.mails.filter((mail) => mail.to.includes(person.email));
          // Each reads their follow-up in their own language, whatever language the others chose.
          expect({ role, subjects: mails.map((mail) => mail.subject) }).toEqual({ role, subjects: expect.arrayContaining([expect.stringContaining(locale === 'fr' ? '] Relance\u202f: ' : '] Follow-up: ')]) });
          for (const mail of mails) {
            const text = `${mail.subject}\n${mail.text.replace(/^\{.*$/m, '')}`;
            const slips = foreignIn(text, words);
            if (slips.length) findings[`${role}: ${mail.subject}`] = slips;
          }
        }
        expect(findings).toEqual({});
      });

      it(`prints the dossier PDF in ${locale} with no ${otherName} word`, async () => {
        const words = foreign();
        const { page } = people.get(`legal:${locale}`)!;
        const response = await page.request.get(`${desk.base}/incidents/${samples['/incidents/{id}']}/dossier.pdf`);
        expect(response.status()).toBe(200);
        const file = join(dir, `dossier-${locale}.pdf`);
        writeFileSync(file, await response.body());
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        // The appendix of recorded facts is the stored JSON (codes by design), up to the closing page.
        const facts = text.indexOf((locale === 'fr' ? fr : en)['print.facts']);
        const closing = text.indexOf((locale === 'fr' ? fr : en)['print.sealHeading']);
        expect(facts).toBeGreaterThan(0);
        expect(closing).toBeGreaterThan(facts);
        const read = text.slice(0, facts) + text.slice(closing);
        expect(read).toContain(locale === 'fr' ? 'Droit de réponse (FR)' : 'Right of reply (FR)');
        // Hashes, whole or cut by a line's end, are no words: any run of hex digits holding a digit.
        expect(foreignIn(read.replace(/[0-9a-f]*\d[0-9a-f]*/g, ' '), words)).toEqual([]);
      });
    });
  }
});
