import { fixture, startPlaceServer, type PlaceAnswer, type PlaceServer } from './place-server.js';

/** A thing of Reddit's JSON, as test/fixtures/sources/reddit/ holds it. */
export interface RedditThing {
  kind: string;
  data: { id: string; name: string; parent_id?: string; body?: string; body_html?: string; edited?: false | number; replies?: '' | RedditListing; permalink?: string; children?: string[]; [field: string]: unknown };
}
export interface RedditListing {
  kind: 'Listing';
  data: { children: RedditThing[]; [field: string]: unknown };
}

export interface RedditSite extends PlaceServer {
  /** <base>/r/<sub>/comments/<id36>/<slug>/ */
  postUrl: string;
  /** The headers of Reddit's rate limit on every answer (`x-ratelimit-remaining`, `-used`, `-reset`); tests change them. */
  limits: { remaining: number; used: number; reset: number };
  /** Edits a comment everywhere Reddit shows it: new body, `edited` set. */
  edit: (id: string, body: string) => void;
  /** A comment its author deleted: Reddit shows `[deleted]` for its author and body. */
  remove: (id: string) => void;
}

const md = (text: string) => `<div class="md">${text.split('\n\n').map((paragraph) => `<p>${paragraph}</p>\n`).join('')}</div>`;

/**
 * Reddit on 127.0.0.1 serving the thread of test/fixtures/sources/reddit/ as its
 * public JSON does: the post's `.json` (thread.json), `/api/morechildren.json`
 * answering the ids asked for (at most 100) from morechildren.json, and a
 * comment's permalink `.json` (comment.json for the one it holds, else the
 * comment's branch of the thread).
 */
export async function startRedditSite(): Promise<RedditSite> {
  const thread = fixture<[RedditListing, RedditListing]>('reddit', 'thread.json');
  const more = fixture<{ json: { errors: unknown[]; data: { things: RedditThing[] } } }>('reddit', 'morechildren.json');
  const branch = fixture<[RedditListing, RedditListing]>('reddit', 'comment.json');
  const link = thread[0].data.children[0]!.data;
  const limits = { remaining: 99, used: 1, reset: 420 };
  const comments = () => [...walk(thread[1].data.children), ...more.json.data.things, ...walk(branch[1].data.children)].filter((thing) => thing.kind === 't1');
  const answer = (body: unknown, status = 200): PlaceAnswer => {
    limits.used += 1;
    const headers = { 'x-ratelimit-remaining': String(limits.remaining), 'x-ratelimit-used': String(limits.used), 'x-ratelimit-reset': String(limits.reset) };
    return { status, headers, body };
  };
  // `/r/<sub>/comments/<id>[/<slug>[/<comment>]]` followed by `.json` or `/.json`.
  const threadPath = new RegExp(`^/r/${link['subreddit']}/comments/${link.id}(?:/[^/]+(?:/([a-z0-9]+))?)?/?\\.json$`);
  const server = await startPlaceServer((url) => {
    if (url.pathname === '/api/morechildren.json') {
      const children = (url.searchParams.get('children') ?? '').split(',').filter(Boolean);
      if (url.searchParams.get('link_id') !== link.name || url.searchParams.get('api_type') !== 'json') return answer({ json: { errors: [['BAD_REQUEST', 'link_id and api_type=json', 'link_id']] } }, 400);
      if (children.length > 100) return answer({ json: { errors: [['TOO_MANY_CHILDREN', 'at most 100 children', 'children']] } }, 400);
      const asked = new Set(children);
      const things = more.json.data.things.filter((thing) =>
        thing.kind === 't1' ? asked.has(thing.data.id) : asked.has(thing.data.parent_id!.slice(3)) && !thing.data.children!.some((id) => asked.has(id)),
      );
      return answer({ json: { errors: [], data: { things } } });
    }
    const match = threadPath.exec(url.pathname);
    if (!match) return answer({ message: 'Not Found', error: 404 }, 404);
    const commentId = match[1];
    if (!commentId) return answer(thread);
    if (branch[1].data.children[0]!.data.id === commentId) return answer(branch);
    const found = comments().find((thing) => thing.data.id === commentId);
    return answer([thread[0], { kind: 'Listing', data: { ...thread[1].data, children: found ? [found] : [] } }]);
  });
  const each = (id: string, change: (data: RedditThing['data']) => void) => {
    const found = comments().filter((thing) => thing.data.id === id);
    if (!found.length) throw new Error(`the thread has no comment ${id}`);
    found.forEach((thing) => change(thing.data));
  };
  return {
    ...server,
    postUrl: `${server.base}${link.permalink}`,
    limits,
    edit: (id, body) =>
      each(id, (data) => {
        data.body = body;
        data.body_html = md(body);
        data.edited = Math.floor(Date.now() / 1000);
      }),
    remove: (id) =>
      each(id, (data) => {
        data.body = '[deleted]';
        data.body_html = md('[deleted]');
        data.author = '[deleted]';
        delete data['author_fullname'];
      }),
  };
}

function* walk(things: RedditThing[]): Generator<RedditThing> {
  for (const thing of things) {
    yield thing;
    if (thing.data.replies) yield* walk(thing.data.replies.data.children);
  }
}
