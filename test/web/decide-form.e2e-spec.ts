import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { fieldOf, postForm } from './form-helpers.js';
import { signedIn } from './web-helpers.js';

type Person = Awaited<ReturnType<typeof signedIn>>;

/** The desk's "Decide" form on a notice's page, posted as a browser posts it, and the statement of reasons in the reader's language. */
describe('web desk: deciding a notice with its reasons', () => {
  let t: TestApp;
  let legal: Person;
  let manager: Person;

  beforeAll(async () => {
    t = await startApp();
    [legal, manager] = await Promise.all([signedIn(t, 'legal', 'Léa Juriste'), signedIn(t, 'community_manager', 'Marie-Aude')]);
  });
  afterAll(() => t.close());

  async function dsaNotice() {
    const incident = await createIncident(t);
    const author = await createParty(t, { name: 'Un lecteur' });
    const comment = await addComment(t, incident.id, { direction: 'inbound', partyId: author.id, body: 'Small Co vole ses clients.', postedAt: '2026-11-20T10:00:00Z' });
    const notice = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'dsa_notice', receivedVia: 'other', receivedAt: new Date(Date.now() - 3600_000).toISOString(), jurisdiction: 'FR', senderParty: { kind: 'organisation', name: 'Small Co' }, commentId: comment.id })
        .expect(201)
    ).body as { id: string; ref: string };
    return { incident, comment, notice };
  }

  const fields = {
    kind: 'remove',
    decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
    illegalContentLegalGround: 'Loi du 29 juillet 1881, art. 29',
    illegalContentExplanation: 'Imputation d’un délit sans fondement.',
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    decisionFacts: 'La notification de Small Co et le message lu dans son fil.',
    automatedDetection: 'false',
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    language: 'fr',
  };

  it('comes back in place when the explanation is missing, what was typed kept, the problem beside the field in French, and records nothing', async () => {
    const { notice } = await dsaNotice();
    const page = `/legal-notices/${notice.id}`;
    const form = `decide-${notice.id}`;
    expect((await legal.agent.get(page).set('Accept-Language', 'fr').expect(200)).text).toContain(`id="${form}"`);
    const refused = await postForm(legal.agent, page, `/legal-notices/${notice.id}/decisions`, { ...fields, _form: form, illegalContentExplanation: '' }, 'fr');
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.text, `${form}-illegalContentExplanation`)).toMatchObject({ invalid: true, problem: expect.stringContaining('Pourquoi le contenu est illicite à ce titre') });
    expect(fieldOf(refused.text, `${form}-decisionFacts`)).toMatchObject({ value: fields.decisionFacts, invalid: false });
    expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body).toEqual([]);
  });

  it('records the decision, lists it on the notice, shows the statement in the reader’s language and as a letter, and marks the message removed in the thread', async () => {
    const { incident, notice } = await dsaNotice();
    const page = `/legal-notices/${notice.id}`;
    const done = await postForm(legal.agent, page, `/legal-notices/${notice.id}/decisions`, { ...fields, _form: `decide-${notice.id}` }, 'fr');
    expect(done.status).toBe(303);
    expect(done.headers['location']).toBe(`/legal-notices/${notice.id}#notice-decisions-heading`);
    const decisions = (await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body;
    expect(decisions).toEqual([expect.objectContaining({ kind: 'remove', automatedDetection: false, language: 'fr', decidedBy: legal.id })]);

    expect((await legal.agent.get(page).set('Accept-Language', 'fr').expect(200)).text).toContain(`/legal-notices/${notice.id}/statement-of-reasons`);
    const french = (await legal.agent.get(`${page}/statement-of-reasons`).set('Accept-Language', 'fr').expect(200)).text;
    expect(french).toContain('Exposé des motifs');
    expect(french).toContain('Retrait du contenu');
    expect(french).toContain('Loi du 29 juillet 1881, art. 29');
    const letter = (await manager.agent.get(`${page}/statement-of-reasons?format=letter`).set('Accept-Language', 'en').expect(200)).text;
    expect(letter).toContain('<html lang="en">');
    expect(letter).toContain('Statement of reasons');
    expect(letter).toContain('Removal of the content');
    expect(letter).not.toContain('<nav');

    expect((await legal.agent.get(`/incidents/${incident.id}`).set('Accept-Language', 'fr').expect(200)).text).toContain('data-testid="comment-removed">supprimé<');
  });

  it('refuses a community manager (403), and answers 404 for the statement of a notice not decided', async () => {
    const { notice } = await dsaNotice();
    const refused = await postForm(manager.agent, `/legal-notices/${notice.id}`, `/legal-notices/${notice.id}/decisions`, fields, 'en');
    expect(refused.status).toBe(403);
    expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body).toEqual([]);
    await legal.agent.get(`/legal-notices/${notice.id}/statement-of-reasons`).expect(404);
  });
});
