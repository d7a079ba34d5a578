/**
 * The head (last event) of every incident's timeline, one row per incident
 * (`incident_id`, `seq`, `hash`), in SQL both databases read alike: what a seal
 * records and what a backup's manifest lists.
 */
export const TIMELINE_HEADS_SQL = `
  SELECT e.incident_id, e.seq, e.hash FROM timeline_events e
  JOIN (SELECT incident_id, MAX(seq) AS seq FROM timeline_events GROUP BY incident_id) h ON h.incident_id = e.incident_id AND h.seq = e.seq`;

export interface TimelineHead {
  incidentId: string;
  seq: number;
  hash: string;
}

/** The rows of TIMELINE_HEADS_SQL as heads (PostgreSQL may answer a bigint seq as text). */
export const timelineHeads = (rows: Array<{ incident_id: string; seq: number | string; hash: string }>): TimelineHead[] =>
  rows.map((row) => ({ incidentId: row.incident_id, seq: Number(row.seq), hash: row.hash }));
