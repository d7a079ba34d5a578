import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident } from '../helpers/fixtures.js';
import { fieldOf, postForm } from './form-helpers.js';
import { signedIn } from './web-helpers.js';

type Person = Awaited<ReturnType<typeof signedIn>>;

/**
 * Press-law prescription at the desk, over HTTP: the incident page's form
 * marks a message (its date and the formal-notice warning shown on the
 * incident and on the legal desk), a refused mark comes back with what was
 * typed and the problem beside its field, and a mark is removed with a reason.
 */
describe('web desk: press-law prescription forms', () => {
  let t: TestApp;
  let manager: Person;
  let legal: Person;

  beforeAll(async () => {
    t = await startApp();
    [manager, legal] = await Promise.all([signedIn(t, 'community_manager', 'Marie-Aude'), signedIn(t, 'legal', 'Léa Juriste')]);
  });
  afterAll(() => t.close());

  const marksOf = async (incidentId: string) => (await t.api().get(`/api/incidents/${incidentId}/prescriptions?all=true`).expect(200)).body.items as Array<{ id: string; status: string; prescribesAt: string }>;

  it.each([
    ['en', 'Published on', 'A formal notice (mise en demeure) does not interrupt this prescription', 'Why'],
    ['fr', 'Publié le', 'Une mise en demeure n’interrompt pas cette prescription', 'Pourquoi'],
  ] as const)('in %s: marks a message, shows its date and the warning, refuses a future publication in place, removes the mark with a reason', async (lang, publishedLabel, warning, reasonLabel) => {
    const incident = await createIncident(t, { ownerId: manager.id, title: 'Querelle <b>menteuse</b> & cie' });
    const comment = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Un lecteur', body: 'Cette blogueuse est une menteuse.', postedAt: '2026-11-20T10:00:00+01:00' });
    const path = `/incidents/${incident.id}`;
    expect((await manager.agent.get(path).set('Accept-Language', lang).expect(200)).text).toContain('data-testid="prescription-form"');

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
    const refused = await postForm(manager.agent, path, `${path}/prescriptions`, { _form: 'prescription', subjectId: `comment:${comment.id}`, offence: 'insult', ground: '', publishedAt: future, note: 'menteuse' }, lang);
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.text, 'prescription-publishedAt')).toMatchObject({ label: publishedLabel, value: future, invalid: true, problem: expect.stringContaining(publishedLabel) });
    expect(fieldOf(refused.text, 'prescription-note')).toMatchObject({ value: 'menteuse' });
    expect(await marksOf(incident.id)).toEqual([]);

    const done = await postForm(manager.agent, path, `${path}/prescriptions`, { _form: 'prescription', subjectId: `comment:${comment.id}`, offence: 'insult', ground: '', publishedAt: '', note: '' }, lang);
    expect(done.status).toBe(303);
    const [mark] = await marksOf(incident.id);
    expect(mark).toMatchObject({ status: 'active', prescribesAt: '2027-02-20T22:59:59.999Z' });
    expect(done.headers.location).toBe(`${path}#prescription-${mark!.id}`);

    const page = (await manager.agent.get(path).set('Accept-Language', lang).expect(200)).text;
    expect(page).toContain(`id="prescription-${mark!.id}"`);
    expect(page).toContain('datetime="2027-02-20T22:59:59.999Z"');
    expect(page).toContain(warning);
    const desk = (await legal.agent.get('/legal').set('Accept-Language', lang).expect(200)).text;
    expect(desk).toContain(`href="${path}#prescription-${mark!.id}"`);
    // Its incident named by its reference and its title, as written.
    expect(desk).toContain(`<a href="${path}#prescription-${mark!.id}" class="ref">${incident.ref}</a><small class="incident-title">Querelle &lt;b&gt;menteuse&lt;/b&gt; &amp; cie</small></td>`);
    expect(desk).toContain(warning);

    const blank = await postForm(manager.agent, path, `/prescriptions/${mark!.id}/remove`, { _form: `prescription-remove-${mark!.id}`, reason: ' ' }, lang);
    expect(blank.status).toBe(400);
    expect(fieldOf(blank.text, `prescription-remove-${mark!.id}-reason`)).toMatchObject({ label: reasonLabel, invalid: true });
    const removed = await postForm(manager.agent, path, `/prescriptions/${mark!.id}/remove`, { _form: `prescription-remove-${mark!.id}`, reason: 'Propos tenus sur un ton ironique' }, lang);
    expect(removed.status).toBe(303);
    expect(await marksOf(incident.id)).toEqual([expect.objectContaining({ id: mark!.id, status: 'removed' })]);
  });

  it('a viewer is shown no form and may not mark', async () => {
    const viewer = await signedIn(t, 'viewer');
    const incident = await createIncident(t);
    const comment = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Un lecteur', body: 'Escroc !' });
    const path = `/incidents/${incident.id}`;
    expect((await viewer.agent.get(path).expect(200)).text).not.toContain('data-testid="prescription-form"');
    const refused = await postForm(viewer.agent, path, `${path}/prescriptions`, { _form: 'prescription', subjectId: `comment:${comment.id}`, offence: 'insult' });
    expect(refused.status).toBe(403);
    expect(await marksOf(incident.id)).toEqual([]);
  });
});
