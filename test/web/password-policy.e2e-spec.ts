import { startApp, type TestApp } from '../helpers/app.js';
import { fieldOf } from './form-helpers.js';
import { csrfOf, inviteUrl, PASSWORD } from './web-helpers.js';

/** Choosing a password through an invite: 12 characters at least and not easy to guess, said beside the field in the reader's language. */
describe('web desk: the password policy on the invite form', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  async function choose(password: string, lang: 'en' | 'fr', name?: string) {
    const user = await t.createUser('viewer', name);
    const path = await inviteUrl(t, user.id);
    const agent = t.anonymous();
    const form = await agent.get(path).set('Accept-Language', lang).expect(200);
    const answer = await agent.post(path).set('Accept-Language', lang).type('form').send({ _csrf: csrfOf(form.text), password, confirm: password });
    return { answer, path, agent };
  }

  it.each([
    ['en', 'aaaaaaaaaa', 'The password must be at least 12 characters long.'],
    ['fr', 'aaaaaaaaaa', 'Le mot de passe doit compter au moins 12 caractères.'],
    ['en', 'aaaaaaaaaaaa', 'The password is too easy to guess: repeated characters like “aaa” are easy to guess. Add a few uncommon words.'],
    ['fr', 'aaaaaaaaaaaa', 'Le mot de passe est trop facile à deviner\u202f: les caractères répétés comme «\u202faaa\u202f» sont faciles à deviner. Ajoutez quelques mots peu courants.'],
  ] as const)('refuses in %s %j and says why beside the field', async (lang, password, said) => {
    const { answer, path, agent } = await choose(password, lang);
    expect(answer.status).toBe(400);
    expect(fieldOf(answer.text, 'invite-password')).toMatchObject({ invalid: true, problem: expect.stringContaining(said) });
    // The link is not spent: the person tries again with a good one.
    const form = await agent.get(path).expect(200);
    await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
  });

  it('refuses a password made of the person’s own name', async () => {
    const { answer } = await choose('Bérénice Dufresne-Laval', 'fr', 'Bérénice Dufresne-Laval');
    expect(answer.status).toBe(400);
    expect(fieldOf(answer.text, 'invite-password').problem).toContain('il contient votre nom ou votre adresse e-mail');
  });

  it('accepts a long passphrase', async () => {
    const { answer } = await choose('une plume verte sur le toit du moulin', 'fr');
    expect(answer.status).toBe(303);
  });
});
