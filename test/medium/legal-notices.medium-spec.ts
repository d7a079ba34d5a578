import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import { LegalNotice } from '../../src/legal-notices/legal-notice.entity.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { startMedium, type Medium } from './harness.js';

describe('legal notices (medium)', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  const incident = async (title: string) => t.get(IncidentsService).create(t.actor, { title, severity: 'high' });
  const letter = (extra: Partial<RecordNoticeDto> = {}): RecordNoticeDto =>
    ({
      type: 'formal_notice',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'registered_mail',
      receivedAt: new Date(Date.now() - 3600_000),
      registeredMail: { trackingNumber: '1A 234 567 8901 2', acknowledgedAt: new Date(Date.now() - 3600_000) },
      demands: [{ kind: 'remove_mention', description: 'Remove every mention of the company', targetUrl: null }],
      privilegedNotes: 'Counsel thinks the trademark claim is weak.',
      ...extra,
    }) as RecordNoticeDto;
  const partiesCount = () => t.dataSource.manager.count(Party);

  it('records the new parties a notice names with it, in one unit of work', async () => {
    const { id } = await incident('New parties');
    const before = await partiesCount();
    const notice = await t.get(LegalNoticesService).create(
      t.actor,
      id,
      letter({ senderParty: { kind: 'person', name: 'Maître Dupont', organisation: 'Cabinet Dupont' }, onBehalfOfParty: { kind: 'organisation', name: 'Small Co' } }),
    );
    expect(await partiesCount()).toBe(before + 2);
    const folder = await t.get(LegalNoticesService).folder(t.actor, notice.id);
    expect(folder.parties.map((party) => party.name).sort()).toEqual(['Maître Dupont', 'Small Co']);
    expect(folder.notice.senderPartyId).toBe(folder.parties.find((party) => party.name === 'Maître Dupont')!.id);
    expect(folder.notice.counselPartyId).toBeNull();
  });

  it('refuses a role given both a known party and a new one, naming the field, and writes nothing', async () => {
    const { id } = await incident('Twice');
    const known = await t.get(PartiesService).create({ kind: 'person', name: 'The founder' });
    const before = await partiesCount();
    const refusal = t.get(LegalNoticesService).create(t.actor, id, letter({ counselPartyId: known.id, counselParty: { kind: 'person', name: 'Another counsel' } }));
    await expect(refusal).rejects.toBeInstanceOf(BadRequestException);
    await expect(refusal).rejects.toMatchObject({ response: { problems: [expect.objectContaining({ field: 'counselPartyId', code: 'notice.partyTwice' })] } });
    expect(await partiesCount()).toBe(before);
  });

  it('rolls the new parties back when the notice itself is refused', async () => {
    const { id } = await incident('Rolled back');
    const before = await partiesCount();
    const refusal = t.get(LegalNoticesService).create(t.actor, id, letter({ receivedVia: undefined, senderParty: { kind: 'person', name: 'Nobody kept' } }));
    await expect(refusal).rejects.toBeInstanceOf(BadRequestException);
    expect(await partiesCount()).toBe(before);
    expect(await t.dataSource.manager.countBy(LegalNotice, { incidentId: id })).toBe(0);
  });

  it('reads a notice for its page: its incident by ref and title, its parties, the privileged notes for legal only', async () => {
    const created = await incident('Folder');
    const notice = await t.get(LegalNoticesService).create(t.actor, created.id, letter({ counselParty: { kind: 'person', name: 'Maître Martin' } }));
    const legal = await t.get(LegalNoticesService).folder({ kind: 'user', id: 'legal-reader', role: 'legal' }, notice.id);
    expect(legal.incident).toEqual({ id: created.id, ref: created.ref, title: 'Folder', state: 'legal_threat' });
    expect(legal.parties.map((party) => party.name)).toEqual(['Maître Martin']);
    expect(legal.notice.privilegedNotes).toBe('Counsel thinks the trademark claim is weak.');
    const manager = await t.get(LegalNoticesService).folder({ kind: 'user', id: 'cm-reader', role: 'community_manager' }, notice.id);
    expect(manager.notice).not.toHaveProperty('privilegedNotes');
  });
});
