// The scale benchmark's seeder: incidents and their threads written straight
// into a migrated Calumet database (stopped meanwhile) with multi-row INSERTs
// in big transactions, each incident with a valid timeline chain (hashed
// here, as TimelineService would) and the search triggers firing as they do
// for the API's writes. The replies owed (owed_replies) are left to the
// recount: the seed marks them uncounted, and the desk's next boot rebuilds
// them from the comments (src/comments/owed-replies.ts).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { analyzeSignals } from '../src/signals/analyzer.js';
import { eventHash, GENESIS_HASH } from '../src/timeline/timeline-hash.js';

export interface SeedPlan {
  /** Incidents to add; their refs are SEED-<n> from `offset`. */
  incidents: number;
  /** Comments to add, spread over the incidents; the first incident gets `bigThread` of them. */
  comments: number;
  bigThread: number;
  offset: number;
  /** Who writes the rows (the timeline's actor). */
  actorId: string;
  /** Owners, in turn; every fifth incident has none. */
  ownerIds: string[];
  /**
   * Replies owed (BENCH_OWED): `replies` inbound comments awaiting a reply, on
   * open ('heated') incidents owned by `ownerId`, `perIncident` to an incident
   * (100 by default), added after the plan's incidents, numbered after them.
   */
  owed?: { ownerId: string; replies: number; perIncident?: number };
}

/**
 * Tables kept by the writes from other rows (counters): a row written here
 * straight into the database would leave them stale, so when the migrated
 * desk has one, `afterSeed` must bring it up to date.
 */
export const DERIVED_TABLES = ['owed_replies_basis'] as const;

/**
 * Brings the derived tables (DERIVED_TABLES) up to date after a seed, in the
 * seeder's open transaction. The replies owed (`owed_replies`) are marked
 * uncounted: the desk's next boot counts them again from the comments (its
 * recount, src/comments/owed-replies.ts), with the rule written once there.
 */
export async function afterSeed(db: SeedDatabase, present: string[]): Promise<void> {
  if (present.includes('owed_replies_basis')) await db.run('UPDATE owed_replies_basis SET sla = NULL, counted_at = NULL');
}

/** What afterSeed may do on the seeded database, in the seeder's transaction. */
export interface SeedDatabase {
  kind: 'sqlite' | 'postgres';
  run(sql: string, params?: Value[]): Promise<void>;
}

type Value = string | number | boolean | null;
type Row = Value[];

const STATES = ['reported', 'monitoring', 'heated', 'legal_threat', 'de_escalating', 'resolved', 'closed', 'heated'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const BODIES = [
  'Super article, I made exactly the same mistake with my first account.',
  'You used our tweet without our consent and took our words out of context.',
  'Feel free to call me any time after Thursday; my number is on the contact page.',
  'On attend la suite avec impatience, le feuilleton est passionnant.',
  'Je vous présente mes excuses : nous subissions des attaques de SEO négatif.',
];
const THREAT = 'Un huissier a constaté vos articles ; mon avocat vous adressera une mise en demeure.';
const PROMISE = 'Je vais passer l’article en noindex et je vous enverrai un email.';

const INCIDENT_COLUMNS = [
  'id', 'ref', 'title', 'summary', 'severity', 'state', 'owner_id', 'backup_owner_id', 'counterpart_id', 'tags', 'legal_hold_on',
  'opened_at', 'state_changed_at', 'resolved_at', 'closed_at', 'resolution', 'created_by', 'version', 'updated_at',
];
const COMMENT_COLUMNS = [
  'id', 'incident_id', 'parent_id', 'direction', 'channel', 'author_name', 'posted_at', 'body', 'status', 'needs_response',
  'responded_by_id', 'signals', 'revisions', 'created_by', 'created_at', 'updated_at',
];
const EVENT_COLUMNS = ['id', 'incident_id', 'seq', 'at', 'actor', 'type', 'payload', 'prev_hash', 'hash'];

interface Writer extends SeedDatabase {
  tables(): Promise<string[]>;
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
  /** Rolls back what is not committed yet and closes. */
  abort(): Promise<void>;
  time(date: Date): Value;
  bool(value: boolean): Value;
}

async function sqliteWriter(file: string): Promise<Writer> {
  const db = new sqlite3.Database(file);
  const run = (sql: string, params: Value[] = []) => new Promise<void>((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
  // For the load only: the pragmas last as long as this connection.
  for (const pragma of ['journal_mode = WAL', 'synchronous = OFF', 'cache_size = -262144', 'temp_store = MEMORY', 'foreign_keys = OFF']) await run(`PRAGMA ${pragma}`);
  await run('BEGIN');
  return {
    kind: 'sqlite',
    run,
    tables: () => new Promise((resolve, reject) => db.all("SELECT name FROM sqlite_master WHERE type = 'table'", (error, rows: Array<{ name: string }>) => (error ? reject(error) : resolve(rows.map((row) => row.name))))),
    insert: async (table, columns, rows) => {
      for (let i = 0; i < rows.length; i += 500) {
        const slice = rows.slice(i, i + 500);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        await run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`, slice.flat());
      }
    },
    commit: async () => {
      await run('COMMIT');
      await run('BEGIN');
    },
    close: async () => {
      await run('COMMIT');
      await run('PRAGMA wal_checkpoint(TRUNCATE)');
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
    abort: async () => {
      await run('ROLLBACK');
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
    time: (date) => date.toISOString().replace('T', ' ').slice(0, 23),
    bool: (value) => (value ? 1 : 0),
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  await client.query('BEGIN');
  return {
    kind: 'postgres',
    run: async (sql, params = []) => void (await client.query(sql, params)),
    tables: async () => (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()")).rows.map((row) => row.name),
    insert: async (table, columns, rows) => {
      const per = Math.floor(60_000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const slice = rows.slice(i, i + per);
        const values = slice.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, slice.flat());
      }
    },
    commit: async () => {
      await client.query('COMMIT');
      await client.query('BEGIN');
    },
    close: async () => {
      await client.query('COMMIT');
      await client.query('ANALYZE');
      await client.end();
    },
    abort: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
    time: (date) => date.toISOString(),
    bool: (value) => value,
  };
}

/** Adds the plan's incidents and comments; answers the id of the incident with the big thread (the first one). */
export async function seed(databaseUrl: string, plan: SeedPlan, progress: (done: number) => void = () => undefined): Promise<string> {
  const writer = databaseUrl.startsWith('sqlite:') ? await sqliteWriter(databaseUrl.slice('sqlite:'.length)) : await postgresWriter(databaseUrl);
  const { time, bool } = writer;
  const threatSignals = JSON.stringify(analyzeSignals(THREAT));
  const promiseSignals = JSON.stringify(analyzeSignals(PROMISE));
  const spread = plan.incidents > 1 ? Math.floor((plan.comments - plan.bigThread) / (plan.incidents - 1)) : 0;
  const start = Date.UTC(2024, 0, 1);
  let bigIncidentId = '';
  let pending = { incidents: [] as Row[], comments: [] as Row[], events: [] as Row[] };
  let written = 0;
  const flush = async () => {
    await writer.insert('incidents', INCIDENT_COLUMNS, pending.incidents);
    await writer.insert('comments', COMMENT_COLUMNS, pending.comments);
    await writer.insert('timeline_events', EVENT_COLUMNS, pending.events);
    written += pending.comments.length;
    pending = { incidents: [], comments: [], events: [] };
    await writer.commit();
    progress(written);
  };

  /** One incident and its thread; `owedTo` makes it an open incident of theirs whose every message is inbound and awaits a reply. */
  const addIncident = async (number: number, count: number, owedTo: string | null) => {
    const id = randomUUID();
    const openedAt = new Date(start + number * 600_000);
    const state = owedTo ? 'heated' : STATES[number % STATES.length]!;
    const severity = SEVERITIES[number % SEVERITIES.length]!;
    const ref = `SEED-${String(number).padStart(7, '0')}`;
    const title = `Seeded incident ${number}`;
    // One incident in seven has no owner; the rest go round the owners, the bench user (the first) included, so Today and ?ownerId have work to find.
    const ownerId = owedTo ?? (number % 7 === 6 ? null : plan.ownerIds[number % plan.ownerIds.length]!);
    pending.incidents.push([
      id, ref, title, null, severity, state, ownerId, null, null, '[]', bool(false),
      time(openedAt), time(openedAt), state === 'resolved' || state === 'closed' ? time(openedAt) : null, state === 'closed' ? time(openedAt) : null,
      state === 'resolved' || state === 'closed' ? 'Settled' : null, plan.actorId, 1, time(openedAt),
    ]);
    let prevHash = GENESIS_HASH;
    let seq = 0;
    const append = (at: Date, type: string, payload: Record<string, unknown>) => {
      seq += 1;
      const event = { id: randomUUID(), incidentId: id, seq, at, actor: plan.actorId, type, payload, prevHash };
      const hash = eventHash(event);
      pending.events.push([event.id, id, seq, time(at), plan.actorId, type, JSON.stringify(payload), prevHash, hash]);
      prevHash = hash;
    };
    append(openedAt, 'incident.created', { ref, title, severity, state: 'reported', ownerId, postIds: [] });

    let lastInbound: Row | null = null;
    for (let k = 0; k < count; k++) {
      const commentId = randomUUID();
      const postedAt = new Date(openedAt.getTime() + (k + 1) * 1000);
      const inbound = owedTo !== null || k % 3 !== 2;
      const answers = !inbound && lastInbound ? lastInbound : null;
      // Older questions of a thread were dealt with; the last few still await a reply, as on a live desk.
      const awaits = inbound && (owedTo !== null || k >= count - 3);
      const body = inbound ? (k % 50 === 0 ? THREAT : BODIES[k % BODIES.length]!) : k % 30 === 2 ? PROMISE : BODIES[(k + 2) % BODIES.length]!;
      const signals = body === THREAT ? threatSignals : body === PROMISE ? promiseSignals : '[]';
      const row: Row = [
        commentId, id, answers ? (answers[0] as string) : null, inbound ? 'inbound' : 'outbound', 'comment', inbound ? `Reader ${k % 17}` : 'Marie',
        time(postedAt), body, 'visible', bool(awaits), null, signals, '[]', plan.actorId, time(postedAt), time(postedAt),
      ];
      // The reply is written after its question: the question's row, still in memory, takes its answer.
      if (answers) answers[10] = commentId;
      pending.comments.push(row);
      if (inbound) lastInbound = row;
      else lastInbound = null;
      append(postedAt, 'comment.added', {
        commentId,
        direction: inbound ? 'inbound' : 'outbound',
        channel: 'comment',
        parentId: answers ? answers[0] : null,
        postedAt: postedAt.toISOString(),
        needsResponse: awaits,
        answers: answers ? answers[0] : null,
      });
    }
    if (pending.comments.length >= 50_000 || pending.incidents.length >= 10_000) await flush();
    return id;
  };

  for (let n = 0; n < plan.incidents; n++) {
    const id = await addIncident(plan.offset + n, n === 0 ? plan.bigThread : spread, null);
    if (n === 0) bigIncidentId = id;
  }
  if (plan.owed) {
    const per = plan.owed.perIncident ?? 100;
    for (let done = 0, n = 0; done < plan.owed.replies; done += per, n++) await addIncident(plan.offset + plan.incidents + n, Math.min(per, plan.owed.replies - done), plan.owed.ownerId);
  }
  await flush();
  const derived = (await writer.tables()).filter((table) => (DERIVED_TABLES as readonly string[]).includes(table));
  try {
    if (derived.length) await afterSeed(writer, derived);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.close();
  return bigIncidentId;
}
