import { createHash } from 'node:crypto';
import request from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost } from './helpers/fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { csrfOf, signedIn } from './web/web-helpers.js';
import { formTokenKey, FORM_MAX_AGE_MS, signFormToken } from '../src/web/public-notice-gate.js';

const SESSION_SECRET = 'public-notice-test-secret-of-more-than-32-characters';
const PER_HOUR = 4;

describe('public notices (DSA art. 16)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let legal: { id: string; token: string };
  let formToken: string;
  let addresses = 0;
  /** Each test from its own client address (TRUST_PROXY 1), so the hourly allowance of one does not spend another's. */
  const from = () => `198.51.100.${++addresses}`;
  const send = (body: Record<string, unknown>, address = from()) => request(t.app.getHttpServer()).post('/api/public/notices').set('X-Forwarded-For', address).send(body);
  const notice = (fields: Record<string, unknown> = {}) => ({
    urls: ['https://blog.example.com/2026/11/rumours#comment-4'],
    explanation: 'This comment accuses a named neighbour of theft, which is defamation under French law.',
    goodFaith: true,
    name: 'Noa Notifier',
    email: 'noa@example.org',
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    locale: 'fr',
    formToken,
    ...fields,
  });
  const counts = async () => {
    const one = async (table: string) => Number(((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>)[0]!.n);
    return { incidents: await one('incidents'), notices: await one('legal_notices'), parties: await one('parties'), posts: await one('posts') };
  };
  const noticeOf = async (ref: string) => ((await t.api().get('/api/legal-notices?limit=100').expect(200)).body.items as Array<Record<string, unknown>>).find((item) => item.ref === ref)!;
  /** A refusal: 400 naming these fields, and nothing written. */
  const refused = async (body: Record<string, unknown>, fields: string[]) => {
    const before = await counts();
    const response = await send(body).expect(400);
    expect((response.body.problems as Array<{ field: string }>).map((problem) => problem.field.split('.')[0])).toEqual(fields);
    expect(await counts()).toEqual(before);
    return response.body as { message: string[] };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ CALUMET_ROLES: 'api,worker', SMTP_URL: smtp.url, SESSION_SECRET, TRUST_PROXY: '1', PUBLIC_NOTICES_PER_HOUR: String(PER_HOUR), PUBLIC_NOTICE_MIN_AGE_SECONDS: '2', PUBLIC_URL: 'https://desk.example.com' });
    legal = await t.createUser('legal', 'Lea Legal');
    // One token for the whole file, old enough once: a token may carry several notices while it is good.
    const form = (await request(t.app.getHttpServer()).get('/api/public/notices/form').expect(200)).body as { formToken: string; notBefore: string; expiresAt: string };
    formToken = form.formToken;
    expect(new Date(form.expiresAt).getTime() - new Date(form.notBefore).getTime()).toBe(FORM_MAX_AGE_MS - 2000);
    // A notice sent at once is refused as too fresh, naming formToken, and writes nothing.
    const early = await refused(notice(), ['formToken']);
    expect(early.message.join(' ')).toMatch(/too fresh/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(form.notBefore).getTime() - Date.now() + 50)));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('records a dsa_notice received by web_form on a new incident, with the notifier as sender, and mails the acknowledgement in the form’s language', async () => {
    // A legal officer who reads the desk in French.
    const elodie = await signedIn(t, 'legal', 'Élodie');
    const before = await counts();
    const receipt = (await send(notice()).expect(201)).body as { ref: string; acknowledgement: string };
    expect(receipt).toEqual({ ref: expect.stringMatching(/^LN-\d{4}-\d{4}$/), receivedAt: expect.any(String), acknowledgement: 'sent' });
    expect(await counts()).toEqual({ incidents: before.incidents + 1, notices: before.notices + 1, parties: before.parties + 1, posts: before.posts + 1 });

    const recorded = await noticeOf(receipt.ref);
    expect(recorded).toMatchObject({
      type: 'dsa_notice',
      direction: 'received',
      receivedVia: 'web_form',
      status: 'received',
      summary: notice().explanation,
      dsaNotice: { urls: ['https://blog.example.com/2026/11/rumours'], category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', notifierName: 'Noa Notifier', notifierEmail: 'noa@example.org', goodFaith: true, locale: 'fr', channel: 'api' },
    });
    const incident = (await t.api().get(`/api/incidents/${recorded.incidentId as string}`).expect(200)).body;
    expect(incident.title).toBe('Notice of illegal content: blog.example.com/2026/11/rumours');
    const post = (await t.api().get(`/api/posts/${incident.postIds[0] as string}`).expect(200)).body;
    expect(post.url).toBe('https://blog.example.com/2026/11/rumours');
    const sender = (await t.api().get(`/api/parties?q=Noa`).expect(200)).body.items[0];
    expect(sender).toMatchObject({ id: recorded.senderPartyId, name: 'Noa Notifier', email: 'noa@example.org' });
    const timeline = (await t.api().get(`/api/incidents/${incident.id as string}/timeline`).expect(200)).body.items.map((event: { type: string }) => event.type);
    expect(timeline).toEqual(expect.arrayContaining(['incident.created', 'notice.recorded']));

    // The acknowledgement, received by a real SMTP server, in French, with the reference.
    const mail = await waitFor('the acknowledgement', () => smtp.mails.find((item) => item.to.includes('noa@example.org')));
    expect(mail.subject).toBe(`[${receipt.ref}] Nous avons reçu votre notification`);
    expect(mail.text).toContain(`Sa référence est ${receipt.ref}`);
    expect(mail.text).toContain('https://blog.example.com/2026/11/rumours');
    // The legal staff are told in-app.
    const told = await waitFor('the legal user’s notification', async () =>
      ((await t.api(legal.token).get('/api/me/notifications').expect(200)).body.items as Array<{ body: string }>).find((item) => item.body.includes(receipt.ref)),
    );
    expect(told.body).toContain('public form');
    // On the desk, her notification says its note in her language, not as stored (English).
    const french = await waitFor('Élodie’s notification', async () => {
      const text = (await elodie.agent.get('/notifications').set('Accept-Language', 'fr').expect(200)).text;
      return text.includes(receipt.ref) ? text : null;
    });
    expect(french).toContain(`Une notification de contenu prétendument illicite (${receipt.ref}) est arrivée par le formulaire public`);
    expect(french).not.toContain('came through the public form');

    // On the legal desk with its type, on its incident's page, and on its own page with what the notifier stated.
    const { agent } = await signedIn(t, 'legal');
    const legalDesk = (await agent.get('/legal').expect(200)).text;
    expect(legalDesk).toContain(receipt.ref);
    expect(legalDesk).toContain('Notice of illegal content (DSA)');
    expect(legalDesk).toMatch(new RegExp(`class="ref">${incident.ref as string}</a><small class="incident-title">Notice of illegal content: `));
    expect((await agent.get(`/incidents/${incident.id as string}`).expect(200)).text).toContain(receipt.ref);
    const page = (await agent.get(`/legal-notices/${recorded.id as string}`).expect(200)).text;
    for (const said of ['What the notifier stated', 'Illegal or harmful speech', 'Noa Notifier · noa@example.org', 'Public notice form']) expect(page).toContain(said);
  });

  it('lands on the open incident that has a post at that address (matched as posts are: host case, fragment, trailing slash), and reuses the party with that email', async () => {
    const post = await createPost(t, { url: 'https://blog.example.com/2026/11/the-quarrel/' });
    const incident = await createIncident(t, { postIds: [post.id] });
    const known = await createParty(t, { name: 'Already Known', email: 'known@example.org' });
    const before = await counts();
    const receipt = (await send(notice({ urls: ['HTTPS://Blog.Example.com/2026/11/the-quarrel#comment-9'], email: 'Known@Example.org', name: undefined, category: undefined })).expect(201)).body as { ref: string };
    expect(await counts()).toEqual({ ...before, notices: before.notices + 1 });
    const recorded = await noticeOf(receipt.ref);
    expect(recorded).toMatchObject({ incidentId: incident.id, senderPartyId: known.id, dsaNotice: expect.objectContaining({ category: null, notifierName: null }) });
    // A received notice raises the incident, as every received notice does.
    expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.state).toBe('legal_threat');
    // Listed with the incident's notices, with its type.
    const listed = (await t.api(legal.token).get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items as Array<{ ref: string; type: string }>;
    expect(listed).toEqual([expect.objectContaining({ ref: receipt.ref, type: 'dsa_notice' })]);
  });

  it('takes a notice without name nor email (art. 16(2)(c)): no party, no acknowledgement', async () => {
    const before = await counts();
    const receipt = (await send(notice({ name: undefined, email: undefined })).expect(201)).body as { ref: string; acknowledgement: string };
    expect(receipt.acknowledgement).toBe('none');
    expect((await counts()).parties).toBe(before.parties);
    expect((await noticeOf(receipt.ref)).senderPartyId).toBeNull();
  });

  it('refuses, naming the field and writing nothing, a notice without an address, with a bad address, without explanation or without the good-faith statement', async () => {
    await refused(notice({ urls: undefined }), ['urls']);
    await refused(notice({ urls: [] }), ['urls']);
    await refused(notice({ urls: ['javascript:alert(1)'] }), ['urls']);
    await refused(notice({ explanation: '   ' }), ['explanation']);
    await refused(notice({ explanation: undefined }), ['explanation']);
    await refused(notice({ goodFaith: false }), ['goodFaith']);
    await refused(notice({ goodFaith: undefined }), ['goodFaith']);
    await refused(notice({ category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC' }), ['category']);
    await refused(notice({ email: 'not an address' }), ['email']);
    await refused(notice({ explanation: undefined, goodFaith: false }), ['explanation', 'goodFaith']);
  });

  it('refuses a filled trap field and a missing, forged or expired form token, writing nothing', async () => {
    await refused(notice({ website: 'https://spam.example.com' }), ['website']);
    await refused(notice({ formToken: undefined }), ['formToken']);
    const key = formTokenKey(createHash('sha256').update(SESSION_SECRET).digest());
    const forged = signFormToken(Buffer.alloc(32, 7), Date.now() - 60_000);
    await refused(notice({ formToken: forged }), ['formToken']);
    const tampered = `${formToken.split('.').slice(0, 1).join('.')}.${Date.now() - 60_000}.${formToken.split('.').slice(2).join('.')}`;
    await refused(notice({ formToken: tampered }), ['formToken']);
    const expired = await refused(notice({ formToken: signFormToken(key, Date.now() - FORM_MAX_AGE_MS - 1000) }), ['formToken']);
    expect(expired.message.join(' ')).toMatch(/expired/);
    // The test's own signature is accepted: the refusals above are the token's, not the key's.
    await send(notice({ formToken: signFormToken(key, Date.now() - 60_000) })).expect(201);
  });

  it('takes at /report an address typed without its scheme as the https one, and lands on the incident that has that post', async () => {
    const post = await createPost(t, { url: 'https://blog.example.com/2026/12/typed-by-hand/' });
    const incident = await createIncident(t, { postIds: [post.id] });
    const agent = t.anonymous();
    const page = (await agent.get('/report').set('Accept-Language', 'en-GB').expect(200)).text;
    const answer = await agent
      .post('/report')
      .set('Accept-Language', 'en-GB')
      .set('X-Forwarded-For', from())
      .type('form')
      .send({ _csrf: csrfOf(page), formToken, urls: 'blog.example.com/2026/12/typed-by-hand#comment-4\nhttps://blog.example.com/2026/12/other', explanation: 'My address, in a comment.', goodFaith: 'true', website: '' })
      .expect(303);
    const ref = /LN-\d{4}-\d+/.exec(decodeURIComponent(answer.headers.location as string))![0];
    const recorded = await noticeOf(ref);
    expect(recorded).toMatchObject({ incidentId: incident.id, dsaNotice: expect.objectContaining({ urls: ['https://blog.example.com/2026/12/typed-by-hand', 'https://blog.example.com/2026/12/other'] }) });
  });

  it('speaks the browser’s language on /report, or the one ?lang= sets for the visit, and refuses in it with what was typed kept', async () => {
    const agent = t.anonymous();
    expect((await agent.get('/report').set('Accept-Language', 'en-GB').expect(200)).text).toContain('<html lang="en">');
    const page = (await agent.get('/report?lang=fr').set('Accept-Language', 'en-GB').expect(200)).text;
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Signaler un contenu illicite');
    const before = await counts();
    const token = /name="formToken" value="([^"]+)"/.exec(page)![1]!;
    const answer = await agent
      .post('/report')
      .set('Accept-Language', 'en-GB')
      .set('X-Forwarded-For', from())
      .type('form')
      .send({ _csrf: csrfOf(page), formToken: token, urls: 'https://blog.example.com/une-page', explanation: 'Diffamatoire.', goodFaith: 'true', website: '' })
      .expect(400);
    expect(answer.text).toContain('<html lang="fr">');
    expect(answer.text).toContain('Le formulaire a été envoyé trop tôt après son chargement');
    expect(answer.text).toContain('>https://blog.example.com/une-page</textarea>');
    expect(answer.text).toContain(`name="formToken" value="${token}"`);
    expect(await counts()).toEqual(before);
  });

  it('answers 429 past PUBLIC_NOTICES_PER_HOUR attempts from one address, refused ones counted, and writes nothing', async () => {
    const address = from();
    await send(notice({ explanation: undefined }), address).expect(400);
    for (let i = 1; i < PER_HOUR; i++) await send(notice(), address).expect(201);
    const before = await counts();
    const limited = await send(notice(), address).expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.problems[0].code).toBe('publicNotice.rateLimited');
    expect(await counts()).toEqual(before);
    // Another address is not held back.
    await send(notice()).expect(201);
  });
});
