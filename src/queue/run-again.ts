/**
 * Thrown by a job's handler that cannot finish now for a reason that passes by itself (another run holds what it
 * needs, until its claim goes stale): the same job runs again at `at`, no attempt counted (QueueService moves BullMQ's
 * job to its delayed set); the worker standing in for Redis (DueJobsPoller) takes the row up again on a later pass.
 */
export class RunAgainAt extends Error {
  constructor(
    readonly at: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'RunAgainAt';
  }
}
