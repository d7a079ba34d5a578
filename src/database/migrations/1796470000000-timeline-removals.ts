import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * The record of each incident timeline removed (an admin's delete, a purge
 * under a retention rule: docs/legal.md, "Retention"): `timeline_removals`, a
 * hash chain of its own, append-only, whose head every seal covers. An
 * incident's events and personal values may now go only once its incident row
 * is gone AND its removal is recorded there: a plain DELETE is refused, as is
 * one after an incident row was deleted behind the API.
 */
export class TimelineRemovals1796470000000 implements MigrationInterface {
  name = 'TimelineRemovals1796470000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, index, createTable } = schema(runner);
    await createTable(
      'timeline_removals',
      [
        col.id(),
        col.int('seq'),
        col.timestamp('at'),
        col.varchar('actor', 36),
        col.varchar('type', 64),
        col.text('payload'),
        col.varchar('prev_hash', 64),
        col.varchar('hash', 64),
        col.ref('incident_id'),
      ],
      [],
      [index('uq_timeline_removals_seq', ['seq'], true), index('ix_timeline_removals_incident', ['incident_id'])],
    );
    const removed = 'NOT EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id) AND EXISTS (SELECT 1 FROM timeline_removals WHERE incident_id = OLD.incident_id)';
    await this.guards(runner, postgres, removed);
    if (postgres) {
      await runner.query(`
        CREATE FUNCTION calumet_removals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'timeline removals are append-only'; END $$`);
      await runner.query('CREATE TRIGGER timeline_removals_append_only BEFORE UPDATE OR DELETE ON timeline_removals FOR EACH ROW EXECUTE FUNCTION calumet_removals_append_only()');
      await runner.query('CREATE TRIGGER timeline_removals_no_truncate BEFORE TRUNCATE ON timeline_removals FOR EACH STATEMENT EXECUTE FUNCTION calumet_removals_append_only()');
    } else {
      await runner.query(`CREATE TRIGGER timeline_removals_no_update BEFORE UPDATE ON timeline_removals BEGIN SELECT RAISE(ABORT, 'timeline removals are append-only'); END`);
      await runner.query(`CREATE TRIGGER timeline_removals_no_delete BEFORE DELETE ON timeline_removals BEGIN SELECT RAISE(ABORT, 'timeline removals are append-only'); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await this.guards(runner, postgres, 'NOT EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id)');
    await runner.query('DROP TABLE timeline_removals');
    if (postgres) await runner.query('DROP FUNCTION calumet_removals_append_only');
  }

  /** The guards of events and personal values, letting an incident's go only when `gone` holds (as 1764115200000-core and 1796450000000-personal-values wrote them, but for that condition). */
  private async guards(runner: QueryRunner, postgres: boolean, gone: string): Promise<void> {
    const unheld = 'NOT EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id AND legal_hold_on)';
    const erasing = `OLD.party_id IS NOT NULL AND EXISTS (SELECT 1 FROM timeline_erasures WHERE party_id = OLD.party_id AND in_progress) AND ${unheld}`;
    const refused = 'timeline personal values go only with their incident, or by the erasure of their party outside legal hold';
    if (postgres) {
      await runner.query(`
        CREATE OR REPLACE FUNCTION calumet_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' OR NOT (${gone}) THEN
            RAISE EXCEPTION 'timeline events are append-only';
          END IF;
          RETURN OLD;
        END $$`);
      await runner.query(`
        CREATE OR REPLACE FUNCTION calumet_personal_values_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' THEN RAISE EXCEPTION 'timeline personal values are never changed'; END IF;
          IF NOT (${gone}) AND NOT (${erasing}) THEN RAISE EXCEPTION '${refused}'; END IF;
          RETURN OLD;
        END $$`);
      return;
    }
    await runner.query('DROP TRIGGER timeline_events_no_delete');
    await runner.query(`
      CREATE TRIGGER timeline_events_no_delete BEFORE DELETE ON timeline_events
      WHEN NOT (${gone})
      BEGIN SELECT RAISE(ABORT, 'timeline events are append-only'); END`);
    await runner.query('DROP TRIGGER timeline_personal_values_no_delete');
    await runner.query(`
      CREATE TRIGGER timeline_personal_values_no_delete BEFORE DELETE ON timeline_personal_values
      WHEN NOT (${gone}) AND NOT (${erasing})
      BEGIN SELECT RAISE(ABORT, '${refused}'); END`);
  }
}
