import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommentDto, UpdateCommentDto } from '../../src/comments/comment.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { refusal, startMedium, type Medium } from './harness.js';

/** The erasure's rules (docs/legal.md, "Access and erasure"), on SQLite and PostgreSQL. */
let t: Medium;
beforeAll(async () => {
  t = await startMedium();
});
afterAll(async () => {
  await t.close();
});

const values = async (partyId: string) => Number(((await t.sql('SELECT COUNT(*) AS n FROM timeline_personal_values WHERE party_id = ?', [partyId])) as Array<{ n: number | string }>)[0]!.n);
const person = (name: string) => t.get(PartiesService).create({ kind: 'person', name });
const incident = async (title: string, counterpartId?: string) => (await t.get(IncidentsService).create(t.actor, { title, severity: 'medium', ...(counterpartId ? { counterpartId } : {}) })).id;

/** A message of the party, edited once: the edit's event keeps its earlier words beside the chain, under the party. */
async function editedMessage(incidentId: string, partyId: string, body: string): Promise<string> {
  const comment = await t.get(CommentsService).create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction: 'inbound', partyId, body }));
  await t.get(CommentsService).update(t.actor, comment.id, await validateAs(UpdateCommentDto, { body: `${body} (edited)` }));
  return comment.id;
}

describe(`${PrivacyService.name}.erase`, () => {
  it('refuses while an incident the party appears in is under legal hold, naming it and the hold’s reason, and writes nothing', async () => {
    const party = await person('Sous séquestre');
    const held = await incident('Held', party.id);
    await editedMessage(held, party.id, 'Mon message');
    await t.get(IncidentsService).setLegalHold(t.actor, held, { on: true, reason: 'litigation pending' });
    const ref = (await t.get(IncidentsService).get(held)).ref;
    const before = await values(party.id);
    const body = await refusal(t.get(PrivacyService).erase(t.actor, party.id));
    expect(body.statusCode).toBe(409);
    expect(body.problems).toEqual([expect.objectContaining({ code: 'party.erasureOnHold', values: expect.objectContaining({ refs: [ref], reasons: ['litigation pending'] }) as unknown })]);
    expect(await values(party.id)).toBe(before);
    expect(before).toBeGreaterThan(0);
    expect((await t.get(PartiesService).viewIn(t.dataSource.manager, party.id)).erasedAt).toBeNull();
  });

  it('refuses while a legal notice naming the party is open, naming the notice', async () => {
    const party = await person('Expéditeur');
    const incidentId = await incident('Open notice');
    const notice = await t.get(LegalNoticesService).create(t.actor, incidentId, {
      type: 'formal_notice',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'email',
      receivedAt: new Date(Date.now() - 3600_000),
      senderPartyId: party.id,
    } as RecordNoticeDto);
    const body = await refusal(t.get(PrivacyService).erase(t.actor, party.id));
    expect(body.statusCode).toBe(409);
    expect(body.problems).toEqual([expect.objectContaining({ code: 'party.erasureOpenNotice', values: { refs: [notice.ref] } })]);
    await t.get(LegalNoticesService).transition(t.actor, notice.id, { to: 'withdrawn', reason: 'they gave up' });
    await expect(t.get(PrivacyService).erase(t.actor, party.id)).resolves.toMatchObject({ incidentIds: [incidentId] });
  });

  it('deletes the party’s personal values, keeps every timeline verifying, and refuses a second erasure', async () => {
    const party = await person('Le fondateur');
    const first = await incident('First', party.id);
    const second = await incident('Second');
    await editedMessage(first, party.id, 'Droit de réponse');
    await editedMessage(second, party.id, 'Je maintiens');
    const kept = await values(party.id);
    expect(kept).toBeGreaterThanOrEqual(2);
    const result = await t.get(PrivacyService).erase(t.actor, party.id);
    expect(result).toMatchObject({ messages: 2, values: kept, incidentIds: [first, second].sort(), retained: [] });
    expect(await values(party.id)).toBe(0);
    for (const id of [first, second]) expect(await t.get(TimelineService).verify(id)).toMatchObject({ valid: true });
    const erasedAt = (await t.get(PartiesService).viewIn(t.dataSource.manager, party.id)).erasedAt;
    expect(erasedAt).not.toBeNull();
    const again = await refusal(t.get(PrivacyService).erase(t.actor, party.id));
    expect(again.statusCode).toBe(409);
    expect(again.problems).toEqual([expect.objectContaining({ code: 'party.alreadyErased' })]);
  });

  it('erasing a party also removes the values filed under the parties merged into it, and into those', async () => {
    const kept = await person('David (Expatwire)');
    const merged = await person('David');
    const older = await person('D.');
    const incidentId = await incident('Merged parties');
    await editedMessage(incidentId, older.id, 'Premier message');
    await editedMessage(incidentId, merged.id, 'Deuxième message');
    await t.get(PartiesService).merge(t.actor, merged.id, older.id);
    await t.get(PartiesService).merge(t.actor, kept.id, merged.id);
    expect(await values(older.id)).toBeGreaterThan(0);
    expect(await values(merged.id)).toBeGreaterThan(0);
    await t.get(PrivacyService).erase(t.actor, kept.id);
    for (const id of [kept.id, merged.id, older.id]) expect({ id, values: await values(id) }).toEqual({ id, values: 0 });
    expect(await t.get(TimelineService).verify(incidentId)).toMatchObject({ valid: true });
    expect((await t.get(PrivacyService).export(kept.id)).erasures.map((erasure) => erasure.partyId).sort()).toEqual([kept.id, merged.id, older.id].sort());
  });
});
