import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

const HOSTILE = `<script>alert('x')</script> retirez « tout »`;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-letter-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'letter.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('letters', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let legal: { id: string; token: string };
  let viewer: string;
  let incident: { id: string; ref: string };
  let formal: { id: string; ref: string };
  let reply: { id: string; ref: string };
  let inbound: { id: string };

  const templates = async () => (await t.api(viewer).get('/api/letter-templates').expect(200)).body as { items: Array<{ key: string; language: string; subject: string; body: string; updatedBy: string | null }>; placeholders: string[]; pending: string[] };
  const template = async (key: string, language: string) => (await templates()).items.find((item) => item.key === key && item.language === language)!;
  const letter = (noticeId: string, key: string, query = '', token = viewer) => t.api(token).get(`/api/legal-notices/${noticeId}/letters/${key}${query}`);

  beforeAll(async () => {
    t = await startApp({ LETTER_SENDER_NAME: 'Blog Éditions SARL', LETTER_SENDER_ADDRESS: '3 place du Marché | 69001 Lyon' });
    f = fixtures(t);
    legal = await t.createUser('legal', 'Léa Légale');
    viewer = (await t.createUser('viewer')).token;
    const founder = await f.party('Marc Fondateur', { organisation: 'Acmé SAS', postalAddress: '12 rue de la Paix\n75002 Paris' });
    const post = await f.post({ title: 'Les erreurs de débutant', publishedAt: '2026-10-20T08:00:00Z' });
    incident = await f.incident({ counterpartId: founder.id, postIds: [post.id] });
    inbound = await f.comment(incident.id, { partyId: founder.id, body: 'Je fais valoir mon droit de réponse.', postedAt: '2026-11-02T09:00:00Z' });
    formal = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({
          type: 'formal_notice',
          jurisdiction: 'FR',
          receivedVia: 'registered_mail',
          receivedAt: '2026-11-03T10:00:00Z',
          registeredMail: { trackingNumber: '1A00000000001', sentAt: '2026-11-02T08:00:00Z' },
          senderPartyId: founder.id,
          summary: HOSTILE,
          demands: [{ kind: 'remove_mention', description: 'Retirer toute mention de la société' }],
        })
        .expect(201)
    ).body;
    reply = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', receivedAt: '2026-11-02T09:00:00Z', commentId: inbound.id, senderPartyId: founder.id, requestedReply: 'Acmé n’a jamais acheté de faux abonnés.' })
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  it('lists every letter in French and English, with the placeholders and those filled later', async () => {
    const list = await templates();
    expect(list.items).toHaveLength(12);
    expect(list.items.filter((item) => item.key === 'reply_refusal').map((item) => item.language).sort()).toEqual(['en', 'fr']);
    expect(list.placeholders).toEqual(expect.arrayContaining(['noticeRef', 'recipientName', 'refusalGrounds']));
    expect(list.pending).toEqual(['dsaDecision', 'dsaDecisionGrounds', 'dsaAutomatedMeans']);
  });

  it('lets an admin rewrite a template, and the letter follows it', async () => {
    const before = await template('formal_notice_acknowledgement', 'en');
    const body = `${before.body}\n\nP.S. Our file: {{ incidentRef }}.`;
    const saved = (await t.api().put('/api/letter-templates/formal_notice_acknowledgement/en').send({ subject: before.subject, body }).expect(200)).body;
    expect(saved).toMatchObject({ body, updatedBy: expect.any(String), placeholders: expect.arrayContaining(['incidentRef']) });
    expect((await letter(formal.id, 'formal_notice_acknowledgement', '?language=en').expect(200)).text).toContain(`P.S. Our file: ${incident.ref}.`);
    const settings = (await t.api().get('/api/settings/timeline?type=letter_template.changed&limit=100').expect(200)).body.items;
    expect(settings.at(-1)).toMatchObject({ type: 'letter_template.changed', payload: { key: 'formal_notice_acknowledgement', language: 'en', previousBody: before.body } });
  });

  it('refuses a template edit from anyone but an admin (403), and writes nothing', async () => {
    const before = await template('reply_refusal', 'fr');
    await t.api(legal.token).put('/api/letter-templates/reply_refusal/fr').send({ subject: 'Changed', body: 'Changed' }).expect(403);
    expect(await template('reply_refusal', 'fr')).toEqual(before);
  });

  it('refuses a template naming a placeholder Calumet cannot fill (400 naming the field and the placeholder), and writes nothing', async () => {
    const before = await template('reply_refusal', 'fr');
    const refused = (await t.api().put('/api/letter-templates/reply_refusal/fr').send({ subject: before.subject, body: `${before.body}\n{{ shoeSize }}` }).expect(400)).body;
    expect(refused.message).toEqual([expect.stringMatching(/^body uses the unknown placeholder \{\{shoeSize\}\}/)]);
    expect(refused.problems).toEqual([expect.objectContaining({ field: 'body', code: 'letter.unknownPlaceholder', values: { placeholder: '{{shoeSize}}' } })]);
    await t.api().put('/api/letter-templates/reply_refusal/fr').send({ subject: 'Objet {{noticeRef', body: before.body }).expect(400);
    expect(await template('reply_refusal', 'fr')).toEqual(before);
    await t.api().put('/api/letter-templates/no_such_letter/fr').send({ subject: 'x', body: 'y' }).expect(404);
    await t.api().put('/api/letter-templates/reply_refusal/de').send({ subject: 'x', body: 'y' }).expect(404);
  });

  it('prints a letter as an HTML page: letterhead, date, recipient, reference and body, every value escaped', async () => {
    const response = await letter(formal.id, 'formal_notice_acknowledgement', '?language=fr').expect(200).expect('content-type', /text\/html/);
    const page = response.text;
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Blog Éditions SARL</strong><br>3 place du Marché<br>69001 Lyon');
    expect(page).toContain('Marc Fondateur (Acmé SAS)<br>12 rue de la Paix<br>75002 Paris');
    expect(page).toContain(`Nos références\u202f: ${incident.ref} / ${formal.ref}`);
    expect(page).toContain('Accusé de réception de votre mise en demeure');
    expect(page).toContain('reçu le 3 novembre 2026');
    expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
  });

  it('prints the same letter as a PDF with the recipient’s name and the notice’s ref, accents intact', async () => {
    const response = await letter(formal.id, 'formal_notice_counsel_request', '?language=fr&format=pdf', legal.token)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', 'application/pdf');
    const text = pdfText(response.body as Buffer);
    expect(text).toContain('Marc Fondateur (Acmé SAS)');
    expect(text).toContain(formal.ref);
    expect(text).toContain('lettre recommandée avec demande d’avis de réception');
    expect(text).toContain('Léa Légale');
    expect(text).toContain('Blog Éditions SARL');
  });

  it('says the chosen grounds of a refusal, and refuses a ground it does not know', async () => {
    const page = (await letter(reply.id, 'reply_refusal', '?language=en&grounds=out_of_time,comments_open&groundsNote=See%20our%20comment%20policy.').expect(200)).text;
    expect(page).toContain('more than three months after the content was made available');
    expect(page).toContain('You could answer the content directly in its comments');
    expect(page).not.toContain('longer than the message');
    expect(page).toContain('See our comment policy.');
    expect(page).toContain('“Les erreurs de débutant”');
    const refused = (await letter(reply.id, 'reply_refusal', '?grounds=bored').expect(400)).body;
    expect(refused.problems).toEqual([expect.objectContaining({ field: 'grounds' })]);
    await letter(reply.id, 'no_such_letter').expect(404);
  });

  it('records a sent letter as an outbound message of the thread, answering the notice’s message, with a letter.sent event', async () => {
    const sent = { language: 'fr', sentAt: '2026-11-05T10:00:00Z', via: 'email', grounds: ['comments_open'] };
    await t.api(viewer).post(`/api/legal-notices/${reply.id}/letters/reply_refusal/sent`).send(sent).expect(403);
    const bad = (await t.api(legal.token).post(`/api/legal-notices/${reply.id}/letters/reply_refusal/sent`).send({ ...sent, via: 'pigeon' }).expect(400)).body;
    expect(bad.problems).toEqual([expect.objectContaining({ field: 'via' })]);
    const before = await f.timeline(incident.id);

    const comment = (await t.api(legal.token).post(`/api/legal-notices/${reply.id}/letters/reply_refusal/sent`).send(sent).expect(201)).body;
    expect(comment).toMatchObject({ direction: 'outbound', channel: 'email', parentId: inbound.id, authorUserId: legal.id, postedAt: '2026-11-05T10:00:00.000Z' });
    expect(comment.body).toContain('Marc Fondateur (Acmé SAS)\n12 rue de la Paix\n75002 Paris');
    expect(comment.body).toContain('Le 5 novembre 2026');
    expect(comment.body).toContain(reply.ref);
    expect(comment.body).toContain('la procédure du droit de réponse n’est pas applicable');
    const thread = (await t.api(viewer).get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200)).body.items;
    expect(thread.find((item: { id: string }) => item.id === comment.id)).toMatchObject({ direction: 'outbound', body: comment.body });
    expect(thread.find((item: { id: string }) => item.id === inbound.id)).toMatchObject({ respondedById: comment.id });

    const added = (await f.timeline(incident.id)).slice(before.length);
    // The reply owed to the founder's message is answered by the letter: its reminder goes.
    expect(added.map((event) => event.type)).toEqual(['comment.added', 'reminder.cancelled', 'letter.sent']);
    expect(added[2]).toMatchObject({ actor: legal.id, payload: { noticeId: reply.id, ref: reply.ref, letter: 'reply_refusal', language: 'fr', via: 'email', channel: 'email', commentId: comment.id, trackingNumber: null } });
  });

  it('logs a registered letter as a letter, with its tracking number', async () => {
    const comment = (
      await t
        .api(legal.token)
        .post(`/api/legal-notices/${formal.id}/letters/formal_notice_counsel_request/sent`)
        .send({ language: 'en', sentAt: '2026-11-06T09:00:00Z', via: 'registered_mail', trackingNumber: '1A99' })
        .expect(201)
    ).body;
    expect(comment).toMatchObject({ channel: 'letter', parentId: null });
    expect(comment.body).toContain('by registered mail with acknowledgement of receipt');
    const last = (await f.timeline(incident.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'letter.sent', payload: { via: 'registered_mail', channel: 'letter', trackingNumber: '1A99', commentId: comment.id } });
  });
});

describe('letters from a record without addresses', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('marks the letterhead’s and the recipient’s addresses to be completed, on the sheet and in the text logged when sent', async () => {
    // No LETTER_SENDER_ADDRESS, and a sender recorded with a name and an e-mail address only.
    t = await startApp({ LETTER_SENDER_NAME: 'Blog Éditions SARL' });
    const f = fixtures(t);
    const legal = await t.createUser('legal', 'Léa Légale');
    const sender = await f.party('Gaspard Morel', { email: 'gaspard@morel.example' });
    const incident = await f.incident({ counterpartId: sender.id });
    const notice = (
      await t
        .api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'formal_notice', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: '2026-12-05T09:15:00Z', senderPartyId: sender.id, summary: 'Retirez le passage.' })
        .expect(201)
    ).body as { id: string };

    const page = (await t.api(legal.token).get(`/api/legal-notices/${notice.id}/letters/formal_notice_acknowledgement?language=fr`).expect(200)).text;
    expect(page).toContain('<strong>Blog Éditions SARL</strong><br>[à compléter]</p>');
    expect(page).toContain('data-testid="letter-recipient">Gaspard Morel<br>[à compléter]</p>');

    const logged = (
      await t.api(legal.token).post(`/api/legal-notices/${notice.id}/letters/formal_notice_acknowledgement/sent`).send({ language: 'en', sentAt: '2026-12-06T09:00:00Z', via: 'registered_mail' }).expect(201)
    ).body as { body: string };
    expect(logged.body).toMatch(/^Blog Éditions SARL\n\[to be completed\]\n\nGaspard Morel\n\[to be completed\]\n\n/);
  });
});
