import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { statSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import type { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { waitFor } from '../helpers/wait-for.js';
import { startMedium, type Medium } from './harness.js';

type Connection = {
  exec: (sql: string, callback: (error: Error | null) => void) => void;
  on: (event: 'trace', listener: (sql: string) => void) => void;
};

/**
 * On SQLite a batch whose units read only what this process remembers runs
 * no statement of its own: it begins with its rows, a guard and its COMMIT in
 * one trip to the thread pool. The guard refuses the batch when another
 * connection (a worker, another API process) committed since the database's
 * version was last read; the units then run again in a batch that reads it at
 * its BEGIN, and see what the other connection wrote. The write-ahead log is
 * moved into the database file by a connection of its own, not inside the
 * writer's COMMITs.
 */
describe(`${TransactionService.name} on SQLite: one trip a batch, another connection's commits, checkpoints apart`, () => {
  let t: Medium;
  let comments: CommentsService;
  let other: sqlite3.Database;
  /** Every exec on the writing connection, and every statement it ran (exec's included). */
  const execs: string[] = [];
  const traced: string[] = [];
  /** Every exec since the start: SQLite's trace of a statement may come after the exec's own callback. */
  const allExecs: string[] = [];
  beforeAll(async () => {
    t = await startMedium();
    comments = t.get(CommentsService);
    const connection = (t.dataSource.driver as unknown as { databaseConnection: Connection }).databaseConnection;
    const exec = connection.exec.bind(connection);
    connection.exec = (sql, callback) => exec(sql, (error) => (execs.push(sql), allExecs.push(sql), callback(error)));
    connection.on('trace', (sql) => traced.push(sql));
    other = new sqlite3.Database((t.dataSource.options as { database: string }).database);
    other.configure('busyTimeout', 5_000);
  });
  afterAll(async () => {
    await new Promise((resolve) => other.close(resolve));
    await t.close();
  });
  beforeEach(() => {
    execs.length = 0;
    traced.length = 0;
  });

  const inbound = (body: string) => ({ direction: 'inbound', authorName: 'A reader', body }) as CreateCommentDto;
  const otherWrites = (sql: string, params: unknown[]) => new Promise<void>((resolve, reject) => other.run(sql, params, (error) => (error ? reject(error) : resolve())));
  /** Statements the writing connection ran apart from its execs (SQLite traces a trigger's or a table function's own, `-- …`, too). */
  const apart = () => traced.filter((sql) => !sql.startsWith('--') && !allExecs.some((exec) => exec.includes(sql.trim())));

  it('writes a message in one trip once what it reads is remembered', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'One trip', severity: 'low' });
    await comments.create(t.actor, incident.id, inbound('the first reads the incident'));
    // Its statements traced to their COMMIT (traces come in order, but may come after the exec's callback).
    await waitFor('the first message’s statements traced', () => {
      const at = traced.findIndex((sql) => sql.includes('the first reads the incident'));
      return at >= 0 && traced.slice(at).some((sql) => sql.trim() === 'COMMIT');
    });
    execs.length = 0;
    traced.length = 0;

    const added = await comments.create(t.actor, incident.id, inbound('the second reads nothing'));
    expect(execs).toHaveLength(1);
    expect(execs[0]).toMatch(/^BEGIN IMMEDIATE;\n[\s\S]*INSERT INTO "comments"[\s\S]*pragma_data_version[\s\S]*\nCOMMIT$/);
    expect(apart()).toEqual([]);
    expect(await t.dataSource.manager.query('SELECT body FROM comments WHERE id = ?', [added.id])).toEqual([{ body: 'the second reads nothing' }]);
  });

  it('runs a batch again, reading the database, after another connection committed', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Closed elsewhere', severity: 'low' });
    const open = await comments.create(t.actor, incident.id, inbound('while open'));
    expect(open.warnings ?? []).toEqual([]);
    // Another process resolves the incident: this one remembers it open.
    await otherWrites("UPDATE incidents SET state = 'resolved' WHERE id = ?", [incident.id]);
    execs.length = 0;

    const after = await comments.create(t.actor, incident.id, inbound('after it was resolved elsewhere'));
    expect(after.warnings).toEqual([expect.stringContaining('is resolved')]);
    // The guard refused the first try (rolled back), and the second read the database's version at its BEGIN.
    expect(execs.slice(0, 3)).toEqual([expect.stringMatching(/^BEGIN IMMEDIATE;\n[\s\S]*pragma_data_version/), 'ROLLBACK', 'BEGIN IMMEDIATE']);
    expect(await t.dataSource.manager.query('SELECT count(*) AS n FROM comments WHERE incident_id = ?', [incident.id])).toEqual([{ n: 2 }]);

    // And the next message is one trip again.
    execs.length = 0;
    await comments.create(t.actor, incident.id, inbound('and then'));
    expect(execs).toHaveLength(1);
  });

  it('checkpoints the log apart from the writing connection', async () => {
    const file = (t.dataSource.options as { database: string }).database;
    expect(await t.dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'A long thread', severity: 'low' });
    const before = statSync(file).size;
    const body = 'A message long enough to fill pages of the log quickly. '.repeat(40);
    await Promise.all(Array.from({ length: 300 }, (_, i) => comments.create(t.actor, incident.id, inbound(`${i} ${body}`))));
    // The messages reach the database file itself (before, they were in the log alone), though the writer never checkpoints.
    await waitFor('the database file to hold the messages', () => statSync(file).size > before + 300 * body.length);
    expect(execs.filter((sql) => /checkpoint/i.test(sql))).toEqual([]);
  });

  it('closes the database once the units under way and queued have committed (the API stopping mid-request)', async () => {
    const stopping = await startMedium();
    const transactions = stopping.get(TransactionService);
    const parties = stopping.get(PartiesService);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const underWay = transactions.run(async (tx) => {
      await held;
      return parties.createIn(tx, { kind: 'person', name: 'Under way at the stop' });
    });
    const queued = transactions.run((tx) => parties.createIn(tx, { kind: 'person', name: 'Queued at the stop' }));
    const closed = stopping.close();
    // The shutdown has reached the database while the unit still waits.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await expect(underWay).resolves.toMatchObject({ name: 'Under way at the stop' });
    await expect(queued).resolves.toMatchObject({ name: 'Queued at the stop' });
    await closed;
  });
});
