import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { TransactionService } from '../../src/database/transaction.service.js';
import { sqliteFileText } from '../helpers/database.js';
import { startMedium, type Medium } from './harness.js';

/** How long the reader below keeps its snapshot: past the writer's busy timeout, so one checkpoint alone gives up. */
const READER_HOLDS_MS = 1_500;

/**
 * An erasure's compaction (`TransactionService.compact`: VACUUM, then a
 * checkpoint that empties the write-ahead log) while another connection (a
 * second process, the reading connection) is still reading an older
 * snapshot: the checkpoint cannot copy the rewritten pages back into the
 * file until that reader lets go, and says so only in its row (`busy = 1`).
 */
describe('a compaction while a reader holds an older snapshot', () => {
  let t: Medium;
  let reader: sqlite3.Database;
  const path = () => String(t.dataSource.options.database);
  const onReader = (sql: string) => new Promise<void>((resolve, reject) => reader.all(sql, (error) => (error ? reject(error) : resolve())));

  beforeAll(async () => {
    t = await startMedium();
    reader = new sqlite3.Database(path());
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => reader.close(() => resolve()));
    await t.close();
  });

  it('waits for the reader to let go, then leaves no deleted word in the database file or its log', async () => {
    const erased = `erased-${randomUUID()}`;
    const transactions = t.get(TransactionService);
    await t.sql('CREATE TABLE compaction_probe (said TEXT NOT NULL)');
    // Enough rows to fill pages of their own.
    for (let n = 0; n < 200; n++) await t.sql('INSERT INTO compaction_probe (said) VALUES (?)', [`${erased} ${n} ${'x'.repeat(200)}`]);
    // The reader's snapshot still holds the rows.
    await onReader('BEGIN');
    await onReader('SELECT count(*) FROM compaction_probe');
    await t.sql('DELETE FROM compaction_probe');
    expect(sqliteFileText(path())).toContain(erased);

    let compactedAt = 0;
    const compacted = transactions.compact().then(() => (compactedAt = Date.now()));
    await new Promise((resolve) => setTimeout(resolve, READER_HOLDS_MS));
    expect(compactedAt).toBe(0);
    const letGoAt = Date.now();
    await onReader('COMMIT');
    await compacted;

    expect(compactedAt).toBeGreaterThanOrEqual(letGoAt);
    expect(sqliteFileText(path())).not.toContain(erased);
    expect(existsSync(`${path()}-wal`) ? readFileSync(`${path()}-wal`).length : 0).toBe(0);
  }, 30_000);
});
