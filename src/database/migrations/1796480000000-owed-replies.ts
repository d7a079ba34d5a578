import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * The replies each person owes, kept by the writes (src/comments/owed-replies.ts)
 * so Today counts and lists them by index range instead of placing every
 * owed message in time on each read: one row per person (owner, backup owner)
 * and message awaiting a reply on an open incident. Its rows go with their
 * comment (and so with their incident). The rows are filled by the recount,
 * which the first boot runs (the basis row says nothing was counted yet):
 * the rule "awaiting a reply" and the SLAs (configuration) live in the
 * application, not in a migration. And an index of the recent messages on
 * posts, for Today's watched news.
 */
export class OwedReplies1796480000000 implements MigrationInterface {
  name = 'OwedReplies1796480000000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'owed_replies',
      [
        { ...col.ref('user_id'), isPrimary: true },
        { ...col.ref('comment_id'), isPrimary: true },
        col.ref('incident_id'),
        col.timestamp('due_at'),
      ],
      [fk(['comment_id'], 'comments', 'CASCADE'), fk(['incident_id'], 'incidents', 'CASCADE')],
      [index('ix_owed_replies_due', ['user_id', 'due_at', 'comment_id']), index('ix_owed_replies_comment', ['comment_id']), index('ix_owed_replies_incident', ['incident_id'])],
    );
    await createTable('owed_replies_basis', [{ name: 'id', type: 'integer', isPrimary: true }, col.varchar('sla', 200, true), col.timestamp('counted_at', true)]);
    await runner.query('INSERT INTO owed_replies_basis (id, sla, counted_at) VALUES (1, NULL, NULL)');
    // Today's other growing read, what a post's watch brought in lately: the recent messages on posts, not every message of the person's incidents.
    await runner.query('CREATE INDEX ix_comments_watched ON comments (created_at) WHERE post_id IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_comments_watched');
    await runner.query('DROP TABLE owed_replies_basis');
    await runner.query('DROP TABLE owed_replies');
  }
}
