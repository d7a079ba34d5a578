import { JobName, type JobHandler } from './job-catalogue.js';

export interface FoundHandler {
  name: JobName;
  /** Where it was found, for the refusal message: `ReminderJobs.handleDeliverReminder`. */
  where: string;
  handler: JobHandler;
}

/** One handler per job of the catalogue, or an error naming every job left without one or claimed twice. */
export function handlerTable(found: FoundHandler[]): Map<JobName, JobHandler> {
  const problems: string[] = [];
  const table = new Map<JobName, JobHandler>();
  for (const name of Object.values(JobName)) {
    const claims = found.filter((item) => item.name === name);
    if (!claims.length) problems.push(`job ${name} has no handler`);
    if (claims.length > 1) problems.push(`job ${name} has ${claims.length} handlers: ${claims.map((item) => item.where).join(', ')}`);
    if (claims.length === 1) table.set(name, claims[0]!.handler);
  }
  const unknown = found.filter((item) => !Object.values(JobName).includes(item.name));
  for (const item of unknown) problems.push(`${item.where} handles ${String(item.name)}, which is not in the job catalogue`);
  if (problems.length) throw new Error(`Job handlers:\n  - ${problems.join('\n  - ')}`);
  return table;
}
