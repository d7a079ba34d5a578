import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the read paths ask for at a million messages (docs/performance.md):
 * each list filter of the incidents in the list's own order, the comments of
 * an incident awaiting a reply (its open count and the agenda) without
 * reading its thread, the few comments carrying signals (its suggestions),
 * and an incident's timeline events of one type (suggestion decisions).
 */
export class ReadIndexes1765238400000 implements MigrationInterface {
  name = 'ReadIndexes1765238400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_incidents_state');
    await runner.query('DROP INDEX ix_incidents_owner');
    await runner.query('CREATE INDEX ix_incidents_state_opened ON incidents (state, opened_at, id)');
    await runner.query('CREATE INDEX ix_incidents_severity_opened ON incidents (severity, opened_at, id)');
    await runner.query('CREATE INDEX ix_incidents_owner_opened ON incidents (owner_id, opened_at, id)');
    await runner.query('CREATE INDEX ix_comments_awaiting ON comments (incident_id, direction, needs_response, responded_by_id, status)');
    // Partial: most comments carry no signal, and a query names the same condition to use it.
    await runner.query(`CREATE INDEX ix_comments_signals ON comments (incident_id, posted_at, id) WHERE signals <> '[]'`);
    await runner.query('CREATE INDEX ix_timeline_incident_type ON timeline_events (incident_id, type, seq)');
    await runner.query('CREATE INDEX ix_legal_notices_status ON legal_notices (status, created_at, id)');
    await runner.query('CREATE INDEX ix_commitments_owner ON commitments (owner_id, created_at, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [
      'ix_commitments_owner',
      'ix_legal_notices_status',
      'ix_timeline_incident_type',
      'ix_comments_signals',
      'ix_comments_awaiting',
      'ix_incidents_owner_opened',
      'ix_incidents_severity_opened',
      'ix_incidents_state_opened',
    ]) {
      await runner.query(`DROP INDEX ${name}`);
    }
    await runner.query('CREATE INDEX ix_incidents_owner ON incidents (owner_id)');
    await runner.query('CREATE INDEX ix_incidents_state ON incidents (state)');
  }
}
