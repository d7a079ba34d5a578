import { startApp, type TestApp } from '../helpers/app.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { fieldOf, postForm } from './form-helpers.js';
import { csrfOf, inviteUrl, PASSWORD, submit } from './web-helpers.js';

const NNBSP = '\u202f';
/** A header as read: RFC 2047 encoded words (=?UTF-8?Q?…?= or ?B?) decoded. */
const decoded = (header: string): string =>
  header.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, how: string, text: string) =>
    how.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
const linkIn = (text: string): string => {
  const match = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text);
  if (!match) throw new Error(`no invite link in: ${text}`);
  return match[0];
};

/** The admin signed in on the desk (through an invite of their own): a cookie-keeping agent. */
async function adminAgent(t: TestApp) {
  const admin = (await t.api().get('/api/me').expect(200)).body as { id: string };
  const agent = t.anonymous();
  const path = await inviteUrl(t, admin.id);
  const form = await agent.get(path).expect(200);
  await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
  return agent;
}

describe('web desk: invites by mail', () => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: 'calumet@example.com' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.to.includes(email));

  it('mails the invite in French when the admin chose French for the person, with a link that lets her set a password and sign in', async () => {
    const agent = await adminAgent(t);
    // The language offered first is the desk's own.
    expect(fieldOf((await agent.get('/admin').set('Accept-Language', 'fr').expect(200)).text, 'add-user-locale')).toMatchObject({ label: 'Langue de l’invitation', value: 'fr' });
    const english = (await agent.get('/admin').set('Accept-Language', 'en').expect(200)).text;
    expect(fieldOf(english, 'add-user-locale')).toMatchObject({ label: 'Language of the invite', value: 'en' });
    expect(english).toContain('Invites are emailed to the person, in the language you choose; the link also shows here.');

    const email = 'jeanne.martin@example.com';
    const added = await postForm(agent, '/admin', '/admin/users', { name: 'Jeanne Martin', email, role: 'community_manager', locale: 'fr' }, 'en');
    expect(added.status).toBe(303);
    const admin = (await agent.get('/admin').set('Accept-Language', 'en').expect(200)).text;
    expect(admin).toContain(`The invite was emailed to ${email} in Français.`);
    const shown = /data-testid="invite-link">[\s\S]*?<a href="([^"]+)"/.exec(admin)![1]!;

    expect(mailsTo(email)).toHaveLength(1);
    const mail = mailsTo(email)[0]!;
    expect(mail.headers['from']).toContain('calumet@example.com');
    expect(decoded(mail.subject)).toBe('Votre invitation à Calumet');
    expect(mail.text).toContain('Bonjour Jeanne Martin,');
    expect(mail.text).toContain('vous invite sur Calumet, le bureau des incidents, avec le rôle « Animation de communauté ».');
    expect(mail.text).toContain(`jusqu’au `);
    expect(mail.text).toMatch(new RegExp(`\\)${NNBSP}:\\r?\\n`));
    expect(mail.text).toContain(`Connectez-vous ensuite avec votre adresse e-mail, ${email}.`);
    expect(mail.text).not.toMatch(/invited|password/i);
    const link = linkIn(mail.text);
    expect(link).toBe(shown);
    const user = ((await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ email: string; locale: string | null; tokenIssuedAt: string | null }>).find((u) => u.email === email)!;
    expect(user).toMatchObject({ locale: 'fr', tokenIssuedAt: null });

    // She follows the link from her mail, in a browser set to English: the page speaks the language chosen for her.
    const jeanne = t.anonymous();
    const path = new URL(link).pathname;
    const invite = await jeanne.get(path).set('Accept-Language', 'en').expect(200);
    expect(invite.text).toContain('<html lang="fr">');
    expect(invite.text).toContain('Choisissez un mot de passe');
    await jeanne.post(path).type('form').send({ _csrf: csrfOf(invite.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    expect((await jeanne.get('/').set('Accept-Language', 'en').expect(200)).text).toContain('<html lang="fr">');
    await submit(jeanne, '/', '/logout', {}).then((response) => expect(response.status).toBe(303));
    // Spent once used; her password signs her in.
    await jeanne.get(path).expect(410);
    const signIn = await submit(jeanne, '/login', '/login', { email, password: PASSWORD });
    expect(signIn.status).toBe(303);
    expect((await jeanne.get('/').expect(200)).text).toContain('Jeanne Martin');
  });

  it('mails an invite made through the API, in the person’s language, and still answers the link', async () => {
    const created = await t.api().post('/api/users').send({ name: 'Sam Reader', email: 'sam.reader@example.com', role: 'viewer', locale: 'en' }).expect(201);
    expect(created.body.user).toMatchObject({ locale: 'en', tokenIssuedAt: expect.any(String) });
    const invite = await t.api().post(`/api/users/${created.body.user.id}/invite`).expect(201);
    expect(invite.body).toMatchObject({ emailed: true, url: expect.stringContaining('/invite/') });
    const mails = mailsTo('sam.reader@example.com');
    expect(mails).toHaveLength(1);
    expect(decoded(mails[0]!.subject)).toBe('Your invitation to Calumet');
    expect(mails[0]!.text).toContain('Hello Sam Reader,');
    expect(mails[0]!.text).toContain('as Viewer.');
    expect(linkIn(mails[0]!.text)).toBe(invite.body.url);
  });

  it('refuses a language Calumet does not speak, naming the field', async () => {
    const refused = await t.api().post('/api/users').send({ name: 'Hans', email: 'hans@example.com', role: 'viewer', locale: 'de' }).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'locale', code: 'validation.isIn' })]);
    expect((await t.api().get('/api/users?limit=100').expect(200)).body.items.map((u: { email: string }) => u.email)).not.toContain('hans@example.com');
  });
});

describe('web desk: invites without mail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  it('says invites are not emailed, and shows the link only', async () => {
    const agent = await adminAgent(t);
    const before = (await agent.get('/admin').set('Accept-Language', 'fr').expect(200)).text;
    expect(before).toContain(`Aucun serveur d’e-mail n’est configuré (SMTP_URL)${NNBSP}: les invitations ne sont pas envoyées par e-mail`);
    expect((await postForm(agent, '/admin', '/admin/users', { name: 'Paul', email: 'paul@example.com', role: 'viewer', locale: 'fr' }, 'fr')).status).toBe(303);
    const after = (await agent.get('/admin').set('Accept-Language', 'fr').expect(200)).text;
    expect(after).toMatch(/data-testid="invite-link">[\s\S]*?<a href="[^"]+\/invite\/[A-Za-z0-9_-]+"/);
    expect(after).not.toContain('data-testid="invite-emailed"');
    const user = ((await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; email: string }>).find((u) => u.email === 'paul@example.com')!;
    expect((await t.api().post(`/api/users/${user.id}/invite`).expect(201)).body).toMatchObject({ emailed: false });
  });
});

describe('web desk: invites when the mail server is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    const smtp = await startSmtp();
    await smtp.close();
    t = await startApp({ SMTP_URL: smtp.url });
  });
  afterAll(() => t?.close());

  it('says the mail did not go and shows the link to send by hand', async () => {
    const agent = await adminAgent(t);
    expect((await postForm(agent, '/admin', '/admin/users', { name: 'Zoé', email: 'zoe@example.com', role: 'viewer' }, 'en')).status).toBe(303);
    const page = (await agent.get('/admin').set('Accept-Language', 'en').expect(200)).text;
    expect(page).toContain('data-testid="invite-not-emailed"');
    expect(page).toContain('send the link yourself');
    expect(page).toMatch(/data-testid="invite-link">[\s\S]*?<a href="[^"]+\/invite\/[A-Za-z0-9_-]+"/);
  });
});
