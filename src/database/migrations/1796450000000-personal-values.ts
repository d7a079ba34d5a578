import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * Personal values kept beside the timelines (their events hash a salted
 * digest instead), the record of each party's erasure, and when a party or
 * a message was erased (docs/legal.md, "Erasure"). The timeline's own
 * triggers are left as they were: events are still never changed.
 */
export class PersonalValues1796450000000 implements MigrationInterface {
  name = 'PersonalValues1796450000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, index, createTable } = schema(runner);
    await createTable(
      'timeline_personal_values',
      [
        { ...col.ref('event_id'), isPrimary: true },
        { ...col.varchar('path', 64), isPrimary: true },
        col.ref('incident_id'),
        col.ref('party_id', true),
        col.varchar('salt', 64),
        col.text('value'),
      ],
      [],
      [index('ix_timeline_personal_values_incident', ['incident_id']), index('ix_timeline_personal_values_party', ['party_id'])],
    );
    await createTable(
      'timeline_erasures',
      [col.id(), col.ref('party_id'), col.timestamp('at'), col.varchar('actor', 36), col.bool('in_progress', true), col.int('value_count', 0)],
      [],
      [index('ix_timeline_erasures_party', ['party_id'])],
    );
    await runner.query(`ALTER TABLE parties ADD COLUMN erased_at ${postgres ? 'timestamptz' : 'datetime'}`);
    await runner.query(`ALTER TABLE comments ADD COLUMN erased_at ${postgres ? 'timestamptz' : 'datetime'}`);

    // A value goes with its incident (an admin's delete, refused under legal hold), or while the erasure of its
    // party is open, in the erasure's own unit of work, when its incident is not under legal hold. Never changed.
    const unheld = 'NOT EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id AND legal_hold_on)';
    const erasing = `OLD.party_id IS NOT NULL AND EXISTS (SELECT 1 FROM timeline_erasures WHERE party_id = OLD.party_id AND in_progress) AND ${unheld}`;
    const gone = 'NOT EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id)';
    const refused = 'timeline personal values go only with their incident, or by the erasure of their party outside legal hold';
    // An erasure is closed once, and is never removed.
    const closing = 'OLD.in_progress AND NOT NEW.in_progress AND NEW.id = OLD.id AND NEW.party_id = OLD.party_id AND NEW.at = OLD.at AND NEW.actor = OLD.actor';
    if (postgres) {
      await runner.query(`
        CREATE FUNCTION calumet_personal_values_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' THEN RAISE EXCEPTION 'timeline personal values are never changed'; END IF;
          IF NOT (${gone}) AND NOT (${erasing}) THEN RAISE EXCEPTION '${refused}'; END IF;
          RETURN OLD;
        END $$`);
      await runner.query('CREATE TRIGGER timeline_personal_values_guard BEFORE UPDATE OR DELETE ON timeline_personal_values FOR EACH ROW EXECUTE FUNCTION calumet_personal_values_guard()');
      await runner.query('CREATE TRIGGER timeline_personal_values_no_truncate BEFORE TRUNCATE ON timeline_personal_values FOR EACH STATEMENT EXECUTE FUNCTION calumet_personal_values_guard()');
      await runner.query(`
        CREATE FUNCTION calumet_erasures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND ${closing} THEN RETURN NEW; END IF;
          RAISE EXCEPTION 'timeline erasures are closed once and never removed';
        END $$`);
      await runner.query('CREATE TRIGGER timeline_erasures_guard BEFORE UPDATE OR DELETE ON timeline_erasures FOR EACH ROW EXECUTE FUNCTION calumet_erasures_guard()');
      await runner.query('CREATE TRIGGER timeline_erasures_no_truncate BEFORE TRUNCATE ON timeline_erasures FOR EACH STATEMENT EXECUTE FUNCTION calumet_erasures_guard()');
    } else {
      await runner.query(`
        CREATE TRIGGER timeline_personal_values_no_update BEFORE UPDATE ON timeline_personal_values
        BEGIN SELECT RAISE(ABORT, 'timeline personal values are never changed'); END`);
      await runner.query(`
        CREATE TRIGGER timeline_personal_values_no_delete BEFORE DELETE ON timeline_personal_values
        WHEN NOT (${gone}) AND NOT (${erasing})
        BEGIN SELECT RAISE(ABORT, '${refused}'); END`);
      await runner.query(`
        CREATE TRIGGER timeline_erasures_no_update BEFORE UPDATE ON timeline_erasures WHEN NOT (${closing})
        BEGIN SELECT RAISE(ABORT, 'timeline erasures are closed once and never removed'); END`);
      await runner.query(`
        CREATE TRIGGER timeline_erasures_no_delete BEFORE DELETE ON timeline_erasures
        BEGIN SELECT RAISE(ABORT, 'timeline erasures are closed once and never removed'); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query('DROP TABLE timeline_personal_values');
    await runner.query('DROP TABLE timeline_erasures');
    if (postgres) {
      await runner.query('DROP FUNCTION calumet_personal_values_guard');
      await runner.query('DROP FUNCTION calumet_erasures_guard');
    }
    await runner.query('ALTER TABLE comments DROP COLUMN erased_at');
    await runner.query('ALTER TABLE parties DROP COLUMN erased_at');
  }
}
