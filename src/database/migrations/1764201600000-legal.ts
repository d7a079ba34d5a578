import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** The deadline rules the desk starts with (docs/legal.md explains them); admins edit them through PUT /api/deadline-rules. */
export const SEEDED_DEADLINE_RULES = [
  {
    jurisdiction: 'FR',
    noticeType: 'right_of_reply',
    clockStarts: 'receivedAt',
    period: 'P3D',
    dayCount: 'calendar',
    reference: 'LCEN (loi n° 2004-575) art. 6-IV; décret n° 2007-1527 du 24 octobre 2007',
    note: 'The publisher inserts the reply within 3 days of receiving the request. The request must reach the publisher within 3 months of the message’s publication.',
    validity: { maxAgeAfterPublication: 'P3M' },
    preferStatedDeadline: false,
  },
  {
    jurisdiction: 'EU',
    noticeType: 'data_protection_request',
    clockStarts: 'receivedAt',
    period: 'P1M',
    dayCount: 'calendar',
    reference: 'GDPR (Regulation (EU) 2016/679) art. 12(3)',
    note: 'Answer without undue delay and at the latest within one month of receipt, to the same date of the next month or the month’s last day (Regulation 1182/71 art. 3). Extendable by two months where necessary, telling the person within the first month.',
    validity: null,
    preferStatedDeadline: false,
  },
  {
    jurisdiction: '*',
    noticeType: 'formal_notice',
    clockStarts: 'receivedAt',
    period: 'P8D',
    dayCount: 'calendar',
    reference: 'Formal notice (mise en demeure): the deadline the letter states; 8 days by custom when it states none',
    note: 'Set statedDeadline on the notice when the letter gives a date.',
    validity: null,
    preferStatedDeadline: true,
  },
] as const;

/** Tables whose rows belong to an incident and may not be deleted while it is under legal hold. */
const HELD_PARTS = ['legal_notices', 'comments'];

/** Legal notices, deadline rules (seeded) and evidence. */
export class Legal1764201600000 implements MigrationInterface {
  name = 'Legal1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, index, createTable } = schema(runner);

    await createTable('deadline_rules', [
      { ...col.varchar('jurisdiction', 3), isPrimary: true },
      { ...col.varchar('notice_type', 30), isPrimary: true },
      col.varchar('clock_starts', 20),
      col.varchar('period', 20),
      col.varchar('day_count', 10),
      col.varchar('reference', 500),
      col.text('note', true),
      col.text('validity', true),
      col.bool('prefer_stated_deadline', false),
    ]);
    const columns = ['jurisdiction', 'notice_type', 'clock_starts', 'period', 'day_count', 'reference', 'note', 'validity', 'prefer_stated_deadline'];
    const placeholders = columns.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    for (const rule of SEEDED_DEADLINE_RULES) {
      await runner.query(`INSERT INTO deadline_rules (${columns.join(', ')}) VALUES (${placeholders})`, [
        rule.jurisdiction,
        rule.noticeType,
        rule.clockStarts,
        rule.period,
        rule.dayCount,
        rule.reference,
        rule.note,
        rule.validity ? JSON.stringify(rule.validity) : null,
        rule.preferStatedDeadline,
      ]);
    }

    await createTable(
      'legal_notices',
      [
        col.id(),
        col.varchar('ref', 20),
        col.ref('incident_id'),
        col.varchar('type', 30),
        col.varchar('direction', 10),
        col.ref('sender_party_id', true),
        col.ref('on_behalf_of_party_id', true),
        col.ref('counsel_party_id', true),
        col.varchar('received_via', 20, true),
        col.varchar('registered_mail_tracking_number', 100, true),
        col.timestamp('registered_mail_sent_at', true),
        col.timestamp('registered_mail_acknowledged_at', true),
        col.timestamp('sent_at', true),
        col.timestamp('received_at', true),
        col.varchar('jurisdiction', 2),
        col.text('legal_basis', true),
        col.text('summary', true),
        col.text('demands'),
        col.ref('comment_id', true),
        col.varchar('stated_deadline', 10, true),
        col.timestamp('content_published_at', true),
        col.varchar('status', 20),
        col.timestamp('status_changed_at'),
        col.timestamp('respond_by', true),
        col.bool('respond_by_manual', false),
        col.varchar('deadline_basis', 1000, true),
        col.text('validity'),
        col.varchar('action_taken', 10),
        col.text('privileged_notes', true),
        col.ref('created_by'),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [
        fk(['incident_id'], 'incidents', 'CASCADE'),
        fk(['sender_party_id'], 'parties'),
        fk(['on_behalf_of_party_id'], 'parties'),
        fk(['counsel_party_id'], 'parties'),
        fk(['comment_id'], 'comments'),
      ],
      [
        index('uq_legal_notices_ref', ['ref'], true),
        index('ix_legal_notices_incident', ['incident_id', 'created_at']),
        index('ix_legal_notices_created', ['created_at', 'id']),
        index('ix_legal_notices_respond_by', ['respond_by', 'id']),
      ],
    );

    await createTable(
      'evidence',
      [
        col.id(),
        col.ref('incident_id'),
        col.varchar('kind', 20),
        col.varchar('source_url', 2048, true),
        col.varchar('final_url', 2048, true),
        { ...col.int('http_status'), isNullable: true },
        col.varchar('file_name', 255, true),
        col.varchar('content_type', 255),
        col.int('size'),
        col.varchar('sha256', 64),
        col.text('note', true),
        col.ref('linked_comment_id', true),
        col.ref('linked_notice_id', true),
        col.ref('captured_by'),
        col.timestamp('captured_at'),
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE'), fk(['linked_comment_id'], 'comments'), fk(['linked_notice_id'], 'legal_notices')],
      [index('ix_evidence_incident_captured', ['incident_id', 'captured_at', 'id'])],
    );

    // Evidence is never changed, and goes only with its incident (an admin's
    // delete, itself refused under legal hold). Notices and comments cannot
    // be deleted while their incident is under legal hold.
    if (postgres) {
      await runner.query(`
        CREATE FUNCTION calumet_evidence_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' OR TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id) THEN
            RAISE EXCEPTION 'evidence is immutable';
          END IF;
          RETURN OLD;
        END $$`);
      await runner.query('CREATE TRIGGER evidence_immutable BEFORE UPDATE OR DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION calumet_evidence_immutable()');
      await runner.query('CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence FOR EACH STATEMENT EXECUTE FUNCTION calumet_evidence_immutable()');
      await runner.query(`
        CREATE FUNCTION calumet_held_incident_part() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id AND legal_hold_on) THEN
            RAISE EXCEPTION 'incident is under legal hold';
          END IF;
          RETURN OLD;
        END $$`);
      for (const table of HELD_PARTS) {
        await runner.query(`CREATE TRIGGER ${table}_legal_hold BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION calumet_held_incident_part()`);
      }
    } else {
      await runner.query(`
        CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END`);
      await runner.query(`
        CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
        WHEN EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id)
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END`);
      for (const table of HELD_PARTS) {
        await runner.query(`
          CREATE TRIGGER ${table}_legal_hold BEFORE DELETE ON ${table}
          WHEN EXISTS (SELECT 1 FROM incidents WHERE id = OLD.incident_id AND legal_hold_on)
          BEGIN SELECT RAISE(ABORT, 'incident is under legal hold'); END`);
      }
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of HELD_PARTS) await runner.query(`DROP TRIGGER ${table}_legal_hold${runner.connection.options.type === 'postgres' ? ` ON ${table}` : ''}`);
    for (const table of ['evidence', 'legal_notices', 'deadline_rules']) await runner.query(`DROP TABLE ${table}`);
    if (runner.connection.options.type === 'postgres') {
      await runner.query('DROP FUNCTION calumet_evidence_immutable');
      await runner.query('DROP FUNCTION calumet_held_incident_part');
    }
  }
}
