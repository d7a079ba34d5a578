import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { startSite, type Site } from './site.js';

/** A Status entity as the fixtures hold it (docs.joinmastodon.org/entities/Status/). */
export interface Status {
  id: string;
  in_reply_to_id: string | null;
  content: string;
  replies_count: number;
  edited_at: string | null;
  account: { id: string; acct: string; display_name: string; url: string };
  [field: string]: unknown;
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/sources/mastodon/${name}`, import.meta.url), 'utf8')) as T;

/** The fixtures' thread: the root status (status.json) and its context (context.json), 13 replies three levels deep. */
export const mastodonThread = () => {
  const root = fixture<Status>('status.json');
  const context = fixture<{ ancestors: Status[]; descendants: Status[] }>('context.json');
  return { root, context, statuses: [root, ...context.descendants] };
};

/** What Mastodon shows a visitor who is not logged in (Api::V1::Statuses::ContextsController). */
export const LOGGED_OUT = { ancestors: 40, descendants: 60, depth: 20 };

export interface MastodonServer {
  base: string;
  site: Site;
  /** Serves the status from now on (added, or changed as an edit would). */
  put: (status: Status) => void;
  /** The author deletes it: 404 from now on, out of every context. */
  remove: (id: string) => void;
  /** The next `count` API requests are refused with 429 and these headers, as Rack::Attack's throttled responder does. */
  throttle: (count: number, headers: Record<string, string>) => void;
  contextOf: (id: string) => { ancestors: Status[]; descendants: Status[] };
  close: () => Promise<void>;
}

const byId = (a: Status, b: Status) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

/**
 * A Mastodon server on 127.0.0.1 answering GET /api/v1/statuses/:id and
 * /context from a set of statuses, as Mastodon does for a visitor: a context
 * holds the status's closest ancestors (top first, at most `limits.ancestors`)
 * and its descendants depth first, siblings by id (Mastodon orders by the
 * path of ids), at most `limits.descendants`, at most `limits.depth` levels down.
 */
export async function startMastodon(statuses: Status[], limits = LOGGED_OUT): Promise<MastodonServer> {
  const site = await startSite();
  const served = new Map<string, Status>();
  const refusals: Array<Record<string, string>> = [];
  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));

  const contextOf = (id: string) => {
    const ancestors: Status[] = [];
    for (let parent = served.get(served.get(id)!.in_reply_to_id ?? ''); parent; parent = served.get(parent.in_reply_to_id ?? '')) ancestors.unshift(parent);
    const descendants: Status[] = [];
    const walk = (parentId: string, depth: number) => {
      if (depth > limits.depth) return;
      for (const child of [...served.values()].filter((status) => status.in_reply_to_id === parentId).sort(byId)) {
        descendants.push(child);
        walk(child.id, depth + 1);
      }
    };
    walk(id, 1);
    return { ancestors: ancestors.slice(-limits.ancestors), descendants: descendants.slice(0, limits.descendants) };
  };

  const route = (id: string) => {
    const answer = (response: ServerResponse, body: () => unknown) => {
      const refusal = refusals.shift();
      if (refusal) return json(response, 429, { error: 'Too many requests' }, refusal);
      if (!served.has(id)) return json(response, 404, { error: 'Record not found' });
      json(response, 200, body());
    };
    site.route(`/api/v1/statuses/${id}`, (_, response) => answer(response, () => served.get(id)));
    site.route(`/api/v1/statuses/${id}/context`, (_, response) => answer(response, () => contextOf(id)));
  };

  const put = (status: Status) => {
    if (!served.has(status.id)) route(status.id);
    served.set(status.id, status);
  };
  for (const status of statuses) put(status);
  return {
    base: site.base,
    site,
    put,
    remove: (id) => served.delete(id),
    throttle: (count, headers) => refusals.push(...Array.from({ length: count }, () => headers)),
    contextOf,
    close: () => site.close(),
  };
}
