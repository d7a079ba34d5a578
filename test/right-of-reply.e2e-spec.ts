import { DateTime } from 'luxon';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { waitFor } from './helpers/wait-for.js';
import { signedIn, submit } from './web/web-helpers.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const lines = (count: number) => Array.from({ length: count }, (_, index) => `Ligne ${index + 1} de ma réponse.`).join('\n');

type Warning = { code: string; message: string; values?: Record<string, unknown> };

/**
 * The right of reply, admissible or not (LCEN art. 6-IV, décret n° 2007-1527):
 * each warning appears and goes as the facts change, on the API and the
 * desk, and a reply complied with is looked for on the live page.
 */
describe('right of reply', () => {
  let t: TestApp;
  let site: Site;
  let founder: { id: string };
  let n = 0;

  beforeAll(async () => {
    site = await startSite();
    t = await startApp({ CALUMET_ROLES: 'api,worker', VERIFY_INTERVAL: 'PT1S', RECHECK_INTERVAL: 'PT1S', RECHECK_FOR: 'PT1H', FETCH_TIMEOUT_MS: '2000' });
    founder = await createParty(t, { name: 'Gaspard Morel' });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  /** An incident about one post of the test site, and a FR right of reply by registered mail received yesterday about content published 10 days ago. */
  async function requested(fields: Record<string, unknown> = {}, post: Record<string, unknown> = {}) {
    n += 1;
    const path = `/article-${n}`;
    site.page(path, article());
    const created = await createPost(t, { url: `${site.base}${path}`, ...post });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [created.id] });
    const notice = (
      await t
        .api()
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({
          type: 'right_of_reply',
          jurisdiction: 'FR',
          receivedVia: 'registered_mail',
          receivedAt: ago(1),
          contentPublishedAt: ago(10),
          senderPartyId: founder.id,
          requestedReply: 'Je conteste ces propos.',
          ...fields,
        })
        .expect(201)
    ).body as { id: string; ref: string; validity: Warning[] };
    return { path, post: created, incident, notice };
  }
  const noticeOf = async (id: string) => (await t.api().get(`/api/legal-notices/${id}`).expect(200)).body as { validity: Warning[]; status: string; ref: string };
  const codes = async (id: string) => (await noticeOf(id)).validity.map((warning) => warning.code);
  const patch = (id: string, body: Record<string, unknown>) => t.api().patch(`/api/legal-notices/${id}`).send(body).expect(200);

  describe('comments were open (décret art. 1)', () => {
    it('warns once the post says its comments are open, and not once it says they are closed', async () => {
      const { post, notice } = await requested();
      expect(notice.validity).toEqual([]);

      await t.api().patch(`/api/posts/${post.id}`).send({ commentsOpen: true }).expect(200);
      const [warning] = (await noticeOf(notice.id)).validity;
      expect(warning).toEqual({
        code: 'comments_open',
        message:
          'the comments of the content are open, where the requester could answer directly: the procedure does not apply where the comments are open to them (décret n° 2007-1527 du 24 octobre 2007, art. 1)',
        values: { basis: 'comment_status', reference: 'décret n° 2007-1527 du 24 octobre 2007, art. 1' },
      });

      await t.api().patch(`/api/posts/${post.id}`).send({ commentsOpen: false }).expect(200);
      expect(await codes(notice.id)).toEqual([]);
    });

    it('warns, the post saying nothing, once others comment under it; a post whose comments are closed says otherwise', async () => {
      const { post, incident, notice } = await requested();
      await addComment(t, incident.id, { direction: 'inbound', channel: 'comment', postId: post.id, authorName: 'Un lecteur', body: 'Bon article.' });
      expect((await noticeOf(notice.id)).validity).toMatchObject([{ code: 'comments_open', values: { basis: 'others_commented' } }]);

      await t.api().patch(`/api/posts/${post.id}`).send({ commentsOpen: false }).expect(200);
      expect(await codes(notice.id)).toEqual([]);
      const recomputed = (await timelineOf(t, incident.id)).filter((event) => event.type === 'notice.updated' && event.actor === 'system');
      expect(recomputed).toHaveLength(2);
    });

    it('knows the comments were open on a post created with its status', async () => {
      const { notice } = await requested({}, { commentsOpen: true });
      expect(notice.validity.map((warning) => warning.code)).toEqual(['comments_open']);
    });
  });

  it('warns of a request more than 3 months after the publication, and not once the publication date is corrected', async () => {
    const { notice } = await requested({ contentPublishedAt: ago(120) });
    expect(notice.validity.map((warning) => warning.code)).toEqual(['request_out_of_time']);
    await patch(notice.id, { contentPublishedAt: ago(30) });
    expect(await codes(notice.id)).toEqual([]);
  });

  describe('length of the reply (décret art. 3)', () => {
    it('warns of a reply longer than the comment it answers, naming both lengths, as the reply and the comment change', async () => {
      n += 1;
      const post = await createPost(t);
      const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
      const message = await addComment(t, incident.id, { direction: 'outbound', channel: 'comment', postId: post.id, authorName: 'La rédaction', body: 'Gaspard Morel a menti.' });
      const notice = (
        await t
          .api()
          .post(`/api/incidents/${incident.id}/legal-notices`)
          .send({
            type: 'right_of_reply',
            jurisdiction: 'FR',
            receivedVia: 'registered_mail',
            receivedAt: ago(1),
            contentPublishedAt: ago(10),
            commentId: message.id,
            requestedReply: 'Je n’ai jamais menti, et je le prouve.',
          })
          .expect(201)
      ).body as { id: string; validity: Warning[] };
      expect(notice.validity).toEqual([
        {
          code: 'reply_too_long',
          message:
            'the reply (38 characters, 1 lines) is longer than the message it answers (22 characters, 1 lines): it may be no longer (décret n° 2007-1527 du 24 octobre 2007, art. 3)',
          values: { replyCharacters: '38', replyLines: '1', originalCharacters: '22', originalLines: '1', reference: 'décret n° 2007-1527 du 24 octobre 2007, art. 3' },
        },
      ]);

      await patch(notice.id, { requestedReply: 'Je n’ai pas menti.' });
      expect(await codes(notice.id)).toEqual([]);

      // The message it answers is edited down: the reply is longer again.
      await t.api().patch(`/api/comments/${message.id}`).send({ body: 'Il a menti.' }).expect(200);
      expect(await codes(notice.id)).toEqual(['reply_too_long']);

      // Linked to no comment, the message's text is not known: nothing to compare.
      await patch(notice.id, { commentId: null });
      expect(await codes(notice.id)).toEqual([]);
    });

    it('warns of a reply over 200 lines, even against a longer message, and not at 200', async () => {
      const post = await createPost(t);
      const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
      const message = await addComment(t, incident.id, { direction: 'outbound', channel: 'comment', postId: post.id, authorName: 'La rédaction', body: lines(300) });
      const notice = (
        await t
          .api()
          .post(`/api/incidents/${incident.id}/legal-notices`)
          .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: ago(1), contentPublishedAt: ago(10), commentId: message.id, requestedReply: lines(201) })
          .expect(201)
      ).body as { id: string; validity: Warning[] };
      expect(notice.validity).toMatchObject([{ code: 'reply_over_200_lines', values: { replyLines: '201', maxLines: '200', width: '60' } }]);
      await patch(notice.id, { requestedReply: lines(200) });
      expect(await codes(notice.id)).toEqual([]);
    });
  });

  it('shows the three warnings on the notice page of the desk, in English and in French', async () => {
    const post = await createPost(t, { commentsOpen: true });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const message = await addComment(t, incident.id, { direction: 'outbound', channel: 'comment', postId: post.id, authorName: 'La rédaction', body: 'Court.' });
    const notice = (
      await t
        .api()
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: ago(1), contentPublishedAt: ago(120), commentId: message.id, requestedReply: lines(201) })
        .expect(201)
    ).body as { id: string; validity: Warning[] };
    expect(notice.validity.map((warning) => warning.code)).toEqual(['request_out_of_time', 'comments_open', 'reply_too_long', 'reply_over_200_lines']);

    const lawyer = await signedIn(t, 'legal', 'Léa Juriste');
    const english = (await lawyer.agent.get(`/legal-notices/${notice.id}`).expect(200)).text;
    expect(english).toContain('The comments of the content are open, so the requester could answer there directly: the procedure does not apply');
    expect(english).toContain('is longer than the message it answers (6 characters, 1 line)');
    expect(english).toContain('The reply runs to 201 lines (counted at 60 characters a line), over the 200 lines a reply may have');
    expect(english).toContain('more than 3 months after the content’s publication');

    expect((await submit(lawyer.agent, '/account', '/account/language', { locale: 'fr' })).status).toBe(303);
    const french = (await lawyer.agent.get(`/legal-notices/${notice.id}`).expect(200)).text;
    expect(french).toContain('Les commentaires du contenu sont ouverts, le demandeur pouvait donc y répondre lui-même\u202f: la procédure ne s’applique pas');
    expect(french).toContain('est plus longue que le message auquel elle répond (6 caractères, 1 ligne)');
    expect(french).toContain('La réponse compte 201 lignes (à 60 caractères la ligne), au-delà des 200 lignes qu’une réponse peut avoir');
    expect(french).toMatch(/plus de 3\s+mois après la publication du contenu/);
  });

  describe('publication of the reply (LCEN art. 6-IV, décret art. 4)', () => {
    it('promises the reply when the notice is complied with, looks for it on the live page, and finds it gone at a recheck', async () => {
      const reply = 'Je conteste formellement ces propos.\n\nGaspard Morel';
      const receivedAt = '2026-11-28T23:30:00Z'; // Sunday 29 November in Paris
      const { path, post, incident, notice } = await requested({ receivedAt, contentPublishedAt: '2026-11-20T09:00:00Z', requestedReply: reply, commentId: undefined });
      await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'under_review', reason: 'read' }).expect(200);
      await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'complied', reason: 'the reply will be published' }).expect(200);

      const commitments = (await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items as Array<Record<string, unknown>>;
      expect(commitments).toHaveLength(1);
      const promised = commitments[0]!;
      expect(promised).toMatchObject({
        kind: 'publish_reply',
        status: 'pending',
        targetUrl: post.url,
        mentionText: reply,
        promisedToPartyId: founder.id,
        verifiable: true,
        description: `Publish the reply requested in ${notice.ref} in full, under the content it answers (right of reply)`,
        // Three days from receipt in Paris (Sunday 29 November), to the end of Wednesday 2 December.
        dueAt: DateTime.fromISO('2026-12-02T23:59:59.999', { zone: 'Europe/Paris' }).toUTC().toISO(),
      });
      // Its owner is reminded on the last day's morning, not at 23:59.
      const dueReminders = (await t.api().get(`/api/reminders?incidentId=${incident.id}&kind=commitment_due`).expect(200)).body.items as Array<{ dueAt: string; owedBy: string }>;
      expect(dueReminders.map(({ dueAt, owedBy }) => ({ dueAt, owedBy }))).toEqual([
        { dueAt: DateTime.fromISO('2026-12-02T09:00', { zone: 'Europe/Paris' }).toUTC().toISO(), owedBy: promised['dueAt'] },
      ]);

      // Done, but the page does not show the reply yet.
      await t.api().post(`/api/commitments/${promised['id']}/done`).expect(200);
      const missing = await waitFor('the check of the page without the reply', async () => {
        const seen = (await t.api().get(`/api/commitments/${promised['id']}`).expect(200)).body;
        return seen.status === 'failed_verification' ? seen : null;
      });
      expect(missing.observations.at(-1)).toMatchObject({ verdict: 'fail', httpStatus: 200, detail: 'the page does not show the reply’s text in full' });

      // Published under the article, as WordPress renders it: the page shows it, verified.
      site.page(path, article('', '<h1>Beginners’ mistakes</h1><p>The tweet of Small Co is an example.</p><h2>Droit de réponse</h2><p>Je conteste formellement ces propos.</p><p>Gaspard Morel</p>'));
      const verified = await waitFor('the check of the page with the reply', async () => {
        const seen = (await t.api().get(`/api/commitments/${promised['id']}`).expect(200)).body;
        return seen.status === 'verified' ? seen : null;
      });
      expect(verified.watchUntil).toEqual(expect.any(String));
      // A recheck that saw the reply: one that could not fetch the page in FETCH_TIMEOUT_MS (a loaded machine) says
      // nothing of it, and neither moves the commitment nor extends its watch. A recheck commits its observation and the
      // watch it extends together, and the commitment is read with its observations in one statement: any view shows
      // the watch as its last recheck that saw the reply left it.
      type Seen = { at: string; verdict: string };
      const rechecked = await waitFor('a recheck of the page that sees the reply', async () => {
        const seen = (await t.api().get(`/api/commitments/${promised['id']}`).expect(200)).body;
        return (seen.observations as Seen[]).slice(verified.observations.length).some((observation) => observation.verdict === 'pass') ? seen : null;
      });
      expect(rechecked.status).toBe('verified');
      const lastSeen = (rechecked.observations as Seen[]).filter((observation) => observation.verdict === 'pass').at(-1)!;
      // Watched RECHECK_FOR (an hour) again from the recheck (two checks may fall within one millisecond: equal, never earlier).
      expect(new Date(rechecked.watchUntil).getTime()).toBe(new Date(lastSeen.at).getTime() + 60 * 60_000);
      expect(new Date(rechecked.watchUntil).getTime()).toBeGreaterThanOrEqual(new Date(verified.watchUntil).getTime());

      // The reply is taken down: the recheck finds it gone.
      site.page(path, article());
      const gone = await waitFor('a recheck to find the reply gone', async () => {
        const seen = (await t.api().get(`/api/commitments/${promised['id']}`).expect(200)).body;
        return seen.status === 'failed_verification' ? seen : null;
      });
      expect(gone.observations.at(-1)).toMatchObject({ verdict: 'fail', detail: 'the page does not show the reply’s text in full' });
      const moves = (await timelineOf(t, incident.id)).filter((event) => event.type === 'commitment.status_changed').map((event) => event.payload['to']);
      expect(moves).toEqual(['done', 'failed_verification', 'verified', 'failed_verification']);
    });

    it('promises nothing for a right of reply complied with without the reply it seeks', async () => {
      const { incident, notice } = await requested({ requestedReply: undefined });
      await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'under_review', reason: 'read' }).expect(200);
      await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'complied', reason: 'done' }).expect(200);
      expect((await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
    });

    it('refuses to comply when the page of the reply is not known, and records nothing', async () => {
      const incident = await createIncident(t, { counterpartId: founder.id });
      const notice = (
        await t
          .api()
          .post(`/api/incidents/${incident.id}/legal-notices`)
          .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: ago(1), contentPublishedAt: ago(10), requestedReply: 'Ma réponse.' })
          .expect(201)
      ).body as { id: string; ref: string };
      await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'under_review', reason: 'read' }).expect(200);
      const refused = await t.api().post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'complied', reason: 'done' }).expect(409);
      expect(JSON.stringify(refused.body)).toContain(`the page where the reply of ${notice.ref} is to be published is not known`);
      expect((await noticeOf(notice.id)).status).toBe('under_review');
      expect((await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
    });
  });
});
