import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_SEEDED_DEADLINE_RULES as BEFORE_RULES } from './1765670400000-right-of-reply-comments.js';
import { schema } from './schema.js';

const BEFORE = 'Formal notice (mise en demeure): the deadline the letter states; 8 days by custom when it states none';
const AFTER = 'Code civil art. 1344';

/** The seeded rules as they stand after this migration. */
export const CURRENT_SEEDED_DEADLINE_RULES = BEFORE_RULES.map((rule) => (rule.reference === BEFORE ? { ...rule, reference: AFTER } : rule));

/**
 * The seeded formal-notice rule named its source with an English sentence,
 * which every reader met in the deadline's basis, French desks included; a
 * rule's reference is a citation, the same in every language. A rule an
 * admin has rewritten keeps their words.
 */
export class FormalNoticeReference1796300000000 implements MigrationInterface {
  name = 'FormalNoticeReference1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await rename(runner, BEFORE, AFTER);
  }

  async down(runner: QueryRunner): Promise<void> {
    await rename(runner, AFTER, BEFORE);
  }
}

async function rename(runner: QueryRunner, from: string, to: string): Promise<void> {
  const sql = schema(runner).postgres ? 'UPDATE deadline_rules SET reference = $1 WHERE reference = $2' : 'UPDATE deadline_rules SET reference = ? WHERE reference = ?';
  await runner.query(sql, [to, from]);
}
