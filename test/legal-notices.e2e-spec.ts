import { CURRENT_SEEDED_DEADLINE_RULES } from '../src/database/migrations/1765670400000-right-of-reply-comments.js';
import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

describe('legal notices', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let legal: string;
  let legalId: string;
  let cm: string;
  let cmId: string;
  let viewer: string;

  const received = (fields: Record<string, unknown> = {}) => ({
    type: 'formal_notice',
    receivedVia: 'email',
    receivedAt: '2026-11-02T10:00:00+01:00',
    jurisdiction: 'FR',
    ...fields,
  });
  const record = async (incidentId: string, fields: Record<string, unknown> = {}, token = legal) =>
    (await t.api(token).post(`/api/incidents/${incidentId}/legal-notices`).send(received(fields)).expect(201)).body;
  const patch = (id: string, body: Record<string, unknown>) => t.api(legal).patch(`/api/legal-notices/${id}`).send(body);
  const move = (id: string, to: string, token = legal) => t.api(token).post(`/api/legal-notices/${id}/transitions`).send({ to, reason: `now ${to}` });
  const state = async (incidentId: string) => (await t.api().get(`/api/incidents/${incidentId}`).expect(200)).body.state;

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    ({ token: legal, id: legalId } = await t.createUser('legal'));
    ({ token: cm, id: cmId } = await t.createUser('community_manager'));
    viewer = (await t.createUser('viewer')).token;
    const rules = [
      ...CURRENT_SEEDED_DEADLINE_RULES,
      { jurisdiction: 'FR', noticeType: 'takedown_request', clockStarts: 'acknowledgedAt', period: 'P15D', dayCount: 'calendar', reference: 'test: from the acknowledgment' },
    ];
    await t.api().put('/api/deadline-rules').send({ rules }).expect(200);
  });
  afterAll(() => t.close());

  describe('recording', () => {
    it('records every field of a notice, with parties by role, demands and a ref', async () => {
      const [sender, company, counsel] = [await f.party('Founder'), await f.party('Acme SAS', { kind: 'organisation' }), await f.party('Maître Dupont')];
      const incident = await f.incident({ counterpartId: sender.id });
      const comment = await f.comment(incident.id);
      const notice = await record(incident.id, {
        type: 'trademark_claim',
        senderPartyId: sender.id,
        onBehalfOfPartyId: company.id,
        counselPartyId: counsel.id,
        receivedVia: 'comment',
        commentId: comment.id,
        sentAt: '2026-11-01T18:00:00Z',
        jurisdiction: 'fr',
        legalBasis: 'Code de la propriété intellectuelle, art. L713-2',
        summary: 'The brand may not be used without consent.',
        demands: [
          { kind: 'remove_mention', description: 'Remove every mention of the company', targetUrl: 'https://blog.example.com/2026/beginners' },
          { kind: 'cease', description: 'Stop using the brand' },
        ],
        actionTaken: 'none',
        privilegedNotes: 'Weak claim: nominative use.',
      });
      expect(notice).toMatchObject({
        ref: expect.stringMatching(/^LN-\d{4}-0001$/),
        incidentId: incident.id,
        type: 'trademark_claim',
        direction: 'received',
        senderPartyId: sender.id,
        onBehalfOfPartyId: company.id,
        counselPartyId: counsel.id,
        receivedVia: 'comment',
        registeredMail: null,
        commentId: comment.id,
        sentAt: '2026-11-01T18:00:00.000Z',
        receivedAt: '2026-11-02T09:00:00.000Z',
        jurisdiction: 'FR',
        demands: [
          { kind: 'remove_mention', description: 'Remove every mention of the company', targetUrl: 'https://blog.example.com/2026/beginners' },
          { kind: 'cease', description: 'Stop using the brand', targetUrl: null },
        ],
        status: 'received',
        allowedTransitions: ['under_review', 'withdrawn'],
        respondBy: null,
        deadlineBasis: null,
        validity: [],
        privilegedNotes: 'Weak claim: nominative use.',
      });
      expect((await record(incident.id)).ref).toMatch(/^LN-\d{4}-0002$/);
    });

    it('keeps the registered mail’s tracking number and acknowledgment of receipt', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, {
        receivedVia: 'registered_mail',
        registeredMail: { trackingNumber: '1A 234 567 8901 2', sentAt: '2026-10-30T09:00:00Z', acknowledgedAt: '2026-11-02T11:00:00Z' },
      });
      expect(notice.registeredMail).toEqual({ trackingNumber: '1A 234 567 8901 2', sentAt: '2026-10-30T09:00:00.000Z', acknowledgedAt: '2026-11-02T11:00:00.000Z' });
    });

    it('answers 404 for an unknown incident', async () => {
      await t.api(legal).post('/api/incidents/00000000-0000-4000-8000-000000000000/legal-notices').send(received()).expect(404);
    });

    it.each([
      ['an unknown jurisdiction', { jurisdiction: 'XX' }, 'jurisdiction must be an ISO 3166-1 alpha-2 country code such as FR'],
      ['an alpha-3 jurisdiction', { jurisdiction: 'FRA' }, 'jurisdiction must be an ISO 3166-1 alpha-2 country code such as FR'],
      ['an unparseable date', { receivedAt: 'last Tuesday' }, 'receivedAt must be an ISO-8601 date-time'],
      ['an impossible date', { receivedAt: '2026-02-30T10:00:00Z' }, 'receivedAt must be an ISO-8601 date-time'],
      ['an unparseable acknowledgment date', { registeredMail: { acknowledgedAt: 'soon' }, receivedVia: 'registered_mail' }, 'registeredMail.acknowledgedAt must be an ISO-8601 date-time'],
      ['an impossible stated deadline', { statedDeadline: '2026-02-30' }, 'statedDeadline must be a calendar date such as 2026-12-12'],
      ['an unknown notice type', { type: 'cease_and_desist' }, 'type must be one of the following values: right_of_reply'],
      ['an unknown way of arrival', { receivedVia: 'pigeon' }, 'receivedVia must be one of the following values'],
      ['a file: target URL', { demands: [{ kind: 'remove_content', description: 'x', targetUrl: 'file:///etc/passwd' }] }, 'demands.0.targetUrl must be a URL address'],
      ['an unknown demand kind', { demands: [{ kind: 'beg', description: 'x' }] }, 'demands.0.kind must be one of the following values'],
      ['a received notice without receivedAt', { receivedAt: undefined }, 'receivedAt is required for a received notice'],
      ['a received notice without receivedVia', { receivedVia: undefined }, 'receivedVia is required for a received notice'],
      ['registered mail details on an email', { registeredMail: { trackingNumber: 'X1' } }, 'registeredMail applies to receivedVia registered_mail only'],
      ['an unknown sender', { senderPartyId: '00000000-0000-4000-8000-000000000000' }, 'senderPartyId refers to no existing record'],
      ['an unknown field', { colour: 'red' }, 'colour is not an accepted field'],
    ])('refuses %s with 400 naming the field', async (_, fields, message) => {
      const incident = await f.incident();
      const response = await t.api(legal).post(`/api/incidents/${incident.id}/legal-notices`).send(received(fields)).expect(400);
      expect(response.body.message).toEqual([expect.stringContaining(message)]);
      expect((await t.api().get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
    });

    it('refuses a comment of another incident', async () => {
      const [incident, other] = [await f.incident(), await f.incident()];
      const comment = await f.comment(other.id);
      const response = await t.api(legal).post(`/api/incidents/${incident.id}/legal-notices`).send(received({ commentId: comment.id })).expect(400);
      expect(response.body.message).toEqual([`commentId refers to no comment of incident ${incident.ref}`]);
    });
  });

  describe('escalation of the incident', () => {
    it('raises an incident below legal_threat to legal_threat, as a move by system naming the notice', async () => {
      const incident = await f.incident();
      await f.move(incident.id, 'heated');
      const notice = await record(incident.id);
      expect(await state(incident.id)).toBe('legal_threat');
      const events = await f.timeline(incident.id);
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({
          type: 'notice.recorded',
          payload: {
            noticeId: notice.id,
            ref: notice.ref,
            type: 'formal_notice',
            direction: 'received',
            status: 'received',
            respondBy: notice.respondBy,
            deadlineBasis: notice.deadlineBasis,
            assigneeId: legalId,
          },
        }),
        expect.objectContaining({
          type: 'state.changed',
          actor: 'system',
          payload: { from: 'heated', to: 'legal_threat', reason: `legal notice ${notice.ref} (formal_notice) received`, cause: { type: 'legal_notice', id: notice.id } },
        }),
      ]);
    });

    it('raises a court summons to formal_dispute through legal_threat', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, { type: 'court_summons', receivedVia: 'bailiff' });
      expect(await state(incident.id)).toBe('formal_dispute');
      const moves = (await f.timeline(incident.id)).filter((event) => event.type === 'state.changed');
      expect(moves.map((event) => [event.actor, event.payload['from'], event.payload['to'], event.payload['cause']])).toEqual([
        ['system', 'reported', 'legal_threat', { type: 'legal_notice', id: notice.id }],
        ['system', 'legal_threat', 'formal_dispute', { type: 'legal_notice', id: notice.id }],
      ]);
    });

    it('reopens a resolved incident to legal_threat', async () => {
      const incident = await f.incident();
      await f.move(incident.id, 'resolved', { resolution: 'apologies accepted' });
      await record(incident.id);
      expect(await state(incident.id)).toBe('legal_threat');
    });

    it('leaves an incident already at or above the level alone', async () => {
      const incident = await f.incident();
      await f.move(incident.id, 'legal_threat');
      await f.move(incident.id, 'formal_dispute');
      const before = (await f.timeline(incident.id)).length;
      await record(incident.id);
      expect(await state(incident.id)).toBe('formal_dispute');
      expect((await f.timeline(incident.id)).length).toBe(before + 1);
    });

    it('does not move the incident for a notice we sent', async () => {
      const incident = await f.incident();
      await record(incident.id, { direction: 'sent', receivedVia: undefined, receivedAt: undefined, sentAt: '2026-11-02T10:00:00Z' });
      expect(await state(incident.id)).toBe('reported');
    });

    it('refuses a received notice on a closed incident with 409, and records nothing: a person must reopen it', async () => {
      const incident = await f.incident();
      await f.move(incident.id, 'resolved', { resolution: 'settled' });
      await f.move(incident.id, 'closed');
      const before = await f.timeline(incident.id);
      const response = await t.api(legal).post(`/api/incidents/${incident.id}/legal-notices`).send(received()).expect(409);
      expect(response.body.message).toBe(`incident ${incident.ref} is closed; reopen it before recording this`);
      expect(await f.timeline(incident.id)).toEqual(before);
      expect((await t.api().get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
    });

    it('refuses to close the incident while a notice is open, and says so', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.openCounts.openLegalNotices).toBe(1);
      await f.move(incident.id, 'resolved', { resolution: 'agreed' });
      const refused = await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'closed', reason: 'done' }).expect(409);
      expect(refused.body.message).toBe('cannot close while 1 legal notice is open');
      await move(notice.id, 'withdrawn').expect(200);
      await f.move(incident.id, 'closed');
    });
  });

  describe('status workflow', () => {
    it('moves received → under_review → contested → closed, each move in the timeline', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      for (const to of ['under_review', 'contested', 'closed']) {
        expect((await move(notice.id, to).expect(200)).body.status).toBe(to);
      }
      const moves = (await f.timeline(incident.id)).filter((event) => event.type === 'notice.status_changed').map((event) => event.payload);
      expect(moves).toEqual([
        { noticeId: notice.id, from: 'received', to: 'under_review', reason: 'now under_review' },
        { noticeId: notice.id, from: 'under_review', to: 'contested', reason: 'now contested' },
        { noticeId: notice.id, from: 'contested', to: 'closed', reason: 'now closed' },
      ]);
    });

    it('refuses an illegal move with 409 naming the allowed ones', async () => {
      const notice = await record((await f.incident()).id);
      const response = await move(notice.id, 'responded').expect(409);
      expect(response.body.message).toBe('legal notice cannot move from received to responded; allowed from received: under_review, decided, filed, withdrawn');
    });

    it('refuses any move out of a withdrawn notice', async () => {
      const notice = await record((await f.incident()).id);
      await move(notice.id, 'withdrawn').expect(200);
      expect((await move(notice.id, 'under_review').expect(409)).body.message).toBe(
        'legal notice cannot move from withdrawn to under_review; allowed from withdrawn: none',
      );
    });

    it('needs a reason and a known status', async () => {
      const notice = await record((await f.incident()).id);
      expect((await t.api(legal).post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'under_review', reason: ' ' }).expect(400)).body.message).toEqual([
        'reason must not be empty',
      ]);
      expect((await move(notice.id, 'forgotten').expect(400)).body.message).toEqual([expect.stringContaining('to must be one of the following values')]);
    });
  });

  describe('deadlines', () => {
    it('computes respondBy for an EU data-protection request: 31 January + one month = 28 February', async () => {
      const notice = await record((await f.incident()).id, { type: 'data_protection_request', jurisdiction: 'DE', receivedAt: '2026-01-31T10:00:00+01:00' });
      expect(notice.respondBy).toBe('2026-02-28T22:59:59.999Z');
      expect(notice.deadlineBasis).toBe('EU data_protection_request rule: 1 month from receipt (GDPR (Regulation (EU) 2016/679) art. 12(3))');
    });

    it('uses the formal notice’s own deadline, else 8 days', async () => {
      const incident = await f.incident();
      expect((await record(incident.id, { statedDeadline: '2026-11-20' })).respondBy).toBe('2026-11-20T22:59:59.999Z');
      expect((await record(incident.id)).respondBy).toBe('2026-11-10T22:59:59.999Z');
    });

    it('warns that a right of reply came more than 3 months after the post’s publication', async () => {
      const post = await f.post({ publishedAt: '2026-06-01T08:00:00Z' });
      const incident = await f.incident({ postIds: [post.id] });
      const request = { type: 'right_of_reply', receivedVia: 'registered_mail', requestedReply: 'My reply.' };
      const notice = await record(incident.id, request);
      expect(notice.respondBy).toBe('2026-11-05T22:59:59.999Z');
      expect(notice.validity).toMatchObject([{ code: 'request_out_of_time', message: expect.stringContaining('more than 3 months after the content\'s publication on 2026-06-01') }]);
      const inTime = await record(incident.id, { ...request, contentPublishedAt: '2026-10-01T08:00:00Z' });
      expect(inTime.validity).toEqual([]);
    });

    it('gives no deadline where no rule applies', async () => {
      const notice = await record((await f.incident()).id, { type: 'right_of_reply', jurisdiction: 'US', receivedVia: 'comment' });
      expect(notice).toMatchObject({ respondBy: null, deadlineBasis: null, validity: [] });
    });

    it('waits for the acknowledgment of receipt, then computes the deadline and tells the timeline', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, { type: 'takedown_request', receivedVia: 'registered_mail', registeredMail: { trackingNumber: '1A00' } });
      expect(notice.respondBy).toBeNull();
      expect(notice.validity).toMatchObject([
        { code: 'clock_start_unknown', message: 'no deadline yet: the rule counts 15 days from the acknowledgment of receipt (acknowledgedAt), which is not known' },
      ]);

      const updated = (await patch(notice.id, { registeredMail: { acknowledgedAt: '2026-11-03T09:00:00Z' } }).expect(200)).body;
      expect(updated).toMatchObject({ respondBy: '2026-11-18T22:59:59.999Z', validity: [], registeredMail: { trackingNumber: '1A00', acknowledgedAt: '2026-11-03T09:00:00.000Z' } });
      const changed = (await f.timeline(incident.id)).find((event) => event.type === 'notice.deadline_changed');
      expect(changed?.payload).toEqual({
        noticeId: notice.id,
        from: null,
        to: '2026-11-18T22:59:59.999Z',
        reason: 'computed again after a change of registeredMail.acknowledgedAt',
      });
    });

    it('sets respondBy by hand only with a reason, keeps it in the timeline, and no longer computes it', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      expect((await patch(notice.id, { respondBy: '2026-11-30T17:00:00Z' }).expect(400)).body.message).toEqual(['respondByReason is required to set respondBy by hand']);
      expect((await patch(notice.id, { respondBy: 'end of month', respondByReason: 'agreed' }).expect(400)).body.message).toEqual([
        expect.stringContaining('respondBy must be an ISO-8601 date-time'),
      ]);

      const updated = (await patch(notice.id, { respondBy: '2026-11-30T17:00:00Z', respondByReason: 'extension agreed with counsel by phone' }).expect(200)).body;
      expect(updated).toMatchObject({ respondBy: '2026-11-30T17:00:00.000Z', respondByManual: true, deadlineBasis: 'set by hand: extension agreed with counsel by phone' });
      await patch(notice.id, { receivedAt: '2026-11-05T10:00:00Z' }).expect(200);
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.respondBy).toBe('2026-11-30T17:00:00.000Z');

      const changes = (await f.timeline(incident.id)).filter((event) => event.type === 'notice.deadline_changed').map((event) => event.payload);
      expect(changes).toEqual([
        { noticeId: notice.id, from: '2026-11-10T22:59:59.999Z', to: '2026-11-30T17:00:00.000Z', reason: 'extension agreed with counsel by phone' },
      ]);
    });

    it('computes the deadline again when a date it counts from changes', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      const updated = (await patch(notice.id, { receivedAt: '2026-11-04T10:00:00+01:00' }).expect(200)).body;
      expect(updated.respondBy).toBe('2026-11-12T22:59:59.999Z');
      const events = await f.timeline(incident.id);
      expect(events.filter((event) => event.type.startsWith('notice.')).map((event) => event.type)).toEqual(['notice.recorded', 'notice.updated', 'notice.deadline_changed']);
    });
  });

  describe('updates', () => {
    it('records changed fields in the timeline, and privileged notes only as changed', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, { privilegedNotes: 'first secret thought' });
      await patch(notice.id, { legalBasis: 'LCEN', privilegedNotes: 'settle below 500 EUR' }).expect(200);
      const events = await f.timeline(incident.id);
      expect(events.find((event) => event.type === 'notice.updated')?.payload).toEqual({
        noticeId: notice.id,
        changes: { legalBasis: { from: null, to: 'LCEN' } },
        privilegedNotesChanged: true,
      });
      const raw = JSON.stringify(events);
      expect(raw).not.toContain('secret thought');
      expect(raw).not.toContain('500 EUR');
    });

    it('writes nothing when nothing changes', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, { legalBasis: 'LCEN' });
      const before = await f.timeline(incident.id);
      const same = (await patch(notice.id, { legalBasis: 'LCEN', jurisdiction: 'FR' }).expect(200)).body;
      expect(same.updatedAt).toBe(notice.updatedAt);
      expect(await f.timeline(incident.id)).toEqual(before);
    });

    it('refuses bad values with 400 naming the field', async () => {
      const notice = await record((await f.incident()).id);
      expect((await patch(notice.id, { jurisdiction: 'ZZ' }).expect(400)).body.message).toEqual([
        'jurisdiction must be an ISO 3166-1 alpha-2 country code such as FR',
      ]);
      expect((await patch(notice.id, { type: null }).expect(400)).body.message).toEqual([expect.stringContaining('type must be one of')]);
      expect((await patch(notice.id, { receivedVia: 'registered_mail', receivedAt: null }).expect(400)).body.message).toEqual([
        'receivedAt is required for a received notice',
      ]);
    });

    it('raises the incident when a received notice turns out to be a court summons', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      await patch(notice.id, { type: 'court_summons' }).expect(200);
      expect(await state(incident.id)).toBe('formal_dispute');
    });
  });

  describe('assignee', () => {
    it('assigns a notice recorded by a legal user to them', async () => {
      const notice = await record((await f.incident()).id);
      expect(notice.assigneeId).toBe(legalId);
    });

    it('assigns a notice recorded by an admin to the incident’s backup owner when that user is legal', async () => {
      const backup = await t.createUser('legal', 'Bea Backup');
      const incident = await f.incident({ ownerId: cmId, backupOwnerId: backup.id });
      expect((await record(incident.id, {}, t.adminToken)).assigneeId).toBe(backup.id);
    });

    it('assigns a notice recorded by an admin to themselves when neither owner is legal or admin', async () => {
      const incident = await f.incident({ ownerId: cmId });
      const admin = (await t.api().get('/api/me').expect(200)).body;
      expect((await record(incident.id, {}, t.adminToken)).assigneeId).toBe(admin.id);
    });

    it('takes the assignee given, and lists notices by assignee', async () => {
      const other = await t.createUser('legal', 'Olga Other');
      const incident = await f.incident();
      const theirs = await record(incident.id, { assigneeId: other.id });
      await record(incident.id);
      expect(theirs.assigneeId).toBe(other.id);
      const listed = (await t.api(viewer).get(`/api/legal-notices?assigneeId=${other.id}`).expect(200)).body.items;
      expect(listed.map((n: { id: string }) => n.id)).toEqual([theirs.id]);
      expect((await t.api().get('/api/legal-notices?assigneeId=nobody').expect(400)).body.message).toEqual(['assigneeId must be a UUID']);
    });

    it('refuses a community manager, a viewer, an unknown or an inactive user as assignee with 400 naming assigneeId, on create and PATCH', async () => {
      const incident = await f.incident();
      const viewerId = (await t.api(viewer).get('/api/me').expect(200)).body.id;
      const gone = await t.createUser('legal', 'Gone Legal');
      await t.api().patch(`/api/users/${gone.id}`).send({ active: false }).expect(200);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const refusals = [
        [cmId, `assigneeId must be a legal or admin user (${cmId} is community_manager)`],
        [viewerId, `assigneeId must be a legal or admin user (${viewerId} is viewer)`],
        [unknown, `assigneeId refers to no user (${unknown})`],
        [gone.id, `assigneeId refers to an inactive user (${gone.id})`],
      ];
      for (const [assigneeId, message] of refusals) {
        const refused = await t.api(legal).post(`/api/incidents/${incident.id}/legal-notices`).send(received({ assigneeId })).expect(400);
        expect(refused.body.message).toEqual([message]);
      }
      const notice = await record(incident.id);
      for (const [assigneeId, message] of refusals) expect((await patch(notice.id, { assigneeId, summary: 'changed' }).expect(400)).body.message).toEqual([message]);
      expect((await patch(notice.id, { assigneeId: null }).expect(400)).body.message).toEqual(['assigneeId must be a UUID']);
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body).toMatchObject({ assigneeId: legalId, summary: null });
      expect((await t.api().get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items).toHaveLength(1);
    });

    it('records a change of assignee in the timeline, and nothing when it is the same', async () => {
      const other = await t.createUser('admin', 'Ada Admin');
      const incident = await f.incident();
      const notice = await record(incident.id);
      await patch(notice.id, { assigneeId: legalId }).expect(200);
      expect((await patch(notice.id, { assigneeId: other.id }).expect(200)).body.assigneeId).toBe(other.id);
      const events = (await f.timeline(incident.id)).filter((event) => event.type.startsWith('notice.'));
      expect(events.map((event) => [event.type, event.payload])).toEqual([
        ['notice.recorded', expect.objectContaining({ assigneeId: legalId })],
        ['notice.assigned', { noticeId: notice.id, from: legalId, to: other.id }],
      ]);
    });
  });

  describe('filing a document that demands nothing', () => {
    it('files a bailiff’s report with no demands (received → filed), which then lets the incident close', async () => {
      const incident = await f.incident();
      const report = await record(incident.id, { type: 'bailiff_report', receivedVia: 'bailiff', summary: 'The two articles and the Twitter exchange, recorded' });
      expect(report.allowedTransitions).toEqual(['under_review', 'filed', 'withdrawn']);
      const filed = (await move(report.id, 'filed').expect(200)).body;
      expect(filed).toMatchObject({ status: 'filed', allowedTransitions: [] });
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.openCounts.openLegalNotices).toBe(0);
      expect((await t.api(viewer).get(`/api/legal-notices?incidentId=${incident.id}&status=open`).expect(200)).body.items).toEqual([]);
      await f.move(incident.id, 'resolved', { resolution: 'nothing to answer' });
      await f.move(incident.id, 'closed');
    });

    it('files a notice from under_review too', async () => {
      const notice = await record((await f.incident()).id, { type: 'bailiff_report', receivedVia: 'bailiff' });
      await move(notice.id, 'under_review').expect(200);
      expect((await move(notice.id, 'filed').expect(200)).body.status).toBe('filed');
    });

    it('refuses to file a notice that makes demands, with 409 saying why', async () => {
      const notice = await record((await f.incident()).id, { demands: [{ kind: 'remove_mention', description: 'Remove every mention' }] });
      expect(notice.allowedTransitions).toEqual(['under_review', 'withdrawn']);
      expect((await move(notice.id, 'filed').expect(409)).body.message).toBe(
        `legal notice ${notice.ref} cannot be filed: it makes 1 demand; answer it (responded, complied, contested) or withdraw it`,
      );
      expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.status).toBe('received');
    });
  });

  describe('right of reply: the form of the request (décret n° 2007-1527, art. 1)', () => {
    const request = (fields: Record<string, unknown> = {}) => ({
      type: 'right_of_reply',
      contentPublishedAt: '2026-10-01T08:00:00Z',
      requestedReply: 'Here is my reply.',
      ...fields,
    });
    const codes = (notice: { validity: Array<{ code: string }> }) => notice.validity.map((warning) => warning.code);

    it.each(['comment', 'email'])('warns that a request received by %s proves neither its receipt nor the requester', async (receivedVia) => {
      const notice = await record((await f.incident()).id, request({ receivedVia }));
      const receipt = notice.validity.find((warning: { code: string }) => warning.code === 'receipt_not_proven');
      expect(receipt).toMatchObject({ code: 'receipt_not_proven', message: expect.stringContaining(`the request came by ${receivedVia}, which proves neither its receipt`) });
      expect(receipt.message).toContain('décret n° 2007-1527 du 24 octobre 2007, art. 1');
    });

    it('warns that the procedure does not apply to a request made in the comments, where the requester could answer directly', async () => {
      const asComment = await record((await f.incident()).id, request({ receivedVia: 'comment' }));
      expect(asComment.validity.map((warning: { code: string }) => warning.code)).toEqual(['comments_open', 'receipt_not_proven']);
      expect(asComment.validity[0].message).toMatch(/could answer directly: the procedure does not apply where the comments are open to them \(décret n° 2007-1527 du 24 octobre 2007, art\. 1\)/);
      const byEmail = await record((await f.incident()).id, request({ receivedVia: 'email' }));
      expect(byEmail.validity.map((warning: { code: string }) => warning.code)).toEqual(['receipt_not_proven']);
    });

    it('does not warn for a request received by registered mail', async () => {
      expect((await record((await f.incident()).id, request({ receivedVia: 'registered_mail' }))).validity).toEqual([]);
    });

    it('warns while no reply text is recorded, and drops the warning once a PATCH sets it', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, request({ receivedVia: 'registered_mail', requestedReply: undefined }));
      expect(notice).toMatchObject({ requestedReply: null, validity: [{ code: 'requested_reply_missing', message: expect.stringContaining('the request must state the reply it seeks') }] });
      const patched = (await patch(notice.id, { requestedReply: 'I was never a beginner.' }).expect(200)).body;
      expect(patched).toMatchObject({ requestedReply: 'I was never a beginner.', validity: [] });
      const update = (await f.timeline(incident.id)).find((event) => event.type === 'notice.updated');
      expect(Object.keys(update!.payload['changes'] as object).sort()).toEqual(['requestedReply', 'validity']);
      expect(codes((await patch(notice.id, { receivedVia: 'email' }).expect(200)).body)).toEqual(['receipt_not_proven']);
      expect(codes((await patch(notice.id, { requestedReply: null }).expect(200)).body)).toEqual(['receipt_not_proven', 'requested_reply_missing']);
    });
  });

  describe('roles', () => {
    it('lets only legal and admin write notices: a community manager and a viewer get 403', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id);
      for (const token of [cm, viewer]) {
        await t.api(token).post(`/api/incidents/${incident.id}/legal-notices`).send(received()).expect(403);
        await t.api(token).patch(`/api/legal-notices/${notice.id}`).send({ summary: 'x' }).expect(403);
        await move(notice.id, 'under_review', token).expect(403);
      }
      await record(incident.id, {}, t.adminToken);
    });

    it('shows privileged notes to legal and admin, never to a viewer or a community manager, single or listed', async () => {
      const incident = await f.incident();
      const notice = await record(incident.id, { privilegedNotes: 'our weak point' });
      for (const token of [legal, t.adminToken]) {
        expect((await t.api(token).get(`/api/legal-notices/${notice.id}`).expect(200)).body.privilegedNotes).toBe('our weak point');
        expect((await t.api(token).get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items[0].privilegedNotes).toBe('our weak point');
      }
      for (const token of [viewer, cm]) {
        const single = await t.api(token).get(`/api/legal-notices/${notice.id}`).expect(200);
        const list = await t.api(token).get(`/api/legal-notices?incidentId=${incident.id}`).expect(200);
        expect(single.body).not.toHaveProperty('privilegedNotes');
        expect(list.body.items[0]).not.toHaveProperty('privilegedNotes');
        expect(single.text + list.text).not.toContain('our weak point');
      }
    });
  });

  describe('list', () => {
    it('filters by incident, status and due date, soonest due first, page by page', async () => {
      const incident = await f.incident();
      const late = await record(incident.id, { statedDeadline: '2026-12-20' });
      const soon = await record(incident.id, { statedDeadline: '2026-11-15' });
      const done = await record(incident.id, { statedDeadline: '2026-11-16' });
      await move(done.id, 'withdrawn').expect(200);

      const ids = async (query: string) => (await t.api(viewer).get(`/api/legal-notices?incidentId=${incident.id}&${query}`).expect(200)).body.items.map((n: { id: string }) => n.id);
      expect(await ids('')).toEqual([done.id, soon.id, late.id]);
      expect(await ids('status=open')).toEqual([soon.id, late.id]);
      expect(await ids('status=withdrawn')).toEqual([done.id]);
      expect(await ids('dueBefore=2026-12-01T00:00:00Z')).toEqual([soon.id, done.id]);
      expect(await ids('status=open&dueBefore=2026-12-01T00:00:00Z')).toEqual([soon.id]);

      const first = (await t.api().get(`/api/legal-notices?incidentId=${incident.id}&dueBefore=2027-01-01T00:00:00Z&limit=2`).expect(200)).body;
      const second = (await t.api().get(`/api/legal-notices?incidentId=${incident.id}&dueBefore=2027-01-01T00:00:00Z&limit=2&cursor=${first.nextCursor}`).expect(200)).body;
      expect([...first.items, ...second.items].map((n: { id: string }) => n.id)).toEqual([soon.id, done.id, late.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('refuses bad filters with 400 naming them', async () => {
      expect((await t.api().get('/api/legal-notices?dueBefore=tomorrow').expect(400)).body.message).toEqual([expect.stringContaining('dueBefore must be an ISO-8601')]);
      expect((await t.api().get('/api/legal-notices?status=pending').expect(400)).body.message).toEqual([expect.stringContaining('status must be one of')]);
    });
  });
});
