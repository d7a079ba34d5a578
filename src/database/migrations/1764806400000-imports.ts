import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** WordPress imports: the handles a user signs with on blogs, and a watch on a post (re-synced by the worker). */
export class Imports1764806400000 implements MigrationInterface {
  name = 'Imports1764806400000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres } = schema(runner);
    const timestamp = postgres ? 'timestamptz' : 'datetime';
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table, which the rows referring to it would not survive.
    await runner.query(`ALTER TABLE users ADD COLUMN handles text NOT NULL DEFAULT '[]'`);
    await runner.query('ALTER TABLE posts ADD COLUMN watch_incident_id varchar(36) NULL REFERENCES incidents(id) ON DELETE SET NULL');
    await runner.query(`ALTER TABLE posts ADD COLUMN watch_next_sync_at ${timestamp} NULL`);
    await runner.query(`ALTER TABLE posts ADD COLUMN watch_last_sync_at ${timestamp} NULL`);
    await runner.query('ALTER TABLE posts ADD COLUMN watch_last_result varchar(1000) NULL');
    await runner.query('CREATE INDEX ix_posts_watch_next_sync ON posts (watch_next_sync_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_posts_watch_next_sync');
    for (const column of ['watch_last_result', 'watch_last_sync_at', 'watch_next_sync_at', 'watch_incident_id']) await runner.query(`ALTER TABLE posts DROP COLUMN ${column}`);
    await runner.query('ALTER TABLE users DROP COLUMN handles');
  }
}
