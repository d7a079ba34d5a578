import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * The web desk: people sign in with a password set through a one-time
 * invite link, and keep their language; the session key lives in the
 * database when SESSION_SECRET is not set, so every API process shares it.
 */
export class WebDesk1765065600000 implements MigrationInterface {
  name = 'WebDesk1765065600000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await runner.query('ALTER TABLE users ADD COLUMN password_hash varchar(200) NULL');
    await runner.query('ALTER TABLE users ADD COLUMN locale varchar(5) NULL');
    await createTable(
      'user_invites',
      [col.id(), col.ref('user_id'), col.varchar('token_hash', 64), col.timestamp('expires_at'), col.timestamp('used_at', true), col.ref('created_by'), col.timestamp('created_at')],
      [fk(['user_id'], 'users', 'CASCADE')],
      [index('ux_user_invites_token', ['token_hash'], true), index('ix_user_invites_user', ['user_id'])],
    );
    await createTable('web_settings', [{ ...col.varchar('key', 50), isPrimary: true }, col.text('value')]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE web_settings');
    await runner.query('DROP TABLE user_invites');
    await runner.query('ALTER TABLE users DROP COLUMN locale');
    await runner.query('ALTER TABLE users DROP COLUMN password_hash');
  }
}
