import { OPEN_STATES } from './escalation.js';

/**
 * A set of incidents as a condition another feature's query puts on its own
 * incident id column (`c.incidentId`), with its parameters: the incidents
 * feature writes the SQL of its table, the others never name it.
 */
export interface IncidentScope {
  /** The condition on `column`, a column holding an incident id. */
  where(column: string): string;
  parameters: Record<string, unknown>;
}

let scopes = 0;

/**
 * The incidents a person answers for: owned or backed up (with `open`, only
 * the open ones), found through the owner and backup-owner indexes, never by
 * walking every open incident. Each call names its parameters anew, so two
 * scopes can stand in one query.
 */
export function answeredBy(userId: string, { open = false }: { open?: boolean } = {}): IncidentScope {
  const n = ++scopes;
  const [user, states] = [`answeredBy${n}`, `answeredByStates${n}`];
  // `|| ''` keeps SQLite from answering "open" through the state index (every open incident of the desk, then a filter on the person's).
  const onlyOpen = (alias: string) => (open ? ` AND (${alias}.state || '') IN (:...${states})` : '');
  return {
    where: (column) =>
      `(${column} IN (SELECT o.id FROM incidents o WHERE o.owner_id = :${user}${onlyOpen('o')} UNION ALL SELECT b.id FROM incidents b WHERE b.backup_owner_id = :${user}${onlyOpen('b')}))`,
    parameters: { [user]: userId, ...(open ? { [states]: [...OPEN_STATES] } : {}) },
  };
}
