import { startApp, type TestApp } from '../helpers/app.js';
import { deskLocal, fieldOf, postForm } from './form-helpers.js';
import { addComment, createIncident, createParty, createPost } from '../helpers/fixtures.js';
import { csrfOf, signedIn, submit } from './web-helpers.js';

describe('web desk: pages', () => {
  let t: TestApp;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startApp();
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
  });
  afterAll(() => t.close());

  it('lists on Today the replies owed on my incidents, overdue first, and GET /api/me/agenda says the same', async () => {
    const party = await createParty(t);
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: party.id, severity: 'critical' });
    const old = await addComment(t, incident.id, { direction: 'inbound', body: 'You owe me an answer', postedAt: new Date(Date.now() - 3 * 3600_000).toISOString() });
    await addComment(t, incident.id, { direction: 'inbound', body: 'And another one', postedAt: new Date(Date.now() - 60_000).toISOString() });
    const agenda = await t.api(manager.token).get('/api/me/agenda').expect(200);
    expect(agenda.body.items.map((item: { kind: string }) => item.kind)).toEqual(['reply', 'reply']);
    expect(agenda.body.items[0]).toMatchObject({ subjectId: old.id, overdue: true, incidentRef: incident.ref });
    expect(agenda.body.overdue).toBe(1);

    const today = await manager.agent.get('/').expect(200);
    expect(today.text.match(/data-testid="agenda-item"/g)).toHaveLength(2);
    expect(today.text.indexOf('You owe me an answer')).toBeLessThan(today.text.indexOf('And another one'));
    expect(today.text).toContain('class="overdue">overdue: due 2 hours ago</span>');
    const french = await manager.agent.get('/').set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain('class="overdue">en retard : échéance il y a 2 heures</span>');
  });

  it('shows the 200 most urgent on Today and counts them all, with the incidents I back up', async () => {
    // A desk of its own, so the other tests' agendas stay short.
    const backup = await signedIn(t, 'community_manager', 'Jean-Baptiste');
    const before = (await t.api(backup.token).get('/api/me/agenda').expect(200)).body;
    expect(before.total).toBe(0);
    const colleague = await t.createUser('community_manager');
    const party = await createParty(t, { name: 'A prolific reader' });
    const incident = await createIncident(t, { ownerId: colleague.id, backupOwnerId: backup.id, counterpartId: party.id, severity: 'low' });
    const tenDaysAgo = Date.now() - 10 * 86_400_000;
    const logged: Array<{ id: string }> = [];
    for (let n = 0; n < 205; n += 41) {
      logged.push(
        ...(await Promise.all(
          Array.from({ length: 41 }, (_, k) => addComment(t, incident.id, { direction: 'inbound', body: `Question ${n + k}`, postedAt: new Date(tenDaysAgo + (n + k) * 60_000).toISOString() })),
        )),
      );
    }

    const agenda = (await t.api(backup.token).get('/api/me/agenda').expect(200)).body;
    expect(agenda.items).toHaveLength(200);
    expect(agenda.total).toBe(205);
    expect(agenda.counts).toEqual({ reply: 205, deadline: 0, commitment: 0, check: 0, follow_up: 0, watched: 0, prescription: 0 });
    expect(agenda.overdue).toBe(205);
    const dueTimes = agenda.items.map((item: { dueAt: string }) => item.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
    // Posted a minute apart, owed in the same order: the oldest are shown, the newest wait their turn.
    const shown = new Set(agenda.items.map((item: { subjectId: string }) => item.subjectId));
    expect(shown.has(logged[0]!.id)).toBe(true);
    expect(shown.has(logged[204]!.id)).toBe(false);
    expect(agenda.items.find((item: { subjectId: string }) => item.subjectId === logged[0]!.id)).toMatchObject({ label: 'Question 0', incidentRef: expect.any(String) });

    const today = await backup.agent.get('/').expect(200);
    expect(today.text.match(/data-testid="agenda-item"/g)).toHaveLength(200);
    expect(today.text).toContain('5 more items, less urgent, are not shown');
    // The header's count reads counts only, and still knows what is overdue.
    const count = (await backup.agent.get('/today/count').expect(200)).text;
    expect(count).toContain('data-count="205"');
    expect(count).toContain('class="overdue"');
  });

  it('tells a legal officer with nothing owed this week of the deadlines further off, and where they are', async () => {
    const officer = await signedIn(t, 'legal', 'Léa');
    const incident = await createIncident(t, {});
    const notice = (
      await t
        .api(officer.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'email', receivedAt: new Date().toISOString(), jurisdiction: 'FR', assigneeId: officer.id })
        .expect(201)
    ).body as { respondBy: string };
    // A formal notice gives eight days: further than Today's week.
    expect(Date.parse(notice.respondBy) - Date.now()).toBeGreaterThan(7 * 24 * 3600_000);
    const agenda = (await t.api(officer.token).get('/api/me/agenda').expect(200)).body;
    expect(agenda).toMatchObject({ total: 0, laterDeadlines: { count: 1, next: notice.respondBy } });
    const today = await officer.agent.get('/').set('Accept-Language', 'fr').expect(200);
    expect(today.text).toContain('Rien en attente cette semaine.');
    expect(today.text).not.toContain('Bravo');
    expect(today.text).toMatch(/data-testid="agenda-later">1 délai juridique plus lointain, le \d+ \S+ \d{4} 23:59 UTC\+\d\. <a href="\/legal">Voir le bureau juridique<\/a>/);
    expect((await manager.agent.get('/').expect(200)).text).not.toContain('agenda-later');
  });

  it('lists apart on Today the promises with no due time, until one is given on the incident (a mistake refused in place first)', async () => {
    const keeper = await signedIn(t, 'community_manager', 'Inès');
    const incident = await createIncident(t, { ownerId: keeper.id, title: 'Le billet sur Lumio' });
    // Accepted in one click, or recorded without it: no due time.
    const promise = (await t.api(keeper.token).post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: 'Rappeler Marc Dupont' }).expect(201)).body as { id: string };
    const agenda = (await t.api(keeper.token).get('/api/me/agenda').expect(200)).body;
    expect(agenda).toMatchObject({ total: 0, undatedCommitments: { count: 1, items: [{ commitmentId: promise.id, kind: 'call_back', label: 'Rappeler Marc Dupont', incidentRef: incident.ref }] } });
    const french = (await keeper.agent.get('/').set('Accept-Language', 'fr').expect(200)).text;
    expect(french).toContain('Rien d’attendu à une date.');
    expect(french).not.toContain('Bravo');
    expect(french).toContain('<h2 id="undated-heading">Promesses sans échéance</h2>');
    expect(french).toMatch(new RegExp(`<span class="kind">Rappeler</span>\\s*· promis maintenant \\(<time[^>]*>[^<]*</time>\\)\\s*<br><a href="/incidents/${incident.id}#commitment-${promise.id}">${incident.ref} · Le billet sur Lumio</a> — Rappeler Marc Dupont`));
    const english = (await keeper.agent.get('/').expect(200)).text;
    expect(english).toContain('<h2 id="undated-heading">Promises without a due date</h2>');
    expect(english).toContain('Nothing owed by a date.');
    // The header counts it among what is owed, though nothing places it in time.
    expect((await keeper.agent.get('/today/count').expect(200)).text).toContain('data-count="1"');

    // On the incident, the commitment's menu gives it its due time; a time before the promise is refused beside the field, in French.
    const page = `/incidents/${incident.id}`;
    expect(fieldOf((await keeper.agent.get(page).set('Accept-Language', 'fr').expect(200)).text, `commitment-due-${promise.id}-dueAt`)).toMatchObject({ label: 'Échéance', value: '' });
    const refused = await postForm(keeper.agent, page, `/commitments/${promise.id}/due`, { _form: `commitment-due-${promise.id}`, dueAt: '2020-01-06T18:00' }, 'fr');
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.text, `commitment-due-${promise.id}-dueAt`)).toMatchObject({ value: '2020-01-06T18:00', invalid: true, problem: 'Le champ «\u202fÉchéance\u202f» ne doit pas précéder «\u202fPromis le\u202f».' });
    const set = await postForm(keeper.agent, page, `/commitments/${promise.id}/due`, { _form: `commitment-due-${promise.id}`, dueAt: '2099-01-06T18:00' }, 'fr');
    expect(set.status).toBe(303);
    expect((await t.api().get(`/api/commitments/${promise.id}`).expect(200)).body.dueAt).toBe('2099-01-06T17:00:00.000Z');
    const after = (await t.api(keeper.token).get('/api/me/agenda').expect(200)).body;
    expect(after).toMatchObject({ total: 1, items: [{ kind: 'commitment', subjectId: promise.id, dueAt: '2099-01-06T17:00:00.000Z' }], undatedCommitments: { count: 0, items: [] } });
    expect((await keeper.agent.get('/').set('Accept-Language', 'fr').expect(200)).text).not.toContain('undated-heading');
    expect((await keeper.agent.get('/today/count').expect(200)).text).toContain('data-count="1"');
    // The API says the same of a bad time, naming the field.
    const bad = await t.api(keeper.token).post(`/api/commitments/${promise.id}/due`).send({ dueAt: 'next tuesday' }).expect(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ field: 'dueAt' })]);
  });

  it('keeps someone else’s replies off my agenda', async () => {
    const other = await t.createUser('community_manager');
    const incident = await createIncident(t, { ownerId: other.id });
    await addComment(t, incident.id, { direction: 'inbound', body: 'Not yours', authorName: 'Someone' });
    const agenda = await t.api(manager.token).get('/api/me/agenda').expect(200);
    expect(agenda.body.items.some((item: { incidentId: string }) => item.incidentId === incident.id)).toBe(false);
  });

  it('filters the list by several states and by words, each row naming ref, title, state, severity and owner', async () => {
    const heated = await createIncident(t, { title: 'Débutant article spat', ownerId: manager.id });
    await t.api().post(`/api/incidents/${heated.id}/transitions`).send({ to: 'heated', reason: 'tone rises' }).expect(200);
    const monitored = await createIncident(t, { title: 'Forum thread watch' });
    await t.api().post(`/api/incidents/${monitored.id}/transitions`).send({ to: 'monitoring', reason: 'watch' }).expect(200);
    await createIncident(t, { title: 'Still reported' });

    const both = await manager.agent.get('/incidents?state=heated&state=monitoring').expect(200);
    const rows = both.text.match(/data-testid="incident-row" data-state="(\w+)"/g)!;
    expect(rows.map((row) => /data-state="(\w+)"/.exec(row)![1]).sort()).toEqual(['heated', 'monitoring']);
    expect(both.text).toContain(heated.ref);
    expect(both.text).toContain('Marie-Aude');

    const words = await manager.agent.get('/incidents?q=debutant').expect(200);
    expect(words.text.match(/data-testid="incident-row"/g)).toHaveLength(1);
    expect(words.text).toContain('Débutant article spat');
    // The title is what a person clicks to open the incident, on a phone's cards as on the table.
    expect(words.text).toContain(`<a href="/incidents/${heated.id}" data-testid="incident-link">Débutant article spat</a>`);
  });

  it('finds on the list the incidents whose messages say the words', async () => {
    const incident = await createIncident(t, { title: 'Un échange tendu', ownerId: manager.id });
    await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Je saisirai le tribunal de Quimperlé.' });
    const page = await manager.agent.get('/incidents?q=quimperle').expect(200);
    expect(page.text.match(/data-testid="incident-row"/g)).toHaveLength(1);
    expect(page.text).toContain('Un échange tendu');
  });

  it('refuses a bad filter with 400 naming the field', async () => {
    const refused = await manager.agent.get('/incidents?ownerId=not-a-uuid').expect(400);
    expect(refused.text).toContain('Owner must name a record (a UUID).');
  });

  it('says a refusal in the reader’s language, the field by its word, while the API answers English', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    const page = await manager.agent.get(`/incidents/${incident.id}`).set('Accept-Language', 'fr-FR').expect(200);
    const refused = await manager.agent
      .post(`/incidents/${incident.id}/transitions`)
      .set('Accept-Language', 'fr-FR')
      .type('form')
      .send({ _csrf: csrfOf(page.text), to: 'closed', reason: 'done', version: '1' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('L’incident ne peut passer de Signalé à Clos.');
    expect(refused.text).not.toContain('cannot move');
    const api = await t.api(manager.token).post(`/api/incidents/${incident.id}/transitions`).set('Accept-Language', 'fr-FR').send({ to: 'closed', reason: 'done' }).expect(409);
    expect(api.body.message).toBe('incident cannot move from reported to closed; allowed from reported: monitoring, heated, legal_threat, resolved');
    expect(api.body.problems).toEqual([expect.objectContaining({ code: 'workflow.illegalMove', values: expect.objectContaining({ from: 'reported', to: 'closed' }) })]);
    const bad = await manager.agent.get('/incidents?tag=' + 'x'.repeat(51)).set('Accept-Language', 'fr-FR').expect(400);
    expect(bad.text).toContain('Le champ « Étiquette » doit compter au plus 50 caractères.');
  });

  it('shows the thread as a tree with its signals marked, and logs a reply from the form', async () => {
    const party = await createParty(t, { name: 'The founder' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: party.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Un huissier a constaté vos deux articles, nous prendrons les mesures nécessaires.' });
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toContain('data-signal="legal_threat"');
    expect(page.text).toContain('data-testid="escalation-chart"');
    expect(page.text).toContain('data-testid="suggestion"');

    const logged = await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, {
      body: 'Please send any legal demand by registered mail.',
      direction: 'outbound',
      channel: 'comment',
      parentId: threat.id,
      postedAt: '',
    });
    expect(logged.status).toBe(303);
    const after = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(after.text.match(/data-testid="comment"/g)).toHaveLength(2);
    expect(after.text).toContain('class="comment outbound depth-1"');
    expect(after.text).toContain('The founder');
  });

  it('opens an incident addressed by its reference, as people quote it, at its page; an unknown one is a 404, anything else a 400 naming id', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    const moved = await manager.agent.get(`/incidents/${incident.ref}`).expect(302);
    expect(moved.headers.location).toBe(`/incidents/${incident.id}`);
    expect((await manager.agent.get(`/incidents/${incident.ref.toLowerCase()}?replyTo=x y`).expect(302)).headers.location).toBe(`/incidents/${incident.id}?replyTo=x%20y`);
    await manager.agent.get(`/incidents/${moved.headers.location.split('/').pop()}`).expect(200);
    const unknown = await manager.agent.get('/incidents/INC-1999-0001').expect(404);
    expect(unknown.text).toContain('INC-1999-0001');
    const neither = await manager.agent.get('/incidents/nothing-like-it').set('accept-language', 'en').expect(400);
    expect(neither.text).toContain('(a UUID)');
  });

  it('refuses a message without text with 400 naming the field, and writes nothing', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    const refused = await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { body: '', direction: 'sideways' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Direction must be one of the values offered.');
    expect((await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200)).body.items).toHaveLength(0);
  });

  it('moves the incident with a backdated time and accepts a suggested state in one click', async () => {
    const incident = await createIncident(t, { ownerId: manager.id, openedAt: new Date(Date.now() - 5 * 3600_000).toISOString() });
    const at = new Date(Date.now() - 2 * 3600_000);
    const local = deskLocal(at);
    const moved = await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/transitions`, { to: 'heated', reason: 'insults', at: local, version: '1' });
    expect(moved.status).toBe(303);
    const states = await t.api().get(`/api/incidents/${incident.id}/states`).expect(200);
    expect(states.body.at(-1)).toMatchObject({ to: 'heated' });
    expect(Math.abs(Date.parse(states.body.at(-1).at) - at.getTime())).toBeLessThan(60_000);

    await addComment(t, incident.id, { direction: 'inbound', body: 'Je vous prie de m’excuser, c’était un malentendu.', authorName: 'The founder' });
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    const action = /action="(\/incidents\/[^"]+\/accept)"/.exec(page.text)![1]!;
    await manager.agent.post(action).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.state).toBe('de_escalating');
  });

  it('hides the forms from a viewer and refuses their writes with 403, as the API does', async () => {
    const viewer = await signedIn(t, 'viewer');
    const incident = await createIncident(t);
    const page = await viewer.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).not.toContain('data-testid="comment-form"');
    const refused = await viewer.agent.post(`/incidents/${incident.id}/comments`).type('form').send({ _csrf: csrfOf(page.text), body: 'x', direction: 'inbound' });
    expect(refused.status).toBe(403);
    await viewer.agent.get('/admin').expect(403);
    await viewer.agent.get('/legal').expect(403);
    expect(page.text).not.toContain('href="/admin"');
  });

  it('speaks the browser’s language, and keeps the language a person picks', async () => {
    const person = await signedIn(t, 'viewer');
    const french = await person.agent.get('/').set('Accept-Language', 'fr-FR,fr;q=0.9').expect(200);
    expect(french.text).toContain('<html lang="fr">');
    expect(french.text).toContain('Aujourd’hui');
    await submit(person.agent, '/', '/language', { locale: 'en', back: '/' }).then((response) => expect(response.status).toBe(303));
    const english = await person.agent.get('/').set('Accept-Language', 'fr-FR').expect(200);
    expect(english.text).toContain('<html lang="en">');
  });

  it('lets an admin add a person and hands back their one-time invite link', async () => {
    const admin = await signedIn(t, 'admin');
    const added = await submit(admin.agent, '/admin', '/admin/users', { name: 'Léa Juriste', email: 'lea@example.com', role: 'legal' });
    expect(added.status).toBe(303);
    const page = await admin.agent.get('/admin').expect(200);
    expect(page.text).toContain('data-testid="invite-link"');
    const link = /href="(http[^"]+\/invite\/[^"]+)"/.exec(page.text)![1]!;
    await t.anonymous().get(new URL(link).pathname).expect(200);
    expect((await admin.agent.get('/admin').expect(200)).text).not.toContain('data-testid="invite-link"');
  });

  it('lets an admin change, add and delete a deadline rule on the admin page, as PUT /api/deadline-rules does', async () => {
    const admin = await signedIn(t, 'admin');
    const before = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, unknown>>;
    const index = before.findIndex((rule) => rule['jurisdiction'] === 'FR' && rule['noticeType'] === 'right_of_reply');
    const fields = (rule: Record<string, unknown>) => ({ index: String(index), action: 'save', jurisdiction: String(rule['jurisdiction']), noticeType: String(rule['noticeType']), clockStarts: String(rule['clockStarts']), dayCount: String(rule['dayCount']), reference: String(rule['reference']), note: '' });
    expect((await submit(admin.agent, '/admin', '/admin/rules', { ...fields(before[index]!), period: 'P4D' })).status).toBe(303);
    const changed = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, unknown>>;
    expect(changed[index]).toMatchObject({ jurisdiction: 'FR', noticeType: 'right_of_reply', period: 'P4D', validity: before[index]!['validity'] });

    const added = await submit(admin.agent, '/admin', '/admin/rules', { index: '', action: 'save', jurisdiction: 'BE', noticeType: 'takedown_request', clockStarts: 'receivedAt', period: 'P10D', dayCount: 'calendar', reference: 'Test rule', note: '' });
    expect(added.status).toBe(303);
    const grown = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, unknown>>;
    expect(grown).toHaveLength(before.length + 1);
    const belgian = grown.findIndex((rule) => rule['jurisdiction'] === 'BE');
    expect((await submit(admin.agent, '/admin', '/admin/rules', { ...fields(grown[belgian]!), index: String(belgian), period: 'P10D', action: 'delete' })).status).toBe(303);
    expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toHaveLength(before.length);
  });

  it('refuses a bad deadline rule with 400, the problem next to its field, and changes nothing', async () => {
    const admin = await signedIn(t, 'admin');
    const before = (await t.api().get('/api/deadline-rules').expect(200)).body.rules;
    const refused = await submit(admin.agent, '/admin', '/admin/rules', { index: '', action: 'save', jurisdiction: 'BE', noticeType: 'takedown_request', clockStarts: 'receivedAt', period: 'three days', dayCount: 'calendar', reference: 'Test rule', note: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<input id="rule-\d+-period" name="period" value="three days"[^>]*aria-invalid="true" aria-describedby="rule-\d+-period-error" autofocus><span class="field-error" id="rule-\d+-period-error">Period must be a period of whole days/);
    expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toEqual(before);
  });

  it('keeps deadline rules for admins: a legal user may not change them', async () => {
    const legal = await signedIn(t, 'legal');
    const page = await legal.agent.get('/').expect(200);
    const refused = await legal.agent.post('/admin/rules').type('form').send({ _csrf: csrfOf(page.text), index: '', jurisdiction: 'BE' });
    expect(refused.status).toBe(403);
  });

  it('finds messages by their words, accents ignored, with a snippet', async () => {
    const incident = await createIncident(t);
    await addComment(t, incident.id, { direction: 'inbound', body: 'Je demande mon droit de réponse immédiatement', authorName: 'X' });
    const page = await manager.agent.get('/search?q=reponse').expect(200);
    expect(page.text).toContain('data-testid="search-hit"');
    expect(page.text).toContain('<mark>réponse</mark>');
  });
});

describe('web desk: the dossier', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('reads in the reader’s language, the timeline as sentences with names, not ids', async () => {
    const person = await signedIn(t, 'community_manager', 'Marie-Aude');
    const incident = await createIncident(t, { ownerId: person.id });
    await t.api(person.token).post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: 'huissier mentionné' }).expect(200);
    await t.api(person.token).post(`/api/incidents/${incident.id}/transitions`).send({ to: 'legal_threat', reason: 'huissier mentionné' }).expect(200);
    const page = await person.agent.get(`/incidents/${incident.id}/dossier`).set('Accept-Language', 'fr').expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toMatch(/\d\d:\d\d — Marie-Aude a fait passer l’incident de Tendu à Menace juridique\u202f: huissier mentionné/);
    expect(page.text).not.toContain(person.id);
  });

  it('gives each promise as counsel reads it: to whom, when, who keeps it, when it is due and whether it is overdue; a post without a title by its address once', async () => {
    const officer = await signedIn(t, 'legal', 'Léa');
    const founder = await createParty(t, { name: 'Le fondateur' });
    const post = await createPost(t, { url: 'https://blog.example/sans-titre', title: undefined });
    const incident = await createIncident(t, { counterpartId: founder.id, ownerId: officer.id, postIds: [post.id] });
    await t
      .api()
      .post(`/api/incidents/${incident.id}/commitments`)
      .send({ kind: 'call_back', description: 'Rappeler le fondateur', ownerId: officer.id, promisedToPartyId: founder.id, promisedAt: '2026-11-30T09:00:00Z', dueAt: '2026-12-01T09:00:00Z' })
      .expect(201);
    const page = await officer.agent.get(`/incidents/${incident.id}/dossier`).set('Accept-Language', 'fr').expect(200);
    const promise = page.text.slice(page.text.indexOf('data-testid="dossier-commitment"'));
    expect(promise).toMatch(/^data-testid="dossier-commitment">Rappeler · En attente — Rappeler le fondateur\s*<br>Promis au fondateur le 30 nov\. 2026 10:00 UTC\+1\u202f; tenu par Léa<br><span class="overdue" data-testid="commitment-overdue">en retard\u202f: échéance 1 déc\. 2026 10:00 UTC\+1<\/span>/);
    expect(page.text).toContain('<li>https://blog.example/sans-titre</li>');
  });

  it('gives each notice’s record in full, as counsel reads it: sender and counsel, the registered letter, dates, basis, demands', async () => {
    const officer = await signedIn(t, 'legal', 'Léa');
    const founder = await createParty(t, { name: 'Le fondateur', organisation: 'Petite Société' });
    const counsel = await createParty(t, { name: 'Me Antoine Martin' });
    const incident = await createIncident(t, { counterpartId: founder.id });
    await t
      .api(officer.token)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({
        type: 'formal_notice',
        receivedVia: 'registered_mail',
        receivedAt: '2026-11-02T10:00:00+01:00',
        registeredMail: { trackingNumber: '1A 123 456 7890 1', sentAt: '2026-10-30T09:00:00Z', acknowledgedAt: '2026-11-02T11:00:00Z' },
        jurisdiction: 'FR',
        senderPartyId: counsel.id,
        onBehalfOfPartyId: founder.id,
        counselPartyId: counsel.id,
        legalBasis: 'Article 29 de la loi du 29 juillet 1881',
        demands: [{ kind: 'remove_mention', description: 'Retirer toute mention de la société' }],
      })
      .expect(201);
    const page = await officer.agent.get(`/incidents/${incident.id}/dossier`).set('Accept-Language', 'fr').expect(200);
    const notice = page.text.slice(page.text.indexOf('data-testid="dossier-notice"'));
    for (const fact of ['Mise en demeure', '1A 123 456 7890 1', 'Me Antoine Martin', 'Le fondateur</a> (Petite Société)', 'Article 29 de la loi du 29 juillet 1881', 'Retirer toute mention de la société', 'Lettre recommandée', '2 nov. 2026']) {
      expect({ fact, found: notice.includes(fact) }).toEqual({ fact, found: true });
    }
  });
});
