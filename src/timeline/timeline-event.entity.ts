import { Entity } from 'typeorm';
import { RefColumn } from '../database/columns.js';
import { ChainedEvent } from './chained-event.js';

/** Append-only: no API changes it, and a database trigger refuses UPDATE and DELETE. */
@Entity('timeline_events')
export class TimelineEvent extends ChainedEvent {
  @RefColumn() incidentId: string;
}
