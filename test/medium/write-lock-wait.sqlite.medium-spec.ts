import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { TransactionService } from '../../src/database/transaction.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { startMedium, type Medium } from './harness.js';

/**
 * Several processes on one SQLite file take turns at its write lock. A unit
 * of work waits for another process's lock up to SQLITE_LOCK_WAIT, asking
 * for it again after each of its connection's short busy timeouts (a second):
 * SQLite's own busy handler polls at most every 100 ms and missed the lock
 * free between the batches of a process writing back to back (the chaos load
 * test's worker failed a reminder with SQLITE_BUSY). The rival here is
 * another process, as the worker is to the API.
 */
describe(`${TransactionService.name} waits for another process's write lock`, () => {
  let t: Medium | undefined;
  let rival: ChildProcess | undefined;
  afterEach(async () => {
    rival?.kill();
    await t?.close();
    rival = t = undefined;
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Another process taking the write lock: resolves once it holds it, to a function that has it commit and exit. */
  async function rivalHolds(medium: Medium): Promise<() => Promise<void>> {
    const script = `
      const sqlite3 = require('sqlite3');
      const db = new sqlite3.Database(process.argv[1]);
      db.configure('busyTimeout', 10000);
      db.exec('BEGIN IMMEDIATE', (error) => {
        if (error) throw error;
        process.stdout.write('held');
        process.stdin.once('data', () => db.exec('COMMIT', (error) => { if (error) throw error; db.close(() => process.exit(0)); }));
      });`;
    const process_ = (rival = spawn(process.execPath, ['-e', script, (medium.dataSource.options as { database: string }).database], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const exited = once(process_, 'exit');
    await once(process_.stdout!, 'data');
    return async () => {
      process_.stdin!.end('commit\n');
      const [code] = await exited;
      expect(code).toBe(0);
    };
  }

  const addParty = (medium: Medium, name: string) => medium.get(TransactionService).run((tx) => medium.get(PartiesService).createIn(tx, { kind: 'person', name }));

  it('longer than one busy timeout: the unit waits and is written', async () => {
    t = await startMedium({ SQLITE_LOCK_WAIT: 'PT10S' });
    const release = await rivalHolds(t);
    const added = addParty(t, 'Patient writer');
    // Two busy timeouts of the writing connection go by with the lock held by the other process.
    await sleep(2500);
    expect(await t.dataSource.manager.countBy(Party, { name: 'Patient writer' })).toBe(0);
    await release();
    await expect(added).resolves.toMatchObject({ name: 'Patient writer' });
    expect(await t.dataSource.manager.countBy(Party, { name: 'Patient writer' })).toBe(1);
  }, 20_000);

  it('longer than SQLITE_LOCK_WAIT: the unit fails with SQLITE_BUSY, nothing written, and the next one is written', async () => {
    t = await startMedium({ SQLITE_LOCK_WAIT: 'PT0.3S' });
    const release = await rivalHolds(t);
    await expect(addParty(t, 'Hurried writer')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await release();
    expect(await t.dataSource.manager.countBy(Party, { name: 'Hurried writer' })).toBe(0);
    await expect(addParty(t, 'Next writer')).resolves.toMatchObject({ name: 'Next writer' });
  }, 20_000);
});
