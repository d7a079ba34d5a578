import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_SEEDED_DEADLINE_RULES as BEFORE_RULES } from './1796300000000-formal-notice-reference.js';
import { schema } from './schema.js';

/** The press-law prescription rules (docs/legal.md, "Press-law prescription"); admins edit them with the others. */
export const PRESCRIPTION_RULES = [
  {
    jurisdiction: 'FR',
    noticeType: 'press_prescription',
    clockStarts: 'publishedAt',
    period: 'P3M',
    dayCount: 'calendar',
    reference: 'Loi du 29 juillet 1881, art. 65',
    note: 'The action for defamation or insult is time-barred three months after the publication (the day of publication not counted, date to date, never moved to a working day). Only acts of prosecution or procedure interrupt it: a formal notice (mise en demeure) does not.',
    validity: null,
    preferStatedDeadline: false,
  },
  {
    jurisdiction: 'FR',
    noticeType: 'press_prescription_65_3',
    clockStarts: 'publishedAt',
    period: 'P1Y',
    dayCount: 'calendar',
    reference: 'Loi du 29 juillet 1881, art. 65-3',
    note: 'One year for provocation to discrimination, hatred or violence, and defamation or insult, because of origin, ethnicity, nation, race, religion, sex, sexual orientation or gender identity, or disability, and for the denial of crimes against humanity (art. 24 bis). A formal notice (mise en demeure) does not interrupt it.',
    validity: null,
    preferStatedDeadline: false,
  },
] as const;

/** The seeded rules as they stand after this migration. */
export const CURRENT_SEEDED_DEADLINE_RULES = [...BEFORE_RULES, ...PRESCRIPTION_RULES];

/**
 * Press-law prescription: a message or a post of an incident marked as
 * allegedly defamatory or insulting (`prescription_marks`, owned by
 * src/prescriptions), and the two rules that date its prescription.
 */
export class PressPrescription1796330000000 implements MigrationInterface {
  name = 'PressPrescription1796330000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, index, createTable } = schema(runner);
    await createTable(
      'prescription_marks',
      [
        col.id(),
        col.ref('incident_id'),
        col.varchar('subject_type', 10),
        col.ref('subject_id'),
        col.varchar('offence', 20),
        col.varchar('ground', 30, true),
        col.text('note', true),
        col.timestamp('published_at'),
        col.timestamp('prescribes_at', true),
        col.varchar('rule_period', 20, true),
        col.varchar('rule_reference', 500, true),
        col.varchar('status', 10),
        col.varchar('marked_by', 36),
        col.timestamp('marked_at'),
        col.varchar('removed_by', 36, true),
        col.timestamp('removed_at', true),
        col.varchar('removed_reason', 1000, true),
        col.timestamp('updated_at'),
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE')],
      [index('ix_prescription_marks_incident', ['incident_id']), index('ix_prescription_marks_subject', ['subject_type', 'subject_id']), index('ix_prescription_marks_due', ['status', 'prescribes_at'])],
    );
    const columns = ['jurisdiction', 'notice_type', 'clock_starts', 'period', 'day_count', 'reference', 'note', 'validity', 'prefer_stated_deadline'];
    const placeholders = columns.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    for (const rule of PRESCRIPTION_RULES) {
      await runner.query(`INSERT INTO deadline_rules (${columns.join(', ')}) VALUES (${placeholders})`, [
        rule.jurisdiction,
        rule.noticeType,
        rule.clockStarts,
        rule.period,
        rule.dayCount,
        rule.reference,
        rule.note,
        null,
        rule.preferStatedDeadline,
      ]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("DELETE FROM deadline_rules WHERE notice_type IN ('press_prescription', 'press_prescription_65_3')");
    await runner.dropTable('prescription_marks');
  }
}
