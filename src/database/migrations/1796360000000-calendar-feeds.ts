import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Each person's private calendar feed: the hash of its secret, one per person. */
export class CalendarFeeds1796360000000 implements MigrationInterface {
  name = 'CalendarFeeds1796360000000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'calendar_feeds',
      [col.id(), col.ref('user_id'), col.varchar('secret_hash', 64), col.timestamp('created_at')],
      [fk(['user_id'], 'users', 'CASCADE')],
      [index('ux_calendar_feeds_user', ['user_id'], true), index('ux_calendar_feeds_secret', ['secret_hash'], true)],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE calendar_feeds');
  }
}
