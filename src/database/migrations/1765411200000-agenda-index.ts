import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Today (GET /api/me/agenda) finds the incidents a person backs up by index, as it finds those they own. */
export class AgendaIndex1765411200000 implements MigrationInterface {
  name = 'AgendaIndex1765411200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX ix_incidents_backup_owner ON incidents (backup_owner_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_incidents_backup_owner');
  }
}
