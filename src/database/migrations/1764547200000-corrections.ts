import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The bootstrap admin is marked, so a changed CALUMET_ADMIN_TOKEN rotates its token instead of adding an admin. */
export class Corrections1764547200000 implements MigrationInterface {
  name = 'Corrections1764547200000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query(`ALTER TABLE users ADD COLUMN bootstrap boolean NOT NULL DEFAULT ${postgres ? 'false' : '0'}`);
    await runner.query(
      `UPDATE users SET bootstrap = ${postgres ? 'true' : '1'} WHERE id = (SELECT id FROM users WHERE email = 'admin@calumet.local' AND role = 'admin' ORDER BY created_at LIMIT 1)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE users DROP COLUMN bootstrap');
  }
}
