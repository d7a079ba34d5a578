import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { PARTY_REFERENCES } from '../../src/parties/party-references.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startMedium, type Medium } from './harness.js';

describe('PartiesService.merge', () => {
  let medium: Medium;
  beforeAll(async () => {
    medium = await startMedium();
  });
  afterAll(() => medium.close());

  it('moves every column the schema points at parties: the list of references is the database’s own', async () => {
    const keys: Array<{ tableName: string; columnName: string }> = await medium.dataSource.query(
      medium.db === 'sqlite'
        ? `SELECT m.name AS tableName, f."from" AS columnName
           FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
           WHERE m.type = 'table' AND f."table" = 'parties'`
        : `SELECT c.conrelid::regclass::text AS "tableName", a.attname AS "columnName"
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
           WHERE c.contype = 'f' AND c.confrelid = 'parties'::regclass`,
    );
    const listed = PARTY_REFERENCES.map(({ table, column }) => `${table}.${column}`).sort();
    expect(keys.map(({ tableName, columnName }) => `${tableName}.${columnName}`).sort()).toEqual(listed);
  });

  it('leaves no row naming the merged party, in any column, and records the merge in every incident concerned', async () => {
    const parties = medium.get(PartiesService);
    const kept = await parties.create({ kind: 'person', name: 'David (Expatwire)' });
    const merged = await parties.create({ kind: 'person', name: 'David' });
    const first = await medium.get(IncidentsService).create(medium.actor, { title: 'Named the duplicate', severity: 'high', counterpartId: merged.id });
    const second = await medium.get(IncidentsService).create(medium.actor, { title: 'Named the kept one', severity: 'low', counterpartId: kept.id });
    await medium.get(CommentsService).create(medium.actor, second.id, await validateAs(CreateCommentDto, { direction: 'inbound', partyId: merged.id, body: 'Je passe par là.' }));
    await medium.get(LegalNoticesService).create(medium.actor, first.id, {
      type: 'bailiff_report',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'comment',
      receivedAt: new Date(Date.now() - 3600_000),
      senderPartyId: merged.id,
      onBehalfOfPartyId: merged.id,
      counselPartyId: merged.id,
    } as RecordNoticeDto);
    await medium.get(CommitmentsService).create(medium.actor, first.id, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Call David back', promisedToPartyId: merged.id }));
    const naming = async (partyId: string) =>
      Object.fromEntries(
        await Promise.all(
          PARTY_REFERENCES.map(async ({ table, column }) => {
            const [row] = (await medium.sql(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`, [partyId])) as Array<{ n: number | string }>;
            return [`${table}.${column}`, Number(row!.n)] as const;
          }),
        ),
      );
    const before = await naming(merged.id);
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const keptBefore = await naming(kept.id);

    const result = await parties.merge(medium.actor, kept.id, merged.id);

    expect(result.incidentIds).toEqual([first.id, second.id].sort());
    expect(Object.values(await naming(merged.id)).every((n) => n === 0)).toBe(true);
    const keptAfter = await naming(kept.id);
    for (const key of Object.keys(before)) expect({ key, rows: keptAfter[key] }).toEqual({ key, rows: keptBefore[key]! + before[key]! });
    for (const incident of [first, second]) {
      const events = (await medium.get(TimelineService).list(incident.id, { limit: 100 } as never)).items;
      expect(events.at(-1)).toMatchObject({ type: 'party.merged', payload: { keptPartyId: kept.id, mergedPartyId: merged.id } });
    }
  });
});
