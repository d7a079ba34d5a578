import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Leases of due work run from the database while Redis is away: one worker runs a job at a time. */
export class JobLeases1765152000000 implements MigrationInterface {
  name = 'JobLeases1765152000000';

  async up(runner: QueryRunner): Promise<void> {
    // expires_at in epoch milliseconds: compared in SQL the same way on both databases.
    await runner.query('CREATE TABLE job_leases (job_key varchar(200) PRIMARY KEY, holder varchar(100) NOT NULL, expires_at bigint NOT NULL)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE job_leases');
  }
}
