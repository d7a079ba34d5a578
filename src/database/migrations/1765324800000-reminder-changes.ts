import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reconciler's periodic pass reads the scheduled reminders changed since its last pass, not all of them. */
export class ReminderChanges1765324800000 implements MigrationInterface {
  name = 'ReminderChanges1765324800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX ix_reminders_status_updated ON reminders (status, updated_at, id, version)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_reminders_status_updated');
  }
}
