import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/**
 * Evidence bytes in the database (EVIDENCE_STORE=postgres, the default on
 * PostgreSQL): one row per stored content, addressed by its SHA-256, and its
 * bytes in ordered chunks. Made on both databases so the schema is one; only
 * the postgres store writes them.
 */
export class EvidenceBlobs1796460000000 implements MigrationInterface {
  name = 'EvidenceBlobs1796460000000';

  async up(runner: QueryRunner): Promise<void> {
    const { postgres, col, fk, createTable } = schema(runner);
    await createTable('evidence_blobs', [
      { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
      { name: 'size', type: 'bigint' },
      col.int('chunks', 0),
      col.timestamp('stored_at'),
    ]);
    await createTable(
      'evidence_chunks',
      [
        { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
        { name: 'position', type: 'integer', isPrimary: true },
        { name: 'bytes', type: postgres ? 'bytea' : 'blob' },
      ],
      [{ ...fk(['sha256'], 'evidence_blobs', 'CASCADE'), referencedColumnNames: ['sha256'] }],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE evidence_chunks');
    await runner.query('DROP TABLE evidence_blobs');
  }
}
