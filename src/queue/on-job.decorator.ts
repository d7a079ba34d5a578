import { methodHook, type MethodDecoratorOf } from '../common/hooks.js';
import type { JobName, JobOf, JobRun } from './job-catalogue.js';

type Handler<N extends JobName> = (data: JobOf<N>['data'], run: JobRun) => Promise<unknown>;

const hook = methodHook<JobName, Handler<JobName>>();

/**
 * Marks a provider's method as the handler of a job. The worker finds the
 * handlers at boot and refuses to start when a job has none or two.
 */
export const OnJob = Object.assign(<N extends JobName>(name: N) => hook(name) as unknown as MethodDecoratorOf<Handler<N>>, { KEY: hook.KEY });
