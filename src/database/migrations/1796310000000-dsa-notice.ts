import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a notice under the DSA (art. 16) holds beyond a notice's fields: the
 * category the notifier chose, the exact addresses, the good-faith
 * statement, the notifier's name and email, the language of the form (JSON,
 * null for every other notice).
 */
export class DsaNotice1796310000000 implements MigrationInterface {
  name = 'DsaNotice1796310000000';

  async up(runner: QueryRunner): Promise<void> {
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table.
    await runner.query('ALTER TABLE legal_notices ADD COLUMN dsa_notice text NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE legal_notices DROP COLUMN dsa_notice');
  }
}
