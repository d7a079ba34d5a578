import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One comment row, as a team would model it in a day: no chain, no search, no reminders. */
@Entity('comments')
export class PlainComment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index() @Column('varchar') incidentId: string;
  @Column('varchar') direction: Direction;
  @Column('varchar', { nullable: true }) authorName: string | null;
  @Column('text') body: string;
  @CreateDateColumn() createdAt: Date;
}
