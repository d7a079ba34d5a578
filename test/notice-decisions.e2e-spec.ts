import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { DSA_CATEGORIES } from '../src/legal-notices/dsa-categories.js';
import {
  AUTOMATED_DECISIONS,
  CONTENT_LANGUAGES,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_VISIBILITIES,
  SOURCE_TYPES,
  TERRITORIAL_SCOPE_CODES,
  YES_NO,
} from '../src/legal-notices/statement-of-reasons.js';

const OFFENDING = 'Small Co sells counterfeit parts and its founder steals from his customers';

/** A DSA notice about a comment, decided with its reasons: the comment leaves the thread, its removal is checked live, the notifier and the author are told. */
describe('decisions with reasons on legal notices (DSA art. 16(5)-(6), 17)', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let site: Site;
  let legal: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    site = await startSite();
    t = await startApp({ SMTP_URL: smtp.url, CALUMET_LANGUAGE: 'fr' });
    legal = (await t.createUser('legal')).token;
  });
  afterAll(async () => {
    await t.close();
    await site.close();
    await smtp.close();
  });

  /** An incident with a post on the live site, a comment on it by an author whose address is known, and a DSA notice about it from a notifier with an address. */
  async function dsaNotice(tag: string) {
    const path = `/2026/11/beginners-${tag}`;
    site.page(path, article('', `<h1>Beginners’ mistakes</h1><div class="comment"><p>${OFFENDING}</p></div>`));
    const post = await createPost(t, { url: `${site.base}${path}` });
    const incident = await createIncident(t, { postIds: [post.id] });
    const author = await createParty(t, { name: `Author ${tag}`, email: `author-${tag}@readers.example` });
    const comment = await addComment(t, incident.id, { direction: 'inbound', partyId: author.id, postId: post.id, body: `Read this.\n${OFFENDING}`, postedAt: '2026-11-20T10:00:00Z' });
    const notice = await t
      .api(legal)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({
        type: 'dsa_notice',
        receivedVia: 'other',
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        jurisdiction: 'FR',
        senderParty: { kind: 'organisation', name: `Small Co ${tag}`, email: `legal-${tag}@smallco.example` },
        commentId: comment.id,
        summary: 'The comment accuses Small Co of fraud.',
      })
      .expect(201);
    return { incident, post, comment, notice: notice.body as { id: string; ref: string; status: string }, path, tag };
  }

  const removal = (fields: Record<string, unknown> = {}) => ({
    kind: 'remove',
    decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
    illegalContentLegalGround: 'Loi du 29 juillet 1881, art. 29 (diffamation)',
    illegalContentExplanation: 'The comment imputes a crime to a named person without any basis.',
    category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    decisionFacts: 'The notice of Small Co; the comment read in its thread; no source given by its author.',
    automatedDetection: false,
    automatedDecision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    contentLanguage: 'fr',
    redressDetails: 'Complaints: legal@blog.example',
    ...fields,
  });

  it('removes the comment from its thread, promises and checks its removal live, tells the notifier and the author, and answers the statement in the Transparency Database’s names', async () => {
    const { incident, post, comment, notice, path, tag } = await dsaNotice('remove');
    const decided = await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal()).expect(201);
    expect(decided.body).toMatchObject({ kind: 'remove', sequence: 1, commentId: comment.id, puid: comment.id, sourceType: 'SOURCE_ARTICLE_16', contentDate: '2026-11-20', language: 'fr' });

    expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.status).toBe('decided');
    expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body.status).toBe('deleted');

    const commitment = (await t.api().get(`/api/commitments/${decided.body.commitmentId}`).expect(200)).body;
    expect(commitment).toMatchObject({ kind: 'remove_mention', targetUrl: post.url, mentionText: OFFENDING, incidentId: incident.id });
    expect((await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200)).body).toMatchObject({ verdict: 'fail' });
    site.page(path, article('', '<h1>Beginners’ mistakes</h1><p>This comment was removed.</p>'));
    expect((await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200)).body).toMatchObject({ verdict: 'pass' });

    const types = (await timelineOf(t, incident.id)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['comment.removed', 'commitment.created', 'notice.status_changed', 'notice.decided']));

    const notifier = smtp.mails.find((mail) => mail.to.includes(`legal-${tag}@smallco.example`));
    expect(notifier?.subject).toBe(`Votre notification ${notice.ref}\u202f: notre décision`);
    expect(notifier?.text).toContain('Retrait du contenu');
    expect(notifier?.text).toContain('règlement extrajudiciaire');
    expect(notifier?.text).toContain('Complaints: legal@blog.example');
    expect(notifier?.headers['x-calumet-idempotency-key']).toBe(`decision:${decided.body.id}:notifier`);
    const author = smtp.mails.find((mail) => mail.to.includes(`author-${tag}@readers.example`));
    expect(author?.subject).toBe(`Une décision sur votre message\u202f: exposé des motifs (${notice.ref})`);
    expect(author?.text).toContain('Loi du 29 juillet 1881, art. 29 (diffamation)');
    expect(author?.text).toContain('The notice of Small Co');

    const statement = (await t.api().get(`/api/legal-notices/${notice.id}/statement-of-reasons`).expect(200)).body;
    expect(statement).toEqual({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      end_date_visibility_restriction: null,
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Loi du 29 juillet 1881, art. 29 (diffamation)',
      illegal_content_explanation: 'The comment imputes a crime to a named person without any basis.',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      content_type: ['CONTENT_TYPE_TEXT'],
      content_language: 'FR',
      content_date: '2026-11-20',
      application_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      territorial_scope: [...TERRITORIAL_SCOPE_CODES],
      decision_facts: 'The notice of Small Co; the comment read in its thread; no source given by its author.',
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: comment.id,
    });
    for (const value of statement.decision_visibility) expect(DECISION_VISIBILITIES).toContain(value);
    expect(DECISION_GROUNDS).toContain(statement.decision_ground);
    expect(DSA_CATEGORIES).toContain(statement.category);
    for (const value of statement.content_type) expect(CONTENT_TYPES).toContain(value);
    expect(SOURCE_TYPES).toContain(statement.source_type);
    expect(YES_NO).toContain(statement.automated_detection);
    expect(AUTOMATED_DECISIONS).toContain(statement.automated_decision);
    expect(CONTENT_LANGUAGES.has(statement.content_language)).toBe(true);
    expect(statement.puid).toMatch(/^[a-zA-Z0-9-_]+$/);
  });

  it('writes a later decision on the same notice under a new PUID, on terms and conditions, for an account', async () => {
    const { notice, comment } = await dsaNotice('second');
    await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal()).expect(201);
    await t
      .api(legal)
      .post(`/api/legal-notices/${notice.id}/decisions`)
      .send(
        removal({
          kind: 'suspend_account',
          decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
          illegalContentLegalGround: undefined,
          illegalContentExplanation: undefined,
          incompatibleContentGround: 'Comment policy, clause 3',
          incompatibleContentExplanation: 'Accusations without a source are not published.',
          incompatibleContentIllegal: true,
          endDate: '2027-01-31',
          territorialScope: ['FR', 'BE'],
        }),
      )
      .expect(201);
    const statement = (await t.api().get(`/api/legal-notices/${notice.id}/statement-of-reasons`).expect(200)).body;
    expect(statement).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      end_date_account_restriction: '2027-01-31',
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_ground: 'Comment policy, clause 3',
      incompatible_content_illegal: 'Yes',
      territorial_scope: ['BE', 'FR'],
      puid: `${comment.id}-2`,
    });
    expect(DECISION_ACCOUNTS).toContain(statement.decision_account);
    expect(statement).not.toHaveProperty('decision_visibility');
    expect(statement).not.toHaveProperty('illegal_content_legal_ground');
    expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body.map((decision: { sequence: number }) => decision.sequence)).toEqual([1, 2]);
  });

  it('decides no action: the notifier is told, the comment stays, no statement of reasons is owed (409)', async () => {
    const { notice, comment, tag } = await dsaNotice('none');
    await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal({ kind: 'no_action', language: 'en' })).expect(201);
    expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body.status).toBe('visible');
    expect(smtp.mails.find((mail) => mail.to.includes(`legal-${tag}@smallco.example`))?.subject).toBe(`Your notice ${notice.ref}: our decision`);
    expect(smtp.mails.some((mail) => mail.to.includes(`author-${tag}@readers.example`))).toBe(false);
    const refused = await t.api().get(`/api/legal-notices/${notice.id}/statement-of-reasons`).expect(409);
    expect(refused.body.problems).toEqual([expect.objectContaining({ code: 'decision.noStatement' })]);
  });

  describe('refusals: 4xx naming the field, nothing written', () => {
    async function nothingWritten(notice: { id: string }, comment: { id: string }) {
      expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body).toEqual([]);
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.status).toBe('received');
      expect((await t.api().get(`/api/comments/${comment.id}`).expect(200)).body.status).toBe('visible');
      await t.api().get(`/api/legal-notices/${notice.id}/statement-of-reasons`).expect(404);
    }

    it.each([
      ['kind', { kind: 'shadow_ban' }, 'validation.isIn'],
      ['decisionGround', { decisionGround: 'DECISION_GROUND_DISLIKED' }, 'validation.isIn'],
      ['illegalContentExplanation', { illegalContentExplanation: undefined }, 'decision.groundRequired'],
      ['incompatibleContentGround', { decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatibleContentExplanation: 'Off topic.' }, 'decision.groundRequired'],
      ['visibilityOther', { kind: 'other_restriction' }, 'decision.otherRequired'],
      ['category', { category: 'STATEMENT_CATEGORY_PIRACY' }, 'validation.isIn'],
      ['territorialScope.0', { territorialScope: ['US'] }, 'validation.isIn'],
      ['automatedDecision', { automatedDecision: 'Yes' }, 'validation.isIn'],
      ['contentLanguage', { contentLanguage: 'XX' }, 'validation.isContentLanguage'],
      ['decisionFacts', { decisionFacts: undefined }, 'validation.isDefined'],
    ])('refuses a bad %s', async (field, fields, code) => {
      const { notice, comment } = await dsaNotice(`bad-${field}`);
      const refused = await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal(fields));
      expect(refused.status).toBe(400);
      expect(refused.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: field.split('.')[0] === 'territorialScope' ? expect.stringMatching(/^territorialScope/) : field, code })]));
      await nothingWritten(notice, comment);
    });

    it('refuses a decision about a message of another incident, naming commentId', async () => {
      const { notice, comment } = await dsaNotice('other-incident');
      const elsewhere = await createIncident(t);
      const stranger = await addComment(t, elsewhere.id, { direction: 'inbound', authorName: 'Someone', body: 'Elsewhere' });
      const refused = await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal({ commentId: stranger.id })).expect(400);
      expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'commentId', code: 'reference.notInIncident' })]);
      await nothingWritten(notice, comment);
      expect((await t.api().get(`/api/comments/${stranger.id}`).expect(200)).body.status).toBe('visible');
    });

    it('refuses a decision by a community manager (403) and on a notice already answered (409)', async () => {
      const { notice, comment } = await dsaNotice('roles');
      const manager = (await t.createUser('community_manager')).token;
      await t.api(manager).post(`/api/legal-notices/${notice.id}/decisions`).send(removal()).expect(403);
      await nothingWritten(notice, comment);
      const bare = await t.api(legal).post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'decided', reason: 'done' }).expect(409);
      expect(bare.body.problems).toEqual([expect.objectContaining({ code: 'notice.decideWithReasons' })]);
      await t.api(legal).post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'under_review', reason: 'reading' }).expect(200);
      await t.api(legal).post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'responded', reason: 'answered by letter' }).expect(200);
      const late = await t.api(legal).post(`/api/legal-notices/${notice.id}/decisions`).send(removal()).expect(409);
      expect(late.body.problems).toEqual([expect.objectContaining({ code: 'workflow.illegalMove' })]);
      expect((await t.api().get(`/api/legal-notices/${notice.id}/decisions`).expect(200)).body).toEqual([]);
    });

    it('answers 404 for an unknown notice', async () => {
      await t.api(legal).post('/api/legal-notices/00000000-0000-4000-8000-000000000000/decisions').send(removal()).expect(404);
    });
  });
});
