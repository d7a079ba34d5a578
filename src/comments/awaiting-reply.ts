import type { Comment } from './comment.entity.js';

/**
 * A message awaiting a reply: from them, a reply wanted, none given, not
 * deleted. The one rule, said twice here, for SQL and for a row in hand:
 * the incident's count and its refusal to close, Today, the response
 * reminders and the thread's badge all read it from this file, and a medium
 * test holds the two forms to the same answer on generated rows.
 */
export function awaitsReply(comment: Pick<Comment, 'direction' | 'needsResponse' | 'respondedById' | 'status'>): boolean {
  return comment.direction === 'inbound' && comment.needsResponse && !comment.respondedById && comment.status !== 'deleted';
}

/** The same rule as a condition on comments under `alias`, with its parameters (a query builder's `where(sql, params)`). */
export function awaitingReplySql(alias: string): [string, { awaitingReply: boolean }] {
  return [`${alias}.direction = 'inbound' AND ${alias}.needsResponse = :awaitingReply AND ${alias}.respondedById IS NULL AND ${alias}.status <> 'deleted'`, { awaitingReply: true }];
}
