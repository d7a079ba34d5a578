import type { EntityManager } from 'typeorm';
import { inList } from '../database/in-list.js';
import type { IncidentScope } from '../incidents/incident-scope.js';
import { Commitment } from './commitment.entity.js';
import { COMMITMENT_STATUSES_OWED, isOwed, type CommitmentStatus } from './commitment-status.js';

/**
 * Owed and placed in time (Today): still owed (COMMITMENT_STATUSES_OWED) and,
 * while pending, with a due date to place it by (a failed check is placed by
 * when it failed). Said twice, for a row in hand and in SQL.
 */
export const isOwedInTime = (commitment: { status: CommitmentStatus; dueAt: Date | null }): boolean =>
  isOwed(commitment.status) && (commitment.status !== 'pending' || commitment.dueAt !== null);

/** isOwedInTime as a condition on commitments under `alias`, with its parameters. */
export function owedInTimeSql(alias: string): [string, Record<string, string[]>] {
  const owed = inList(`${alias}.status`, COMMITMENT_STATUSES_OWED);
  return [`(${owed.sql} AND (${alias}.dueAt IS NOT NULL OR ${alias}.status <> 'pending'))`, owed.params];
}

/**
 * Owed with no time to place it by (Today lists these apart): pending, no due
 * date, so nothing reminds anyone of it. Said twice, as isOwedInTime is.
 */
export const isOwedUndated = (commitment: { status: CommitmentStatus; dueAt: Date | null }): boolean => commitment.status === 'pending' && commitment.dueAt === null;

/** isOwedUndated as a condition on commitments under `alias`. */
export function owedUndatedSql(alias: string): string {
  return `(${alias}.status = 'pending' AND ${alias}.dueAt IS NULL)`;
}

/** A person's commitments under `alias`: theirs, or nobody's on the incidents in `unownedIn`. */
function keptBy(alias: string, userId: string, unownedIn: IncidentScope): [string, Record<string, unknown>] {
  return [`(${alias}.ownerId = :owner OR (${alias}.ownerId IS NULL AND ${unownedIn.where(`${alias}.incidentId`)}))`, { owner: userId, ...unownedIn.parameters }];
}

/** A commitment as the lists of other features show it. */
export type OwedCommitment = Pick<Commitment, 'id' | 'incidentId' | 'kind' | 'description' | 'status' | 'dueAt' | 'updatedAt'>;

/** The commitments feature's reads for the lists of other features (Today). */
export const commitmentReads = {
  /** The commitments promised to the party, oldest first (an access request). */
  promisedTo(manager: EntityManager, partyId: string): Promise<Array<Pick<Commitment, 'id' | 'incidentId' | 'kind' | 'description' | 'status' | 'promisedAt'>>> {
    return manager.find(Commitment, { select: { id: true, incidentId: true, kind: true, description: true, status: true, promisedAt: true }, where: { promisedToPartyId: partyId }, order: { promisedAt: 'ASC', id: 'ASC' } });
  },

  /** What a person owes and is placed in time: theirs, or nobody's on the incidents in `unownedIn`. */
  owedBy(manager: EntityManager, userId: string, unownedIn: IncidentScope): Promise<OwedCommitment[]> {
    return manager
      .createQueryBuilder(Commitment, 'c')
      .select(['c.id', 'c.incidentId', 'c.kind', 'c.description', 'c.status', 'c.dueAt', 'c.updatedAt'])
      .where(...owedInTimeSql('c'))
      .andWhere(...keptBy('c', userId, unownedIn))
      .getMany();
  },

  /** What a person owes with no due date (isOwedUndated), theirs or nobody's on the incidents in `unownedIn`: the oldest promise first. */
  undatedOwedBy(manager: EntityManager, userId: string, unownedIn: IncidentScope): Promise<Array<Pick<Commitment, 'id' | 'incidentId' | 'kind' | 'description' | 'promisedAt'>>> {
    return manager
      .createQueryBuilder(Commitment, 'c')
      .select(['c.id', 'c.incidentId', 'c.kind', 'c.description', 'c.promisedAt'])
      .where(owedUndatedSql('c'))
      .andWhere(...keptBy('c', userId, unownedIn))
      .orderBy('c.promisedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  },
};
