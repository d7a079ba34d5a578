import type { EntityManager } from 'typeorm';
import { answeredBy, type IncidentScope } from '../incidents/incident-scope.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { PrescriptionMark } from './prescription-mark.entity.js';
import type { MarkedSubject, PressGround, PressOffence } from './prescription.types.js';

/** A prescription date as the lists and calendars of other features show it. */
export interface PrescriptionDue {
  markId: string;
  incidentId: string;
  incidentRef: string;
  incidentTitle: string;
  subjectType: MarkedSubject;
  subjectId: string;
  offence: PressOffence;
  ground: PressGround | null;
  /** The end of the last day to act (CALUMET_TZ), stored in UTC. */
  prescribesAt: Date;
  /** The rule's legal reference (loi du 29 juillet 1881, art. 65 or 65-3). */
  reference: string | null;
  /** When the mark last changed. */
  changedAt: Date;
}

const activeDated = (manager: EntityManager) =>
  manager.createQueryBuilder(PrescriptionMark, 'm').where("m.status = 'active' AND m.prescribesAt IS NOT NULL").orderBy('m.prescribesAt', 'ASC').addOrderBy('m.id', 'ASC');

/** The prescriptions feature's reads for other features (Today, the legal desk, calendars). */
export const prescriptionReads = {
  /** The incident's marks: active ones soonest first, then (with `all`) the removed ones, latest removed first. */
  async ofIncident(manager: EntityManager, incidentId: string, all: boolean): Promise<PrescriptionMark[]> {
    const marks = await manager.find(PrescriptionMark, { where: { incidentId, ...(all ? {} : { status: 'active' }) }, order: { markedAt: 'ASC', id: 'ASC' } });
    const time = (date: Date | null) => date?.getTime() ?? Number.MAX_SAFE_INTEGER;
    const active = marks.filter((mark) => mark.status === 'active').sort((a, b) => time(a.prescribesAt) - time(b.prescribesAt));
    const removed = marks.filter((mark) => mark.status === 'removed').sort((a, b) => time(b.removedAt) - time(a.removedAt));
    return [...active, ...removed];
  },

  /** Every active mark with a prescription date, soonest first. */
  active(manager: EntityManager, limit: number): Promise<PrescriptionMark[]> {
    return activeDated(manager).take(limit).getMany();
  },

  /** Active prescription dates on the incidents in scope, between `from` and `until` when given, soonest first. */
  async dueIn(manager: EntityManager, scope: IncidentScope, { from, until }: { from?: Date; until?: Date } = {}): Promise<PrescriptionDue[]> {
    const query = activeDated(manager).andWhere(scope.where('m.incidentId'), scope.parameters);
    if (from) query.andWhere('m.prescribesAt >= :from', { from });
    if (until) query.andWhere('m.prescribesAt <= :until', { until });
    const marks = await query.getMany();
    const incidents = await incidentReads.headsOf(manager, marks.map((mark) => mark.incidentId));
    return marks.map((mark) => {
      const incident = incidents.get(mark.incidentId)!;
      return {
        markId: mark.id,
        incidentId: mark.incidentId,
        incidentRef: incident.ref,
        incidentTitle: incident.title,
        subjectType: mark.subjectType,
        subjectId: mark.subjectId,
        offence: mark.offence,
        ground: mark.ground,
        prescribesAt: mark.prescribesAt!,
        reference: mark.ruleReference,
        changedAt: mark.updatedAt,
      };
    });
  },

  /** The prescription dates of the incidents a person owns or backs up (any state), between `from` and `until` when given: for a person's calendar. */
  dueFor(manager: EntityManager, userId: string, window: { from?: Date; until?: Date } = {}): Promise<PrescriptionDue[]> {
    return prescriptionReads.dueIn(manager, answeredBy(userId), window);
  },
};
