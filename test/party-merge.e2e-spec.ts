import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, timelineOf } from './helpers/fixtures.js';

describe('merging two parties that are one person', () => {
  let t: TestApp;
  let manager: { token: string };
  let viewer: { token: string };
  beforeAll(async () => {
    t = await startApp();
    manager = await t.createUser('community_manager');
    viewer = await t.createUser('viewer');
  });
  afterAll(() => t.close());

  it('moves the merged one’s messages, notices, commitments and incidents to the kept one, fills what it lacked, and records the merge in each incident', async () => {
    const kept = await createParty(t, { name: 'David (Expatwire)', organisation: 'Expatwire', notes: 'Founder' });
    const duplicate = await createParty(t, { name: 'David', organisation: undefined, email: 'david@expatwire.example', url: 'https://expatwire.example', notes: 'Created by a WordPress import' });
    const first = await createIncident(t, { counterpartId: duplicate.id });
    const second = await createIncident(t, { counterpartId: kept.id });
    const message = await addComment(t, first.id, { direction: 'inbound', partyId: duplicate.id, body: 'Un huissier a constaté vos articles.' });
    const elsewhere = await addComment(t, second.id, { direction: 'inbound', partyId: duplicate.id, body: 'Je passe par là.' });
    const notice = await t.api().post(`/api/incidents/${first.id}/legal-notices`).send({ type: 'bailiff_report', receivedVia: 'comment', receivedAt: '2026-11-20T10:00:00Z', jurisdiction: 'FR', senderPartyId: duplicate.id, counselPartyId: duplicate.id }).expect(201);
    const commitment = await t.api().post(`/api/incidents/${first.id}/commitments`).send({ kind: 'call_back', description: 'Call David back', promisedToPartyId: duplicate.id }).expect(201);

    await t.api(viewer.token).post(`/api/parties/${kept.id}/merge`).send({ partyId: duplicate.id }).expect(403);
    const merged = await t.api(manager.token).post(`/api/parties/${kept.id}/merge`).send({ partyId: duplicate.id }).expect(200);
    expect(merged.body).toEqual({
      party: expect.objectContaining({ id: kept.id, name: 'David (Expatwire)', organisation: 'Expatwire', email: 'david@expatwire.example', url: 'https://expatwire.example', notes: 'Founder\n\nCreated by a WordPress import' }),
      merged: expect.objectContaining({ id: duplicate.id, name: 'David' }),
      incidentIds: [first.id, second.id].sort(),
    });

    await t.api().get(`/api/parties/${duplicate.id}`).expect(404);
    expect((await t.api().get(`/api/comments/${message.id}`).expect(200)).body.partyId).toBe(kept.id);
    expect((await t.api().get(`/api/comments/${elsewhere.id}`).expect(200)).body.partyId).toBe(kept.id);
    expect((await t.api().get(`/api/incidents/${first.id}`).expect(200)).body.counterpartId).toBe(kept.id);
    expect((await t.api().get(`/api/legal-notices/${notice.body.id}`).expect(200)).body).toMatchObject({ senderPartyId: kept.id, counselPartyId: kept.id });
    expect((await t.api().get(`/api/commitments/${commitment.body.id}`).expect(200)).body.promisedToPartyId).toBe(kept.id);
    for (const incident of [first, second]) {
      expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({ type: 'party.merged', payload: { keptPartyId: kept.id, mergedPartyId: duplicate.id, keptName: 'David (Expatwire)', mergedName: 'David' } });
      expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body.valid).toBe(true);
    }
    // Found under the kept name only.
    const found = (await t.api().get('/api/search').query({ q: 'huissier' }).expect(200)).body.items as Array<{ id: string; title?: string }>;
    expect(found.find((item) => item.id === message.id)).toBeDefined();
  });

  it('refuses to merge a party into itself or with one that does not exist, naming partyId, and changes nothing', async () => {
    const party = await createParty(t, { name: 'Alone' });
    const refused = async (id: string, body: Record<string, unknown>, status: number) => (await t.api(manager.token).post(`/api/parties/${id}/merge`).send(body).expect(status)).body.message;
    expect(await refused(party.id, { partyId: party.id }, 400)).toEqual(['partyId must name another party than the one it is merged into']);
    expect(await refused(party.id, { partyId: '00000000-0000-4000-8000-000000000000' }, 400)).toEqual(['partyId refers to no existing record (00000000-0000-4000-8000-000000000000)']);
    expect(await refused(party.id, {}, 400)).toEqual([expect.stringMatching(/^partyId must be a UUID/)]);
    await refused('00000000-0000-4000-8000-000000000000', { partyId: party.id }, 404);
    await t.api().get(`/api/parties/${party.id}`).expect(200);
  });
});
