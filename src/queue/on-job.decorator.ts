import { DiscoveryService } from '@nestjs/core';
import type { JobName } from './job-catalogue.js';

/**
 * Marks a provider's method as the handler of a job. The worker finds the
 * handlers at boot and refuses to start when a job has none or two.
 */
export const OnJob = DiscoveryService.createDecorator<JobName>();
