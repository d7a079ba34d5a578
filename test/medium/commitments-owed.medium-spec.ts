import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { Commitment } from '../../src/commitments/commitment.entity.js';
import { isOwedInTime, isOwedUndated, owedInTimeSql, owedUndatedSql } from '../../src/commitments/commitment-reads.js';
import { COMMITMENT_STATUSES } from '../../src/commitments/commitment-status.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { validateAs } from '../../src/common/validation.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { startMedium, type Medium } from './harness.js';

/** "Owed and placed in time" and "owed without a date" (Today) each in its two forms (commitments/commitment-reads.ts) find the same commitments on generated rows. */
describe('owed in time, and owed undated: the SQL and the TypeScript forms agree', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  it('on generated commitments', async () => {
    const row = fc.record({ status: fc.constantFrom(...COMMITMENT_STATUSES), dated: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), async (rows) => {
        const incident = await t.get(IncidentsService).create(t.actor, { title: 'Generated promises', severity: 'low' });
        const ids: string[] = [];
        for (const _ of rows) ids.push((await t.get(CommitmentsService).create(t.actor, incident.id, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Rappeler' }))).id);
        await t.write(async (manager) => {
          for (const [index, drawn] of rows.entries()) await manager.update(Commitment, ids[index]!, { status: drawn.status, dueAt: drawn.dated ? new Date() : null });
        });
        const stored = await t.dataSource.manager.findBy(Commitment, { incidentId: incident.id });
        const found = await t.dataSource.manager.createQueryBuilder(Commitment, 'c').where(...owedInTimeSql('c')).andWhere('c.incidentId = :id', { id: incident.id }).getMany();
        expect(found.map((commitment) => commitment.id).sort()).toEqual(stored.filter(isOwedInTime).map((commitment) => commitment.id).sort());
        const undated = await t.dataSource.manager.createQueryBuilder(Commitment, 'c').where(owedUndatedSql('c')).andWhere('c.incidentId = :id', { id: incident.id }).getMany();
        expect(undated.map((commitment) => commitment.id).sort()).toEqual(stored.filter(isOwedUndated).map((commitment) => commitment.id).sort());
      }),
      { numRuns: 25 },
    );
  });
});
