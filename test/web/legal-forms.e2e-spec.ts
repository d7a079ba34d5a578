import { DateTime } from 'luxon';
import type request from 'supertest';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty, createPost } from '../helpers/fixtures.js';
import { fieldOf, formProblems } from './form-helpers.js';
import { csrfOf, signedIn } from './web-helpers.js';

type Lang = 'en' | 'fr';
type Person = Awaited<ReturnType<typeof signedIn>>;

/**
 * The legal desk's forms, refused for a bad field: the form comes back in
 * place with what was typed and the problem beside the field, named by its
 * label in the reader's language, and nothing is written; and the role
 * rules: a community manager records no notice, sets no hold, reads no
 * privileged note.
 */
describe('web desk: the legal forms', () => {
  let t: TestApp;
  let legal: Person;
  let manager: Person;

  beforeAll(async () => {
    t = await startApp();
    [legal, manager] = await Promise.all([signedIn(t, 'legal', 'Léa Juriste'), signedIn(t, 'community_manager', 'Marie-Aude')]);
  });
  afterAll(() => t.close());

  /** Posts a form from the page it is on, in that language; htmx posts say so in their headers. */
  async function post(agent: request.Agent, pagePath: string, action: string, fields: Record<string, string>, lang: Lang, htmx = false) {
    const page = await agent.get(pagePath).set('Accept-Language', lang).expect(200);
    const sent = agent.post(action).set('Accept-Language', lang).type('form');
    if (htmx) void sent.set('HX-Request', 'true').set('HX-Current-URL', `http://calumet.test${pagePath}`);
    return sent.send({ _csrf: csrfOf(page.text), ...fields });
  }

  /** Keeps evidence from the incident's page as a browser sends it (multipart, the CSRF token in its address, no file chosen unless given); the page it was sent from comes back too. */
  async function sendEvidence(id: string, fields: Record<string, string>, lang: Lang, file?: { bytes: Buffer; filename: string; contentType: string }) {
    const page = await legal.agent.get(`/incidents/${id}`).set('Accept-Language', lang).expect(200);
    const csrf = csrfOf(page.text);
    const sent = legal.agent.post(`/incidents/${id}/evidence?_csrf=${encodeURIComponent(csrf)}`).set('Accept-Language', lang).field('_csrf', csrf).field('_form', 'evidence');
    for (const [name, value] of Object.entries(fields)) void sent.field(name, value);
    return { page, answer: await (file ? sent.attach('file', file.bytes, { filename: file.filename, contentType: file.contentType }) : sent.attach('file', Buffer.alloc(0), { filename: '' })) };
  }

  const incident = async () => {
    const founder = await createParty(t, { name: 'Le fondateur' });
    const created = await createIncident(t, { ownerId: manager.id, counterpartId: founder.id });
    await addComment(t, created.id, { direction: 'inbound', partyId: founder.id, body: 'Mon avocat vous adressera une mise en demeure.' });
    return created;
  };
  const recordNotice = async (incidentId: string) =>
    (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incidentId}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'registered_mail', receivedAt: new Date(Date.now() - 86_400_000).toISOString(), jurisdiction: 'FR', privilegedNotes: 'Weak trademark claim.' })
        .expect(201)
    ).body as { id: string; ref: string; status: string };
  const noticesOf = async (incidentId: string) => (await t.api().get(`/api/legal-notices?incidentId=${incidentId}`).expect(200)).body.items as Array<{ id: string }>;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

  describe.each([
    ['en', { receivedAt: 'Received on', description: 'What it asks', reason: 'Reason', respondBy: 'Respond by', commitmentDescription: 'In words', url: 'The page’s address', hold: 'Reason' }],
    ['fr', { receivedAt: 'Reçue le', description: 'Ce qu’elle demande', reason: 'Motif', respondBy: 'Répondre avant le', commitmentDescription: 'En quelques mots', url: 'L’adresse de la page', hold: 'Motif' }],
  ] as const)('in %s', (lang, label) => {
    it('a notice received in the future, with a demand of no kind: everything typed kept, each problem on its row, nothing recorded', async () => {
      const { id } = await incident();
      const fields = {
        _form: 'notice',
        type: 'formal_notice',
        direction: 'received',
        jurisdiction: 'FR',
        receivedVia: 'registered_mail',
        receivedAt: inDays(3),
        'registeredMail.trackingNumber': '1A 234 567 8901 2',
        'counselParty.name': 'Maître Durand',
        'counselParty.kind': 'person',
        'demands.0.kind': 'remove_mention',
        'demands.0.description': 'Retirer toute mention de Small Co',
        'demands.2.description': 'Publier un rectificatif',
        privilegedNotes: 'La marque est enregistrée en classe 35 seulement.',
      };
      const refused = await post(legal.agent, `/incidents/${id}/legal-notices/new`, `/incidents/${id}/legal-notices`, fields, lang);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(`<html lang="${lang}">`);
      expect(fieldOf(refused.text, 'notice-receivedAt')).toMatchObject({ label: label.receivedAt, value: fields.receivedAt, invalid: true, problem: expect.stringContaining(label.receivedAt) });
      expect(fieldOf(refused.text, 'notice-demands-2-kind')).toMatchObject({ invalid: true, problem: expect.any(String) });
      expect(fieldOf(refused.text, 'notice-demands-0-kind')).toMatchObject({ value: 'remove_mention', invalid: false });
      expect(fieldOf(refused.text, 'notice-demands-2-description')).toMatchObject({ label: label.description, value: 'Publier un rectificatif', invalid: false });
      expect(fieldOf(refused.text, 'notice-registeredMail-trackingNumber').value).toBe('1A 234 567 8901 2');
      expect(fieldOf(refused.text, 'notice-counselParty-name').value).toBe('Maître Durand');
      expect(refused.text).toMatch(/<details class="new-party" open><summary>[^<]*<\/summary>\s*<div class="fields" data-instead-of="notice-counselPartyId">\s*<p><label for="notice-counselParty-name"/);
      expect(fieldOf(refused.text, 'notice-privilegedNotes').value).toBe(fields.privilegedNotes);
      expect(await noticesOf(id)).toEqual([]);
    });

    it('a notice moved without a reason, for htmx: the form alone, the status kept, nothing moved', async () => {
      const { id } = await incident();
      const notice = await recordNotice(id);
      const refused = await post(legal.agent, `/incidents/${id}`, `/legal-notices/${notice.id}/transitions`, { _form: `notice-move-${notice.id}`, _back: 'incident', to: 'under_review', reason: ' ' }, lang, true);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(new RegExp(`^<form [^>]*id="notice-move-${notice.id}"[^>]*data-testid="notice-transition-form"`));
      expect(fieldOf(refused.text, `notice-move-${notice.id}-to`).value).toBe('under_review');
      expect(fieldOf(refused.text, `notice-move-${notice.id}-reason`)).toMatchObject({ label: label.reason, invalid: true });
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.status).toBe('received');
    });

    it('a move the workflow refuses, from the notice’s page: said at the top of its form in words, nothing moved', async () => {
      const { id } = await incident();
      const notice = await recordNotice(id);
      const refused = await post(legal.agent, `/legal-notices/${notice.id}`, `/legal-notices/${notice.id}/transitions`, { _form: `notice-move-${notice.id}`, _back: 'notice', to: 'closed', reason: 'done' }, lang);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('data-testid="notice-page"');
      const [problem] = formProblems(refused.text, `notice-move-${notice.id}`);
      expect(problem).toContain(lang === 'fr' ? 'Reçue' : 'Received');
      expect(problem).not.toContain('under_review');
    });

    it('a deadline set by hand on a day that does not exist: the reason kept, the date named', async () => {
      const { id } = await incident();
      const notice = await recordNotice(id);
      const refused = await post(legal.agent, `/legal-notices/${notice.id}`, `/legal-notices/${notice.id}/deadline`, { _form: `deadline-${notice.id}`, _back: 'notice', respondBy: '2026-02-30T18:00', respondByReason: 'the letter gives 15 days' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, `deadline-${notice.id}-respondBy`)).toMatchObject({ label: label.respondBy, value: '2026-02-30T18:00', invalid: true });
      expect(fieldOf(refused.text, `deadline-${notice.id}-respondByReason`)).toMatchObject({ value: 'the letter gives 15 days', invalid: false });
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.respondByManual).toBe(false);
    });

    it('a commitment without words: its kind, page and dates kept, the description named', async () => {
      const { id } = await incident();
      const fields = { _form: 'commitment', kind: 'noindex', description: '  ', targetUrl: 'https://blog.example/article', notBefore: '2026-12-10T09:00', dueAt: '2026-12-12T18:00' };
      const refused = await post(manager.agent, `/incidents/${id}`, `/incidents/${id}/commitments`, fields, lang, true);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/^<form [^>]*id="commitment"[^>]*data-testid="commitment-form"/);
      expect(fieldOf(refused.text, 'commitment-description')).toMatchObject({ label: label.commitmentDescription, invalid: true });
      expect(fieldOf(refused.text, 'commitment-kind').value).toBe('noindex');
      expect(fieldOf(refused.text, 'commitment-targetUrl').value).toBe('https://blog.example/article');
      expect(fieldOf(refused.text, 'commitment-dueAt').value).toBe('2026-12-12T18:00');
      expect((await t.api().get(`/api/commitments?incidentId=${id}`).expect(200)).body.items).toEqual([]);
    });

    it('shows on the incident the notice a piece of evidence was kept for, linked, and on the notice’s page what was kept for it', async () => {
      const { id } = await incident();
      const notice = await recordNotice(id);
      const kept = (await t.api(legal.token).post(`/api/incidents/${id}/evidence`).send({ kind: 'text', text: 'Procès-verbal de constat', linkedNoticeId: notice.id }).expect(201)).body as { id: string };
      const loose = (await t.api(legal.token).post(`/api/incidents/${id}/evidence`).send({ kind: 'text', text: 'Une note' }).expect(201)).body as { id: string };
      const page = (await legal.agent.get(`/incidents/${id}`).set('Accept-Language', lang).expect(200)).text;
      const item = (evidenceId: string) => new RegExp(`<li data-testid="evidence" id="evidence-${evidenceId}"[\\s\\S]*?</li>`).exec(page)![0];
      expect(item(kept.id)).toContain(`<p data-testid="evidence-notice">${lang === 'fr' ? 'Au sujet de la notification' : 'About the notice'} <a href="/legal-notices/${notice.id}">${notice.ref}</a> · ${lang === 'fr' ? 'Mise en demeure' : 'Formal notice'}</p>`);
      expect(item(loose.id)).not.toContain('evidence-notice');
      // The notice's own page lists what was kept for it, for legal staff; a community manager sees no evidence there either.
      const noticePage = (await legal.agent.get(`/legal-notices/${notice.id}`).set('Accept-Language', lang).expect(200)).text;
      const section = /<section class="card" aria-labelledby="notice-evidence-heading" data-testid="notice-evidence">[\s\S]*?<\/section>/.exec(noticePage)![0];
      expect(section).toContain(`<h2 id="notice-evidence-heading">${lang === 'fr' ? 'Preuves conservées pour cette notification' : 'Evidence kept for this notice'}</h2>`);
      expect(section).toContain(`id="evidence-${kept.id}"`);
      expect(section).toContain(`href="/evidence/${kept.id}/content"`);
      expect(section).not.toContain(loose.id);
      expect((await manager.agent.get(`/legal-notices/${notice.id}`).set('Accept-Language', lang).expect(200)).text).not.toContain('notice-evidence');
    });

    it('says the content’s date a notice’s clock reads: its own, else the incident’s post’s, said so', async () => {
      const post = await createPost(t, { publishedAt: '2026-11-20T09:00:00Z' });
      const { id } = await createIncident(t, { ownerId: manager.id, postIds: [post.id] });
      const dated = (label: string, page: string) => new RegExp(`<dt>${label}</dt><dd>([\\s\\S]*?)</dd>`).exec(page)![1]!.replace(/<[^>]+>/g, '').trim();
      const label = lang === 'fr' ? 'Contenu publié le' : 'Content published on';
      const fromPost = await recordNotice(id);
      const own = (await t.api(legal.token).post(`/api/incidents/${id}/legal-notices`).send({ type: 'formal_notice', receivedVia: 'email', receivedAt: new Date(Date.now() - 86_400_000).toISOString(), jurisdiction: 'FR', contentPublishedAt: '2026-10-02T08:00:00Z' }).expect(201)).body as { id: string };
      const page = async (noticeId: string) => (await legal.agent.get(`/legal-notices/${noticeId}`).set('Accept-Language', lang).expect(200)).text;
      expect(dated(label, await page(fromPost.id))).toBe(lang === 'fr' ? '20 nov. 2026 (la publication de l’incident)' : '20 Nov 2026 (the incident’s post)');
      expect(dated(label, await page(own.id))).toBe(lang === 'fr' ? '2 oct. 2026' : '2 Oct 2026');
      // The incident's card and the dossier say it the same way.
      const card = (await legal.agent.get(`/incidents/${id}`).set('Accept-Language', lang).expect(200)).text;
      expect(card).toContain(lang === 'fr' ? '(la publication de l’incident)' : '(the incident’s post)');
      // Without any dated post, nothing to say.
      const bare = await incident();
      expect(dated(label, await page((await recordNotice(bare.id)).id))).toBe('—');
    });

    it('a commitment due in the past, promised now: refused on its due time, saying to fill in when it was promised', async () => {
      const { id } = await incident();
      const yesterday = DateTime.now().setZone('Europe/Paris').minus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm");
      const fields = { _form: 'commitment', kind: 'call_back', description: 'Rappeler le fondateur', dueAt: yesterday };
      const refused = await post(manager.agent, `/incidents/${id}`, `/incidents/${id}/commitments`, fields, lang, true);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'commitment-dueAt')).toMatchObject({
        value: yesterday,
        invalid: true,
        problem:
          lang === 'fr'
            ? 'Le champ «\u202fÉchéance\u202f» est déjà passé, alors que cette promesse est enregistrée comme faite maintenant\u202f: si elle a été faite plus tôt, remplissez «\u202fPromis le\u202f».'
            : 'Due is already past, while this promise is recorded as made now: if it was made earlier, fill in Promised on.',
      });
      expect(fieldOf(refused.text, 'commitment-description').value).toBe('Rappeler le fondateur');
      // Said when it was promised, the same due time is taken.
      const promised = DateTime.now().setZone('Europe/Paris').minus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm");
      expect((await post(manager.agent, `/incidents/${id}`, `/incidents/${id}/commitments`, { ...fields, promisedAt: promised }, lang)).status).toBe(303);
    });

    it('a commitment cancelled without a reason, and one marked done before its "not before": each said on its own form', async () => {
      const { id } = await incident();
      const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const commitment = (await t.api().post(`/api/incidents/${id}/commitments`).send({ kind: 'call_back', description: 'call back, not before Thursday', notBefore: later }).expect(201)).body as { id: string };
      const cancelled = await post(manager.agent, `/incidents/${id}`, `/commitments/${commitment.id}/cancel`, { _form: `commitment-cancel-${commitment.id}`, reason: '' }, lang, true);
      expect(cancelled.status).toBe(400);
      expect(cancelled.text).toMatch(new RegExp(`^<form [^>]*id="commitment-cancel-${commitment.id}"`));
      expect(fieldOf(cancelled.text, `commitment-cancel-${commitment.id}-reason`).invalid).toBe(true);
      const early = await post(manager.agent, `/incidents/${id}`, `/commitments/${commitment.id}/done`, { _form: `commitment-done-${commitment.id}` }, lang);
      expect(early.status).toBe(409);
      expect(formProblems(early.text, `commitment-done-${commitment.id}`)).toEqual([expect.stringMatching(lang === 'fr' ? /Pas avant le|pas avant/i : /not before/i)]);
      expect((await t.api().get(`/api/commitments/${commitment.id}`).expect(200)).body.status).toBe('pending');
    });

    it('evidence from an address that is none (multipart): the kind and address kept, the address named, nothing kept', async () => {
      const { id } = await incident();
      const { page, answer: refused } = await sendEvidence(id, { kind: 'url_capture', url: 'mon blog', note: 'the article as it stood' }, lang);
      expect(page.text).toContain(`action="/incidents/${id}/evidence?_csrf=${encodeURIComponent(csrfOf(page.text))}"`);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'evidence-url')).toMatchObject({ label: label.url, value: 'mon blog', invalid: true });
      expect(fieldOf(refused.text, 'evidence-kind').value).toBe('url_capture');
      expect(fieldOf(refused.text, 'evidence-note').value).toBe('the article as it stood');
      expect((await t.api().get(`/api/incidents/${id}/evidence`).expect(200)).body.items).toEqual([]);
    });

    it('evidence from an address typed without its scheme (multipart): a capture asked of the https address a browser would open', async () => {
      const { id } = await incident();
      const { page, answer: kept } = await sendEvidence(id, { kind: 'page_capture', url: 'blog.example/2026/le-billet' }, lang);
      expect(page.text).toMatch(/<input id="evidence-url" name="url" type="text" inputmode="url"/);
      expect(kept.status).toBe(303);
      expect((await t.api().get(`/api/incidents/${id}/evidence`).expect(200)).body.items).toEqual([expect.objectContaining({ kind: 'page_capture', sourceUrl: 'https://blog.example/2026/le-billet' })]);
    });

    it('a legal hold without a reason: named, the hold unchanged', async () => {
      const { id } = await incident();
      const refused = await post(legal.agent, `/incidents/${id}`, `/incidents/${id}/legal-hold`, { _form: 'legal-hold', on: 'true', reason: ' ' }, lang, true);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/^<form [^>]*id="legal-hold"[^>]*data-testid="legal-hold-form"/);
      expect(fieldOf(refused.text, 'legal-hold-reason')).toMatchObject({ label: label.hold, invalid: true });
      expect((await t.api().get(`/api/incidents/${id}`).expect(200)).body.legalHold.on).toBe(false);
    });
  });

  it('keeps a file uploaded from the page, with its SHA-256, and serves it back under the session', async () => {
    const { id } = await incident();
    const bytes = Buffer.from('Constat du commissaire de justice, 28 novembre 2026.');
    const { answer: done } = await sendEvidence(id, { kind: 'file', note: 'le constat' }, 'fr', { bytes, filename: 'constat.txt', contentType: 'text/plain' });
    expect(done.status).toBe(303);
    const [kept] = (await t.api().get(`/api/incidents/${id}/evidence`).expect(200)).body.items as Array<{ id: string; sha256: string; fileName: string; note: string }>;
    expect(kept).toMatchObject({ fileName: 'constat.txt', note: 'le constat' });
    expect(done.headers.location).toBe(`/incidents/${id}#evidence-${kept!.id}`);
    const after = await legal.agent.get(`/incidents/${id}`).expect(200);
    expect(after.text).toContain(`SHA-256 ${kept!.sha256}`);
    const content = await legal.agent.get(`/evidence/${kept!.id}/content`).expect(200);
    expect(content.text).toBe(bytes.toString());
    await manager.agent.get(`/evidence/${kept!.id}/content`).expect(403);
  });

  it('keeps a community manager from recording a notice, setting a hold, keeping evidence or reading privileged notes', async () => {
    const { id } = await incident();
    const notice = await recordNotice(id);
    const page = await manager.agent.get(`/incidents/${id}`).expect(200);
    expect(page.text).not.toContain('data-testid="new-notice"');
    expect(page.text).not.toContain('data-testid="legal-hold-form"');
    expect(page.text).not.toContain('data-testid="evidence-form"');
    expect(page.text).not.toContain('data-testid="notice-transition-form"');
    expect(page.text).not.toContain('Weak trademark claim.');
    expect(page.text).toContain('data-testid="commitment-form"');
    await manager.agent.get(`/incidents/${id}/legal-notices/new`).expect(403);
    const csrf = csrfOf(page.text);
    await manager.agent.post(`/incidents/${id}/legal-notices`).type('form').send({ _csrf: csrf, type: 'formal_notice', jurisdiction: 'FR', receivedVia: 'email', receivedAt: '2026-11-30T10:00' }).expect(403);
    await manager.agent.post(`/incidents/${id}/legal-hold`).type('form').send({ _csrf: csrf, on: 'true', reason: 'no' }).expect(403);
    await manager.agent.post(`/legal-notices/${notice.id}/transitions`).type('form').send({ _csrf: csrf, to: 'under_review', reason: 'no' }).expect(403);
    const noticePage = await manager.agent.get(`/legal-notices/${notice.id}`).expect(200);
    expect(noticePage.text).toContain(notice.ref);
    expect(noticePage.text).not.toContain('Weak trademark claim.');
    expect(noticePage.text).not.toContain('data-testid="privileged-notes"');
    expect(noticePage.text).not.toContain('data-testid="deadline-form"');
    await manager.agent.get('/legal').expect(403);
    expect(await noticesOf(id)).toHaveLength(1);
    expect((await t.api().get(`/api/incidents/${id}`).expect(200)).body.legalHold.on).toBe(false);

    const legalPage = await legal.agent.get(`/legal-notices/${notice.id}`).expect(200);
    expect(legalPage.text).toContain('Weak trademark claim.');
  });

  it('a notice no rule times whose letter states a date: says so, and offers that day’s end as the deadline, which one click sets', async () => {
    const { id } = await incident();
    const notice = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${id}/legal-notices`)
        .send({ type: 'defamation_claim', receivedVia: 'registered_mail', receivedAt: new Date(Date.now() - 86_400_000).toISOString(), jurisdiction: 'FR', statedDeadline: '2030-03-14' })
        .expect(201)
    ).body as { id: string; respondBy: string | null };
    expect(notice.respondBy).toBeNull();
    const page = (lang: Lang) => legal.agent.get(`/legal-notices/${notice.id}`).set('Accept-Language', lang).expect(200);
    const english = (await page('en')).text;
    expect(english).toContain('No deadline: no rule applies and none was set by hand.<br><span data-testid="notice-stated-not-binding">The letter states 14 Mar 2030; no rule makes it binding.');
    expect(fieldOf(english, `deadline-${notice.id}-respondBy`).value).toBe('2030-03-14T23:59');
    expect(fieldOf(english, `deadline-${notice.id}-respondByReason`).value).toBe('The deadline the letter states');
    const french = (await page('fr')).text;
    expect(french).toMatch(/Le courrier indique le 14 mars 2030\u202f; aucune règle ne l’impose\./);
    expect(fieldOf(french, `deadline-${notice.id}-respondByReason`).value).toBe('Le délai qu’indique le courrier');

    // The officer confirms what is offered: the deadline is that day's end in the desk's zone, set by hand, its reason kept.
    const set = await post(legal.agent, `/legal-notices/${notice.id}`, `/legal-notices/${notice.id}/deadline`, { _form: `deadline-${notice.id}`, _back: 'notice', respondBy: '2030-03-14T23:59', respondByReason: 'The deadline the letter states' }, 'en');
    expect(set.status).toBe(303);
    const after = (await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body as { respondBy: string; respondByManual: boolean };
    expect(after).toMatchObject({ respondBy: '2030-03-14T22:59:00.000Z', respondByManual: true });
    const now = (await page('en')).text;
    expect(now).not.toContain('notice-stated-not-binding');
    expect(fieldOf(now, `deadline-${notice.id}-respondBy`).value).toBe('2030-03-14T23:59');
  });

  it('serves the dossier as a PDF under the session, to anyone who may read the incident', async () => {
    const { id, ref } = await incident();
    const pdf = await manager.agent
      .get(`/incidents/${id}/dossier.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/pdf')
      .expect('content-disposition', `attachment; filename*=UTF-8''dossier-${ref}.pdf`);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const page = await manager.agent.get(`/incidents/${id}`).expect(200);
    expect(page.text).toContain(`href="/incidents/${id}/dossier.pdf" data-testid="dossier-pdf"`);
    await t.anonymous().get(`/incidents/${id}/dossier.pdf`).expect(303);
  }, 60_000);
});
