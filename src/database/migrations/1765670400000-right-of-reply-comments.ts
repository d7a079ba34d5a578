import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_SEEDED_DEADLINE_RULES as BEFORE } from './1764633600000-notice-assignee.js';

/**
 * The FR right of reply does not apply where the person can answer in the
 * comments themselves (décret n° 2007-1527, art. 1): the seeded rule warns of
 * a request made as a comment. An admin's edit of the rule is kept.
 */
export const CURRENT_SEEDED_DEADLINE_RULES = BEFORE.map((rule) =>
  rule.jurisdiction === 'FR' && rule.noticeType === 'right_of_reply' ? { ...rule, validity: { ...rule.validity, barredWhereCommentsOpen: true } } : rule,
);

export class RightOfReplyComments1765670400000 implements MigrationInterface {
  name = 'RightOfReplyComments1765670400000';

  async up(runner: QueryRunner): Promise<void> {
    await this.edit(runner, (validity) => ({ ...validity, barredWhereCommentsOpen: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await this.edit(runner, ({ barredWhereCommentsOpen: _dropped, ...validity }) => validity);
  }

  private async edit(runner: QueryRunner, change: (validity: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const where = "jurisdiction = 'FR' AND notice_type = 'right_of_reply'";
    const rows: Array<{ validity: string | null }> = await runner.query(`SELECT validity FROM deadline_rules WHERE ${where}`);
    if (!rows.length) return;
    const validity = change(rows[0]!.validity ? (JSON.parse(rows[0]!.validity) as Record<string, unknown>) : {});
    await runner.query(`UPDATE deadline_rules SET validity = ${postgres ? '$1' : '?'} WHERE ${where}`, [JSON.stringify(validity)]);
  }
}
