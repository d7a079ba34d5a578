import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSite, type Site } from './site.js';

/** The video the fixtures of test/fixtures/sources/youtube describe, and the key the local API asks for. */
export const YOUTUBE_VIDEO = 'Xq3bC-9fKsM';
export const YOUTUBE_CHANNEL = 'UCcalumetBlog000000000Aa';
export const YOUTUBE_KEY = 'AIzaSy-test-key-of-the-local-api';
/** The top-level comment whose replies are read with comments.list?parentId= (5 replies, 2 given with the thread). */
export const YOUTUBE_LONG_THREAD = 'UgzJ7mQ1vX2cL9kR4tHd4AaABAg';

type Json = Record<string, unknown>;
interface Comment {
  id: string;
  snippet: { parentId?: string; textDisplay?: string; textOriginal?: string; updatedAt?: string };
}
interface Thread {
  id: string;
  snippet: { topLevelComment: Comment; totalReplyCount: number };
  replies?: { comments: Comment[] };
}
interface Page<T> {
  nextPageToken?: string;
  etag: string;
  items: T[];
}
const fixture = <T = Json>(name: string): T => JSON.parse(readFileSync(new URL(`../fixtures/sources/youtube/${name}.json`, import.meta.url), 'utf8'));

/** A local YouTube Data API v3 answering from the fixtures, which a test may change (an edit, a deletion). */
export interface YouTubeApiSite {
  site: Site;
  /** What YOUTUBE_API_URL is set to: `<site>/youtube/v3`. */
  base: string;
  /** Every request, as received. */
  requests: URL[];
  /** The comment's text becomes `text`, updated at `updatedAt`, wherever the API lists it. */
  edit(id: string, text: string, updatedAt: string): void;
  /** The comment is no longer listed, as the API does once it is deleted (its thread, for a top-level comment). */
  remove(id: string): void;
  /** The next request to `resource` is answered with this status, body and headers instead (then as before). */
  refuseNext(resource: 'videos' | 'commentThreads' | 'comments', status: number, body: Json | string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startYouTubeApi(): Promise<YouTubeApiSite> {
  const site = await startSite();
  const requests: URL[] = [];
  const data = {
    threads: [fixture<Page<Thread>>('commentThreads-page1'), fixture<Page<Thread>>('commentThreads-page2')],
    replies: [fixture<Page<Comment>>('comments-parentId-page1'), fixture<Page<Comment>>('comments-parentId-page2')],
  };
  const refusals = new Map<string, { status: number; body: Json | string; headers: Record<string, string> }>();
  const threadsOf = () => data.threads.flatMap((page) => page.items);
  const everyComment = (): Comment[] => [...threadsOf().flatMap((thread) => [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])]), ...data.replies.flatMap((page) => page.items)];
  const send = (response: ServerResponse, status: number, body: object | string, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));

  const route = (resource: 'videos' | 'commentThreads' | 'comments', answer: (query: URLSearchParams) => [number, object]) =>
    site.route(`/youtube/v3/${resource}`, (request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url!, site.base);
      requests.push(url);
      const refusal = refusals.get(resource);
      if (refusal) {
        refusals.delete(resource);
        return send(response, refusal.status, refusal.body, refusal.headers);
      }
      if (url.searchParams.get('key') !== YOUTUBE_KEY) {
        return send(response, 400, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest' }], status: 'INVALID_ARGUMENT' } });
      }
      const [status, body] = answer(url.searchParams);
      send(response, status, body);
    });

  route('videos', (query) => [200, query.get('id') === YOUTUBE_VIDEO ? fixture('videos') : fixture('videos-none')]);
  route('commentThreads', (query) => {
    if (query.get('videoId') !== YOUTUBE_VIDEO) return [404, fixture('error-videoNotFound')];
    const token = query.get('pageToken');
    const page = token ? data.threads.find((_, index) => index > 0 && data.threads[index - 1]!.nextPageToken === token) : data.threads[0];
    return page ? [200, page] : [400, { error: { code: 400, message: 'The pageToken is invalid.', errors: [{ domain: 'youtube.parameter', reason: 'invalidPageToken' }] } }];
  });
  route('comments', (query) => {
    const ids = query.get('id');
    if (ids) {
      const listed = new Set(everyComment().map((comment) => comment.id));
      const found = ids.split(',').filter((id) => listed.has(id));
      const template = fixture<Page<{ etag: string }>>('comments-id');
      return [200, { ...template, items: found.map((id) => ({ kind: 'youtube#comment', etag: template.items[0]!.etag, id })) }];
    }
    if (query.get('parentId') !== YOUTUBE_LONG_THREAD) return [200, fixture('comments-id-none')];
    const token = query.get('pageToken');
    return [200, token ? (data.replies.find((_, index) => index > 0 && data.replies[index - 1]!.nextPageToken === token) ?? data.replies[0]!) : data.replies[0]!];
  });

  return {
    site,
    base: `${site.base}/youtube/v3`,
    requests,
    edit(id, text, updatedAt) {
      for (const comment of everyComment().filter((candidate) => candidate.id === id)) Object.assign(comment.snippet, { textDisplay: text, textOriginal: text, updatedAt });
    },
    remove(id) {
      for (const page of data.threads) page.items = page.items.filter((thread) => thread.id !== id);
      for (const thread of threadsOf()) {
        if (everyComment().some((comment) => comment.id === id && comment.snippet.parentId === thread.id)) thread.snippet.totalReplyCount -= 1;
        if (thread.replies) thread.replies.comments = thread.replies.comments.filter((reply) => reply.id !== id);
      }
      for (const page of data.replies) page.items = page.items.filter((comment) => comment.id !== id);
    },
    refuseNext(resource, status, body, headers = {}) {
      refusals.set(resource, { status, body, headers });
    },
    close: () => site.close(),
  };
}
