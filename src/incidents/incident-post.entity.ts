import { Entity } from 'typeorm';
import { PrimaryColumn } from 'typeorm';

/** Which posts an incident is about (a post may figure in several incidents). */
@Entity('incident_posts')
export class IncidentPost {
  @PrimaryColumn({ type: 'varchar', length: 36 }) incidentId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) postId: string;
}
