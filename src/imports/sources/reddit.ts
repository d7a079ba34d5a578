import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { commentText } from '../wordpress-thread.js';
import { MAX_RETRY_AFTER_SECONDS, type SourceResponse } from './source-fetch.js';
import { SourceError, type AddressSource, type SourceContext, type SourceMessage, type SourceThread } from './source.js';

const PLACE = 'Reddit';
/** Ids one `/api/morechildren` request may ask for (Reddit's documented limit). */
export const MORE_CHILDREN_PER_REQUEST = 100;
/** Requests for one thread beyond the first: past this it is refused rather than read in part (a part read would mark the rest as deleted). */
export const MAX_REDDIT_REQUESTS = 100;
const LISTING_QUERY = 'raw_json=1&limit=500';

/** `/r/<sub>/comments/<id36>[/<slug>[/<comment id36>]]` or `/comments/<id36>[/…]`: the thread's base path and its link's id36. */
const THREAD_PATH = /^((?:\/r\/[A-Za-z0-9_]+)?)\/comments\/([a-z0-9]+)(?:\/[^/]*(?:\/[a-z0-9]+)?)?\/?$/;

export interface RedditAddress {
  origin: string;
  /** `/r/<sub>`, or '' for the short form. */
  subreddit: string;
  linkId: string;
}

/** The thread a Reddit address names, or null when it names none. */
export function redditAddress(url: URL): RedditAddress | null {
  const match = THREAD_PATH.exec(url.pathname.replace(/\.json$/, ''));
  return match ? { origin: url.origin, subreddit: match[1]!, linkId: match[2]! } : null;
}

interface Thing<K extends string, D> {
  kind: K;
  data: D;
}
interface Listing {
  kind: 'Listing';
  data: { children: Array<LinkThing | CommentThing | MoreThing> };
}

interface RedditLink {
  id: string;
  name: string;
  title: string;
  author: string;
  author_fullname?: string;
  created_utc: number;
  permalink: string;
  url?: string;
  selftext?: string;
  locked?: boolean;
  archived?: boolean;
}
type LinkThing = Thing<'t3', RedditLink>;

/** A comment as Reddit's listings and /api/morechildren give it (https://github.com/reddit-archive/reddit/wiki/JSON). */
export interface RedditComment {
  id: string;
  name: string;
  body: string;
  body_html?: string;
  author: string;
  author_fullname?: string;
  created_utc: number;
  edited: false | number;
  parent_id: string;
  link_id: string;
  permalink: string;
  replies?: '' | Listing;
}
type CommentThing = Thing<'t1', RedditComment>;
/** Comments Reddit did not send: their ids (`children`), or none and `count` 0 for "continue this thread" below `parent_id`. */
type MoreThing = Thing<'more', { id: string; parent_id: string; count: number; children: string[] }>;

/** Whether Reddit shows a comment: neither deleted by its author nor removed by moderators. */
export const shown = (comment: Pick<RedditComment, 'body'>): boolean => comment.body !== '[deleted]' && comment.body !== '[removed]';

/**
 * A Reddit thread from its public JSON (no key): the post's address with
 * `.json` gives the link and a tree of comments in which `more` stands for
 * comments not sent; their ids are asked for from `/api/morechildren`
 * (MORE_CHILDREN_PER_REQUEST at a time), and a "continue this thread" (a
 * `more` without ids) from the permalink of the comment it continues.
 * Reddit meters anonymous clients: when its `x-ratelimit-remaining` reaches
 * 0 the next request waits the `x-ratelimit-reset` seconds it announces (at
 * most MAX_RETRY_AFTER_SECONDS, else the import stops with
 * `import.rateLimited`); a 429 with Retry-After is SourceFetch's to wait out.
 */
export class RedditSource implements AddressSource {
  readonly name = 'reddit';
  readonly platform = 'reddit';

  constructor(
    /** How a wait for Reddit's rate limit is spent (tests pass a recorder). */
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  recognises(url: URL): boolean {
    return redditAddress(url) !== null;
  }

  async read(url: string, context: SourceContext): Promise<SourceThread> {
    const address = redditAddress(new URL(url));
    if (!address) throw new SourceError(`url: ${url} is not a Reddit post address (/r/<sub>/comments/<id>/)`, 'reddit.notPost', { url });
    const session = new Session(context, this.wait, address.linkId);
    const { origin, subreddit, linkId } = address;
    const answer = await session.json<[Listing, Listing]>(`${origin}${subreddit}/comments/${linkId}.json?${LISTING_QUERY}`);
    const link = answer?.[0]?.data?.children?.[0];
    if (!Array.isArray(answer) || link?.kind !== 't3' || !Array.isArray(answer[1]?.data?.children)) {
      throw new SourceError(`url: ${origin}${subreddit}/comments/${linkId}.json does not answer as a Reddit thread`, 'reddit.unreadable', { url });
    }
    const comments = new Map<string, RedditComment>();
    const more: string[] = [];
    const continued: string[] = [];
    const take = (things: Array<LinkThing | CommentThing | MoreThing>) =>
      walk(things, (comment) => comments.set(comment.id, comment), (thing) => {
        if (thing.data.children.length) more.push(...thing.data.children);
        else continued.push(thing.data.parent_id.replace(/^t1_/, ''));
      });
    take(answer[1].data.children);
    const asked = new Set<string>();
    while (more.length || continued.length) {
      const ids = [...new Set(more.splice(0))].filter((id) => !comments.has(id) && !asked.has(id));
      for (let start = 0; start < ids.length; start += MORE_CHILDREN_PER_REQUEST) {
        const chunk = ids.slice(start, start + MORE_CHILDREN_PER_REQUEST);
        chunk.forEach((id) => asked.add(id));
        const things = await session.json<{ json?: { data?: { things?: Array<CommentThing | MoreThing> } } }>(
          `${origin}/api/morechildren.json?api_type=json&link_id=${link.data.name}&children=${chunk.join(',')}&raw_json=1`,
        );
        if (!Array.isArray(things?.json?.data?.things)) throw new SourceError(`url: Reddit's morechildren does not answer as documented`, 'reddit.unreadable', { url });
        take(things.json.data.things);
      }
      for (const id of continued.splice(0)) {
        if (asked.has(`continue:${id}`)) continue;
        asked.add(`continue:${id}`);
        const branch = await session.json<[Listing, Listing]>(`${origin}${stripSlash(link.data.permalink)}/${id}.json?${LISTING_QUERY}`);
        if (!Array.isArray(branch?.[1]?.data?.children)) throw new SourceError(`url: Reddit's comment ${id} does not answer as documented`, 'reddit.unreadable', { url });
        take(branch[1].data.children);
      }
    }
    return thread(origin, link.data, [...comments.values()]);
  }

  async stillShown(message: { externalId: string; url: string | null; threadUrl: string }, context: SourceContext): Promise<boolean | null> {
    const address = redditAddress(new URL(message.threadUrl));
    const permalink = message.url ?? (address && `${address.origin}${address.subreddit}/comments/${address.linkId}/_/${message.externalId}`);
    if (!permalink) return null;
    const response = await context.fetch.json<[Listing, Listing]>(`${stripSlash(permalink)}.json?raw_json=1`, PLACE);
    if (response.status === 404) return false;
    if (response.status !== 200 || !Array.isArray(response.body)) return null;
    let found: RedditComment | undefined;
    walk(response.body[1]?.data?.children ?? [], (comment) => {
      if (comment.id === message.externalId) found = comment;
    }, () => undefined);
    return !!found && shown(found);
  }
}

/** Every comment of a tree of things (depth first), and every `more` met. */
function walk(things: Array<LinkThing | CommentThing | MoreThing>, onComment: (comment: RedditComment) => void, onMore: (more: MoreThing) => void): void {
  for (const thing of things) {
    if (thing.kind === 't1') {
      onComment(thing.data);
      if (thing.data.replies && Array.isArray(thing.data.replies.data?.children)) walk(thing.data.replies.data.children, onComment, onMore);
    } else if (thing.kind === 'more') onMore(thing);
  }
}

/** The requests of one read: refusals as SourceErrors, Reddit's announced rate limit respected between requests. */
class Session {
  private requests = 0;
  private pause = 0;

  constructor(
    private readonly context: SourceContext,
    private readonly wait: (ms: number) => Promise<unknown>,
    private readonly linkId: string,
  ) {}

  async json<T>(url: string): Promise<T | null> {
    if (this.requests++ > MAX_REDDIT_REQUESTS) {
      throw new SourceError(`url: post ${this.linkId} needs more than ${MAX_REDDIT_REQUESTS} requests to Reddit; an import reads no more`, 'reddit.tooLarge', { post: this.linkId, max: MAX_REDDIT_REQUESTS });
    }
    if (this.pause) await this.wait(this.pause * 1000);
    const response: SourceResponse<T | null> = await this.context.fetch.json<T>(url, PLACE);
    this.pause = this.pauseAfter(response.headers);
    if (response.status === 404) throw new SourceError(`url: Reddit shows no post ${this.linkId} (HTTP 404)`, 'reddit.noPost', { post: this.linkId, status: 404 });
    if (response.status !== 200) {
      throw new SourceError(`url: Reddit refuses to show post ${this.linkId} (HTTP ${response.status}); the subreddit may be private or quarantined`, 'reddit.refused', {
        post: this.linkId,
        status: response.status,
      });
    }
    return response.body;
  }

  /** Seconds to wait before the next request: none while Reddit says requests remain in its window. */
  private pauseAfter(headers: IncomingHttpHeaders): number {
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Math.ceil(Number(headers['x-ratelimit-reset']));
    if (headers['x-ratelimit-remaining'] === undefined || Number.isNaN(remaining) || remaining >= 1 || !Number.isFinite(reset) || reset <= 0) return 0;
    if (reset > MAX_RETRY_AFTER_SECONDS) {
      throw new SourceError(`url: Reddit refuses for now (its rate limit resets in ${reset} s)`, 'import.rateLimited', { place: PLACE, status: 429, seconds: reset });
    }
    return reset;
  }
}

const stripSlash = (path: string): string => path.replace(/\/+$/, '');

function thread(origin: string, link: RedditLink, found: RedditComment[]): SourceThread {
  const comments: SourceMessage[] = [];
  for (const comment of found) {
    if (!shown(comment) || comment.link_id !== link.name) continue;
    const postedAt = new Date(comment.created_utc * 1000);
    if (Number.isNaN(postedAt.getTime())) throw new SourceError(`url: comment ${comment.id} has no valid created_utc`, 'reddit.unreadable', { url: `${origin}${comment.permalink}` });
    comments.push({
      id: comment.id,
      parentId: comment.parent_id.startsWith('t1_') ? comment.parent_id.slice(3) : null,
      authorId: comment.author_fullname ?? null,
      authorName: comment.author,
      authorEmail: null,
      authorUrl: comment.author_fullname ? `${origin}/user/${encodeURIComponent(comment.author)}` : null,
      postedAt,
      body: comment.body_html ? commentText(comment.body_html) : comment.body.trim(),
      url: `${origin}${comment.permalink}`,
    });
  }
  const slug = /\/comments\/[a-z0-9]+\/([^/]+)/.exec(link.permalink)?.[1] ?? link.id;
  const publishedAt = new Date(link.created_utc * 1000);
  return {
    post: {
      id: link.id,
      slug,
      title: link.title?.trim() || null,
      url: `${origin}${link.permalink}`,
      publishedAt: Number.isNaN(publishedAt.getTime()) ? null : publishedAt,
      authorId: link.author_fullname ?? null,
      authorName: link.author_fullname ? link.author : null,
      commentsOpen: typeof link.locked === 'boolean' || typeof link.archived === 'boolean' ? !link.locked && !link.archived : null,
    },
    comments,
  };
}
