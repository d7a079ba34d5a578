import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a check of a commitment's page could not be made, as a code and its
 * values (`{ "code": "address", "values": { "url": "127.0.0.1", … } }`, the
 * fetcher's reasons), so the desk says it in the reader's language; `detail`
 * keeps the English sentence. Earlier checks have none.
 */
export class ObservationReasons1796490000000 implements MigrationInterface {
  name = 'ObservationReasons1796490000000';

  async up(runner: QueryRunner): Promise<void> {
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table.
    await runner.query('ALTER TABLE commitment_observations ADD COLUMN reason text NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE commitment_observations DROP COLUMN reason');
  }
}
