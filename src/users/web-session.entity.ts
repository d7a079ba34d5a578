import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/**
 * One signed-in browser on the web desk. The cookie holds a random token;
 * only its hash is kept, so the table gives no one a way in. Ending the
 * session deletes the row: the cookie, wherever it was copied, opens nothing.
 */
@Entity('web_sessions')
export class WebSession {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 64, select: false }) tokenHash: string;
  /** The browser's User-Agent when it signed in (cut to 300 characters). */
  @Column({ type: 'varchar', length: 300, nullable: true }) userAgent: string | null;
  /** The address it signed in from, as the proxies trusted (TRUST_PROXY) tell it. */
  @Column({ type: 'varchar', length: 64, nullable: true }) address: string | null;
  @TimestampColumn() createdAt: Date;
  /** When a page was last opened with it, to within WebSessionsService's LAST_SEEN_EVERY_MS. */
  @TimestampColumn() lastSeenAt: Date;
}
