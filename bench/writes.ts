// The write figures of issue 21 [7/8]: one inbound comment per POST on
// Calumet (API and worker from dist), on the plain app (bench/plain/) and on
// the bare node:http + sqlite3 insert (bench/bare-sqlite-server.ts), rounds
// alternated between the three, the order rotated each round, medians kept.
import autocannon from 'autocannon';
import { startBare } from './bare.js';
import { alternateMany, freshDatabase, load, type Calumet, type Load, type Target, startCalumet } from './harness.js';
import { startPlain, type Plain } from './plain.js';

export const TRIO = ['Calumet', 'plain', 'bare'] as const;
export type TrioName = (typeof TRIO)[number];

export const commentBody = (direction: 'inbound' | 'outbound') =>
  JSON.stringify({ direction, authorName: direction === 'inbound' ? 'A bystander' : 'Marie', body: 'I saw the whole exchange; this is a comment of ordinary length for a blog thread.' });

export interface Trio {
  calumet: Calumet;
  plain: Plain;
  bare: { url: string; stop: () => Promise<void> };
  /** The Calumet incident the comments go to. */
  incident: string;
  targets: (direction?: 'inbound' | 'outbound') => Record<TrioName, Target>;
  stop: () => Promise<void>;
}

export async function startTrio(): Promise<Trio> {
  const database = await freshDatabase();
  const calumet = await startCalumet(database.url);
  const plain = await startPlain();
  const bare = await startBare();
  const incident = (await calumet.call<{ id: string }>('/api/incidents', { title: 'Write benchmark', severity: 'low' })).id;
  return {
    calumet,
    plain,
    bare,
    incident,
    targets: (direction = 'inbound') => ({
      Calumet: { url: `${calumet.base}/api/incidents/${incident}/comments`, method: 'POST', headers: { authorization: `Bearer ${calumet.token}` }, body: commentBody(direction) },
      plain: { url: plain.url, method: 'POST', body: commentBody(direction) },
      bare: { url: bare.url, method: 'POST', body: commentBody(direction) },
    }),
    stop: async () => {
      await bare.stop();
      await plain.stop();
      await calumet.stop();
      await database.drop();
    },
  };
}

export interface TrioRun {
  connections: number;
  loads: Record<TrioName, Load>;
  /** Medians of the rounds' ratios of req/s: Calumet ÷ plain, Calumet ÷ bare. */
  ratios: { plain: number; bare: number };
  rounds: Array<Record<string, Load>>;
}

/** Rounds of the three at `connections`, alternated and rotated, after a warm-up of `warmUpSeconds` each. */
export async function compareTrio(trio: Trio, connections: number, seconds: number, rounds: number, warmUpSeconds = Math.min(2, seconds)): Promise<TrioRun> {
  const targets = trio.targets('inbound');
  const runs = Object.fromEntries(TRIO.map((name) => [name, () => load(targets[name], connections, seconds)])) as Record<TrioName, () => Promise<Load>>;
  const warmUp = Object.fromEntries(TRIO.map((name) => [name, () => load(targets[name], connections, warmUpSeconds)]));
  const result = await alternateMany(runs, rounds, warmUp);
  return {
    connections,
    loads: result.loads as Record<TrioName, Load>,
    ratios: { plain: result.ratios['Calumet/plain']!, bare: result.ratios['Calumet/bare']! },
    rounds: result.rounds,
  };
}

/** Comments through the API at 10 connections, inbound and outbound in turn, as people would log them. */
export async function fillThread(calumet: Calumet, incident: string, count: number): Promise<void> {
  let n = 0;
  const result = await autocannon({
    url: `${calumet.base}/api/incidents/${incident}/comments`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${calumet.token}` },
    connections: 10,
    amount: count,
    requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: commentBody(n++ % 2 === 0 ? 'inbound' : 'outbound') }) }],
  });
  if (result.non2xx || result.errors) throw new Error(`filling the thread: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
}
