import { randomUUID } from 'node:crypto';
import { Search1764720000000 } from '../src/database/migrations/1764720000000-search.js';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost } from './helpers/fixtures.js';

interface Hit {
  type: string;
  id: string;
  incidentId: string | null;
  incidentRef: string | null;
  title: string;
  snippet: string;
  rank: number;
}

describe('search', () => {
  let t: TestApp;
  let legal: string;
  let viewer: string;
  beforeAll(async () => {
    t = await startApp();
    legal = (await t.createUser('legal')).token;
    viewer = (await t.createUser('viewer')).token;
  });
  afterAll(() => t.close());

  const search = async (query: string, token?: string): Promise<{ items: Hit[]; nextCursor: string | null }> =>
    (await t.api(token).get(`/api/search?${query}`).expect(200)).body;
  const find = async (q: string, token?: string, extra = ''): Promise<Hit[]> => (await search(`q=${encodeURIComponent(q)}${extra}`, token)).items;
  const ids = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id);
  const notice = async (incidentId: string, fields: Record<string, unknown>) =>
    (
      await t
        .api(legal)
        .post(`/api/incidents/${incidentId}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'email', receivedAt: '2026-11-02T10:00:00Z', jurisdiction: 'FR', ...fields })
        .expect(201)
    ).body as { id: string; ref: string };

  describe('list filters', () => {
    it('find incidents by words of their ref, title, summary or tags whatever their case and accents', async () => {
      const incident = await createIncident(t, { title: 'Erreur de Débutant', summary: 'Un article sur l’ÉCOLE du community management', tags: ['Marque-Déposée'] });
      await createIncident(t, { title: 'Une autre histoire' });
      const listed = async (q: string) => ids((await t.api().get(`/api/incidents?q=${encodeURIComponent(q)}`).expect(200)).body.items);
      expect(await listed('debutant')).toEqual([incident.id]);
      expect(await listed('DÉBUTANT')).toEqual([incident.id]);
      expect(await listed('ecole')).toEqual([incident.id]);
      expect(await listed('marque deposee')).toEqual([incident.id]);
      expect(await listed(incident.ref.toLowerCase())).toEqual([incident.id]);
      expect(await listed('debutant autre')).toEqual([]);
    });

    it('find incidents by words said in their messages, each message on its own, as the search does', async () => {
      const incident = await createIncident(t, { title: 'Une querelle de palmipèdes' });
      await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Un TAMANOIR a constaté vos articles.' });
      await addComment(t, incident.id, { direction: 'outbound', body: 'Nous attendons votre lettre zéphyrine.' });
      await createIncident(t, { title: 'Sans rapport' });
      const listed = async (q: string) => ids((await t.api().get(`/api/incidents?q=${encodeURIComponent(q)}`).expect(200)).body.items);
      expect(await listed('tamanoir constate')).toEqual([incident.id]);
      expect(await listed('zephyrine')).toEqual([incident.id]);
      expect(await listed('palmipedes')).toEqual([incident.id]);
      expect(await listed('tamanoir zephyrine')).toEqual([]);
    });

    it('find parties by name, organisation, email or notes whatever their case and accents', async () => {
      const party = await createParty(t, { name: 'Émile Zéphyr', organisation: 'Société Générale des Pâtes', email: 'emile@pates.example' });
      const listed = async (q: string) => ids((await t.api().get(`/api/parties?q=${encodeURIComponent(q)}`).expect(200)).body.items);
      expect(await listed('EMILE zephyr')).toEqual([party.id]);
      expect(await listed('societe pate')).toEqual([party.id]);
      expect(await listed('emile@pates.example')).toEqual([party.id]);
    });

    it('find posts by words of their title or url whatever their case and accents', async () => {
      const post = await createPost(t, { title: 'Les erreurs du DÉBUTANT en réseaux sociaux' });
      const listed = async (q: string) => ids((await t.api().get(`/api/posts?q=${encodeURIComponent(q)}`).expect(200)).body.items);
      expect(await listed('debutant reseaux')).toEqual([post.id]);
      expect(await listed(new URL(post.url).pathname)).toEqual([post.id]);
    });
  });

  describe('GET /api/search', () => {
    it('finds a comment by words of its body typed without accents, with its incident, and marks them', async () => {
      const incident = await createIncident(t, { title: 'Le fondateur répond' });
      const comment = await addComment(t, incident.id, {
        direction: 'inbound',
        authorName: 'Le fondateur',
        body: 'J’invoque mon droit de réponse : la marque est déposée.',
      });
      const hits = await find('reponse deposee', viewer);
      expect(hits).toEqual([
        {
          type: 'comment',
          id: comment.id,
          incidentId: incident.id,
          incidentRef: incident.ref,
          title: 'Le fondateur',
          snippet: 'J’invoque mon droit de <mark>réponse</mark> : la marque est <mark>déposée</mark>.',
          rank: expect.any(Number),
        },
      ]);
    });

    it('takes the last word as a beginning', async () => {
      const incident = await createIncident(t, { title: 'Un commentaire de débutante' });
      const hits = await find('commentaire debu');
      expect(ids(hits)).toEqual([incident.id]);
      expect(hits[0]!.snippet).toBe('Un <mark>commentaire</mark> de <mark>débutante</mark>');
    });

    it('ranks a row matching in its name above one matching in its notes, and a row matching more often above one matching once', async () => {
      const named = await createParty(t, { name: 'Jean Tarabiscoté', notes: 'Rien à signaler ici' });
      const noted = await createParty(t, { name: 'Paul Durand', notes: 'Un style tarabiscoté' });
      const parties = await find('tarabiscote', undefined, '&types=party');
      expect(ids(parties)).toEqual([named.id, noted.id]);
      expect(parties[0]!.rank).toBeGreaterThan(parties[1]!.rank);

      const incident = await createIncident(t);
      const once = await addComment(t, incident.id, { direction: 'inbound', authorName: 'A', body: 'Un constat dressé par un grenouilleur hier' });
      const often = await addComment(t, incident.id, { direction: 'inbound', authorName: 'B', body: 'Grenouilleur, grenouilleur, toujours grenouilleur' });
      const hits = await find('grenouilleur');
      expect(ids(hits)).toEqual([often.id, once.id]);
      expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
    });

    it('answers a snippet with the markup of a body escaped', async () => {
      const incident = await createIncident(t);
      await addComment(t, incident.id, { direction: 'inbound', authorName: 'Troll', body: '<script>alert("piratage")</script> <b>gras</b>' });
      const [hit] = await find('piratage');
      expect(hit!.snippet).toBe('&lt;script&gt;alert(&quot;<mark>piratage</mark>&quot;)&lt;/script&gt; &lt;b&gt;gras&lt;/b&gt;');
    });

    it('finds an edited comment by its new text and no longer by its old', async () => {
      const incident = await createIncident(t);
      const comment = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Founder', body: 'Vous êtes des escrocs' });
      expect(ids(await find('escrocs'))).toEqual([comment.id]);
      await t.api().patch(`/api/comments/${comment.id}`).send({ body: 'Je retire mes propos, toutes mes excuses' }).expect(200);
      expect(await find('escrocs')).toEqual([]);
      expect(ids(await find('excuses'))).toEqual([comment.id]);
    });

    it('finds a comment by its author, and by the new name of its party', async () => {
      const party = await createParty(t, { name: 'Octave Mirbeau' });
      const incident = await createIncident(t, { counterpartId: party.id });
      const comment = await addComment(t, incident.id, { direction: 'inbound', body: 'Bonjour' });
      expect(ids(await find('mirbeau', undefined, '&types=comment'))).toEqual([comment.id]);
      await t.api().patch(`/api/parties/${party.id}`).send({ name: 'Octave Lefèvre' }).expect(200);
      expect(await find('mirbeau', undefined, '&types=comment')).toEqual([]);
      expect((await find('lefevre', undefined, '&types=comment'))[0]).toMatchObject({ id: comment.id, title: 'Octave Lefèvre' });
    });

    it('finds a legal notice by its summary, legal basis and demands, never by its privileged notes, whoever asks', async () => {
      const incident = await createIncident(t);
      const recorded = await notice(incident.id, {
        summary: 'Mise en demeure de retirer l’article',
        legalBasis: 'Code de la propriété intellectuelle, art. L713-2',
        demands: [{ kind: 'remove_mention', description: 'Supprimer toute mention de la société Zébulon' }],
        privilegedNotes: 'Stratégie confidentielle : transiger à Zanzibar',
      });
      for (const q of ['demeure', 'propriete intellectuelle', 'zebulon']) {
        const hits = await find(q, viewer);
        expect(hits).toEqual([expect.objectContaining({ type: 'notice', id: recorded.id, title: recorded.ref, incidentId: incident.id, incidentRef: incident.ref })]);
      }
      expect(await find('zanzibar', viewer)).toEqual([]);
      expect(await find('confidentielle', legal)).toEqual([]);
      expect(JSON.stringify(await find('demeure', viewer))).not.toMatch(/Zanzibar|confidentielle/);
    });

    it('forgets an incident deleted, with its comments and notices', async () => {
      const incident = await createIncident(t, { title: 'Affaire Ornithorynque' });
      await addComment(t, incident.id, { direction: 'inbound', authorName: 'X', body: 'Un ornithorynque en colère' });
      await notice(incident.id, { summary: 'Ornithorynque contre le blog' });
      const kept = await createParty(t, { name: 'Ornithorynque Club' });
      expect((await find('ornithorynque')).map((hit) => hit.type).sort()).toEqual(['comment', 'incident', 'notice', 'party']);
      await t.api().delete(`/api/incidents/${incident.id}`).expect(204);
      expect(ids(await find('ornithorynque'))).toEqual([kept.id]);
    });

    it('keeps to the given types and incident', async () => {
      const incident = await createIncident(t, { title: 'Saga du kangourou' });
      const comment = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Y', body: 'Le kangourou saute' });
      const other = await createIncident(t, { title: 'Un autre kangourou' });
      expect(ids(await find('kangourou', undefined, `&incidentId=${incident.id}`)).sort()).toEqual([incident.id, comment.id].sort());
      expect(ids(await find('kangourou', undefined, '&types=incident'))).toHaveLength(2);
      expect(ids(await find('kangourou', undefined, `&types=incident&incidentId=${other.id}`))).toEqual([other.id]);
      await t.api().get(`/api/search?q=kangourou&incidentId=${randomUUID()}`).expect(404);
    });

    it('pages through the answers once each with an opaque cursor', async () => {
      const incident = await createIncident(t, { title: 'Les wombats' });
      for (let i = 0; i < 4; i++) await addComment(t, incident.id, { direction: 'inbound', authorName: 'Z', body: `wombat numéro ${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Hit[]; nextCursor: string | null } = await search(`q=wombat&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it.each([
      ['no q', '', 'q must be a string'],
      ['an empty q', 'q=', 'q should not be empty'],
      ['a blank q', 'q=%20%20', 'q should not be empty'],
      ['a q of punctuation only', 'q=%25%2A%22', 'q must contain a letter or a digit'],
      ['a q too long', `q=${'a'.repeat(201)}`, 'q must be shorter than or equal to 200 characters'],
      ['an unknown type', 'q=x&types=incident,user', 'each value in types must be one of the following values: incident, comment, party, notice'],
      ['a bad incidentId', 'q=x&incidentId=42', 'incidentId must be a UUID'],
      ['a bad cursor', 'q=x&cursor=garbage', 'cursor is invalid'],
    ])('refuses %s with 400 naming the field', async (_, query, message) => {
      const response = await t.api(viewer).get(`/api/search?${query}`).expect(400);
      expect(response.body.message).toEqual([message]);
    });

    it('indexes the rows already there when the migration runs', async () => {
      const incident = await createIncident(t, { title: 'Avant le capybara' });
      const migration = new Search1764720000000();
      const runner = t.dataSource.createQueryRunner();
      try {
        // As a unit of work: on SQLite a write outside one is refused.
        await t.write(async () => {
          await migration.down(runner);
          await migration.up(runner);
        });
      } finally {
        await runner.release();
      }
      expect(ids(await find('capybara'))).toEqual([incident.id]);
    });
  });
});
