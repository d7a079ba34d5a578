import { problem } from '../common/problem.js';
import { Workflow } from '../common/workflow.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATES = ['reported', 'monitoring', 'heated', 'legal_threat', 'formal_dispute', 'de_escalating', 'resolved', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** Escalation level of each open state, for charts; resolved and closed have none. */
export const ESCALATION_LEVEL: Record<IncidentState, number | null> = {
  reported: 0,
  monitoring: 1,
  heated: 2,
  legal_threat: 3,
  formal_dispute: 4,
  de_escalating: 2,
  resolved: null,
  closed: null,
};

export const OPEN_STATES: readonly IncidentState[] = INCIDENT_STATES.filter((state) => state !== 'resolved' && state !== 'closed');

/** What stands open on an incident and forbids closing it: the open-items counter's key, its count, and the English words for it. */
export interface CloseBlocker {
  key: string;
  count: number;
  /** "2 legal notices open". */
  text: string;
}

export interface EscalationContext {
  /** The incident's ref, for refusals. */
  ref?: string;
  /** The resolution sent with the move. */
  resolution?: string | null;
  /** What still stands open on the incident and forbids closing it. */
  closeBlockers: CloseBlocker[];
}

const needsResolution = (context: EscalationContext) =>
  context.resolution?.trim() ? null : problem('incident.resolutionRequired', 'resolving an incident needs a resolution (what was agreed or done)', { field: 'resolution' });
/** Each blocker is said by the catalogues' `openItems.<key>`, with its count as the value of that name. */
const nothingOpen = ({ ref = '', closeBlockers }: EscalationContext) =>
  closeBlockers.length
    ? problem('incident.closeBlocked', `cannot close while ${closeBlockers.map((blocker) => blocker.text).join(' and ')}`, {
        values: { ref, blockers: closeBlockers.map((blocker) => blocker.key), ...Object.fromEntries(closeBlockers.map((blocker) => [blocker.key, blocker.count])) },
        words: { blockers: 'message:openItems' },
      })
    : null;

const resolve = { to: 'resolved', guard: needsResolution } as const;

/** docs/design.md §2-3: the allowed moves of an incident, in one table. */
export const escalation = new Workflow<IncidentState, EscalationContext>('incident', {
  reported: [{ to: 'monitoring' }, { to: 'heated' }, { to: 'legal_threat' }, resolve],
  monitoring: [{ to: 'heated' }, { to: 'legal_threat' }, resolve],
  heated: [{ to: 'legal_threat' }, { to: 'de_escalating' }, resolve, { to: 'monitoring' }],
  legal_threat: [{ to: 'formal_dispute' }, { to: 'de_escalating' }, resolve],
  formal_dispute: [{ to: 'de_escalating' }, resolve],
  de_escalating: [{ to: 'heated' }, { to: 'legal_threat' }, resolve],
  resolved: [{ to: 'closed', guard: nothingOpen }, { to: 'heated' }, { to: 'legal_threat' }],
  closed: [{ to: 'monitoring', roles: ['admin', 'legal'] }],
}, 'state');

/**
 * The moves Calumet makes by itself to raise an incident to `target` (a legal
 * notice received raises it to legal_threat, a court summons to
 * formal_dispute): the shortest path through the table, never lowering the
 * escalation level, and empty when the incident already stands at or above
 * the target. Null when no such path exists (a closed incident: it must be
 * reopened by a person).
 */
export function escalationPath(from: IncidentState, target: IncidentState): IncidentState[] | null {
  const targetLevel = ESCALATION_LEVEL[target]!;
  const fromLevel = ESCALATION_LEVEL[from];
  if (fromLevel !== null && fromLevel >= targetLevel) return [];
  const queue: IncidentState[][] = [[from]];
  const seen = new Set<IncidentState>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    const state = path[path.length - 1]!;
    for (const { to: next, roles } of escalation.moves(state)) {
      if (roles) continue;
      const level = ESCALATION_LEVEL[next];
      if (seen.has(next) || level === null || (fromLevel !== null && level < fromLevel) || level > targetLevel) continue;
      if (next === target) return [...path.slice(1), next];
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}
