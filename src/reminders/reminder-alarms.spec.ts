import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { JobName } from '../queue/job-catalogue.js';
import { RedisUnavailableError, type QueueService } from '../queue/queue.service.js';
import { alarmId, ReminderAlarms } from './reminder-alarms.js';

describe(ReminderAlarms.name, () => {
  const config = { deliveryAttempts: 5, deliveryBackoffMs: 30_000, alarmHorizonMs: 3_600_000 } as AppConfig;
  // Due a minute after each test starts, not after the file is read: the tests may run seconds later.
  let reminder: { id: string; version: number; dueAt: Date };
  beforeEach(() => {
    reminder = { id: '0b7e3f5c-1111-4222-8333-944445555666', version: 3, dueAt: new Date(Date.now() + 60_000) };
  });

  const setup = () => {
    const queues = { addBulk: jest.fn(async () => undefined), remove: jest.fn(async () => undefined) };
    const sut = new ReminderAlarms(queues as unknown as QueueService, config);
    const callbacks: Array<() => unknown> = [];
    const tx = { afterCommit: (callback: () => unknown) => callbacks.push(callback) } as unknown as Tx;
    return { sut, queues, tx, commit: () => Promise.all(callbacks.map((callback) => callback())) };
  };

  it('names the alarm after the reminder and its version, without the colon BullMQ refuses', () => {
    expect(alarmId(reminder)).toBe('reminder-0b7e3f5c-1111-4222-8333-944445555666-v3');
    expect(alarmId(reminder)).not.toContain(':');
  });

  it('sets a delayed job carrying ids only, with the configured retries', () => {
    const { sut } = setup();
    const job = sut.job(reminder);
    expect(job.item).toEqual({ name: JobName.DeliverReminder, data: { reminderId: reminder.id, version: 3 } });
    expect(job.options).toMatchObject({ jobId: alarmId(reminder), attempts: 5, backoffMs: 30_000 });
    expect(job.options.delayMs).toBeGreaterThan(59_000);
  });

  it('arms only once the transaction has committed', async () => {
    const { sut, queues, tx, commit } = setup();
    sut.armAfterCommit(tx, [reminder]);
    expect(queues.addBulk).not.toHaveBeenCalled();
    await commit();
    expect(queues.addBulk).toHaveBeenCalledWith([sut.job(reminder)].map((job) => ({ ...job, options: { ...job.options, delayMs: expect.any(Number) } })));
  });

  it('arms on commit only the reminders due within the horizon; the reconciler arms the others later', async () => {
    const { sut, queues, tx, commit } = setup();
    const edge = { ...reminder, id: '0b7e3f5c-1111-4222-8333-000000000001', dueAt: new Date(Date.now() + 3_590_000) };
    const later = { ...reminder, id: '0b7e3f5c-1111-4222-8333-000000000002', dueAt: new Date(Date.now() + 3_610_000) };
    const overdue = { ...reminder, id: '0b7e3f5c-1111-4222-8333-000000000003', dueAt: new Date(Date.now() - 60_000) };
    sut.armAfterCommit(tx, [reminder, later, edge, overdue]);
    await commit();
    expect((queues.addBulk.mock.calls[0] as unknown as [Array<{ options: { jobId: string } }>])[0].map((job) => job.options.jobId)).toEqual([reminder, edge, overdue].map(alarmId));
    const alone = setup();
    alone.sut.armAfterCommit(alone.tx, [later]);
    await alone.commit();
    expect(alone.queues.addBulk).not.toHaveBeenCalled();
    expect(sut.withinHorizon(later, Date.now() + 20_000)).toBe(true);
  });

  it('arms the reminders of units that committed together in one call to Redis', async () => {
    const { sut, queues } = setup();
    const other = { ...reminder, id: '0b7e3f5c-1111-4222-8333-000000000000' };
    await Promise.all([sut.arm([reminder]), sut.arm([other])]);
    expect(queues.addBulk).toHaveBeenCalledTimes(1);
    expect((queues.addBulk.mock.calls[0] as unknown as [Array<{ options: { jobId: string } }>])[0].map((job) => job.options.jobId)).toEqual([alarmId(reminder), alarmId(other)]);
    await sut.arm([reminder]);
    expect(queues.addBulk).toHaveBeenCalledTimes(2);
  });

  it('only logs an alarm it could not set: the write stands and the reconciler arms it later', async () => {
    const { sut, queues } = setup();
    queues.addBulk.mockRejectedValueOnce(new RedisUnavailableError());
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await expect(sut.arm([reminder])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('1 reminder(s) not armed (Redis is unavailable); the reconciler will arm them');
    warn.mockRestore();
  });

  it('removes the alarm of the previous version after commit, ignoring one already gone', async () => {
    const { sut, queues, tx, commit } = setup();
    queues.remove.mockRejectedValueOnce(new RedisUnavailableError());
    sut.disarmAfterCommit(tx, [{ id: reminder.id, version: 2 }, { id: reminder.id, version: 1 }]);
    await commit();
    expect(queues.remove.mock.calls).toEqual([
      [JobName.DeliverReminder, `reminder-${reminder.id}-v2`],
      [JobName.DeliverReminder, `reminder-${reminder.id}-v1`],
    ]);
  });
});
