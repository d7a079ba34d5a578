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

/** Legal notices, deadline rules (seeded) and evidence. */
export class Legal1764201600000 implements MigrationInterface {
  name = 'Legal1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, createTable } = schema(runner);

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
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE deadline_rules');
  }
}
