import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty, timelineOf } from '../helpers/fixtures.js';
import { fieldOf, postForm } from './form-helpers.js';
import { signedIn } from './web-helpers.js';

type Person = Awaited<ReturnType<typeof signedIn>>;

describe('web desk: letters', () => {
  let t: TestApp;
  let legal: Person;
  let manager: Person;
  let incident: { id: string; ref: string };
  let notice: { id: string; ref: string };
  let inbound: { id: string };

  beforeAll(async () => {
    t = await startApp({ LETTER_SENDER_NAME: 'Blog Éditions SARL', LETTER_SENDER_ADDRESS: '3 place du Marché|69001 Lyon' });
    [legal, manager] = await Promise.all([signedIn(t, 'legal', 'Léa Juriste'), signedIn(t, 'community_manager', 'Marie-Aude')]);
    const founder = await createParty(t, { name: 'Gaspard Morel', organisation: undefined, postalAddress: '12 rue de la Paix, 75002 Paris' });
    incident = await createIncident(t, { counterpartId: founder.id });
    inbound = await addComment(t, incident.id, { direction: 'inbound', partyId: founder.id, body: 'Je fais valoir mon droit de réponse.' });
    notice = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', commentId: inbound.id, receivedAt: new Date(Date.now() - 86_400_000).toISOString(), senderPartyId: founder.id })
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  const lettersPath = () => `/legal-notices/${notice.id}/letters?letter=reply_refusal&language=fr&grounds=comments_open`;

  it('leads from the notice to its letters, the ones for its type first, filled in the language chosen', async () => {
    const noticePage = (await legal.agent.get(`/legal-notices/${notice.id}`).set('Accept-Language', 'fr').expect(200)).text;
    expect(noticePage).toContain(`href="/legal-notices/${notice.id}/letters" data-testid="notice-letters">Courriers</a>`);
    const first = (await legal.agent.get(`/legal-notices/${notice.id}/letters`).set('Accept-Language', 'en').expect(200)).text;
    expect(fieldOf(first, 'letter-choice-letter').value).toBe('reply_insertion');
    expect(fieldOf(first, 'letter-choice-language').value).toBe('en');
    expect(first).toContain('Publication of your reply');

    const page = (await legal.agent.get(lettersPath()).set('Accept-Language', 'en').expect(200)).text;
    expect(page).toContain('<article class="letter" lang="fr"');
    expect(page).toContain('Gaspard Morel<br>12 rue de la Paix, 75002 Paris');
    expect(page).toContain('Blog Éditions SARL</strong><br>3 place du Marché<br>69001 Lyon');
    expect(page).toContain('la procédure du droit de réponse n’est pas applicable');
    expect(page).toContain(`/legal-notices/${notice.id}/letters/reply_refusal/pdf?letter=reply_refusal&amp;language=fr&amp;grounds=comments_open`);
    expect(page).toContain('data-testid="letter-sent-form"');
  });

  it('refuses a letter marked sent without its date, the date named and what was chosen kept, nothing logged', async () => {
    const before = (await timelineOf(t, incident.id)).length;
    const refused = await postForm(legal.agent, lettersPath(), `/legal-notices/${notice.id}/letters/reply_refusal/sent`, { language: 'fr', grounds: 'comments_open', sentAt: '', via: 'email' }, 'fr');
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.text, 'letter-sent-sentAt')).toMatchObject({ invalid: true, problem: 'Le champ «\u202fDate d’envoi\u202f» est obligatoire.' });
    expect(fieldOf(refused.text, 'letter-sent-via').value).toBe('email');
    expect(refused.text).toContain('la procédure du droit de réponse n’est pas applicable');
    expect((await timelineOf(t, incident.id)).length).toBe(before);
  });

  it('logs a letter marked sent as an outbound message of the thread and goes to it', async () => {
    const done = await postForm(legal.agent, lettersPath(), `/legal-notices/${notice.id}/letters/reply_refusal/sent`, { language: 'fr', grounds: 'comments_open', sentAt: '2026-12-01T10:30', via: 'registered_mail', trackingNumber: '1A42' }, 'fr');
    expect(done.status).toBe(303);
    const [path, anchor] = done.headers['location']!.split('#');
    expect(path).toBe(`/incidents/${incident.id}`);
    const commentId = anchor!.replace('comment-', '');
    const comment = (await t.api().get(`/api/comments/${commentId}`).expect(200)).body;
    expect(comment).toMatchObject({ direction: 'outbound', channel: 'letter', parentId: inbound.id, authorUserId: legal.id, postedAt: '2026-12-01T09:30:00.000Z' });
    expect(comment.body).toContain('Le 1 décembre 2026');
    expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({ type: 'letter.sent', payload: { commentId, trackingNumber: '1A42', via: 'registered_mail' } });
    expect((await legal.agent.get(`/incidents/${incident.id}`).expect(200)).text).toContain(`id="comment-${commentId}"`);
  });

  it('shows a community manager the letter but not the form, and refuses their post', async () => {
    const page = (await manager.agent.get(lettersPath()).expect(200)).text;
    expect(page).toContain('data-testid="letter"');
    expect(page).not.toContain('data-testid="letter-sent-form"');
    const refused = await postForm(manager.agent, lettersPath(), `/legal-notices/${notice.id}/letters/reply_refusal/sent`, { language: 'fr', sentAt: '2026-12-01T10:30', via: 'email' });
    expect(refused.status).toBe(403);
  });

  it('says a template an admin rewrote in the settings’ history, in words', async () => {
    const admin = await signedIn(t, 'admin', 'Ada Admin');
    const template = (await t.api().get('/api/letter-templates').expect(200)).body.items.find((item: { key: string; language: string }) => item.key === 'dsa_decision' && item.language === 'en');
    await t.api(admin.token).put('/api/letter-templates/dsa_decision/en').send({ subject: template.subject, body: `${template.body}\n\nRef. {{incidentRef}}` }).expect(200);
    const page = (await admin.agent.get('/admin/phrases').set('Accept-Language', 'fr').expect(200)).text;
    expect(page).toMatch(/<li data-testid="phrase-change">[^<]* — Ada Admin a réécrit le courrier «\u202fNotification DSA\u202f: décision \(art\. 16, §\u00a05, et 17\)\u202f» en anglais<\/li>/);
  });

  it('serves the letter as a PDF under the session', async () => {
    const pdf = await legal.agent
      .get(`/legal-notices/${notice.id}/letters/reply_refusal/pdf?language=fr&grounds=comments_open`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/pdf')
      .expect('content-disposition', `attachment; filename*=UTF-8''${notice.ref}-reply_refusal-fr.pdf`);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await legal.agent.get(`/legal-notices/${notice.id}/letters/no_such_letter/pdf`).expect(404);
  }, 60_000);
});
