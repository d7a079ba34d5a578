import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * Web desk sessions with a server side: a row per signed-in browser, so
 * signing out, a new password, an admin or a deactivation ends a session
 * wherever its cookie was copied. Only the token's hash is kept.
 */
export class WebSessions1796296970547 implements MigrationInterface {
  name = 'WebSessions1796296970547';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'web_sessions',
      [col.id(), col.ref('user_id'), col.varchar('token_hash', 64), col.varchar('user_agent', 300, true), col.varchar('address', 64, true), col.timestamp('created_at'), col.timestamp('last_seen_at')],
      [fk(['user_id'], 'users', 'CASCADE')],
      [index('ux_web_sessions_token', ['token_hash'], true), index('ix_web_sessions_user', ['user_id', 'last_seen_at'])],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE web_sessions');
  }
}
