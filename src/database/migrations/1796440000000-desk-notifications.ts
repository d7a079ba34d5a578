import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An in-app notification may be about the desk itself (a scheduled backup
 * that failed) rather than a reminder of an incident: its reminder and
 * incident may be null. SQLite rebuilds the table (TypeORM copies its rows).
 */
export class DeskNotifications1796440000000 implements MigrationInterface {
  name = 'DeskNotifications1796440000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.nullable(runner, true);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM notifications WHERE reminder_id IS NULL OR incident_id IS NULL');
    await this.nullable(runner, false);
  }

  private async nullable(runner: QueryRunner, nullable: boolean): Promise<void> {
    const table = (await runner.getTable('notifications'))!;
    const changes = ['reminder_id', 'incident_id'].map((name) => {
      const column = table.findColumnByName(name)!;
      const changed = column.clone();
      changed.isNullable = nullable;
      return { oldColumn: column, newColumn: changed };
    });
    await runner.changeColumns(table, changes);
  }
}
