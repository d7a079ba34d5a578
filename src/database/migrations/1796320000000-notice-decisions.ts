import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Decisions on legal notices and what their statements of reasons say (DSA art. 17): docs/legal.md. */
export class NoticeDecisions1796320000000 implements MigrationInterface {
  name = 'NoticeDecisions1796320000000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'notice_decisions',
      [
        col.id(),
        col.ref('notice_id'),
        col.ref('incident_id'),
        col.int('sequence'),
        col.varchar('kind', 30),
        col.varchar('visibility_other', 500, true),
        col.varchar('end_date', 10, true),
        col.varchar('decision_ground', 40),
        col.varchar('illegal_content_legal_ground', 500, true),
        col.text('illegal_content_explanation', true),
        col.varchar('incompatible_content_ground', 500, true),
        col.text('incompatible_content_explanation', true),
        { name: 'incompatible_content_illegal', type: 'boolean', isNullable: true },
        col.varchar('category', 80),
        col.text('content_type'),
        col.varchar('content_type_other', 500, true),
        col.varchar('content_language', 2, true),
        col.varchar('content_date', 10),
        col.varchar('application_date', 10),
        col.text('territorial_scope'),
        col.text('decision_facts'),
        col.varchar('source_type', 40),
        col.bool('automated_detection', false),
        col.varchar('automated_decision', 40),
        col.text('redress'),
        col.text('redress_details', true),
        col.varchar('puid', 500),
        col.ref('comment_id', true),
        col.ref('commitment_id', true),
        col.varchar('language', 5),
        col.ref('decided_by'),
        col.timestamp('decided_at'),
      ],
      [fk(['notice_id'], 'legal_notices', 'CASCADE'), fk(['incident_id'], 'incidents', 'CASCADE')],
      [index('ux_notice_decisions_sequence', ['notice_id', 'sequence'], true)],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('notice_decisions');
  }
}
