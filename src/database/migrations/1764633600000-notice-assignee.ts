import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEEDED_DEADLINE_RULES } from './1764201600000-legal.js';

/** The deadline rule's validity column as this migration wrote it (a migration keeps its own shapes: entities change). */
interface ValiditySpec {
  maxAgeAfterPublication?: string;
  proofOfReceiptVia?: Array<'comment' | 'email' | 'registered_mail' | 'bailiff' | 'court' | 'hand_delivery' | 'other'>;
  requestedReplyRequired?: boolean;
  requestFormReference?: string;
}

/** What a right-of-reply request must show to be valid (décret n° 2007-1527, art. 1); docs/legal.md says how sure we are. */
export const RIGHT_OF_REPLY_REQUEST_CHECKS = {
  proofOfReceiptVia: ['registered_mail', 'bailiff', 'hand_delivery', 'court'],
  requestedReplyRequired: true,
  requestFormReference: 'décret n° 2007-1527 du 24 octobre 2007, art. 1',
} satisfies ValiditySpec;

/** The deadline rules a new desk has once every migration ran. */
export const CURRENT_SEEDED_DEADLINE_RULES = SEEDED_DEADLINE_RULES.map((rule) =>
  rule.jurisdiction === 'FR' && rule.noticeType === 'right_of_reply' ? { ...rule, validity: { ...rule.validity, ...RIGHT_OF_REPLY_REQUEST_CHECKS } } : rule,
);

/**
 * Legal notices get an assignee (the legal or admin user reminded of their
 * deadlines) and the reply a right-of-reply request seeks; the FR right of
 * reply rule checks the request's form. Existing notices get the assignee
 * the default rule gives, or none.
 */
export class NoticeAssignee1764633600000 implements MigrationInterface {
  name = 'NoticeAssignee1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query('ALTER TABLE legal_notices ADD COLUMN assignee_id varchar(36) NULL REFERENCES users (id)');
    await runner.query('ALTER TABLE legal_notices ADD COLUMN requested_reply text NULL');
    await runner.query('CREATE INDEX ix_legal_notices_assignee ON legal_notices (assignee_id, created_at)');
    const activeUser = (join: string, where: string) =>
      `(SELECT u.id FROM users u ${join} WHERE ${where} AND u.active = ${postgres ? 'true' : '1'})`;
    await runner.query(`
      UPDATE legal_notices SET assignee_id = COALESCE(
        ${activeUser('', "u.id = legal_notices.created_by AND u.role = 'legal'")},
        ${activeUser('JOIN incidents i ON i.backup_owner_id = u.id', "i.id = legal_notices.incident_id AND u.role = 'legal'")},
        ${activeUser('JOIN incidents i ON i.owner_id = u.id', "i.id = legal_notices.incident_id AND u.role IN ('legal', 'admin')")},
        ${activeUser('', "u.id = legal_notices.created_by AND u.role = 'admin'")}
      )`);
    await this.setRightOfReplyValidity(runner, postgres, (validity) => ({ ...validity, ...RIGHT_OF_REPLY_REQUEST_CHECKS }));
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await this.setRightOfReplyValidity(runner, postgres, (validity) =>
      Object.fromEntries(Object.entries(validity).filter(([key]) => !(key in RIGHT_OF_REPLY_REQUEST_CHECKS))),
    );
    await runner.query('DROP INDEX ix_legal_notices_assignee');
    await runner.query('ALTER TABLE legal_notices DROP COLUMN requested_reply');
    await runner.query('ALTER TABLE legal_notices DROP COLUMN assignee_id');
  }

  /** Edits the FR right-of-reply rule's checks in place, keeping what an admin set beside them. */
  private async setRightOfReplyValidity(runner: QueryRunner, postgres: boolean, edit: (validity: ValiditySpec) => ValiditySpec): Promise<void> {
    const where = "jurisdiction = 'FR' AND notice_type = 'right_of_reply'";
    const rows: Array<{ validity: string | null }> = await runner.query(`SELECT validity FROM deadline_rules WHERE ${where}`);
    if (!rows.length) return;
    const validity = edit(rows[0]!.validity ? (JSON.parse(rows[0]!.validity) as ValiditySpec) : {});
    await runner.query(`UPDATE deadline_rules SET validity = ${postgres ? '$1' : '?'} WHERE ${where}`, [JSON.stringify(validity)]);
  }
}
