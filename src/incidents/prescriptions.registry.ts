import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';

/** A press-law prescription of one of the incident's messages or posts, as the incident shows it (src/prescriptions owns the marks). */
export class IncidentPrescriptionView {
  @ApiProperty({ format: 'uuid', description: 'The mark (GET /api/prescriptions/:id)' }) id: string;
  @ApiProperty({ enum: ['comment', 'post'] }) subjectType: 'comment' | 'post';
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ enum: ['defamation', 'insult'] }) offence: string;
  @ApiProperty({ nullable: true, description: 'The art. 65-3 ground that makes it one year, or null (three months, art. 65)' }) ground: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'The end of the last day the action may be brought (CALUMET_TZ)' }) prescribesAt: string | null;
  @ApiProperty({ nullable: true, example: 'Loi du 29 juillet 1881, art. 65' }) reference: string | null;
  @ApiProperty({ description: 'A formal notice does not interrupt the prescription' }) warning: string;
}

type ListPrescriptions = (manager: EntityManager, incidentId: string) => Promise<IncidentPrescriptionView[]>;

export interface IncidentPrescriptionsHook {
  priority?: number;
}

/** Marks the method that gives an incident's active prescription dates; the registry finds it at boot. */
export const IncidentPrescriptions = methodHook<IncidentPrescriptionsHook, ListPrescriptions>();

/**
 * Where the prescription dates the incident shows come from: the incident
 * owns the point, the prescriptions feature (above it) marks its list.
 */
@Injectable()
export class PrescriptionsRegistry implements OnModuleInit {
  private providers: ListPrescriptions[] = [];

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    this.providers = inPriorityOrder('incident prescriptions', this.hooks.found(IncidentPrescriptions)).map(({ call }) => (manager, incidentId) => call(manager, incidentId) as Promise<IncidentPrescriptionView[]>);
  }

  async list(manager: EntityManager, incidentId: string): Promise<IncidentPrescriptionView[]> {
    const lists = [];
    for (const provider of this.providers) lists.push(await provider(manager, incidentId));
    return lists.flat();
  }
}
