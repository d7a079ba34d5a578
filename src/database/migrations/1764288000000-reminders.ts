import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schema } from './schema.js';

/** Reminders (the truth their queue jobs only wake up), their deliveries per channel, and in-app notifications. */
export class Reminders1764288000000 implements MigrationInterface {
  name = 'Reminders1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    const { col, fk, index, createTable } = schema(runner);

    await createTable(
      'reminders',
      [
        col.id(),
        col.varchar('kind', 30),
        col.varchar('subject_type', 20),
        col.ref('subject_id'),
        col.ref('incident_id'),
        col.ref('recipient_user_id'),
        col.timestamp('due_at'),
        col.timestamp('owed_by'),
        col.varchar('status', 10),
        col.int('sequence'),
        col.int('version'),
        col.int('attempts', 0),
        col.text('note', true),
        col.timestamp('sent_at', true),
        col.timestamp('cancelled_at', true),
        col.varchar('cancel_reason', 1000, true),
        col.text('last_error', true),
        col.varchar('created_by', 36),
        col.timestamp('created_at'),
        col.timestamp('updated_at'),
      ],
      [fk(['incident_id'], 'incidents', 'CASCADE'), fk(['recipient_user_id'], 'users')],
      [
        index('ix_reminders_status_id', ['status', 'id', 'version']),
        index('ix_reminders_due', ['due_at', 'id']),
        index('ix_reminders_incident', ['incident_id', 'status']),
        index('ix_reminders_recipient', ['recipient_user_id', 'status']),
        index('ix_reminders_subject', ['subject_type', 'subject_id', 'status']),
      ],
    );

    await createTable(
      'deliveries',
      [
        col.id(),
        col.ref('reminder_id'),
        col.int('sequence'),
        col.varchar('channel', 10),
        col.varchar('idempotency_key', 100),
        col.varchar('status', 10),
        col.int('attempts', 0),
        col.text('last_error', true),
        col.timestamp('started_at'),
        col.timestamp('sent_at', true),
        col.timestamp('updated_at'),
      ],
      [fk(['reminder_id'], 'reminders', 'CASCADE')],
      [index('uq_deliveries_key', ['idempotency_key'], true), index('ix_deliveries_reminder', ['reminder_id'])],
    );

    await createTable(
      'notifications',
      [
        col.id(),
        col.ref('user_id'),
        col.ref('reminder_id'),
        col.ref('incident_id'),
        col.varchar('kind', 30),
        col.varchar('title', 300),
        col.text('body'),
        col.varchar('url', 2048),
        col.timestamp('due_at'),
        col.timestamp('created_at'),
        col.timestamp('read_at', true),
      ],
      [fk(['user_id'], 'users'), fk(['reminder_id'], 'reminders', 'CASCADE'), fk(['incident_id'], 'incidents', 'CASCADE')],
      [index('ix_notifications_user', ['user_id', 'created_at', 'id'])],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'deliveries', 'reminders']) await runner.query(`DROP TABLE ${table}`);
  }
}
