import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_SEEDED_DEADLINE_RULES as BEFORE_RULES } from './1796330000000-press-prescription.js';
import { schema } from './schema.js';

const LENGTH_CHECKS = { replyNoLongerThanOriginal: true, maxReplyLines: 200, replyLengthReference: 'décret n° 2007-1527 du 24 octobre 2007, art. 3' };

/** The seeded rules as they stand after this migration. */
export const CURRENT_SEEDED_DEADLINE_RULES = BEFORE_RULES.map((rule) =>
  rule.jurisdiction === 'FR' && rule.noticeType === 'right_of_reply' ? { ...rule, validity: { ...rule.validity, ...LENGTH_CHECKS } } : rule,
);

/**
 * The right of reply, admissible or not (décret n° 2007-1527, art. 1 and 3):
 * a post knows whether its comments are open (null: not known), the FR rule
 * checks the reply's length against the message it answers and its 200
 * lines, and a publish_reply commitment keeps the whole reply it must find on
 * the page (a mention to remove was 500 characters at most; a reply may run
 * to 200 lines). An admin's edit of the rule is kept.
 */
export class RightOfReplyLength1796340000000 implements MigrationInterface {
  name = 'RightOfReplyLength1796340000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres } = schema(runner);
    // ALTER TABLE … ADD COLUMN on both databases: TypeORM's addColumn rebuilds a SQLite table.
    await runner.query('ALTER TABLE posts ADD COLUMN comments_open boolean NULL');
    // SQLite does not enforce a varchar's length: only PostgreSQL's column needs widening.
    if (postgres) await runner.query('ALTER TABLE commitments ALTER COLUMN mention_text TYPE text');
    await editRule(runner, (validity) => ({ ...validity, ...LENGTH_CHECKS }));
  }

  async down(runner: QueryRunner): Promise<void> {
    const { postgres } = schema(runner);
    await editRule(runner, ({ maxReplyLines: _lines, replyNoLongerThanOriginal: _original, replyLengthReference: _reference, ...validity }) => validity);
    if (postgres) await runner.query('ALTER TABLE commitments ALTER COLUMN mention_text TYPE varchar(500) USING left(mention_text, 500)');
    await runner.query('ALTER TABLE posts DROP COLUMN comments_open');
  }
}

async function editRule(runner: QueryRunner, change: (validity: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const { postgres } = schema(runner);
  const where = "jurisdiction = 'FR' AND notice_type = 'right_of_reply'";
  const rows: Array<{ validity: string | null }> = await runner.query(`SELECT validity FROM deadline_rules WHERE ${where}`);
  if (!rows.length) return;
  const validity = change(rows[0]!.validity ? (JSON.parse(rows[0]!.validity) as Record<string, unknown>) : {});
  await runner.query(`UPDATE deadline_rules SET validity = ${postgres ? '$1' : '?'} WHERE ${where}`, [JSON.stringify(validity)]);
}
