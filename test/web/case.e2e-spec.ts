import { startApp, type TestApp } from '../helpers/app.js';
import { createIncident, createParty, createPost } from '../helpers/fixtures.js';
import { deskLocal, fieldOf, postForm } from './form-helpers.js';
import { signedIn } from './web-helpers.js';

describe('web desk: opening a case, parties and posts', () => {
  let t: TestApp;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startApp();
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
  });
  afterAll(() => t.close());

  const post = postForm;
  const api = () => t.api();
  const partyCount = async () => (await api().get('/api/parties?limit=100').expect(200)).body.items.length as number;

  it('offers "New incident" on the list and on Today to those who may open one, not to a viewer', async () => {
    for (const path of ['/', '/incidents']) expect((await manager.agent.get(path).expect(200)).text).toContain('data-testid="new-incident"');
    const viewer = await signedIn(t, 'viewer');
    expect((await viewer.agent.get('/incidents').expect(200)).text).not.toContain('data-testid="new-incident"');
    await viewer.agent.get('/incidents/new').expect(403);
  });

  it('opens a case with a new counterpart, its post by address, tags, a backup and when it began', async () => {
    const backup = await t.createUser('community_manager', 'Jean-Baptiste');
    const began = new Date(Date.now() - 26 * 3600_000);
    const opened = await post(manager.agent, '/incidents/new', '/incidents/new', {
      _form: 'new-incident',
      title: 'Article sur les erreurs de débutant',
      summary: 'Le fondateur invoque son droit de réponse.',
      severity: 'high',
      openedAt: deskLocal(began),
      tags: 'marque, droit de réponse, marque',
      ownerId: manager.id,
      backupOwnerId: backup.id,
      counterpartId: '',
      'party.kind': 'person',
      'party.name': 'Le fondateur',
      'party.organisation': 'Petite Société',
      'party.email': 'fondateur@petite.example',
      'party.url': '',
      postIds: '',
      'post.platform': 'blog',
      'post.ownership': 'own',
      'post.url': 'https://blog.example/2026/erreurs-de-debutant',
      'post.title': 'Les erreurs de débutant',
    });
    expect(opened.status).toBe(303);
    const id = /^\/incidents\/([0-9a-f-]{36})$/.exec(opened.headers['location'] as string)![1]!;
    const incident = (await api().get(`/api/incidents/${id}`).expect(200)).body;
    expect(incident).toMatchObject({ title: 'Article sur les erreurs de débutant', severity: 'high', ownerId: manager.id, backupOwnerId: backup.id, tags: ['marque', 'droit de réponse'] });
    expect(Math.abs(Date.parse(incident.openedAt) - began.getTime())).toBeLessThan(60_000);
    expect((await api().get(`/api/parties/${incident.counterpartId}`).expect(200)).body).toMatchObject({ name: 'Le fondateur', email: 'fondateur@petite.example' });
    expect((await api().get(`/api/posts/${incident.postIds[0]}`).expect(200)).body).toMatchObject({ url: 'https://blog.example/2026/erreurs-de-debutant', title: 'Les erreurs de débutant' });
    const page = await manager.agent.get(`/incidents/${id}`).expect(200);
    expect(page.text).toContain(`href="/parties/${incident.counterpartId}">Le fondateur</a>`);
  });

  it('takes the addresses of a new counterpart and post typed without their scheme as the https ones, the fields typed as text with the keyboard of addresses', async () => {
    const form = await manager.agent.get('/incidents/new').expect(200);
    for (const id of ['new-incident-party-url', 'new-incident-post-url']) expect(form.text).toMatch(new RegExp(`<input id="${id}" name="[a-z.]+" type="text" inputmode="url"`));
    const opened = await post(manager.agent, '/incidents/new', '/incidents/new', {
      _form: 'new-incident',
      title: 'Un ancien client nous insulte',
      severity: 'high',
      'party.kind': 'person',
      'party.name': 'Marc Dupont',
      'party.url': 'marc-dupont.example',
      'post.platform': 'blog',
      'post.ownership': 'third_party',
      'post.url': 'www.marc-dupont.example/2026/12/pourquoi-je-pars',
    });
    expect(opened.status).toBe(303);
    const id = /^\/incidents\/([0-9a-f-]{36})$/.exec(opened.headers['location'] as string)![1]!;
    const incident = (await api().get(`/api/incidents/${id}`).expect(200)).body;
    expect((await api().get(`/api/parties/${incident.counterpartId}`).expect(200)).body).toMatchObject({ name: 'Marc Dupont', url: 'https://marc-dupont.example' });
    expect((await api().get(`/api/posts/${incident.postIds[0]}`).expect(200)).body).toMatchObject({ url: 'https://www.marc-dupont.example/2026/12/pourquoi-je-pars', ownership: 'third_party' });
  });

  it('picks a known party and post', async () => {
    const party = await createParty(t, { name: 'Un habitué' });
    const known = await createPost(t, { title: 'Un billet connu' });
    const form = await manager.agent.get('/incidents/new').expect(200);
    expect(form.text).toContain(`<option value="${party.id}">Un habitué (Small Co)</option>`);
    const opened = await post(manager.agent, '/incidents/new', '/incidents/new', { title: 'Encore lui', severity: 'low', counterpartId: party.id, postIds: known.id, 'party.kind': 'person', 'post.platform': 'blog', 'post.ownership': 'own' });
    expect(opened.status).toBe(303);
    const incident = (await api().get(opened.headers['location']!.replace('/incidents/', '/api/incidents/')).expect(200)).body;
    expect(incident).toMatchObject({ counterpartId: party.id, postIds: [known.id] });
  });

  describe.each([
    ['en', 'Title', 'Email'],
    ['fr', 'Titre', 'E-mail'],
  ] as const)('in %s', (lang, titleLabel, emailLabel) => {
    it('refuses a case without a title and with a counterpart’s email that is none: every part kept, each problem beside its field, nothing written', async () => {
      const parties = await partyCount();
      const refused = await post(
        manager.agent,
        '/incidents/new',
        '/incidents/new',
        { _form: 'new-incident', title: ' ', severity: 'critical', tags: 'a, b', 'party.kind': 'organisation', 'party.name': 'Nouvelle SARL', 'party.email': 'pas-un-email', 'post.platform': 'forum', 'post.ownership': 'third_party', 'post.url': 'https://forum.example/t/1' },
        lang,
      );
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'new-incident-title')).toMatchObject({ label: titleLabel, invalid: true, problem: expect.stringMatching(new RegExp(lang === 'fr' ? `^Le champ «\u202f${titleLabel}\u202f» ` : `^${titleLabel} `)) });
      expect(fieldOf(refused.text, 'new-incident-severity').value).toBe('critical');
      expect(fieldOf(refused.text, 'new-incident-tags').value).toBe('a, b');
      expect(fieldOf(refused.text, 'new-incident-party-name')).toMatchObject({ value: 'Nouvelle SARL', invalid: false });
      expect(fieldOf(refused.text, 'new-incident-party-kind').value).toBe('organisation');
      expect(fieldOf(refused.text, 'new-incident-party-email')).toMatchObject({ label: emailLabel, value: 'pas-un-email', invalid: true, problem: expect.stringMatching(new RegExp(lang === 'fr' ? `^Le champ «\u202f${emailLabel}\u202f» ` : `^${emailLabel} `)) });
      expect(fieldOf(refused.text, 'new-incident-post-url').value).toBe('https://forum.example/t/1');
      expect(fieldOf(refused.text, 'new-incident-post-platform').value).toBe('forum');
      expect(refused.text).toMatch(/<details class="action" open><summary>[^<]*<\/summary>\s*<div class="action-body"><div class="fields" data-instead-of="new-incident-counterpartId">\s*<p><label for="new-incident-party-kind">/);
      expect(await partyCount()).toBe(parties);
    });

    it('refuses a known counterpart and a new one together, said beside the pick', async () => {
      const party = await createParty(t, { name: 'Déjà là' });
      const refused = await post(manager.agent, '/incidents/new', '/incidents/new', { title: 'Deux', severity: 'low', counterpartId: party.id, 'party.kind': 'person', 'party.name': 'Quelqu’un d’autre' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'new-incident-counterpartId')).toMatchObject({
        value: party.id,
        invalid: true,
        problem: lang === 'fr' ? 'Choisissez une partie connue ou enregistrez-en une nouvelle, pas les deux.' : 'Pick a known party or record a new one, not both.',
      });
    });

    it('corrects a party, an emptied field cleared; a bad email comes back in place', async () => {
      const party = await createParty(t, { name: 'Le fondateur', organisation: 'Small Co', email: 'f@small.example' });
      const incident = await createIncident(t, { counterpartId: party.id, title: 'Son incident' });
      const page = await manager.agent.get(`/parties/${party.id}`).set('Accept-Language', lang).expect(200);
      expect(page.text).toContain(`${incident.ref} · Son incident`);
      const refused = await post(manager.agent, `/parties/${party.id}`, `/parties/${party.id}`, { _form: 'party', kind: 'person', name: 'Le fondateur', organisation: '', email: 'nope' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'party-email')).toMatchObject({ value: 'nope', invalid: true, label: emailLabel });
      expect(fieldOf(refused.text, 'party-organisation').value).toBe('');
      const done = await post(manager.agent, `/parties/${party.id}`, `/parties/${party.id}`, { _form: 'party', kind: 'person', name: 'Le fondateur', organisation: '', email: 'fondateur@small.example', url: '', postalAddress: '', notes: 'Préfère le téléphone' }, lang);
      expect(done.status).toBe(303);
      expect((await api().get(`/api/parties/${party.id}`).expect(200)).body).toMatchObject({ organisation: null, email: 'fondateur@small.example', notes: 'Préfère le téléphone' });
    });

    it('corrects a post: its title, and noindex wanted; an address that is none comes back in place', async () => {
      const known = await createPost(t, { title: 'Ancien titre' });
      const refused = await post(manager.agent, `/posts/${known.id}`, `/posts/${known.id}`, { _form: 'post', platform: 'blog', ownership: 'own', url: 'pas une adresse', title: 'Nouveau titre', 'indexing.desired': 'noindex' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'post-url')).toMatchObject({ value: 'pas une adresse', invalid: true });
      expect(fieldOf(refused.text, 'post-title').value).toBe('Nouveau titre');
      expect(fieldOf(refused.text, 'post-indexing-desired').value).toBe('noindex');
      const done = await post(manager.agent, `/posts/${known.id}`, `/posts/${known.id}`, { _form: 'post', platform: 'blog', ownership: 'own', url: known.url, title: 'Nouveau titre', authorName: '', publishedAt: '', 'indexing.desired': 'noindex' }, lang);
      expect(done.status).toBe(303);
      expect((await api().get(`/api/posts/${known.id}`).expect(200)).body).toMatchObject({ title: 'Nouveau titre', indexing: { desired: 'noindex' } });
    });
  });

  it('lists parties and finds them by words', async () => {
    await createParty(t, { name: 'Émile Zéphyr', organisation: 'Pâtes' });
    const found = await manager.agent.get('/parties?q=emile').expect(200);
    expect(found.text.match(/data-testid="party-row"/g)).toHaveLength(1);
    expect(found.text).toContain('Émile Zéphyr');
  });
});
