import { sql, startApp, type TestApp } from '../helpers/app.js';
import { addComment, createParty } from '../helpers/fixtures.js';
import { fixtures } from '../helpers/incident-fixtures.js';
import { fieldOf, formProblems, postForm } from './form-helpers.js';
import { signedIn } from './web-helpers.js';

/** The admins' retention page: what is due shown before anything goes, a purge only of what is ticked and confirmed, in either language. */
describe('web desk: retention', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  /** A closed incident whose closing is set back `years`. */
  async function closed(title: string, years: number): Promise<{ id: string; ref: string }> {
    const incident = await f.incident({ title });
    await f.move(incident.id, 'resolved', { reason: 'settled', resolution: 'settled amicably' });
    await f.move(incident.id, 'closed', { reason: 'done' });
    const at = new Date(Date.now() - years * 365.25 * 86_400_000);
    await sql(t.dataSource, 'UPDATE incidents SET closed_at = ?, resolved_at = ? WHERE id = ?', [at.toISOString().replace('T', ' ').replace('Z', ''), at.toISOString().replace('T', ' ').replace('Z', ''), incident.id]);
    return { id: incident.id as string, ref: incident.ref as string };
  }

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    [admin, manager] = await Promise.all([signedIn(t, 'admin', 'Alix'), signedIn(t, 'community_manager', 'Marie-Aude')]);
  });
  afterAll(() => t.close());

  it('is the admins’ alone, and linked from their page', async () => {
    expect((await admin.agent.get('/admin').expect(200)).text).toContain('href="/admin/retention"');
    const refused = await manager.agent.get('/admin/retention');
    expect(refused.status).toBe(403);
  });

  it.each(['en', 'fr'] as const)('in %s: lists what is due and what is held back with why, refuses a purge not ticked nor confirmed, then purges what was ticked and records it', async (lang) => {
    const old = await closed(`Querelle ancienne ${lang}`, 7);
    const kept = await closed(`Querelle tenue ${lang}`, 7);
    const young = await closed(`Querelle récente ${lang}`, 1);
    await t.api().post(`/api/incidents/${kept.id}/legal-hold`).send({ on: true, reason: 'contentieux en cours' }).expect(200);

    const page = (await admin.agent.get('/admin/retention').set('Accept-Language', lang).expect(200)).text;
    expect(page).toContain(lang === 'fr' ? 'Les incidents à l’état «\u202fClos\u202f» sont purgés 6 ans après y être passés.' : 'Closed incidents are purged 6 years after they became Closed.');
    expect(page).toMatch(new RegExp(`data-testid="due-row" data-id="${old.id}"`));
    expect(page).not.toMatch(new RegExp(`data-id="${young.id}"`));
    expect(page).toMatch(new RegExp(`data-testid="held-row" data-id="${kept.id}"[\\s\\S]*?${lang === 'fr' ? 'Sous conservation légale\u202f: contentieux en cours' : 'Under legal hold: contentieux en cours'}`));
    expect(fieldOf(page, `purge-${old.id}`).label).toBe(lang === 'fr' ? `Purger ${old.ref}` : `Purge ${old.ref}`);

    const refused = await postForm(admin.agent, '/admin/retention', '/admin/retention/purge', { _form: 'purge' }, lang);
    expect(refused.status).toBe(400);
    expect(formProblems(refused.text, 'purge')).toContain(lang === 'fr' ? 'Cochez les incidents à purger.' : 'Tick the incidents to purge.');
    expect(fieldOf(refused.text, 'purge-confirm')).toMatchObject({ invalid: true, problem: expect.stringContaining(lang === 'fr' ? 'cochez-la' : 'tick it') });
    const unconfirmed = await postForm(admin.agent, '/admin/retention', '/admin/retention/purge', { _form: 'purge', incidentIds: old.id }, lang);
    expect(unconfirmed.status).toBe(400);
    expect(fieldOf(unconfirmed.text, `purge-${old.id}`)).toMatchObject({ value: old.id });
    expect(unconfirmed.text).toMatch(new RegExp(`id="purge-${old.id}" name="incidentIds" type="checkbox" value="${old.id}" checked`));
    await t.api().get(`/api/incidents/${old.id}`).expect(200);

    const done = await postForm(admin.agent, '/admin/retention', '/admin/retention/purge', { _form: 'purge', incidentIds: old.id, confirm: 'true' }, lang);
    expect(done.status).toBe(303);
    await t.api().get(`/api/incidents/${old.id}`).expect(404);
    await t.api().get(`/api/incidents/${kept.id}`).expect(200);
    const after = (await admin.agent.get('/admin/retention').set('Accept-Language', lang).expect(200)).text;
    expect(after).toContain(lang === 'fr' ? '1 incident purgé, et la suppression scellée.' : '1 incident purged, and the removal sealed.');
    expect(after).toMatch(new RegExp(`${old.ref} ${lang === 'fr' ? 'purgé le' : 'purged on'} [^<]+ ${lang === 'fr' ? 'par' : 'by'} Alix`));
    expect(after).not.toMatch(new RegExp(`data-testid="due-row" data-id="${old.id}"`));
  });

  describe('a person’s rights, on their party page', () => {
    let legal: Awaited<ReturnType<typeof signedIn>>;
    beforeAll(async () => {
      legal = await signedIn(t, 'legal', 'Maître Roux');
    });

    it('shows the export to legal and admins, the erasure to admins alone; the export is the printable page of what is held', async () => {
      const party = await createParty(t, { name: 'Jeanne Exemple', email: 'jeanne@example.org' });
      const incident = await f.incident({ counterpartId: party.id });
      await addComment(t, incident.id, { direction: 'inbound', partyId: party.id, body: 'Je demande le retrait de mon nom.' });
      const seen = (await admin.agent.get(`/parties/${party.id}`).expect(200)).text;
      expect(seen).toContain('data-testid="party-export-link"');
      expect(seen).toContain('data-testid="erase-form"');
      const byLegal = (await legal.agent.get(`/parties/${party.id}`).expect(200)).text;
      expect(byLegal).toContain('data-testid="party-export-link"');
      expect(byLegal).not.toContain('data-testid="erase-form"');
      expect((await manager.agent.get(`/parties/${party.id}`).expect(200)).text).not.toContain('data-testid="party-rights"');
      const exported = await legal.agent.get(`/parties/${party.id}/export`).set('Accept-Language', 'fr').expect(200);
      expect(exported.text).toContain('Jeanne Exemple');
      expect(exported.text).toContain('Je demande le retrait de mon nom.');
      expect((await manager.agent.get(`/parties/${party.id}/export`)).status).toBe(403);
    });

    it.each(['en', 'fr'] as const)('in %s: refuses an erasure not confirmed, or under legal hold with the reason, in place; then erases', async (lang) => {
      const party = await createParty(t, { name: `Paul Exemple ${lang}`, email: `paul-${lang}@example.org` });
      const incident = await f.incident({ counterpartId: party.id });
      await addComment(t, incident.id, { direction: 'inbound', partyId: party.id, body: 'Mon avocat vous écrira.' });
      const path = `/parties/${party.id}`;

      const unconfirmed = await postForm(admin.agent, path, `${path}/erase`, { _form: 'erase' }, lang);
      expect(unconfirmed.status).toBe(400);
      expect(fieldOf(unconfirmed.text, 'erase-confirm')).toMatchObject({ invalid: true, problem: expect.stringMatching(lang === 'fr' ? /^Confirmation\u202f: cochez-la/ : /^Confirmation: tick it/) });

      await t.api().post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'procédure engagée' }).expect(200);
      const held = await postForm(admin.agent, path, `${path}/erase`, { _form: 'erase', confirm: 'true' }, lang);
      expect(held.status).toBe(409);
      expect(formProblems(held.text, 'erase').join(' ')).toContain('procédure engagée');
      expect((await t.api().get(`/api/parties/${party.id}`).expect(200)).body.name).toBe(`Paul Exemple ${lang}`);

      await t.api().post(`/api/incidents/${incident.id}/legal-hold`).send({ on: false, reason: 'réglé' }).expect(200);
      const done = await postForm(admin.agent, path, `${path}/erase`, { _form: 'erase', confirm: 'true' }, lang);
      expect(done.status).toBe(303);
      const after = (await admin.agent.get(path).set('Accept-Language', lang).expect(200)).text;
      expect(after).toContain(lang === 'fr' ? 'Effacé\u202f: 1 message dans 1 incident' : 'Erased: 1 message in 1 incident');
      expect(after).toContain('data-testid="party-erased"');
      expect(after).not.toContain(`Paul Exemple ${lang}`);
      expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body).toMatchObject({ valid: true });
    });
  });
});
