import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RefColumn } from '../database/columns.js';

/**
 * A personal value of a timeline event, kept beside the chain: the event's
 * stored payload holds only its salted digest. Never updated (a trigger
 * refuses it); deleted only with its incident, or by the erasure of its party
 * while `timeline_erasures` holds that erasure in progress and the incident is not
 * under legal hold (triggers again).
 */
@Entity('timeline_personal_values')
export class TimelinePersonalValue {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) path: string;
  @RefColumn() incidentId: string;
  @RefColumn({ nullable: true }) partyId: string | null;
  @Column({ type: 'varchar', length: 64 }) salt: string;
  @Column({ type: 'text' }) value: string;
}
