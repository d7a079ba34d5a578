import request from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { fieldOf } from './web/form-helpers.js';
import { signedIn } from './web/web-helpers.js';
import { DSA_CATEGORIES } from '../src/legal-notices/dsa-categories.js';
import { AUTOMATED_DECISIONS, CONTENT_TYPES, DECISION_GROUNDS, DECISION_VISIBILITIES, SOURCE_TYPES, YES_NO } from '../src/legal-notices/statement-of-reasons.js';

const OFFENDING = 'Le fondateur de Small Co vole ses clients, tout le monde le sait';

/**
 * Issue [5/8]'s walk: a notice of illegal content from anyone, through the
 * public form's API, to a decision that removes the comment, with the
 * statement of reasons mailed to its author (real SMTP server, real page).
 */
describe('a DSA notice from the public form to a decision with its statement of reasons', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let site: Site;
  let legal: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    site = await startSite();
    t = await startApp({ SMTP_URL: smtp.url, CALUMET_LANGUAGE: 'en', SESSION_SECRET: 'dsa-walk-test-secret-of-more-than-32-characters', PUBLIC_NOTICE_MIN_AGE_SECONDS: '1' });
    legal = (await t.createUser('legal', 'Lea Legal')).token;
  });
  afterAll(async () => {
    await t.close();
    await site.close();
    await smtp.close();
  });

  it('acknowledges the notice, lands it on the incident of the address, and the removal decision reaches the notifier and the author', async () => {
    // A spat under way: the post on a live page, a comment by a reader whose address is known.
    const path = '/2026/11/la-querelle';
    site.page(path, article('', `<h1>La querelle</h1><div class="comment" id="comment-7"><p>${OFFENDING}</p></div>`));
    const post = await createPost(t, { url: `${site.base}${path}` });
    const incident = await createIncident(t, { postIds: [post.id] });
    const author = await createParty(t, { name: 'Rémi Lecteur', email: 'remi@lecteurs.example' });
    const comment = await addComment(t, incident.id, { direction: 'inbound', partyId: author.id, postId: post.id, body: OFFENDING, postedAt: '2026-11-20T10:00:00Z' });

    // Anyone, signed out: the form's token, then the notice in French, naming the comment's own address.
    const form = (await request(t.app.getHttpServer()).get('/api/public/notices/form').expect(200)).body as { formToken: string; notBefore: string };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(form.notBefore).getTime() - Date.now() + 50)));
    const receipt = (
      await request(t.app.getHttpServer())
        .post('/api/public/notices')
        .send({
          urls: [`${post.url}#comment-7`],
          explanation: 'Ce commentaire accuse nommément le fondateur de vol : c’est une diffamation.',
          goodFaith: true,
          name: 'Nadia Notifiante',
          email: 'nadia@exemple.fr',
          category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
          locale: 'fr',
          formToken: form.formToken,
        })
        .expect(201)
    ).body as { ref: string };
    const ack = await waitFor('the acknowledgement', () => smtp.mails.find((mail) => mail.to.includes('nadia@exemple.fr')));
    expect(`${ack.subject}\n${ack.text}`).toContain(receipt.ref);

    // On the legal desk's list, on the incident the address belongs to.
    const notice = ((await t.api(legal).get('/api/legal-notices?status=open').expect(200)).body.items as Array<{ id: string; ref: string; incidentId: string; type: string; receivedVia: string }>).find((item) => item.ref === receipt.ref)!;
    expect(notice).toMatchObject({ type: 'dsa_notice', receivedVia: 'web_form', incidentId: incident.id });

    // At the desk, the Decide form chooses nothing consequential for the officer: the decision and its ground start blank, the category is the notifier's.
    const officer = await signedIn(t, 'legal', 'Léa Juriste');
    const deskPage = (await officer.agent.get(`/legal-notices/${notice.id}`).set('Accept-Language', 'fr').expect(200)).text;
    const firstOption = (name: string) => new RegExp(`<select[^>]*id="decide-${notice.id}-${name}"[^>]*>\\s*<option value=""`).test(deskPage);
    expect([firstOption('kind'), firstOption('decisionGround')]).toEqual([true, true]);
    expect(fieldOf(deskPage, `decide-${notice.id}-kind`).value).toBe('');
    expect(fieldOf(deskPage, `decide-${notice.id}-category`).value).toBe('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');

    // Legal decides: the comment is removed; the category is the notifier's, as none is given.
    const decided = (
      await t
        .api(legal)
        .post(`/api/legal-notices/${notice.id}/decisions`)
        .send({
          kind: 'remove',
          commentId: comment.id,
          decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
          illegalContentLegalGround: 'Loi du 29 juillet 1881, art. 29 et 32 (diffamation envers un particulier)',
          illegalContentExplanation: 'The comment imputes a theft to a named person, without any basis.',
          decisionFacts: 'The notice received through the public form; the comment read in its thread.',
          automatedDetection: false,
          automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
          contentLanguage: 'fr',
        })
        .expect(201)
    ).body as { id: string; commitmentId: string; category: string };
    expect(decided.category).toBe('STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH');
    expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body.status).toBe('deleted');
    expect((await timelineOf(t, incident.id)).map((event) => event.type)).toEqual(expect.arrayContaining(['notice.recorded', 'notice.decided', 'comment.removed']));

    // Its removal is checked on the live page like a removal commitment.
    expect((await t.api().post(`/api/commitments/${decided.commitmentId}/verify`).expect(200)).body).toMatchObject({ verdict: 'fail' });
    site.page(path, article('', '<h1>La querelle</h1><p>Commentaire supprimé.</p>'));
    expect((await t.api().post(`/api/commitments/${decided.commitmentId}/verify`).expect(200)).body).toMatchObject({ verdict: 'pass' });

    // The notifier learns the decision in the language she wrote in; the author gets the statement of reasons.
    const toNotifier = await waitFor('the decision', () => smtp.mails.find((mail) => mail.to.includes('nadia@exemple.fr') && mail !== ack));
    expect(toNotifier.subject).toBe(`Votre notification ${receipt.ref}\u202f: notre décision`);
    const toAuthor = await waitFor('the statement of reasons', () => smtp.mails.find((mail) => mail.to.includes('remi@lecteurs.example')));
    expect(toAuthor.subject).toBe(`A decision about your message: statement of reasons (${receipt.ref})`);
    expect(toAuthor.text).toContain('art. 29 et 32');

    // The decision letter to the notifier is filled from the decision.
    const letter = (await t.api(legal).get(`/api/legal-notices/${notice.id}/letters/dsa_decision?language=fr&format=html`).expect(200)).text;
    expect(letter).toContain('Retrait du contenu');
    expect(letter).toContain('Contenu illicite — Loi du 29 juillet 1881, art. 29 et 32');
    expect(letter).toContain('Nadia Notifiante');

    // Counsel reads it all in the dossier: what the notifier stated, and the decision with its reasons.
    const dossier = (await t.api(legal).get(`/api/incidents/${incident.id}/dossier`).expect(200)).body;
    expect(dossier.decisions).toEqual([expect.objectContaining({ id: decided.id, noticeId: notice.id, kind: 'remove' })]);
    const printed = (await t.api(legal).get(`/api/incidents/${incident.id}/dossier.html`).set('Accept-Language', 'fr').expect(200)).text;
    expect(printed).toContain('Nadia Notifiante · nadia@exemple.fr');
    expect(printed).toMatch(/Décision 1 motivée, 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\), par Lea Legal/);
    expect(printed).toContain('Loi du 29 juillet 1881, art. 29 et 32 (diffamation envers un particulier)');

    // The statement, in the Transparency Database's names, each value from its enumerations.
    const statement = (await t.api().get(`/api/legal-notices/${notice.id}/statement-of-reasons`).expect(200)).body;
    expect(statement).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      source_type: 'SOURCE_ARTICLE_16',
      content_date: '2026-11-20',
      content_language: 'FR',
      automated_detection: 'No',
      puid: comment.id,
    });
    for (const value of statement.decision_visibility) expect(DECISION_VISIBILITIES).toContain(value);
    expect(DECISION_GROUNDS).toContain(statement.decision_ground);
    expect(DSA_CATEGORIES).toContain(statement.category);
    for (const value of statement.content_type) expect(CONTENT_TYPES).toContain(value);
    expect(SOURCE_TYPES).toContain(statement.source_type);
    expect(YES_NO).toContain(statement.automated_detection);
    expect(AUTOMATED_DECISIONS).toContain(statement.automated_decision);
  });

  it('asks for the category of a decision on a notice that came without one, naming the field, and records nothing', async () => {
    const incident = await createIncident(t);
    const notice = (
      await t.api(legal).post(`/api/incidents/${incident.id}/legal-notices`).send({ type: 'takedown_request', receivedVia: 'email', receivedAt: new Date(Date.now() - 60_000).toISOString(), jurisdiction: 'FR', contentPublishedAt: '2026-11-01T10:00:00Z' }).expect(201)
    ).body as { id: string };
    const refused = await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send({ kind: 'no_action', decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatibleContentGround: 'Terms, art. 3', incompatibleContentExplanation: 'Nothing contrary to the terms.', decisionFacts: 'Read it.', automatedDetection: false, automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED' }).expect(400);
    expect(refused.body.problems.map((problem: { field: string }) => problem.field)).toEqual(['category']);
    expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body).toEqual([]);
    expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.status).toBe('received');
  });
});
