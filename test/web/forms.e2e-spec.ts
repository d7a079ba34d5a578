import { PASSWORD_MIN_LENGTH } from '../../src/users/passwords.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { startSite } from '../helpers/site.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { fieldOf, formProblems, postForm } from './form-helpers.js';
import { csrfOf, inviteUrl, signedIn } from './web-helpers.js';

/**
 * Every kind of form of the desk, refused for a bad field: the form comes
 * back in place (the page without JavaScript, the form alone for htmx) with
 * what was typed, the problem beside the field named by its label in the
 * reader's language, and nothing written.
 */
describe('web desk: a refused form comes back in place', () => {
  let t: TestApp;
  let manager: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startApp();
    [manager, admin] = await Promise.all([signedIn(t, 'community_manager', 'Marie-Aude'), signedIn(t, 'admin', 'Alix')]);
  });
  afterAll(() => t.close());

  const post = postForm;

  const incidentWithThread = async () => {
    const party = await createParty(t, { name: 'Le fondateur' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: party.id });
    const comment = await addComment(t, incident.id, { direction: 'inbound', body: 'Mon avocat vous adressera une mise en demeure.' });
    return { incident, comment };
  };
  const commentsOf = async (id: string) => (await t.api().get(`/api/incidents/${id}/comments`).expect(200)).body.items as unknown[];

  describe.each([
    ['en', 'Text', 'When'],
    ['fr', 'Texte', 'Quand'],
  ] as const)('in %s', (lang, bodyLabel, whenLabel) => {
    it('an incident edited with its title emptied: the title named, the other fields kept, nothing changed; then saved, the backup owner and counterpart cleared', async () => {
      const { incident } = await incidentWithThread();
      const path = `/incidents/${incident.id}`;
      const edit = { _form: 'edit-incident', version: '1', title: '  ', summary: 'Résumé corrigé', severity: 'critical', tags: 'marque, presse', ownerId: manager.id, backupOwnerId: admin.id, counterpartId: '' };
      const refused = await post(manager.agent, path, `${path}/edit`, edit, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'edit-incident-title')).toMatchObject({ label: lang === 'fr' ? 'Titre' : 'Title', invalid: true, problem: expect.stringMatching(lang === 'fr' ? /^Le champ «\u202fTitre\u202f» / : /^Title /) });
      expect(fieldOf(refused.text, 'edit-incident-summary').value).toBe('Résumé corrigé');
      expect(fieldOf(refused.text, 'edit-incident-severity').value).toBe('critical');
      expect(fieldOf(refused.text, 'edit-incident-tags').value).toBe('marque, presse');
      const before = (await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body;
      expect(before.version).toBe(1);
      expect(before.severity).not.toBe('critical');

      const saved = await post(manager.agent, path, `${path}/edit`, { ...edit, title: 'Titre corrigé' }, lang);
      expect(saved.status).toBe(303);
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body).toMatchObject({
        title: 'Titre corrigé',
        summary: 'Résumé corrigé',
        severity: 'critical',
        tags: ['marque', 'presse'],
        backupOwnerId: admin.id,
        counterpartId: null,
        version: 2,
      });
      // Read at version 1, sent after the change: refused, nothing written over it.
      const stale = await post(manager.agent, path, `${path}/edit`, { ...edit, title: 'Autre titre' }, lang);
      expect(stale.status).toBe(409);
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.title).toBe('Titre corrigé');
    });

    it('a message corrected with its text emptied: the text named, the choices kept; then marked as needing no reply and hidden, its old text kept as a revision', async () => {
      const { incident, comment } = await incidentWithThread();
      const path = `/incidents/${incident.id}`;
      const alone = await manager.agent.get(`${path}/messages/${comment.id}/edit`).set('Accept-Language', lang).expect(200);
      expect(alone.text).toContain('<html');
      expect(fieldOf(alone.text, `edit-message-${comment.id}-body`).value).toBe('Mon avocat vous adressera une mise en demeure.');
      const fragment = await manager.agent.get(`${path}/messages/${comment.id}/edit`).set('HX-Request', 'true').set('Accept-Language', lang).expect(200);
      expect(fragment.text).not.toContain('<html');
      // Unfolded under its message, the correction takes the focus into its text (htmx honours autofocus in what it swaps in).
      expect(fragment.text).toContain(`<textarea id="edit-message-${comment.id}-body" name="body" required maxlength="50000" autofocus>`);
      await manager.agent.get(`${path}/messages/${(await incidentWithThread()).comment.id}/edit`).expect(404);

      const edit = { _form: `edit-message-${comment.id}`, body: '   ', needsResponse: 'false', status: 'hidden' };
      const refused = await post(manager.agent, path, `${path}/messages/${comment.id}`, edit, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, `edit-message-${comment.id}-body`)).toMatchObject({ label: bodyLabel, invalid: true, problem: expect.stringMatching(new RegExp(lang === 'fr' ? `^Le champ «\u202f${bodyLabel}\u202f» ` : `^${bodyLabel} `)) });
      expect(fieldOf(refused.text, `edit-message-${comment.id}-needsResponse`).value).toBe('false');
      expect(fieldOf(refused.text, `edit-message-${comment.id}-status`).value).toBe('hidden');
      expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body).toMatchObject({ needsResponse: true, status: 'visible' });

      const saved = await post(manager.agent, path, `${path}/messages/${comment.id}`, { ...edit, body: 'Mon avocat vous écrira.' }, lang);
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`${path}#comment-${comment.id}`);
      const corrected = (await t.api().get(`/api/comments/${comment.id}`).expect(200)).body;
      expect(corrected).toMatchObject({ body: 'Mon avocat vous écrira.', needsResponse: false, status: 'hidden', revisions: [expect.objectContaining({ body: 'Mon avocat vous adressera une mise en demeure.' })] });
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.openCounts.commentsAwaitingResponse).toBe(0);
    });

    it('a message dated on a day that does not exist: the text and the date kept, the date named', async () => {
      const { incident } = await incidentWithThread();
      const refused = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { _form: 'comment', body: 'Nous vous répondrons.', direction: 'outbound', channel: 'email', postedAt: '2026-02-30T10:00' }, lang);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(`<html lang="${lang}">`);
      expect(fieldOf(refused.text, 'comment-body')).toMatchObject({ label: bodyLabel, value: 'Nous vous répondrons.', invalid: false });
      expect(fieldOf(refused.text, 'comment-channel').value).toBe('email');
      // The direction sent stays as sent: desk.js no longer follows the message chosen next.
      expect(fieldOf(refused.text, 'comment-direction').value).toBe('outbound');
      expect(refused.text).toMatch(/<select id="comment-direction" name="direction"[^>]* data-picked="true"/);
      const when = fieldOf(refused.text, 'comment-postedAt');
      expect(when).toMatchObject({ label: whenLabel, value: '2026-02-30T10:00', invalid: true, problem: expect.stringMatching(new RegExp(`^${lang === 'fr' ? `Le champ «\u202f${whenLabel}\u202f» doit être une date et une heure` : `${whenLabel} must be a date and time`}`)) });
      expect(await commentsOf(incident.id)).toHaveLength(1);
    });

    it('a move without a reason and dated in the future, for htmx: the form alone, the state and time kept, both named, nothing moved', async () => {
      const { incident } = await incidentWithThread();
      const refused = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/transitions`, { _form: 'move', to: 'heated', at: '2031-01-15T09:30', reason: '   ', version: '1' }, lang, true);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/^<form [^>]*id="move"/);
      expect(refused.text).not.toContain('<html');
      expect(fieldOf(refused.text, 'move-to').value).toBe('heated');
      expect(fieldOf(refused.text, 'move-at')).toMatchObject({
        value: '2031-01-15T09:30',
        invalid: true,
        problem: lang === 'fr' ? 'Le champ «\u202fQuand\u202f» ne doit pas être dans le futur.' : 'When must not be in the future.',
      });
      expect(fieldOf(refused.text, 'move-reason')).toMatchObject({ label: lang === 'fr' ? 'Motif' : 'Reason', invalid: true, problem: expect.stringMatching(lang === 'fr' ? /^Le champ «\u202fMotif\u202f» / : /^Reason /) });
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.state).toBe('reported');
    });

    it('a message of spaces only, dated years ahead: both named in the reader’s language, what was typed kept, nothing logged', async () => {
      const { incident } = await incidentWithThread();
      const refused = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { _form: 'comment', body: '   ', direction: 'inbound', postedAt: '2031-05-01T10:00' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'comment-body')).toMatchObject({ value: '   ', invalid: true, problem: lang === 'fr' ? 'Le champ «\u202fTexte\u202f» ne doit pas être vide.' : 'Text must not be empty.' });
      expect(fieldOf(refused.text, 'comment-postedAt')).toMatchObject({
        value: '2031-05-01T10:00',
        invalid: true,
        problem: lang === 'fr' ? 'Le champ «\u202fQuand\u202f» ne doit pas être à plus d’un jour dans le futur.' : 'When must not be more than a day in the future.',
      });
      expect(await commentsOf(incident.id)).toHaveLength(1);
    });

    it('an import from an address that is none: the address kept and named', async () => {
      const { incident } = await incidentWithThread();
      const refused = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { _form: 'import', url: 'mon blog', watch: 'true' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'import-url')).toMatchObject({ label: lang === 'fr' ? 'L’adresse de la publication, du sujet, du pouet ou de la vidéo' : 'The address of the post, topic, status or video', value: 'mon blog', invalid: true });
      expect(refused.text).toMatch(/<input id="import-watch" name="watch" type="checkbox" value="true" checked>/);
    });

    it('an import from an address of no known place: the place asked for, the address kept; then named, refused as that place would be', async () => {
      const { incident } = await incidentWithThread();
      const site = await startSite();
      try {
        site.page('/un-fil/', '<!doctype html><title>Un fil</title><p>Rien ici.</p>');
        const url = `${site.base}/un-fil/`;
        const asked = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { _form: 'import', url, source: '' }, lang);
        expect(asked.status).toBe(400);
        expect(fieldOf(asked.text, 'import-source')).toMatchObject({
          label: lang === 'fr' ? 'Le lieu' : 'The place',
          invalid: true,
          problem: expect.stringMatching(lang === 'fr' ? /^Le lieu\u202f: de quel lieu est .+\u202f\? Choisissez\u202f: WordPress, Discourse, Mastodon, Reddit, YouTube\.$/ : /^The place: which place is .+\? Choose one: WordPress, Discourse, Mastodon, Reddit, YouTube\.$/),
        });
        expect(fieldOf(asked.text, 'import-url').value).toBe(url);
        const named = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { _form: 'import', url, source: 'wordpress' }, lang);
        expect(named.status).toBe(400);
        expect(fieldOf(named.text, 'import-url')).toMatchObject({ invalid: true, problem: expect.stringContaining(lang === 'fr' ? 'API REST WordPress' : 'WordPress REST API') });
        expect(fieldOf(named.text, 'import-source').value).toBe('wordpress');
        expect(await commentsOf(incident.id)).toHaveLength(1);
      } finally {
        await site.close();
      }
    });

    it('a snooze to a time that is none, and a cancel without a reason: each in its own form', async () => {
      const { incident } = await incidentWithThread();
      const [reminder] = (await t.api().get(`/api/reminders?incidentId=${incident.id}&status=scheduled`).expect(200)).body.items as Array<{ id: string; dueAt: string }>;
      const snoozed = await post(manager.agent, `/incidents/${incident.id}`, `/reminders/${reminder!.id}/snooze`, { _form: `snooze-${reminder!.id}`, until: 'jeudi' }, lang);
      expect(snoozed.status).toBe(400);
      expect(fieldOf(snoozed.text, `snooze-${reminder!.id}-until`)).toMatchObject({ value: 'jeudi', invalid: true, label: lang === 'fr' ? 'Reporter au' : 'Snooze until' });
      const cancelled = await post(manager.agent, `/incidents/${incident.id}`, `/reminders/${reminder!.id}/cancel`, { _form: `cancel-${reminder!.id}`, reason: ' ' }, lang, true);
      expect(cancelled.status).toBe(400);
      expect(cancelled.text).toMatch(new RegExp(`^<form [^>]*id="cancel-${reminder!.id}"`));
      expect(fieldOf(cancelled.text, `cancel-${reminder!.id}-reason`)).toMatchObject({ invalid: true, label: lang === 'fr' ? 'Motif de l’annulation' : 'Why cancel' });
      expect((await t.api().get(`/api/reminders/${reminder!.id}`).expect(200)).body).toMatchObject({ status: 'scheduled', dueAt: reminder!.dueAt });
    });

    it('a suggested notice accepted with a country that is none: the jurisdiction kept and named; dismissing one decided meanwhile says why at the top', async () => {
      const { incident } = await incidentWithThread();
      const page = await admin.agent.get(`/incidents/${incident.id}`).expect(200);
      const [, key, formId] = /data-type="legal_notice">[\s\S]*?action="\/incidents\/[^/]+\/suggestions\/([^/"]+)\/accept" id="([^"]+)"/.exec(page.text)!;
      const refused = await post(admin.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/suggestions/${key!}/accept`, { _form: formId!, 'edits.jurisdiction': 'France' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, `${formId!}-edits-jurisdiction`)).toMatchObject({ value: 'France', invalid: true, label: lang === 'fr' ? 'Juridiction (code pays)' : 'Jurisdiction (country code)' });
      expect((await t.api().get(`/api/legal-notices?status=open`).expect(200)).body.items.filter((n: { incidentId: string }) => n.incidentId === incident.id)).toHaveLength(0);

      const dismissId = formId!.replace(/^accept-/, 'dismiss-');
      await post(admin.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/suggestions/${key!}/dismiss`, { _form: dismissId }, lang).then((r) => expect(r.status).toBe(303));
      const again = await admin.agent.post(`/incidents/${incident.id}/suggestions/${key!}/dismiss`).set('Accept-Language', lang).set('HX-Request', 'true').type('form').send({ _csrf: csrfOf(page.text), _form: dismissId });
      expect(again.status).toBe(404);
      expect(formProblems(again.text, dismissId)).toEqual([expect.stringContaining(incident.ref)]);
    });

    it('a person added with an email that is none: the name and email kept, the email named', async () => {
      const refused = await post(admin.agent, '/admin', '/admin/users', { _form: 'add-user', name: 'Léa Juriste', email: 'lea-at-example', role: 'legal' }, lang);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, 'add-user-name').value).toBe('Léa Juriste');
      expect(fieldOf(refused.text, 'add-user-role').value).toBe('legal');
      expect(fieldOf(refused.text, 'add-user-email')).toMatchObject({ label: lang === 'fr' ? 'E-mail' : 'Email', value: 'lea-at-example', invalid: true });
      const people = (await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ name: string }>;
      expect(people.some((person) => person.name === 'Léa Juriste')).toBe(false);
    });

    it('a role that is none: the role form names it', async () => {
      const refused = await post(admin.agent, '/admin', `/admin/users/${manager.id}`, { _form: `role-${manager.id}`, role: 'emperor' }, lang, true);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(new RegExp(`^<form [^>]*id="role-${manager.id}"`));
      expect(fieldOf(refused.text, `role-${manager.id}-role`)).toMatchObject({ invalid: true, label: lang === 'fr' ? 'Rôle' : 'Role' });
    });

    it('an admin leaving the admin role: refused until the box on their own row is ticked, then told on Today that the admin pages are closed to them', async () => {
      const self = await signedIn(t, 'admin', `Ada ${lang}`);
      const roleOf = async (id: string) => ((await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; role: string }>).find((u) => u.id === id)!.role;
      const page = await self.agent.get('/admin').set('Accept-Language', lang).expect(200);
      // Only their own row has the box.
      expect(fieldOf(page.text, `role-${self.id}-confirmSelf`).label).toBe(lang === 'fr' ? 'C’est vous\u202f: je renonce aux pages d’administration' : 'This is you: I give up the admin pages');
      expect(page.text).not.toContain(`role-${manager.id}-confirmSelf`);
      const refused = await post(self.agent, '/admin', `/admin/users/${self.id}`, { _form: `role-${self.id}`, role: 'community_manager' }, lang, true);
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.text, `role-${self.id}-role`).value).toBe('community_manager');
      expect(fieldOf(refused.text, `role-${self.id}-confirmSelf`)).toMatchObject({
        invalid: true,
        problem: lang === 'fr' ? 'Confirmation\u202f: cochez-la pour dire que vous renoncez aux pages d’administration\u202f; un autre administrateur peut vous les rendre.' : 'Confirmation: tick it to say you give up the admin pages; another admin can give them back.',
      });
      expect(await roleOf(self.id)).toBe('admin');
      // Kept the role: nothing to confirm.
      expect((await post(self.agent, '/admin', `/admin/users/${self.id}`, { _form: `role-${self.id}`, role: 'admin' }, lang)).headers['location']).toBe('/admin');
      const left = await post(self.agent, '/admin', `/admin/users/${self.id}`, { _form: `role-${self.id}`, role: 'community_manager', confirmSelf: 'true' }, lang);
      expect(left.status).toBe(303);
      expect(left.headers['location']).toBe('/');
      const today = await self.agent.get('/').set('Accept-Language', lang).expect(200);
      expect(today.text).toContain(
        lang === 'fr'
          ? 'Votre rôle est désormais «\u202fAnimation de communauté\u202f»\u202f: les pages d’administration ne vous sont plus ouvertes. Un autre administrateur peut vous les rendre.'
          : 'Your role is now Community manager: the admin pages are no longer open to you. Another admin can give them back.',
      );
      expect(await roleOf(self.id)).toBe('community_manager');
      await self.agent.get('/admin').set('Accept-Language', lang).expect(403);
    });

    it('saved on /admin: a role, a deactivation, a reactivation and a rule are each said on the page it comes back to', async () => {
      const person = await signedIn(t, 'viewer', `Noé ${lang}`);
      const noticeOf = async () => /<p class="notice"[^>]*>([^<]*)</.exec((await admin.agent.get('/admin').set('Accept-Language', lang).expect(200)).text)?.[1];
      const saved = await post(admin.agent, '/admin', `/admin/users/${person.id}`, { _form: `role-${person.id}`, role: 'legal' }, lang);
      expect(saved.headers['location']).toBe('/admin');
      expect(await noticeOf()).toBe(lang === 'fr' ? `Noé fr\u202f: le rôle «\u202fJuriste\u202f» est enregistré.` : 'Noé en: the role Legal is saved.');
      // Said once: the next visit has no notice.
      expect(await noticeOf()).toBeUndefined();
      await post(admin.agent, '/admin', `/admin/users/${person.id}`, { _form: `active-${person.id}`, active: 'false' }, lang);
      expect(await noticeOf()).toBe(lang === 'fr' ? 'Noé fr est désactivé·e\u202f: cette personne ne peut plus se connecter.' : 'Noé en is deactivated: they can no longer sign in.');
      await post(admin.agent, '/admin', `/admin/users/${person.id}`, { _form: `active-${person.id}`, active: 'true' }, lang);
      expect(await noticeOf()).toBe(lang === 'fr' ? 'Noé fr est de nouveau actif·ve.' : 'Noé en is active again.');
      const rules = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, unknown>>;
      const last = rules.length - 1;
      const rule = rules[last]!;
      const fields = { index: String(last), action: 'save', jurisdiction: rule['jurisdiction'], noticeType: rule['noticeType'], clockStarts: rule['clockStarts'], period: rule['period'], dayCount: rule['dayCount'], reference: rule['reference'], note: rule['note'] ?? '' };
      expect((await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${last}`, ...(fields as unknown as Record<string, string>) }, lang)).status).toBe(303);
      expect(await noticeOf()).toBe(lang === 'fr' ? 'La règle est enregistrée.' : 'The rule is saved.');
    });

    it('renames a person on /admin, the built-in admin too; an empty name is refused in place, naming the field', async () => {
      const noticeOf = async () => /<p class="notice"[^>]*>([^<]*)</.exec((await admin.agent.get('/admin').set('Accept-Language', lang).expect(200)).text)?.[1];
      const people = async () => (await t.api().get('/api/users?limit=100').expect(200)).body.items as Array<{ id: string; name: string; role: string; active: boolean }>;
      const builtIn = (await people()).find((user) => user.name === 'Administrator')!;
      const renamed = lang === 'fr' ? 'Administration du blog' : 'Blog administration';
      try {
        const page = await admin.agent.get('/admin').set('Accept-Language', lang).expect(200);
        expect(fieldOf(page.text, `name-${builtIn.id}-name`)).toMatchObject({ label: lang === 'fr' ? 'Nom' : 'Name', value: 'Administrator' });
        expect((await post(admin.agent, '/admin', `/admin/users/${builtIn.id}`, { _form: `name-${builtIn.id}`, name: `  ${renamed} ` }, lang)).headers['location']).toBe('/admin');
        expect(await noticeOf()).toBe(lang === 'fr' ? `Administrator s’appelle désormais ${renamed}.` : `Administrator is now named ${renamed}.`);
        expect((await people()).find((user) => user.id === builtIn.id)).toMatchObject({ name: renamed, role: 'admin', active: true });
        const refused = await post(admin.agent, '/admin', `/admin/users/${builtIn.id}`, { _form: `name-${builtIn.id}`, name: '' }, lang);
        expect(refused.status).toBe(400);
        expect(fieldOf(refused.text, `name-${builtIn.id}-name`)).toMatchObject({ value: '', invalid: true, problem: expect.stringMatching(lang === 'fr' ? /Nom/ : /name/i) });
        expect((await people()).find((user) => user.id === builtIn.id)?.name).toBe(renamed);
        // A form whose every field is empty changes nothing, and is no server error.
        expect((await post(admin.agent, '/admin', `/admin/users/${builtIn.id}`, { _form: `role-${builtIn.id}`, role: '' }, lang)).status).toBe(303);
        expect((await people()).find((user) => user.id === builtIn.id)).toMatchObject({ name: renamed, role: 'admin', active: true });
      } finally {
        await t.api().patch(`/api/users/${builtIn.id}`).send({ name: 'Administrator' }).expect(200);
      }
    });

    it('a deadline rule with a period that is none: every field kept, the period named, the rules unchanged', async () => {
      const before = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as unknown[];
      const fields = { index: '', action: 'save', jurisdiction: 'BE', noticeType: 'takedown_request', clockStarts: 'receivedAt', period: 'three days', dayCount: 'business', reference: 'Test rule', note: '' };
      const refused = await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${before.length}`, ...fields }, lang);
      expect(refused.status).toBe(400);
      const id = `rule-${before.length}`;
      expect(fieldOf(refused.text, `${id}-period`)).toMatchObject({ label: lang === 'fr' ? 'Durée' : 'Period', value: 'three days', invalid: true });
      expect(fieldOf(refused.text, `${id}-jurisdiction`)).toMatchObject({ value: 'BE', invalid: false });
      expect(fieldOf(refused.text, `${id}-dayCount`).value).toBe('business');
      expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toEqual(before);
    });

    it('a deadline rule whose period is typed in words: saved as its ISO-8601 period, shown back in words', async () => {
      const before = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<{ reference: string }>;
      const reference = `Rule typed in ${lang}`;
      const typed = lang === 'fr' ? '1 an et 2 semaines' : '1 year and 2 weeks';
      const fields = { index: '', action: 'save', jurisdiction: 'BE', noticeType: 'takedown_request', clockStarts: 'receivedAt', period: typed, dayCount: 'calendar', reference, note: '' };
      expect((await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${before.length}`, ...fields }, lang)).status).toBe(303);
      const after = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<{ reference: string; period: string }>;
      expect(after.find((rule) => rule.reference === reference)?.period).toBe('P1Y2W');
      // The admin page shows every saved period in words, the new one as luxon says it; saved again untouched, it stays the same.
      const page = await admin.agent.get('/admin').set('Accept-Language', lang).expect(200);
      const index = after.findIndex((rule) => rule.reference === reference);
      // Spaces as Intl writes them (no-break in French).
      expect((fieldOf(page.text, `rule-${index}-period`).value as string).replace(/\s/gu, ' ')).toBe(lang === 'fr' ? '1 an, 2 semaines' : '1 year, 2 weeks');
      expect(page.text).not.toMatch(/id="rule-\d+-period" name="period" value="P/);
      const again = { ...fields, index: String(index), period: fieldOf(page.text, `rule-${index}-period`).value as string };
      expect((await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${index}`, ...again }, lang)).status).toBe(303);
      expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toEqual(after);
      await t.api().put('/api/deadline-rules').send({ rules: before }).expect(200);
    });

    it('a seeded rule’s note in the desk’s language: saved untouched it stays the seeded note, rewritten it keeps the words typed', async () => {
      const before = (await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, string>>;
      const index = before.findIndex((rule) => rule['noticeType'] === 'formal_notice');
      const seeded = before[index]!;
      expect(seeded['note']).toBe('Set statedDeadline on the notice when the letter gives a date.');
      const page = await admin.agent.get('/admin').set('Accept-Language', lang).expect(200);
      const shown = fieldOf(page.text, `rule-${index}-note`).value as string;
      expect(shown).toBe(
        lang === 'fr' ? 'Si le courrier fixe une date, la saisir comme délai fixé par le courrier\u202f: elle remplace ces 8 jours.' : 'When the letter states a date, enter it as the deadline the letter states: it takes the place of these 8 days.',
      );
      const fields = { ...seeded, index: String(index), action: 'save', period: fieldOf(page.text, `rule-${index}-period`).value as string, note: shown };
      expect((await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${index}`, ...fields }, lang)).status).toBe(303);
      expect((await t.api().get('/api/deadline-rules').expect(200)).body.rules).toEqual(before);
      const rewritten = lang === 'fr' ? 'Vérifier la date du courrier.' : 'Check the letter’s date.';
      expect((await post(admin.agent, '/admin', '/admin/rules', { _form: `rule-${index}`, ...fields, note: rewritten }, lang)).status).toBe(303);
      expect(((await t.api().get('/api/deadline-rules').expect(200)).body.rules as Array<Record<string, string>>)[index]!['note']).toBe(rewritten);
      const again = await admin.agent.get('/admin').set('Accept-Language', lang === 'fr' ? 'en' : 'fr').expect(200);
      expect(fieldOf(again.text, `rule-${index}-note`).value).toBe(rewritten);
      await t.api().put('/api/deadline-rules').send({ rules: before }).expect(200);
    });

    it('a password too short: named, and neither password sent back', async () => {
      const person = await t.createUser('legal');
      const path = await inviteUrl(t, person.id);
      const agent = t.anonymous();
      const refused = await post(agent, path, path, { _form: 'invite', password: 'short', confirm: 'short' }, lang);
      expect(refused.status).toBe(400);
      const password = fieldOf(refused.text, 'invite-password');
      expect(password).toMatchObject({ invalid: true, value: '' });
      expect(password.problem).toBe(lang === 'fr' ? `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.` : `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
      expect(refused.text).not.toContain('value="short"');
      const mismatch = await post(agent, path, path, { _form: 'invite', password: 'correct horse battery', confirm: 'correct horse battery staple' }, lang);
      expect(fieldOf(mismatch.text, 'invite-confirm').problem).toBe(lang === 'fr' ? 'Les deux mots de passe diffèrent.' : 'The two passwords differ.');
      // Both come back empty, whichever was refused, and each says it must be typed again: retyping the refused one
      // alone (where the focus is) left the other empty, and the browser stopped the form on it.
      const again = lang === 'fr' ? 'À saisir de nouveau\u202f: la page ne garde pas les mots de passe.' : 'Type it again: the page does not keep passwords.';
      expect([fieldOf(mismatch.text, 'invite-password'), fieldOf(mismatch.text, 'invite-confirm')]).toEqual([
        expect.objectContaining({ value: '', focused: false, again, invalid: false }),
        expect.objectContaining({ value: '', focused: true, again, invalid: true }),
      ]);
      expect(fieldOf((await agent.get(path).set('Accept-Language', lang).expect(200)).text, 'invite-password')).toMatchObject({ focused: false, again: null });
    });
  });

  it('answers a done form to htmx with where to go, reloading when only the anchor changes', async () => {
    const { incident } = await incidentWithThread();
    const done = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { _form: 'comment', body: 'Bien reçu.', direction: 'outbound' }, 'en', true);
    expect(done.status).toBe(204);
    expect(done.headers['hx-redirect']).toMatch(new RegExp(`^/incidents/${incident.id}#comment-`));
    expect(done.headers['hx-refresh']).toBe('true');
  });

  it('says at the top of the page the problems of a form it no longer shows', async () => {
    const { incident } = await incidentWithThread();
    const refused = await post(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { _form: 'reply-gone', body: '', direction: 'outbound' }, 'en');
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<main id="main">\s*<h1>[^<]*<\/h1>\s*<div class="form-problems" role="alert"><ul><li>Text is required\.<\/li>/);
  });

  it('says a body too large in words, on the form for htmx, never as JSON', async () => {
    const { incident } = await incidentWithThread();
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    const huge = { _csrf: csrfOf(page.text), body: 'x'.repeat(2 * 1024 * 1024), direction: 'outbound' };
    const plain = await manager.agent.post(`/incidents/${incident.id}/comments`).set('Accept-Language', 'fr').type('form').send(huge);
    expect(plain.status).toBe(413);
    expect(plain.headers['content-type']).toMatch(/^text\/html/);
    expect(plain.text.replace(/\s/g, ' ')).toContain('C’est trop volumineux pour être envoyé (plus de 1 Mo)');
    const htmx = await manager.agent.post(`/incidents/${incident.id}/comments`).set('HX-Request', 'true').type('form').send(huge);
    expect(htmx.status).toBe(413);
    expect(htmx.headers['hx-retarget']).toBe('find .form-problems');
    expect(htmx.text.replace(/\s/g, ' ')).toBe('<ul><li>This is too large to send (more than 1 MB). Shorten the text or choose a smaller file.</li></ul>');
    expect(await commentsOf(incident.id)).toHaveLength(1);
  });
});
