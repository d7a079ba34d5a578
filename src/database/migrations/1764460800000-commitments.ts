import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Commitments made to parties, and the checks of them on live pages. */
export class Commitments1764460800000 implements MigrationInterface {
  name = 'Commitments1764460800000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);
    await createTable(
      'commitments',
      [
        col.id(),
        col.ref('incident_id'),
        col.varchar('kind', 30),
        col.text('description'),
        col.ref('owner_id', true),
        col.ref('promised_to_party_id', true),
        col.timestamp('promised_at'),
        col.timestamp('not_before', true),
        col.timestamp('due_at', true),
        col.varchar('target_url', 2048, true),
        col.ref('post_id', true),
        col.varchar('mention_text', 500, true),
        col.varchar('status', 30),
        col.timestamp('done_at', true),
        col.timestamp('verified_at', true),
        col.timestamp('next_check_at', true),
        col.varchar('cancel_reason', 1000, true),
        col.ref('created_by'),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE'), fk(['owner_id'], 'users'), fk(['promised_to_party_id'], 'parties'), fk(['post_id'], 'posts')],
      [index('ix_commitments_incident', ['incident_id']), index('ix_commitments_status', ['status', 'created_at']), index('ix_commitments_next_check', ['next_check_at'])],
    );
    await createTable(
      'commitment_observations',
      [
        col.id(),
        col.ref('commitment_id'),
        col.timestamp('at'),
        col.varchar('url', 2048),
        col.varchar('final_url', 2048, true),
        col.int('http_status', undefined, true),
        col.text('directives', true),
        col.varchar('verdict', 10),
        col.varchar('detail', 1000, true),
      ],
      [fk(['commitment_id'], 'commitments', 'CASCADE')],
      [index('ix_observations_commitment', ['commitment_id', 'at'])],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE commitment_observations');
    await runner.query('DROP TABLE commitments');
  }
}
