import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConflictException } from '@nestjs/common';
import { TransactionService } from '../../src/database/transaction.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { startMedium, type Medium } from './harness.js';

/**
 * On SQLite's one shared connection, a caller refused must be answered only
 * once its writes are undone: a read it makes right after would otherwise see
 * them (statements outside a unit land in whatever transaction is open).
 */
describe(`${TransactionService.name} on SQLite answers a refused unit`, () => {
  let t: Medium;
  let sut: TransactionService;
  const log: string[] = [];
  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(TransactionService);
    const connection = (t.dataSource.driver as unknown as { databaseConnection: { exec: (sql: string, callback: (error: Error | null) => void) => void } }).databaseConnection;
    const exec = connection.exec.bind(connection);
    connection.exec = (sql, callback) => exec(sql, (error) => (log.push(sql), callback(error)));
  });
  afterAll(async () => {
    await t.close();
  });

  const refusedUnit = (name: string) =>
    sut
      .run(async (tx) => {
        await t.get(PartiesService).createIn(tx, { kind: 'person', name });
        throw new ConflictException(name);
      })
      .catch(async (error: unknown) => {
        log.push(`answered ${name}`);
        // What the caller reads at once no longer holds its own writes.
        return { error, seen: await t.dataSource.manager.countBy(Party, { name }) };
      });

  it('alone in its batch: after the ROLLBACK has run', async () => {
    log.length = 0;
    const outcome = await refusedUnit('alone');
    expect(outcome.error).toBeInstanceOf(ConflictException);
    // The ROLLBACK after the guard against another connection's commits (foreign-writes.sqlite.medium-spec), in one trip.
    expect(log).toEqual(['BEGIN IMMEDIATE', expect.stringMatching(/pragma_data_version[\s\S]*\nROLLBACK$/), 'answered alone']);
    expect(outcome.seen).toBe(0);
  });

  it('among others: after its ROLLBACK TO, while its neighbours commit', async () => {
    log.length = 0;
    const keep = (name: string) => sut.run((tx) => t.get(PartiesService).createIn(tx, { kind: 'person', name }));
    const [, outcome] = await Promise.all([keep('before'), refusedUnit('among'), keep('after')]);
    expect(log.indexOf('ROLLBACK TO unit')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('answered among')).toBeGreaterThan(log.indexOf('ROLLBACK TO unit'));
    expect(outcome.seen).toBe(0);
    expect(await t.dataSource.manager.countBy(Party, [{ name: 'before' }, { name: 'after' }])).toBe(2);
  });

  it('keeps a unit’s writes out of reads made outside it until its batch commits, after batches have run', async () => {
    await sut.run((tx) => t.get(PartiesService).createIn(tx, { kind: 'person', name: 'earlier batch' }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const unit = sut.run(async (tx) => {
      await t.get(PartiesService).createIn(tx, { kind: 'person', name: 'uncommitted' });
      written();
      await held;
    });
    await wrote;
    // Read outside any unit while the batch is open: TypeORM's shared query runner once sent this to the writing connection.
    const during = await t.dataSource.manager.countBy(Party, { name: 'uncommitted' });
    release();
    await unit;
    expect([during, await t.dataSource.manager.countBy(Party, { name: 'uncommitted' })]).toEqual([0, 1]);
  });
});

/**
 * The unit guard tells a unit's statements by an AsyncLocalStorage, whose hook Node runs on every promise of the
 * process for as long as it is enabled: every app a process starts and stops (as the tests do) must leave it off.
 */
describe(`${TransactionService.name} stopped`, () => {
  it('disables its unit guard’s storage once its connection is closed, after the units under way', async () => {
    const t = await startMedium();
    const disabled = jest.spyOn(AsyncLocalStorage.prototype, 'disable');
    try {
      const storage = (t.get(TransactionService) as unknown as { inUnit: AsyncLocalStorage<unknown> }).inUnit;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const unit = t.get(TransactionService).run(async (tx) => {
        await t.get(PartiesService).createIn(tx, { kind: 'person', name: 'under way' });
        await held;
      });
      const closed = t.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(disabled.mock.contexts).not.toContain(storage);
      release();
      await Promise.all([unit, closed]);
      expect(disabled.mock.contexts).toContain(storage);
    } finally {
      disabled.mockRestore();
    }
  });
});
