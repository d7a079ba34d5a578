import { commentText, type WpComment } from '../wordpress-thread.js';
import type { SourceResponse } from './source-fetch.js';
import { SourceError, type AddressSource, type SourceContext, type SourceThread } from './source.js';

const PLACE = 'Mastodon';
/** Contexts read for one thread: the root's, then those of statuses whose replies it did not all show. */
const MAX_CONTEXT_READS = 50;
/** A title is the root's text, cut at a word before this length. */
const TITLE_LENGTH = 100;

/** A status's address on its server's web interface (`/@user/<id>`, `/@user@remote/<id>`) or in ActivityPub (`/users/user/statuses/<id>`). */
const ADDRESS_PATHS = [/^\/@[^/]+\/(\d+)\/?$/, /^\/users\/[^/]+\/statuses\/(\d+)\/?$/];

/** The fields of a Status entity (docs.joinmastodon.org/entities/Status/) the import reads. */
export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  in_reply_to_id: string | null;
  content: string;
  spoiler_text?: string;
  replies_count?: number;
  edited_at?: string | null;
  media_attachments?: Array<{ type: string; description: string | null }>;
  account: { id: string; acct: string; display_name?: string; url?: string | null };
}

interface MastodonContext {
  ancestors: MastodonStatus[];
  descendants: MastodonStatus[];
}

/** The server and status id an address names, or null when it is not a status address. */
export function statusAddress(url: URL): { origin: string; id: string } | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  for (const path of ADDRESS_PATHS) {
    const match = path.exec(url.pathname);
    if (match) return { origin: url.origin, id: match[1]! };
  }
  return null;
}

/**
 * A Mastodon thread (or that of any server speaking its API: the fediverse),
 * read with no key from GET /api/v1/statuses/:id and its /context. A
 * status's context holds only its own ancestors and descendants, so the
 * thread is read from its root: the first ancestor, climbed to until a
 * context has none. Logged out, a server gives at most 60 descendants down
 * to 20 levels (40 ancestors): a status whose replies_count says more than
 * the context showed has its own context read too, each at most once.
 */
export class MastodonSource implements AddressSource {
  readonly name = 'mastodon' as const;
  readonly platform = 'mastodon' as const;

  recognises(url: URL): boolean {
    return statusAddress(url) !== null;
  }

  async read(url: string, context: SourceContext): Promise<SourceThread> {
    const address = addressOf(url);
    let root = await this.status(address.origin, address.id, context);
    let rootContext = await this.context(address.origin, root.id, context);
    const read = new Set([root.id]);
    for (let top = rootContext.ancestors[0]; top && !read.has(top.id) && read.size < MAX_CONTEXT_READS; top = rootContext.ancestors[0]) {
      root = top;
      rootContext = await this.context(address.origin, root.id, context);
      read.add(root.id);
    }
    const statuses = new Map(rootContext.descendants.map((status) => [status.id, status]));
    for (let next = unshownReplies(root, statuses, read); next && read.size < MAX_CONTEXT_READS; next = unshownReplies(root, statuses, read)) {
      read.add(next.id);
      for (const status of (await this.context(address.origin, next.id, context)).descendants) statuses.set(status.id, status);
    }
    return {
      post: {
        id: root.id,
        slug: root.id,
        title: titleOf(text(root)),
        url: `${address.origin}/@${root.account.acct}/${root.id}`,
        publishedAt: date(root.created_at, root.id),
        authorId: root.account.id,
        authorName: nameOf(root.account),
        commentsOpen: null,
      },
      comments: [...statuses.values()].filter((status) => status.id !== root.id).map((status) => message(status, root.id)),
    };
  }

  async stillShown(message: { externalId: string; threadUrl: string }, context: SourceContext): Promise<boolean | null> {
    const address = statusAddress(new URL(message.threadUrl));
    if (!address || !/^\d+$/.test(message.externalId)) return null;
    const response = await context.fetch.json<MastodonStatus>(statusUrl(address.origin, message.externalId), PLACE);
    if (response.status === 200) return true;
    if (response.status === 404 || response.status === 410) return false;
    return null;
  }

  private async status(origin: string, id: string, context: SourceContext): Promise<MastodonStatus> {
    const response = await context.fetch.json<MastodonStatus>(statusUrl(origin, id), PLACE);
    const status = answered(response, origin, id);
    if (!isStatus(status)) throw notMastodon(origin);
    return status;
  }

  private async context(origin: string, id: string, context: SourceContext): Promise<MastodonContext> {
    const response = await context.fetch.json<MastodonContext>(`${statusUrl(origin, id)}/context`, PLACE);
    const body = answered(response, origin, id);
    if (!Array.isArray(body.ancestors) || !Array.isArray(body.descendants) || ![...body.ancestors, ...body.descendants].every(isStatus)) throw notMastodon(origin);
    return body;
  }
}

function addressOf(url: string): { origin: string; id: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:');
  }
  const address = statusAddress(parsed);
  if (!address) throw new SourceError(`url: ${url} is not the address of a Mastodon status (https://server/@user/<id>)`, 'mastodon.notStatusAddress', { url });
  return address;
}

const statusUrl = (origin: string, id: string) => `${origin}/api/v1/statuses/${id}`;

function answered<T>(response: SourceResponse<T | null>, origin: string, id: string): T {
  if (response.status === 404 || response.status === 410) {
    throw new SourceError(`url: ${origin} shows no status ${id} (deleted, private, or never there)`, 'mastodon.noStatus', { origin, id });
  }
  if (response.status !== 200 || response.body === null) {
    throw new SourceError(`url: ${origin} refuses to show status ${id} (HTTP ${response.status})`, 'mastodon.refused', { origin, id, status: response.status });
  }
  return response.body;
}

const notMastodon = (origin: string) => new SourceError(`url: ${origin} does not answer as a Mastodon server does`, 'mastodon.notMastodon', { origin });

function isStatus(value: unknown): value is MastodonStatus {
  const status = value as Partial<MastodonStatus> | null;
  return (
    typeof status === 'object' &&
    status !== null &&
    typeof status.id === 'string' &&
    typeof status.created_at === 'string' &&
    typeof status.content === 'string' &&
    typeof status.account?.id === 'string' &&
    typeof status.account.acct === 'string'
  );
}

/** The first status, root first then by place in the thread, whose replies_count says more than was shown and whose own context is unread. */
function unshownReplies(root: MastodonStatus, statuses: Map<string, MastodonStatus>, read: Set<string>): MastodonStatus | undefined {
  const shown = new Map<string, number>();
  for (const status of statuses.values()) if (status.in_reply_to_id) shown.set(status.in_reply_to_id, (shown.get(status.in_reply_to_id) ?? 0) + 1);
  return [root, ...statuses.values()].find((status) => !read.has(status.id) && (status.replies_count ?? 0) > (shown.get(status.id) ?? 0));
}

const nameOf = (account: MastodonStatus['account']) => account.display_name?.trim() || account.acct;

function message(status: MastodonStatus, rootId: string): WpComment {
  return {
    id: status.id,
    parentId: status.in_reply_to_id === rootId ? null : status.in_reply_to_id,
    authorId: status.account.id,
    authorName: nameOf(status.account),
    authorEmail: null,
    authorUrl: status.account.url ?? null,
    postedAt: date(status.created_at, status.id),
    body: text(status),
    url: status.url ?? status.uri,
  };
}

/** A status's text as shown: its content warning first, then its content as plain text; a status of media alone is its media's descriptions. */
export function statusText(spoiler: string, html: string, media: Array<{ type: string; description: string | null }>): string {
  const body = commentText(html) || media.map(({ type, description }) => `[${type}${description?.trim() ? `: ${description.trim()}` : ''}]`).join('\n');
  return [spoiler.trim(), body].filter(Boolean).join('\n\n');
}

const text = (status: MastodonStatus) => statusText(status.spoiler_text ?? '', status.content, status.media_attachments ?? []);

/** A thread's title: its root's text on one line, cut at a word before TITLE_LENGTH. */
export function titleOf(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line || null;
  const cut = line.slice(0, TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function date(value: string, id: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new SourceError(`url: status ${id} has no valid created_at`, 'mastodon.statusWithoutDate', { id });
  return time;
}
