import type { AddOptions, QueueService } from '../../src/queue/queue.service.js';
import type { JobItem, JobName } from '../../src/queue/job-catalogue.js';

export type QueueCall = { op: 'add'; item: JobItem; options: AddOptions } | { op: 'remove'; name: JobName; jobId: string };

/**
 * The producer side of QueueService, in memory: records what services add
 * and remove, so a medium test reads the alarms a rule armed. No Redis.
 */
export class RecordingQueue implements Pick<QueueService, 'add' | 'addBulk' | 'remove' | 'unarmed' | 'addScheduler'> {
  readonly calls: QueueCall[] = [];

  async add(item: JobItem, options: AddOptions = {}): Promise<void> {
    this.calls.push({ op: 'add', item, options });
  }

  async addBulk(jobs: Array<{ item: JobItem; options?: AddOptions }>): Promise<void> {
    for (const { item, options } of jobs) await this.add(item, options);
  }

  async remove(name: JobName, jobId: string): Promise<void> {
    this.calls.push({ op: 'remove', name, jobId });
  }

  /** The ids, among those given, that were never added or were removed since. */
  async unarmed(_name: JobName, jobIds: string[]): Promise<string[]> {
    return jobIds.filter((id) => !this.armed().has(id));
  }

  async addScheduler(_schedulerId: string, _everyMs: number, item: JobItem): Promise<void> {
    this.calls.push({ op: 'add', item, options: {} });
  }

  /** The items added, of one job name. */
  added(name: JobName): JobItem[] {
    return this.calls.flatMap((call) => (call.op === 'add' && call.item.name === name ? [call.item] : []));
  }

  private armed(): Set<string> {
    const ids = new Set<string>();
    for (const call of this.calls) {
      if (call.op === 'add' && call.options.jobId) ids.add(call.options.jobId);
      if (call.op === 'remove') ids.delete(call.jobId);
    }
    return ids;
  }
}
