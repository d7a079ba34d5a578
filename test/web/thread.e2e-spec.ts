import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident, createParty } from '../helpers/fixtures.js';
import { fieldOf, formProblems, postForm } from './form-helpers.js';
import { csrfOf, signedIn } from './web-helpers.js';

/** A WordPress export of one post and two comments, the second answering the first as the post's author. */
const WXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Blog</title>
  <wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[marie]]></wp:author_login></wp:author>
  <item>
    <title><![CDATA[Les erreurs de débutant]]></title>
    <link>https://blog.example.com/erreurs-de-debutant/</link>
    <dc:creator><![CDATA[marie]]></dc:creator>
    <wp:post_id>42</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-03-01 08:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[erreurs-de-debutant]]></wp:post_name>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:comment>
      <wp:comment_id>7</wp:comment_id>
      <wp:comment_author><![CDATA[Le fondateur]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[fondateur@example.com]]></wp:comment_author_email>
      <wp:comment_author_url><![CDATA[]]></wp:comment_author_url>
      <wp:comment_date_gmt><![CDATA[2026-03-02 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Je demande un droit de réponse.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>8</wp:comment_id>
      <wp:comment_author><![CDATA[Marie]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[marie@example.com]]></wp:comment_author_email>
      <wp:comment_author_url><![CDATA[]]></wp:comment_author_url>
      <wp:comment_date_gmt><![CDATA[2026-03-02 11:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Écrivez-moi par lettre recommandée.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>7</wp:comment_parent>
      <wp:comment_user_id>3</wp:comment_user_id>
    </wp:comment>
  </item>
</channel>
</rss>`;

describe('web desk: the thread’s actions', () => {
  let t: TestApp;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    t = await startApp();
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
  });
  afterAll(() => t.close());

  const commentsOf = async (id: string) => (await t.api().get(`/api/incidents/${id}/comments`).expect(200)).body.items as Array<{ id: string; parentId: string | null; direction: string; body: string; respondedById: string | null; channel: string }>;
  const scheduled = async (id: string) => (await t.api().get(`/api/reminders?incidentId=${id}&status=scheduled&limit=100`).expect(200)).body.items as Array<{ id: string; kind: string; note: string | null; dueAt: string; recipientUserId: string }>;

  async function withThread() {
    const party = await createParty(t, { name: 'Le fondateur' });
    const incident = await createIncident(t, { ownerId: manager.id, counterpartId: party.id });
    const message = await addComment(t, incident.id, { direction: 'inbound', channel: 'email', body: 'Mon avocat vous écrira.' });
    return { incident, message };
  }

  it('answers a message from the message itself: its reply form unfolds under it, and the reply answers it', async () => {
    const { incident, message } = await withThread();
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toContain(`<a href="?replyTo=${message.id}#composer" hx-get="/incidents/${incident.id}/reply/${message.id}" hx-target="next .reply-slot"`);
    const fragment = await manager.agent.get(`/incidents/${incident.id}/reply/${message.id}`).set('HX-Request', 'true').expect(200);
    expect(fragment.text).toMatch(/^<details class="action reply" open>/);
    expect(fragment.text).toContain(`<input type="hidden" name="parentId" value="${message.id}">`);
    expect(fieldOf(fragment.text, `reply-${message.id}-direction`).value).toBe('outbound');
    expect(fieldOf(fragment.text, `reply-${message.id}-channel`).value).toBe('email');

    const replied = await manager.agent
      .post(`/incidents/${incident.id}/comments`)
      .type('form')
      .set('HX-Request', 'true')
      .set('HX-Current-URL', `http://calumet.test/incidents/${incident.id}`)
      .send({ _csrf: csrfOf(page.text), _form: `reply-${message.id}`, parentId: message.id, body: 'Nous attendons son courrier.', direction: 'outbound', channel: 'email' });
    expect(replied.status).toBe(204);
    const comments = await commentsOf(incident.id);
    const reply = comments.find((comment) => comment.parentId === message.id)!;
    expect(reply).toMatchObject({ direction: 'outbound', channel: 'email', body: 'Nous attendons son courrier.' });
    expect(comments.find((comment) => comment.id === message.id)!.respondedById).toBe(reply.id);
  });

  it('keeps a refused reply in the message’s own form', async () => {
    const { incident, message } = await withThread();
    const refused = await postForm(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/comments`, { _form: `reply-${message.id}`, parentId: message.id, body: 'Daté de travers', direction: 'outbound', postedAt: 'demain' }, 'fr', true);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(new RegExp(`^<form [^>]*id="reply-${message.id}"`));
    expect(refused.text).toContain(`<input type="hidden" name="parentId" value="${message.id}">`);
    expect(fieldOf(refused.text, `reply-${message.id}-body`).value).toBe('Daté de travers');
    expect(fieldOf(refused.text, `reply-${message.id}-postedAt`)).toMatchObject({ label: 'Quand', value: 'demain', invalid: true });
  });

  it('opens the composer on the message to answer without JavaScript (?replyTo=)', async () => {
    const { incident, message } = await withThread();
    const page = await manager.agent.get(`/incidents/${incident.id}?replyTo=${message.id}`).expect(200);
    expect(page.text).toMatch(/<details class="action" id="composer" open>/);
    expect(page.text).toContain(`<input type="radio" name="parentId" value="${message.id}" id="comment-parent-${message.id}" data-answer="outbound" checked>`);
    // Answering their message, the composer says the message is ours; a message answering none is theirs, most likely.
    expect(fieldOf(page.text, 'comment-direction').value).toBe('outbound');
    const closed = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(closed.text).toMatch(/<details class="action" id="composer">/);
    expect(fieldOf(closed.text, 'comment-direction').value).toBe('inbound');
    expect(closed.text).toContain('id="comment-parent-none" data-answer="inbound" checked>');
    await manager.agent.get(`/incidents/${incident.id}/reply/${(await withThread()).message.id}`).expect(404);
  });

  it('imports a WordPress export uploaded beside the address import, its token in the form’s address', async () => {
    const { incident } = await withThread();
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    const action = /<form method="post" action="([^"]+)" id="wxr"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    expect(action).toMatch(new RegExp(`^/incidents/${incident.id}/import/wxr\\?_csrf=`));
    expect(page.text).toMatch(/id="wxr"[^>]*enctype="multipart\/form-data" hx-encoding="multipart\/form-data"/);
    const done = await manager.agent.post(action).field('_form', 'wxr').field('thread', 'erreurs-de-debutant').attach('file', Buffer.from(WXR), { filename: 'export.xml', contentType: 'application/xml' });
    expect(done.status).toBe(303);
    const imported = (await commentsOf(incident.id)).filter((comment) => comment.body !== 'Mon avocat vous écrira.');
    expect(imported.map((comment) => comment.body).sort()).toEqual(['Je demande un droit de réponse.', 'Écrivez-moi par lettre recommandée.']);
    const after = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(after.text).toContain('2 new');

    const refused = await manager.agent.post(action).set('Accept-Language', 'fr').field('_form', 'wxr').field('thread', 'pas-de-billet').attach('file', Buffer.from(WXR), { filename: 'export.xml', contentType: 'application/xml' });
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.text, 'wxr-thread')).toMatchObject({ value: 'pas-de-billet', label: 'La discussion qu’il contient', invalid: true, problem: expect.stringContaining('pas-de-billet') });
    expect(formProblems(refused.text, 'wxr')).toEqual([]);
    // A browser sends no chosen file back: the refused form says to choose it again, and only then.
    expect(refused.text).toContain('<span class="hint again">Un fichier choisi avant doit l’être à nouveau\u202f: la page ne peut pas le garder.</span>');
    const french = await manager.agent.get(`/incidents/${incident.id}`).set('Accept-Language', 'fr').expect(200);
    expect(french.text).toContain('La discussion qu’il contient');
    expect(french.text).not.toContain('doit l’être à nouveau');

    const forged = await manager.agent.post(`/incidents/${incident.id}/import/wxr`).field('thread', 'erreurs-de-debutant').attach('file', Buffer.from(WXR), { filename: 'export.xml' });
    expect(forged.status).toBe(403);
  });

  describe.each([
    ['en', 'When', 'What to remember'],
    ['fr', 'Quand', 'Ce qu’il faut se rappeler'],
  ] as const)('in %s', (lang, whenLabel, noteLabel) => {
    it('schedules a follow-up for a colleague; one in the past comes back in place with the note kept', async () => {
      const { incident } = await withThread();
      const colleague = await t.createUser('community_manager', 'Jean-Baptiste');
      const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
      expect(page.text).toContain('data-testid="follow-up-form"');
      expect(fieldOf(page.text, 'follow-up-recipientUserId').value).toBe(manager.id);
      const refused = await postForm(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/follow-ups`, { _form: 'follow-up', recipientUserId: colleague.id, dueAt: '2020-01-01T09:00', note: 'Rappeler le fondateur' }, lang);
      expect(refused.status).toBe(400);
      expect(refused.text).toMatch(/<details class="action" open><summary>[^<]*<\/summary>\s*<div class="action-body"><form [^>]*id="follow-up"/);
      expect(fieldOf(refused.text, 'follow-up-note')).toMatchObject({ label: noteLabel, value: 'Rappeler le fondateur' });
      expect(fieldOf(refused.text, 'follow-up-recipientUserId').value).toBe(colleague.id);
      expect(fieldOf(refused.text, 'follow-up-dueAt')).toMatchObject({ label: whenLabel, value: '2020-01-01T09:00', invalid: true });

      const done = await postForm(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/follow-ups`, { _form: 'follow-up', recipientUserId: colleague.id, dueAt: '2099-01-15T09:30', note: 'Rappeler le fondateur, pas avant jeudi' }, lang);
      expect(done.status).toBe(303);
      const followUp = (await scheduled(incident.id)).find((reminder) => reminder.kind === 'follow_up')!;
      expect(followUp).toMatchObject({ recipientUserId: colleague.id, note: 'Rappeler le fondateur, pas avant jeudi', dueAt: '2099-01-15T08:30:00.000Z' });
    });
  });

  it('snoozes and cancels a reminder from its small menu', async () => {
    const { incident } = await withThread();
    const [owed] = await scheduled(incident.id);
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toMatch(new RegExp(`<details class="menu"><summary>[^<]*<span class="visually-hidden">[^<]*</span></summary>\\s*<div class="action-body"><form [^>]*id="snooze-${owed!.id}"`));
    expect((await postForm(manager.agent, `/incidents/${incident.id}`, `/reminders/${owed!.id}/snooze`, { _form: `snooze-${owed!.id}`, until: '2099-02-01T10:00' })).status).toBe(303);
    expect((await t.api().get(`/api/reminders/${owed!.id}`).expect(200)).body.dueAt).toBe('2099-02-01T09:00:00.000Z');
    expect((await postForm(manager.agent, `/incidents/${incident.id}`, `/reminders/${owed!.id}/cancel`, { _form: `cancel-${owed!.id}`, reason: 'Réglé au téléphone' })).status).toBe(303);
    expect((await t.api().get(`/api/reminders/${owed!.id}`).expect(200)).body).toMatchObject({ status: 'cancelled', cancelReason: 'Réglé au téléphone' });
  });
});
