import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts of a notice's deadline basis (rule, period, what starts the
 * clock), kept beside the English sentence so that each reader reads it in
 * their language. Notices recorded before keep their sentence only; a
 * reminder's note likewise (reminders.note_facts).
 */
export class DeadlineBasisFacts1796297076436 implements MigrationInterface {
  name = 'DeadlineBasisFacts1796297076436';

  async up(runner: QueryRunner): Promise<void> {
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table.
    await runner.query('ALTER TABLE legal_notices ADD COLUMN deadline_basis_facts text NULL');
    await runner.query('ALTER TABLE reminders ADD COLUMN note_facts text NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE reminders DROP COLUMN note_facts');
    await runner.query('ALTER TABLE legal_notices DROP COLUMN deadline_basis_facts');
  }
}
