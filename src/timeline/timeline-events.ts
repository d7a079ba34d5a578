/**
 * The typed catalogue of timeline events: type name -> payload. Here only the
 * core incident events; each feature declares its own in
 * `src/<feature>/<feature>-events.ts` by declaration merging, and names them
 * at runtime with `defineTimelineEvents` (a listener for a type nobody
 * defined fails the boot):
 *
 *   declare module '../timeline/timeline-events.js' {
 *     interface TimelineEvents { 'notice.recorded': { noticeId: string } }
 *   }
 *   export const NOTICE_EVENTS = defineTimelineEvents(['notice.recorded']);
 *
 * The feature's module imports its events file, so the runtime list is
 * complete once the modules are loaded. Payloads carry ids and the facts of
 * the change; never privileged content.
 */
export interface TimelineEvents {
  'incident.created': { ref: string; title: string; severity: string; state: string; ownerId: string | null; postIds: string[] };
  'incident.updated': { changes: Record<string, { from: unknown; to: unknown }> };
  /** `occurredAt`: when the move happened, for one logged late (the event's own `at` is when it was recorded). */
  'state.changed': { from: string; to: string; reason: string; resolution?: string; cause?: { type: string; id: string }; occurredAt?: string };
  'legal_hold.changed': { on: boolean; reason: string };
}

export type TimelineEventType = keyof TimelineEvents & string;

const catalogue = new Set<string>();

/** Names a feature's event types at runtime; each type is defined once. */
export function defineTimelineEvents<const T extends readonly TimelineEventType[]>(types: T): T {
  for (const type of types) {
    if (catalogue.has(type)) throw new Error(`timeline event ${type} is defined twice`);
    catalogue.add(type);
  }
  return types;
}

export const isDefinedTimelineEvent = (type: string): boolean => catalogue.has(type);

/** Every event type defined so far (complete once the features' events files are loaded). */
export const definedTimelineEvents = (): string[] => [...catalogue].sort();

export const INCIDENT_EVENTS = defineTimelineEvents(['incident.created', 'incident.updated', 'state.changed', 'legal_hold.changed']);

/**
 * Rows the writer of an event already holds, as they stand in its
 * transaction, handed to the listeners so they need not read them again.
 * Never stored; a listener reads what is not here. Features add their rows
 * by declaration merging, as they add events.
 */
export interface EventContext {}

export interface AppendedEvent<T extends TimelineEventType = TimelineEventType> {
  id: string;
  incidentId: string;
  seq: number;
  at: Date;
  actor: string;
  type: T;
  payload: TimelineEvents[T];
  context: EventContext;
}
