import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Users, parties, posts, incidents, comments, the append-only timeline and the reference counters. */
export class Core1764115200000 implements MigrationInterface {
  name = 'Core1764115200000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, index, createTable } = schema(runner);

    await createTable('sequences', [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }, col.int('value')]);

    await createTable(
      'users',
      [
        col.id(),
        col.varchar('name', 120),
        col.varchar('email', 254),
        col.varchar('role', 20),
        col.varchar('token_hash', 64),
        col.bool('active', true),
        col.timestamp('created_at'),
      ],
      [],
      [index('uq_users_email', ['email'], true), index('uq_users_token_hash', ['token_hash'], true)],
    );

    await createTable(
      'parties',
      [
        col.id(),
        col.varchar('kind', 20),
        col.varchar('name', 200),
        col.varchar('organisation', 200, true),
        col.varchar('email', 254, true),
        col.varchar('url', 2048, true),
        col.text('postal_address', true),
        col.text('notes', true),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [],
      [index('ix_parties_name', ['name']), index('ix_parties_email', ['email'])],
    );

    await createTable(
      'posts',
      [
        col.id(),
        col.varchar('platform', 20),
        col.varchar('ownership', 20),
        col.varchar('url', 2048),
        col.varchar('title', 300, true),
        col.varchar('author_name', 200, true),
        col.timestamp('published_at', true),
        col.ref('owner_id', true),
        col.varchar('indexing_desired', 10, false, 'index'),
        col.varchar('indexing_observed', 10, false, 'unknown'),
        col.timestamp('indexing_observed_at', true),
        col.timestamp('indexing_next_check_at', true),
        col.varchar('external_id', 100, true),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [fk(['owner_id'], 'users')],
      [index('uq_posts_url', ['url'], true), index('ix_posts_indexing_next_check', ['indexing_next_check_at'])],
    );

    await createTable(
      'incidents',
      [
        col.id(),
        col.varchar('ref', 20),
        col.varchar('title', 200),
        col.text('summary', true),
        col.varchar('severity', 10),
        col.varchar('state', 20),
        col.ref('owner_id', true),
        col.ref('backup_owner_id', true),
        col.ref('counterpart_id', true),
        col.text('tags'),
        col.bool('legal_hold_on', false),
        col.varchar('legal_hold_reason', 1000, true),
        col.varchar('legal_hold_by', 36, true),
        col.timestamp('legal_hold_at', true),
        col.timestamp('opened_at'),
        col.timestamp('state_changed_at'),
        col.timestamp('resolved_at', true),
        col.timestamp('closed_at', true),
        col.text('resolution', true),
        col.ref('created_by'),
        col.int('version'),
        col.timestamp('updated_at'),
      ],
      [fk(['owner_id'], 'users'), fk(['backup_owner_id'], 'users'), fk(['counterpart_id'], 'parties')],
      [
        index('uq_incidents_ref', ['ref'], true),
        index('ix_incidents_opened', ['opened_at', 'id']),
        index('ix_incidents_state', ['state']),
        index('ix_incidents_owner', ['owner_id']),
      ],
    );

    await createTable(
      'incident_posts',
      [
        { ...col.ref('incident_id'), isPrimary: true },
        { ...col.ref('post_id'), isPrimary: true },
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE'), fk(['post_id'], 'posts')],
      [index('ix_incident_posts_post', ['post_id'])],
    );

    await createTable(
      'comments',
      [
        col.id(),
        col.ref('incident_id'),
        col.ref('post_id', true),
        col.ref('parent_id', true),
        col.varchar('direction', 10),
        col.varchar('channel', 20),
        col.ref('party_id', true),
        col.ref('author_user_id', true),
        col.varchar('author_name', 200, true),
        col.timestamp('posted_at'),
        col.text('body'),
        col.varchar('url', 2048, true),
        col.varchar('external_id', 100, true),
        col.varchar('status', 10),
        col.bool('needs_response', false),
        col.ref('responded_by_id', true),
        col.text('signals'),
        col.text('revisions'),
        col.ref('created_by'),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [
        fk(['incident_id'], 'incidents', 'CASCADE'),
        fk(['post_id'], 'posts'),
        fk(['parent_id'], 'comments'),
        fk(['party_id'], 'parties'),
        fk(['author_user_id'], 'users'),
      ],
      [
        index('ix_comments_incident_posted', ['incident_id', 'posted_at', 'id']),
        index('uq_comments_incident_external', ['incident_id', 'external_id'], true),
        index('ix_comments_parent', ['parent_id']),
      ],
    );

    // No foreign key to incidents: the trigger below lets an event go only once
    // its incident row is gone (an admin's delete, refused under legal hold).
    await createTable(
      'timeline_events',
      [
        col.id(),
        col.ref('incident_id'),
        col.int('seq'),
        col.timestamp('at'),
        col.varchar('actor', 36),
        col.varchar('type', 64),
        col.text('payload'),
        col.varchar('prev_hash', 64),
        col.varchar('hash', 64),
      ],
      [],
      [index('uq_timeline_incident_seq', ['incident_id', 'seq'], true)],
    );

    if (postgres) {
      await runner.query(`
        CREATE FUNCTION calumet_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id) THEN
            RAISE EXCEPTION 'timeline events are append-only';
          END IF;
          RETURN OLD;
        END $$`);
      await runner.query(
        'CREATE TRIGGER timeline_events_append_only BEFORE UPDATE OR DELETE ON timeline_events FOR EACH ROW EXECUTE FUNCTION calumet_timeline_append_only()',
      );
      await runner.query(
        'CREATE TRIGGER timeline_events_no_truncate BEFORE TRUNCATE ON timeline_events FOR EACH STATEMENT EXECUTE FUNCTION calumet_timeline_append_only()',
      );
      await runner.query(`
        CREATE FUNCTION calumet_incident_legal_hold() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.legal_hold_on THEN RAISE EXCEPTION 'incident is under legal hold'; END IF;
          RETURN OLD;
        END $$`);
      await runner.query(
        'CREATE TRIGGER incidents_legal_hold BEFORE DELETE ON incidents FOR EACH ROW EXECUTE FUNCTION calumet_incident_legal_hold()',
      );
    } else {
      await runner.query(`
        CREATE TRIGGER timeline_events_no_update BEFORE UPDATE ON timeline_events
        BEGIN SELECT RAISE(ABORT, 'timeline events are append-only'); END`);
      await runner.query(`
        CREATE TRIGGER timeline_events_no_delete BEFORE DELETE ON timeline_events
        WHEN EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id)
        BEGIN SELECT RAISE(ABORT, 'timeline events are append-only'); END`);
      await runner.query(`
        CREATE TRIGGER incidents_legal_hold BEFORE DELETE ON incidents WHEN OLD.legal_hold_on
        BEGIN SELECT RAISE(ABORT, 'incident is under legal hold'); END`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['timeline_events', 'comments', 'incident_posts', 'incidents', 'posts', 'parties', 'users', 'sequences']) {
      await runner.query(`DROP TABLE ${table}`);
    }
    if (runner.connection.options.type === 'postgres') {
      await runner.query('DROP FUNCTION calumet_timeline_append_only');
      await runner.query('DROP FUNCTION calumet_incident_legal_hold');
    }
  }
}
