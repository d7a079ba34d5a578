import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * The settings get a timeline of their own (`settings_events`, hash-chained
 * like an incident's and as append-only), and signals get the phrases admins
 * add per language and kind (`signal_phrases`), each change an event of it.
 */
export class SignalPhrases1765584000000 implements MigrationInterface {
  name = 'SignalPhrases1765584000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, index, createTable } = schema(runner);
    await createTable(
      'settings_events',
      [col.id(), col.int('seq'), col.timestamp('at'), col.varchar('actor', 36), col.varchar('type', 64), col.text('payload'), col.varchar('prev_hash', 64), col.varchar('hash', 64)],
      [],
      [index('uq_settings_events_seq', ['seq'], true)],
    );
    await createTable(
      'signal_phrases',
      [
        col.id(),
        col.varchar('language', 2),
        col.varchar('kind', 30),
        col.varchar('commitment_kind', 30, true),
        col.varchar('notice_type', 40, true),
        col.varchar('phrase', 300),
        col.ref('created_by'),
        col.timestamp('created_at'),
      ],
      [fk(['created_by'], 'users')],
      [index('ix_signal_phrases_language', ['language', 'created_at'])],
    );
    if (postgres) {
      await runner.query(`
        CREATE FUNCTION calumet_settings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'settings events are append-only'; END $$`);
      await runner.query('CREATE TRIGGER settings_events_append_only BEFORE UPDATE OR DELETE ON settings_events FOR EACH ROW EXECUTE FUNCTION calumet_settings_append_only()');
      await runner.query('CREATE TRIGGER settings_events_no_truncate BEFORE TRUNCATE ON settings_events FOR EACH STATEMENT EXECUTE FUNCTION calumet_settings_append_only()');
    } else {
      await runner.query(`CREATE TRIGGER settings_events_no_update BEFORE UPDATE ON settings_events BEGIN SELECT RAISE(ABORT, 'settings events are append-only'); END`);
      await runner.query(`CREATE TRIGGER settings_events_no_delete BEFORE DELETE ON settings_events BEGIN SELECT RAISE(ABORT, 'settings events are append-only'); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE signal_phrases');
    await runner.query('DROP TABLE settings_events');
    if (runner.connection.options.type === 'postgres') await runner.query('DROP FUNCTION calumet_settings_append_only');
  }
}
