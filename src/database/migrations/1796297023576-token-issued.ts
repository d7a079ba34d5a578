import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * When a user's API token was made and shown (to them or to the admin who
 * made them), so "My account" can say whether they hold one: null for a
 * person added on the desk, whose token nobody ever saw. Users made before
 * keep their creation time.
 */
export class TokenIssued1796297023576 implements MigrationInterface {
  name = 'TokenIssued1796297023576';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres } = schema(runner);
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table, which the rows referring to it would not survive.
    await runner.query(`ALTER TABLE users ADD COLUMN token_issued_at ${postgres ? 'timestamptz' : 'datetime'} NULL`);
    await runner.query('UPDATE users SET token_issued_at = created_at');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE users DROP COLUMN token_issued_at');
  }
}
