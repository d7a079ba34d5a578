import { Injectable } from '@nestjs/common';
import { JobName, type JobOf, type JobRun } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { ReminderDelivery, type DeliveryResult } from './reminder-delivery.service.js';
import { ReminderReconciler } from './reminder-reconciler.service.js';

/** The reminder jobs of the catalogue, run by the worker role. */
@Injectable()
export class ReminderJobs {
  constructor(
    private readonly delivery: ReminderDelivery,
    private readonly reconciler: ReminderReconciler,
  ) {}

  @OnJob(JobName.DeliverReminder)
  handleDeliverReminder(data: JobOf<JobName.DeliverReminder>['data'], run: JobRun): Promise<DeliveryResult> {
    return this.delivery.deliver(data, run);
  }

  @OnJob(JobName.ReconcileReminders)
  handleReconcileReminders(): Promise<{ checked: number; armed: number }> {
    return this.reconciler.reconcile();
  }
}
