import type { Tx } from '../database/transaction.service.js';

/**
 * PostgreSQL: takes the incident row's lock, the one every timeline append
 * takes, before touching the incident's reminders, so all their writers lock
 * in one order (incident, then reminders) and never deadlock; overlapping
 * runs of one reminder take turns. SQLite transactions already run one at a
 * time. Taking it again in the same transaction costs nothing.
 */
export async function lockIncidents(tx: Tx, incidentIds: Iterable<string>): Promise<void> {
  if (tx.manager.connection.options.type !== 'postgres') return;
  for (const id of [...new Set(incidentIds)].sort()) await tx.manager.query('SELECT id FROM incidents WHERE id = $1 FOR NO KEY UPDATE', [id]);
}
