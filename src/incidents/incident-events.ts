import type { Incident } from './incident.entity.js';

declare module '../timeline/timeline-events.js' {
  interface EventContext {
    incident?: Incident;
  }
}
