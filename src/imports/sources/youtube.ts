import { SourceError, type AddressSource, type SourceContext, type SourceMessage, type SourceThread } from './source.js';

/** A YouTube video id: 11 characters of base64url. */
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const PLACE = 'YouTube';

/**
 * The video an address names, by its shape alone: `/watch?v=<id>`,
 * `/shorts/<id>`, `/live/<id>` on any host (tests serve from 127.0.0.1), or
 * `youtu.be/<id>`; null for anything else.
 */
export function videoOf(url: URL): string | null {
  const path = url.pathname.replace(/\/+$/, '');
  const id = /(^|\.)youtu\.be$/i.test(url.hostname) ? path.slice(1) : path === '/watch' ? url.searchParams.get('v') : (/^\/(?:shorts|live)\/([^/]+)$/.exec(path)?.[1] ?? null);
  return id && VIDEO_ID.test(id) ? id : null;
}

/** The fields of the Data API v3 this adapter reads (developers.google.com/youtube/v3/docs). */
interface YtComment {
  kind: 'youtube#comment';
  id: string;
  snippet: {
    authorDisplayName?: string;
    authorChannelUrl?: string;
    authorChannelId?: { value?: string };
    textDisplay?: string;
    textOriginal?: string;
    parentId?: string;
    publishedAt: string;
    updatedAt?: string;
  };
}
interface YtThread {
  kind: 'youtube#commentThread';
  id: string;
  snippet: { topLevelComment: YtComment; totalReplyCount?: number };
  replies?: { comments?: YtComment[] };
}
interface YtList<T> {
  items?: T[];
  nextPageToken?: string;
}
interface YtVideo {
  id: string;
  snippet: { title?: string; publishedAt?: string; channelId?: string };
}
interface YtError {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; domain?: string }[] };
}

/**
 * A YouTube video and its comments, read from the YouTube Data API v3 with
 * the server's key (YOUTUBE_API_KEY): `videos.list` for the video,
 * `commentThreads.list` for the threads (each top-level comment with some of
 * its replies), `comments.list?parentId=` for the rest of a thread's replies.
 * YouTube threads are two levels deep; a reply that starts with `@name` of
 * the author of an earlier reply of the same thread (how people answer each
 * other there) is put under that reply: the third level.
 */
export class YouTubeSource implements AddressSource {
  readonly name = 'youtube';
  readonly platform = 'youtube';

  recognises(url: URL): boolean {
    return videoOf(url) !== null;
  }

  async read(url: string, context: SourceContext): Promise<SourceThread> {
    const video = videoOf(new URL(url));
    if (!video) throw new SourceError(`url: ${url} names no YouTube video`, 'youtube.notVideo', { url });
    const api = new YouTubeApi(context, video);
    const found = await api.list<YtVideo>('videos', { part: 'snippet', id: video });
    const item = found.items?.[0];
    if (!item) throw videoNotFound(video);
    const comments: SourceMessage[] = [];
    for await (const thread of api.pages<YtThread>('commentThreads', { part: 'snippet,replies', videoId: video, maxResults: '100', textFormat: 'plainText' })) {
      const top = thread.snippet.topLevelComment;
      const given = thread.replies?.comments ?? [];
      const replies = (thread.snippet.totalReplyCount ?? 0) > given.length ? await api.all<YtComment>('comments', { part: 'snippet', parentId: top.id, maxResults: '100', textFormat: 'plainText' }) : given;
      comments.push(message(top, null, video), ...placeReplies(top.id, replies).map(([reply, parent]) => message(reply, parent, video)));
    }
    return {
      post: {
        id: video,
        slug: video,
        title: item.snippet.title?.trim() || null,
        url: watchUrl(video),
        publishedAt: date(item.snippet.publishedAt),
        authorId: item.snippet.channelId ?? null,
        commentsOpen: null,
      },
      comments,
    };
  }

  /** Whether YouTube still lists the comment (`comments.list?id=`): no key, no answer. */
  async stillShown(comment: { externalId: string }, context: SourceContext): Promise<boolean | null> {
    if (!context.youtubeApiKey) return null;
    const found = await new YouTubeApi(context, null).list<YtComment>('comments', { part: 'id', id: comment.externalId });
    return (found.items?.length ?? 0) > 0;
  }
}

const watchUrl = (video: string) => `https://www.youtube.com/watch?v=${video}`;

function date(value: string | undefined): Date | null {
  const parsed = value ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
}

const videoNotFound = (video: string) => new SourceError(`url: YouTube has no video ${video}`, 'youtube.videoNotFound', { video });

/** The Data API through the guarded fetcher, with the key in the query as Google documents it, and never in a message. */
class YouTubeApi {
  private readonly key: string;

  constructor(
    private readonly context: SourceContext,
    private readonly video: string | null,
  ) {
    if (!context.youtubeApiKey) throw new SourceError('url: importing YouTube comments needs a YouTube Data API key: set YOUTUBE_API_KEY', 'youtube.noKey');
    this.key = context.youtubeApiKey;
  }

  async list<T>(resource: string, query: Record<string, string>): Promise<YtList<T>> {
    const url = `${this.context.youtubeApiUrl}/${resource}?${new URLSearchParams({ ...query, key: this.key }).toString()}`;
    let answer;
    try {
      answer = await this.context.fetch.json<YtList<T> & YtError>(url, PLACE);
    } catch (error) {
      throw error instanceof SourceError ? this.withoutKey(error) : error;
    }
    if (answer.status === 200 && answer.body) return answer.body;
    throw this.refusal(answer.status, answer.body);
  }

  /** Every item of every page, following nextPageToken (a token met twice ends the list). */
  async *pages<T>(resource: string, query: Record<string, string>): AsyncGenerator<T> {
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.list<T>(resource, token ? { ...query, pageToken: token } : query);
      yield* page.items ?? [];
      if (token) seen.add(token);
      token = page.nextPageToken;
    } while (token && !seen.has(token));
  }

  async all<T>(resource: string, query: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this.pages<T>(resource, query)) items.push(item);
    return items;
  }

  /** The API's error (`error.errors[0].reason`) in words: a spent quota, comments turned off, no such video, or the reason as given. */
  private refusal(status: number, body: YtError | null): SourceError {
    const reason = body?.error?.errors?.[0]?.reason ?? body?.error?.status ?? 'unknown';
    const video = this.video ?? '';
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') return new SourceError('url: the YouTube Data API quota of this key is used up for today', 'youtube.quotaExceeded');
    if (reason === 'commentsDisabled') return new SourceError(`url: comments are turned off on the YouTube video ${video}`, 'youtube.commentsDisabled', { video });
    if (reason === 'videoNotFound' || (status === 404 && this.video)) return videoNotFound(video);
    return new SourceError(`url: the YouTube Data API refused (HTTP ${status}, ${reason})`, 'youtube.refused', { status, reason });
  }

  private withoutKey(error: SourceError): SourceError {
    const hide = (text: string) => text.split(this.key).join('…');
    const values = Object.fromEntries(Object.entries(error.values).map(([name, value]) => [name, typeof value === 'string' ? hide(value) : value]));
    return new SourceError(hide(error.message), error.code, values, error.field);
  }
}

/**
 * The parent of each reply of a thread, in the order posted: the top-level
 * comment, or the latest earlier reply whose author the reply names first
 * (`@zoe_m merci` under zoe_m's reply), the name followed by no letter,
 * digit, `_` or `-`.
 */
export function placeReplies(topId: string, replies: YtComment[]): [YtComment, string][] {
  const ordered = [...replies].sort((a, b) => Date.parse(a.snippet.publishedAt) - Date.parse(b.snippet.publishedAt) || a.id.localeCompare(b.id));
  const earlier: { id: string; name: string }[] = [];
  return ordered.map((reply) => {
    const text = body(reply).toLowerCase();
    const named = text.startsWith('@') ? earlier.findLast(({ name }) => name !== '' && text.startsWith(`@${name}`) && !/[\p{L}\p{N}_-]/u.test(text.charAt(name.length + 1))) : undefined;
    earlier.push({ id: reply.id, name: (reply.snippet.authorDisplayName ?? '').trim().replace(/^@/, '').toLowerCase() });
    return [reply, named?.id ?? topId];
  });
}

/** The text as written (textOriginal), else as shown (textDisplay, asked as plain text). */
const body = (comment: YtComment) => (comment.snippet.textOriginal ?? comment.snippet.textDisplay ?? '').replace(/\r\n?/g, '\n').trim();

function message(comment: YtComment, parentId: string | null, video: string): SourceMessage {
  const postedAt = date(comment.snippet.publishedAt);
  if (!postedAt) throw new SourceError(`url: YouTube gave comment ${comment.id} without a publishedAt`, 'youtube.refused', { status: 200, reason: 'no publishedAt' });
  return {
    id: comment.id,
    parentId,
    authorId: comment.snippet.authorChannelId?.value ?? null,
    authorName: comment.snippet.authorDisplayName?.trim() || 'YouTube user',
    authorEmail: null,
    authorUrl: comment.snippet.authorChannelUrl ?? null,
    postedAt,
    body: body(comment),
    url: `${watchUrl(video)}&lc=${comment.id}`,
  };
}
