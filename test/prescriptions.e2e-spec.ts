import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

/** Press-law prescription over HTTP (docs/legal.md): marking, the incident's view, changes, removal, and the refusals naming their field. */
describe('press-law prescription API', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let cm: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    cm = (await t.createUser('community_manager')).token;
    viewer = (await t.createUser('viewer')).token;
  });
  afterAll(() => t.close());

  const mark = (incidentId: string, body: Record<string, unknown>, token = cm) => t.api(token).post(`/api/incidents/${incidentId}/prescriptions`).send(body);
  const messages = (response: { body: { message: unknown } }) => response.body.message;

  it('marks a message, dates its prescription 3 months on in Paris, and shows it on the incident with the formal-notice warning', async () => {
    const incident = await f.incident();
    // 23:30 UTC on 30 November is 1 December in Paris: the prescription falls at the end of 1 March.
    const comment = await f.comment(incident.id, { postedAt: '2026-11-30T23:30:00Z', body: 'Cette blogueuse est une menteuse.' });
    const response = await mark(incident.id, { subjectType: 'comment', subjectId: comment.id, offence: 'insult', note: 'menteuse' }).expect(201);
    expect(response.body).toMatchObject({
      incidentId: incident.id,
      subjectType: 'comment',
      subjectId: comment.id,
      offence: 'insult',
      ground: null,
      publishedAt: '2026-11-30T23:30:00.000Z',
      prescribesAt: '2027-03-01T22:59:59.999Z',
      rule: { noticeType: 'press_prescription', period: 'P3M', reference: 'Loi du 29 juillet 1881, art. 65' },
      status: 'active',
    });
    expect(response.body.warning).toContain('does not interrupt this prescription');

    const view = (await t.api(viewer).get(`/api/incidents/${incident.id}`).expect(200)).body;
    expect(view.prescriptions).toEqual([expect.objectContaining({ id: response.body.id, offence: 'insult', prescribesAt: '2027-03-01T22:59:59.999Z', reference: 'Loi du 29 juillet 1881, art. 65', warning: response.body.warning })]);
    expect((await f.timeline(incident.id)).map((event) => event.type)).toContain('prescription.marked');
    expect((await t.api(viewer).get('/api/prescriptions').expect(200)).body.items.map((item: { id: string }) => item.id)).toContain(response.body.id);
    const dossier = (await t.api(viewer).get(`/api/incidents/${incident.id}/dossier.html`).expect(200)).text;
    expect(dossier).toContain('Press-law prescription');
    expect(dossier).toContain('does not interrupt this prescription');
  });

  it('marks a post of the incident with an art. 65-3 ground: one year', async () => {
    const post = await f.post({ publishedAt: '2026-02-10T10:00:00+01:00' });
    const incident = await f.incident({ postIds: [post.id] });
    const response = await mark(incident.id, { subjectType: 'post', subjectId: post.id, offence: 'defamation', ground: 'origin' }).expect(201);
    expect(response.body).toMatchObject({ ground: 'origin', prescribesAt: '2027-02-10T22:59:59.999Z', rule: { noticeType: 'press_prescription_65_3', period: 'P1Y' } });
  });

  it('changes and removes a mark; the removed one is listed with all=true only', async () => {
    const incident = await f.incident();
    const comment = await f.comment(incident.id, { postedAt: '2026-01-15T10:00:00+01:00' });
    const { id } = (await mark(incident.id, { subjectType: 'comment', subjectId: comment.id, offence: 'defamation' }).expect(201)).body;
    const changed = await t.api(cm).patch(`/api/prescriptions/${id}`).send({ ground: 'disability' }).expect(200);
    expect(changed.body.prescribesAt).toBe('2027-01-15T22:59:59.999Z');
    expect((await t.api(cm).patch(`/api/prescriptions/${id}`).send({ ground: null }).expect(200)).body.prescribesAt).toBe('2026-04-15T21:59:59.999Z');
    await t.api(cm).post(`/api/prescriptions/${id}/remove`).send({ reason: '   ' }).expect(400);
    const removed = await t.api(cm).post(`/api/prescriptions/${id}/remove`).send({ reason: 'Not defamatory after all' }).expect(200);
    expect(removed.body).toMatchObject({ status: 'removed', removedReason: 'Not defamatory after all' });
    expect((await t.api().get(`/api/incidents/${incident.id}/prescriptions`).expect(200)).body.items).toEqual([]);
    expect((await t.api().get(`/api/incidents/${incident.id}/prescriptions?all=true`).expect(200)).body.items).toEqual([expect.objectContaining({ id, status: 'removed' })]);
    expect((await f.timeline(incident.id)).map((event) => event.type)).toEqual(expect.arrayContaining(['prescription.changed', 'prescription.unmarked']));
    await t.api(cm).patch(`/api/prescriptions/${id}`).send({ offence: 'insult' }).expect(409);
  });

  it('suggests marking the other side’s insult or accusation; accepting marks it, and marking by hand fulfils the suggestion', async () => {
    const founder = await f.party('Marc Fondateur');
    const incident = await f.incident({ counterpartId: founder.id });
    const insult = await f.comment(incident.id, { partyId: founder.id, authorName: undefined, body: 'Ce blog est un torchon minable.', postedAt: '2026-11-20T10:00:00+01:00' });
    const accusation = await f.comment(incident.id, { partyId: founder.id, authorName: undefined, body: 'Vous vous moquez de nous depuis le début ?', postedAt: '2026-11-21T10:00:00+01:00' });
    const suggestions = async () => ((await t.api(cm).get(`/api/incidents/${incident.id}`).expect(200)).body.suggestions as Array<{ key: string; type: string; status: string; draft?: Record<string, unknown> }>).filter((item) => item.type === 'prescription');
    expect((await suggestions()).map((item) => [item.key, item.status, item.draft?.['offence']])).toEqual([
      [`prescription-${insult.id}`, 'open', 'insult'],
      [`prescription-${accusation.id}`, 'open', 'defamation'],
    ]);

    const accepted = await t.api(cm).post(`/api/incidents/${incident.id}/suggestions/prescription-${insult.id}/accept`).send({}).expect(200);
    expect(accepted.body.result.type).toBe('prescription');
    const marks = (await t.api(cm).get(`/api/incidents/${incident.id}/prescriptions`).expect(200)).body.items;
    expect(marks).toEqual([expect.objectContaining({ id: accepted.body.result.id, subjectId: insult.id, offence: 'insult', prescribesAt: '2027-02-20T22:59:59.999Z' })]);

    await mark(incident.id, { subjectType: 'comment', subjectId: accusation.id, offence: 'defamation' }).expect(201);
    expect((await suggestions()).map((item) => [item.key, item.status])).toEqual([[`prescription-${accusation.id}`, 'done']]);
    expect((await f.timeline(incident.id)).map((event) => event.type)).toEqual(expect.arrayContaining(['suggestion.accepted', 'prescription.marked', 'suggestion.fulfilled']));
  });

  describe('refusals name the field and write nothing', () => {
    let incidentId: string;
    let commentId: string;
    beforeAll(async () => {
      incidentId = (await f.incident()).id;
      commentId = (await f.comment(incidentId)).id;
    });
    const unchanged = async () => {
      expect((await t.api().get(`/api/incidents/${incidentId}/prescriptions?all=true`).expect(200)).body.items).toEqual([]);
      expect((await f.timeline(incidentId)).map((event) => event.type)).not.toContain('prescription.marked');
    };

    it('an unknown ground', async () => {
      const response = await mark(incidentId, { subjectType: 'comment', subjectId: commentId, offence: 'defamation', ground: 'politics' }).expect(400);
      expect(messages(response)).toEqual([expect.stringMatching(/^ground must be one of the following values/)]);
      await unchanged();
    });

    it('an unknown offence and subject type', async () => {
      const response = await mark(incidentId, { subjectType: 'tweet', subjectId: commentId, offence: 'slander' }).expect(400);
      expect(messages(response)).toEqual([expect.stringMatching(/^subjectType must be one of/), expect.stringMatching(/^offence must be one of/)]);
      await unchanged();
    });

    it('a message of another incident', async () => {
      const other = await f.incident();
      const foreign = await f.comment(other.id);
      const response = await mark(incidentId, { subjectType: 'comment', subjectId: foreign.id, offence: 'insult' }).expect(400);
      expect(response.body.problems).toEqual([expect.objectContaining({ field: 'subjectId', code: 'prescription.notOfIncident' })]);
      expect(messages(response)).toEqual([`subjectId must be a comment of this incident (${foreign.id})`]);
      await unchanged();
    });

    it('a post the incident is not about, and one without a publication date', async () => {
      const elsewhere = await f.post({ publishedAt: '2026-01-01T10:00:00Z' });
      expect(messages(await mark(incidentId, { subjectType: 'post', subjectId: elsewhere.id, offence: 'insult' }).expect(400))).toEqual([`subjectId must be a post of this incident (${elsewhere.id})`]);
      const undated = await f.post();
      const withPost = await f.incident({ postIds: [undated.id] });
      const response = await mark(withPost.id, { subjectType: 'post', subjectId: undated.id, offence: 'insult' }).expect(400);
      expect(response.body.problems).toEqual([expect.objectContaining({ field: 'publishedAt', code: 'prescription.publicationUnknown' })]);
      await mark(withPost.id, { subjectType: 'post', subjectId: undated.id, offence: 'insult', publishedAt: '2026-01-05' }).expect(201);
      await unchanged();
    });

    it('a publication date in the future', async () => {
      const response = await mark(incidentId, { subjectType: 'comment', subjectId: commentId, offence: 'insult', publishedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }).expect(400);
      expect(messages(response)).toEqual([expect.stringMatching(/^publishedAt must not be in the future/)]);
      await unchanged();
    });

    it('an unknown incident (404) and a viewer (403)', async () => {
      await mark('00000000-0000-4000-8000-000000000000', { subjectType: 'comment', subjectId: commentId, offence: 'insult' }).expect(404);
      await mark(incidentId, { subjectType: 'comment', subjectId: commentId, offence: 'insult' }, viewer).expect(403);
      await unchanged();
    });
  });
});
