import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Imports as rows: written in batches, with their progress and cursor, resumed after a crash. */
export class ImportRuns1796297226617 implements MigrationInterface {
  name = 'ImportRuns1796297226617';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'imports',
      [
        col.id(),
        col.ref('incident_id'),
        col.ref('post_id', true),
        col.varchar('source', 10),
        col.varchar('status', 10),
        col.text('actor'),
        col.text('request'),
        col.varchar('file_path', 1000, true),
        col.int('total', 0),
        col.int('done', 0),
        col.int('batches', 0),
        col.varchar('last_external_id', 100, true),
        col.text('totals'),
        col.bool('reimport', false),
        col.bool('post_linked', false),
        col.text('alerted'),
        col.varchar('error', 1000, true),
        col.varchar('holder', 100, true),
        col.int('resumes', 0),
        col.timestamp('lease_until'),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
        col.timestamp('completed_at', true),
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE'), fk(['post_id'], 'posts', 'SET NULL')],
      [index('ix_imports_status', ['status']), index('ix_imports_incident', ['incident_id'])],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('imports');
  }
}
