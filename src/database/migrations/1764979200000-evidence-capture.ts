import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * Browser captures, seals and rechecks of kept promises.
 * - evidence gets a status: a page capture is asked for (`pending`) and
 *   completed by the worker (`captured` or `failed`); the immutability
 *   trigger now lets a pending row be completed once, and nothing else.
 * - evidence_parts: the stored parts of a capture (screenshot, PDF, DOM,
 *   headers, WARC, report, manifest), as immutable as the evidence.
 * - seals: the heads of every timeline, combined into one root hash.
 * - commitments.watch_until: a verified commitment is checked again until then.
 */
export class EvidenceCapture1764979200000 implements MigrationInterface {
  name = 'EvidenceCapture1764979200000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, index, createTable } = schema(runner);
    await runner.query("ALTER TABLE evidence ADD COLUMN status varchar(20) NOT NULL DEFAULT 'captured'");
    await runner.query('ALTER TABLE evidence ADD COLUMN error text NULL');
    await runner.query(`ALTER TABLE commitments ADD COLUMN watch_until ${postgres ? 'timestamptz' : 'datetime'} NULL`);
    await runner.query('CREATE INDEX ix_evidence_status ON evidence (status, captured_at)');

    await createTable(
      'evidence_parts',
      [
        col.id(),
        col.ref('evidence_id'),
        col.varchar('name', 100),
        col.varchar('role', 30),
        col.varchar('content_type', 255),
        col.int('size'),
        col.varchar('sha256', 64),
        col.int('position'),
      ],
      [fk(['evidence_id'], 'evidence', 'CASCADE')],
      [index('uq_evidence_parts_name', ['evidence_id', 'name'], true)],
    );

    await createTable(
      'seals',
      [
        col.id(),
        col.timestamp('made_at'),
        col.varchar('root', 64),
        col.text('heads'),
        col.int('incidents'),
        col.text('sent_to'),
        col.varchar('made_by', 36),
        col.varchar('daily_key', 10, true),
      ],
      [],
      [index('ix_seals_made_at', ['made_at', 'id']), index('uq_seals_daily_key', ['daily_key'], true)],
    );

    if (postgres) {
      await runner.query(`
        CREATE OR REPLACE FUNCTION calumet_evidence_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.status = 'pending' AND NEW.id = OLD.id AND NEW.incident_id = OLD.incident_id
             AND NEW.kind = OLD.kind AND NEW.source_url IS NOT DISTINCT FROM OLD.source_url AND NEW.captured_by = OLD.captured_by THEN
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id) THEN
            RAISE EXCEPTION 'evidence is immutable';
          END IF;
          RETURN OLD;
        END $$`);
      await runner.query(`
        CREATE FUNCTION calumet_evidence_part_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM evidence WHERE id = OLD.evidence_id) THEN
            RAISE EXCEPTION 'evidence is immutable';
          END IF;
          RETURN OLD;
        END $$`);
      await runner.query('CREATE TRIGGER evidence_parts_immutable BEFORE UPDATE OR DELETE ON evidence_parts FOR EACH ROW EXECUTE FUNCTION calumet_evidence_part_immutable()');
      await runner.query('CREATE TRIGGER evidence_parts_no_truncate BEFORE TRUNCATE ON evidence_parts FOR EACH STATEMENT EXECUTE FUNCTION calumet_evidence_part_immutable()');
    } else {
      await runner.query('DROP TRIGGER evidence_no_update');
      await runner.query(`
        CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
        WHEN OLD.status <> 'pending' OR NEW.id IS NOT OLD.id OR NEW.incident_id IS NOT OLD.incident_id OR NEW.kind IS NOT OLD.kind
          OR NEW.source_url IS NOT OLD.source_url OR NEW.captured_by IS NOT OLD.captured_by
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END`);
      await runner.query(`
        CREATE TRIGGER evidence_parts_no_update BEFORE UPDATE ON evidence_parts
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END`);
      await runner.query(`
        CREATE TRIGGER evidence_parts_no_delete BEFORE DELETE ON evidence_parts
        WHEN EXISTS (SELECT 1 FROM evidence WHERE id = OLD.evidence_id)
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query('DROP TABLE seals');
    await runner.query('DROP TABLE evidence_parts');
    if (postgres) await runner.query('DROP FUNCTION calumet_evidence_part_immutable');
    await runner.query('DROP INDEX ix_evidence_status');
    await runner.query('ALTER TABLE commitments DROP COLUMN watch_until');
    if (!postgres) await runner.query('DROP TRIGGER evidence_no_update');
    await runner.query('ALTER TABLE evidence DROP COLUMN error');
    await runner.query('ALTER TABLE evidence DROP COLUMN status');
    if (!postgres) await runner.query("CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END");
  }
}
