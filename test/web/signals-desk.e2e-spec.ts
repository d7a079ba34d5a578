import { SYSTEM } from '../../src/common/roles.js';
import { deskLocal } from './form-helpers.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty, move } from '../helpers/fixtures.js';
import { signedIn, submit } from './web-helpers.js';

const count = (text: string, testId: string) => text.match(new RegExp(`data-testid="${testId}"`, 'g'))?.length ?? 0;

/** The desk's parts of signals: the admins' phrases, reading a thread again, suggestions done by hand, merging two parties. */
describe('web desk: signals', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startApp();
    admin = await signedIn(t, 'admin', 'Ada Admin');
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
  });
  afterAll(() => t.close());

  it('lets an admin add and remove phrases on /admin/phrases, shows their history from the settings’ timeline, and keeps a refused phrase in place with its problem', async () => {
    await manager.agent.get('/admin/phrases').expect(403);
    const admin_page = await admin.agent.get('/admin').expect(200);
    expect(admin_page.text).toContain('href="/admin/phrases"');

    const refused = await submit(admin.agent, '/admin/phrases', '/admin/phrases', { language: 'fr', kind: 'commitment', phrase: 'je vous rembourse' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<select id="add-phrase-commitmentKind" name="commitmentKind" aria-invalid="true" aria-describedby="add-phrase-commitmentKind-error" autofocus>/);
    expect(refused.text).toMatch(/id="add-phrase-commitmentKind-error">Choose the commitment a commitment phrase suggests\.</);
    expect(refused.text).toContain('value="je vous rembourse"');

    const added = await submit(admin.agent, '/admin/phrases', '/admin/phrases', { language: 'fr', kind: 'legal_threat', phrase: 'saisir la dgccrf' });
    expect(added.status).toBe(303);
    const listed = await admin.agent.get('/admin/phrases').expect(200);
    expect(count(listed.text, 'phrase-row')).toBe(1);
    expect(listed.text).toContain('<code>saisir la dgccrf</code>');
    expect(listed.text).toMatch(/data-testid="phrase-change">[^<]*Ada Admin added the French phrase “saisir la dgccrf” \(legal threat\)/);
    expect(listed.text).toMatch(/data-testid="settings-chain" data-valid="true"/);

    const again = await submit(admin.agent, '/admin/phrases', '/admin/phrases', { language: 'fr', kind: 'legal_threat', phrase: 'saisir la dgccrf' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('This phrase is already there.');

    const id = /data-testid="phrase-row" data-id="([0-9a-f-]{36})"/.exec(listed.text)![1]!;
    expect((await submit(admin.agent, '/admin/phrases', `/admin/phrases/${id}/delete`, {})).status).toBe(303);
    const after = await admin.agent.get('/admin/phrases').expect(200);
    expect(count(after.text, 'phrase-row')).toBe(0);
    expect(count(after.text, 'phrase-change')).toBe(2);

    // In French, with the narrow no-break spaces of French typography.
    await admin.agent.post('/language').type('form').send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(after.text)![1], locale: 'fr', back: '/admin/phrases' }).expect(303);
    const french = await admin.agent.get('/admin/phrases').expect(200);
    expect(french.text).toContain('a retiré la phrase en français «\u202fsaisir la dgccrf\u202f» (menace juridique)');
  });

  it('reads a thread again from the incident page, and says how many messages changed', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Je vais alerter la DGCCRF.' });
    await t.api().post('/api/signals/phrases').send({ language: 'fr', kind: 'legal_threat', phrase: 'alerter la dgccrf' }).expect(201);
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toContain('data-testid="reread-form"');
    expect(page.text).not.toContain('data-signal="legal_threat"');
    expect((await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/signals/reread`, {})).status).toBe(303);
    const reread = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(reread.text).toMatch(/Read again: 1 message, 1 with other signals \(settings version \d+\)\./);
    expect(reread.text).toContain('data-signal="legal_threat"');
  });

  it('shows a mention as such, and a suggestion done by hand as done with what did it', async () => {
    const founder = await createParty(t, { name: 'Founder' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: founder.id });
    await addComment(t, incident.id, { direction: 'inbound', body: 'Une mise en demeure pour un tweet ? Mon avocat est prévenu, et notre marque est déposée.' });
    const before = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(before.text).toMatch(/data-signal="legal_threat" data-mention="question">mise en demeure<span class="labels"><span class="visually-hidden"> \[<\/span><span class="kind">legal threat<\/span><span class="visually-hidden">, <\/span><span class="named">Formal notice<\/span><span class="visually-hidden">, <\/span><span class="mention">asked<\/span><span class="visually-hidden">\]<\/span><\/span>/);
    expect(before.text).toMatch(/data-testid="suggestion" data-type="legal_notice">[\s\S]*?Trademark claim/);
    await move(t, incident.id, 'legal_threat', {}, manager.token).expect(200);
    const after = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(after.text).toMatch(/data-testid="suggestion-done" data-type="state" class="suggestion-done">\s*<span class="badge green">Done<\/span> <strong>Move to Legal threat<\/strong>/);
    expect(after.text).toMatch(/Legal threat, recorded by Marie-Aude on /);
  });

  it('merges two parties in one click from a same-person suggestion', async () => {
    const counterpart = await createParty(t, { name: 'David Martin (Expatwire)' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: counterpart.id });
    const duplicate = await createParty(t, { name: 'David M.' });
    const comment = await addComment(t, incident.id, { direction: 'inbound', partyId: duplicate.id, body: 'Bonjour.' });
    // As an import records it when it meets an author bearing the counterpart's first name.
    await t.app.get(TransactionService).run((tx) =>
      t.app.get(TimelineService).append(tx, incident.id, SYSTEM, 'party.same_proposed', {
        partyId: duplicate.id,
        candidateId: counterpart.id,
        partyName: 'David M.',
        candidateName: 'David Martin (Expatwire)',
        likeness: 'partial',
        commentId: comment.id,
      }),
    );
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toMatch(/data-testid="suggestion" data-type="same_party">[\s\S]*?Same person\? Merge into David Martin \(Expatwire\)[\s\S]*?“David M\.”, imported, may be “David Martin \(Expatwire\)” of this incident\.[\s\S]*?>Merge</);
    const key = `same_party-${duplicate.id}-${counterpart.id}`;
    expect((await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/suggestions/${key}/accept`, {})).status).toBe(303);
    expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body.partyId).toBe(counterpart.id);
    await t.api().get(`/api/parties/${duplicate.id}`).expect(404);
  });

  it('accepts a promise read in our reply with the due time typed beside Accept, in the desk’s zone, and reminds its owner then', async () => {
    const counterpart = await createParty(t, { name: 'Marc Dupont' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: counterpart.id });
    await addComment(t, incident.id, { direction: 'outbound', body: 'Bonjour Marc, je vous rappelle demain matin.' });
    const page = await manager.agent.get(`/incidents/${incident.id}`).set('accept-language', 'fr').expect(200);
    const [, key, formId] = /data-type="commitment">[\s\S]*?action="\/incidents\/[^/]+\/suggestions\/([^/"]+)\/accept" id="([^"]+)"/.exec(page.text)!;
    expect(page.text).toContain(`<label for="${formId!}-edits-dueAt">Échéance <span class="hint">heure Europe/Paris\u202f; vide\u202f: aucun rappel, et à part sur Aujourd’hui tant qu’il n’en a pas</span></label>`);
    const due = new Date(Date.now() + 3 * 86_400_000);
    const local = deskLocal(due);
    expect((await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/suggestions/${key!}/accept`, { _form: formId!, 'edits.dueAt': local })).status).toBe(303);
    const [commitment] = (await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items;
    expect(commitment).toMatchObject({ kind: 'call_back', description: 'je vous rappelle' });
    expect(Math.abs(Date.parse(commitment.dueAt) - due.getTime())).toBeLessThan(60_000);
    const reminders = (await t.api().get(`/api/reminders?incidentId=${incident.id}`).expect(200)).body.items as Array<{ kind: string; dueAt: string }>;
    expect(reminders).toEqual([expect.objectContaining({ kind: 'commitment_due', dueAt: commitment.dueAt })]);
  });
});
