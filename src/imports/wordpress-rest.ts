import { Parser } from 'htmlparser2';
import type { Code } from '../common/problem.js';
import type { FetchedPage } from '../fetcher/page-fetcher.js';
import type { SourceFetch } from './sources/source-fetch.js';
import { SourceError } from './sources/source.js';
import { commentStatus, commentText, gmtDate, type WpComment, type WpThread } from './wordpress-thread.js';

const API_REL = 'https://api.w.org/';
const PER_PAGE = 100;
/** 100 pages of 100: beyond this a thread is not a spat but a forum. */
const MAX_PAGES = 100;

/** Why a blog's thread could not be read; the message names the problem for the postUrl field, the code and values say it in other languages. */
export class WordPressError extends SourceError {
  constructor(message: string, code: Code, values: Record<string, string | number> = {}) {
    super(message, code, values, 'url');
    this.name = 'WordPressError';
  }
}

/** A URL of the REST API for a route: under /wp-json/ with pretty links, else as ?rest_route=. */
export function restUrl(root: string, route: string, query: Record<string, string | number> = {}): string {
  const url = new URL(root);
  const params = Object.entries(query).map(([key, value]) => [key, String(value)] as const);
  if (url.searchParams.has('rest_route')) {
    url.searchParams.set('rest_route', route);
  } else {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${route}`;
  }
  for (const [key, value] of params) url.searchParams.set(key, value);
  return url.href;
}

/** The REST root a page announces: its `Link: <…>; rel="https://api.w.org/"` header, else its `<link rel="https://api.w.org/">`. */
export function announcedApiRoot(page: Pick<FetchedPage, 'headers' | 'body' | 'finalUrl'>): string | null {
  const header = page.headers.link;
  for (const value of Array.isArray(header) ? header : header ? [header] : []) {
    for (const part of value.split(/,(?=\s*<)/)) {
      const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
      if (match && /rel\s*=\s*"?https:\/\/api\.w\.org\/"?/.test(match[2]!)) return new URL(match[1]!, page.finalUrl).href;
    }
  }
  let found: string | null = null;
  const parser = new Parser({
    onopentag: (name, attributes) => {
      if (!found && name === 'link' && attributes['rel'] === API_REL && attributes['href']) found = attributes['href'];
    },
  });
  parser.end(page.body.toString('utf8'));
  return found ? new URL(found, page.finalUrl).href : null;
}

/** The post a URL names: `?p=ID`, or the last segment of its path as the slug. */
export function postReference(postUrl: string): { id: string } | { slug: string } {
  const url = new URL(postUrl);
  const id = url.searchParams.get('p');
  if (id && /^\d+$/.test(id)) return { id };
  const slug = url.pathname.split('/').filter(Boolean).at(-1);
  if (!slug) throw new WordPressError(`url ${postUrl} names no post (no slug in its path, no ?p=)`, 'wordpress.noSlug', { url: postUrl });
  return { slug: decodeURIComponent(slug) };
}

interface RestPost {
  id: number;
  slug: string;
  link: string;
  author: number;
  date_gmt: string;
  title?: { rendered?: string };
  comment_status?: string;
}

interface RestComment {
  id: number;
  parent: number;
  author: number;
  author_name: string;
  author_url?: string;
  date_gmt: string;
  content?: { rendered?: string };
  link?: string;
}

/**
 * Reads a post and its approved comments from a live WordPress through the
 * guarded fetcher: finds the REST API from the post's page (Link header or
 * tag), else tries /wp-json/ and then ?rest_route=, finds the post by slug
 * (or ?p=), then pages through its comments as X-WP-TotalPages says, never
 * assuming how many a page holds.
 */
export class WordPressClient {
  constructor(private readonly fetch: SourceFetch) {}

  async thread(postUrl: string): Promise<WpThread> {
    const reference = postReference(postUrl);
    const page = await this.get(postUrl);
    const origin = new URL(page.finalUrl).origin;
    const candidates = [announcedApiRoot(page), `${origin}/wp-json/`, `${origin}/?rest_route=/`].filter((root): root is string => !!root);
    for (const root of [...new Set(candidates)]) {
      const posts = await this.json<RestPost[] | RestPost>(
        'id' in reference ? restUrl(root, `/wp/v2/posts/${reference.id}`) : restUrl(root, '/wp/v2/posts', { slug: reference.slug }),
      );
      if (posts === null) continue;
      const post = Array.isArray(posts) ? posts[0] : posts;
      if (!post) {
        const named = 'id' in reference ? reference.id : reference.slug;
        throw new WordPressError(`url: the blog has no published post ${'id' in reference ? named : `with slug ${named}`}`, 'wordpress.noPost', { post: named });
      }
      return { post: restPost(post), comments: await this.comments(root, post.id) };
    }
    throw new WordPressError(`url: ${origin} shows no WordPress REST API (no ${API_REL} link, nothing at /wp-json/ or ?rest_route=)`, 'wordpress.noApi', { origin });
  }

  private async comments(root: string, postId: number): Promise<WpComment[]> {
    const comments: WpComment[] = [];
    for (let page = 1, pages = 1; page <= pages; page++) {
      const response = await this.get(restUrl(root, '/wp/v2/comments', { post: postId, per_page: PER_PAGE, page, orderby: 'id', order: 'asc' }));
      const items = parseJson<RestComment[]>(response);
      if (response.status !== 200 || !Array.isArray(items)) throw new WordPressError(`url: the comments of post ${postId} answer HTTP ${response.status}`, 'wordpress.commentsRefused', { post: postId, status: response.status });
      comments.push(...items.map(restComment));
      pages = Math.min(MAX_PAGES, Number(response.headers['x-wp-totalpages']) || 1);
    }
    return comments;
  }

  /** JSON of an API URL, or null when it is not a WordPress REST API (404, HTML). */
  private async json<T>(url: string): Promise<T | null> {
    const response = await this.get(url);
    if (response.status === 404) {
      const body = parseJson<{ code?: string }>(response);
      if (body?.code === 'rest_post_invalid_id') return [] as T;
      return null;
    }
    if (response.status !== 200) return null;
    return parseJson<T>(response);
  }

  private get(url: string): Promise<FetchedPage> {
    return this.fetch.get(url, 'WordPress');
  }
}

function parseJson<T>(response: FetchedPage): T | null {
  if (!/json/i.test(response.contentType ?? '')) return null;
  try {
    return JSON.parse(response.body.toString('utf8')) as T;
  } catch {
    return null;
  }
}

function restPost(post: RestPost): WpThread['post'] {
  return {
    id: String(post.id),
    slug: post.slug,
    title: post.title?.rendered ? commentText(post.title.rendered) || null : null,
    url: post.link,
    publishedAt: gmtDate(post.date_gmt),
    authorId: post.author ? String(post.author) : null,
    commentsOpen: commentStatus(post.comment_status),
  };
}

function restComment(comment: RestComment): WpComment {
  const postedAt = gmtDate(comment.date_gmt);
  if (!postedAt) throw new WordPressError(`url: comment ${comment.id} has no valid date_gmt`, 'wordpress.commentWithoutDate', { comment: comment.id });
  return {
    id: String(comment.id),
    parentId: comment.parent ? String(comment.parent) : null,
    authorId: comment.author ? String(comment.author) : null,
    authorName: comment.author_name?.trim() || 'Anonymous',
    authorEmail: null,
    authorUrl: comment.author_url?.trim() || null,
    postedAt,
    body: commentText(comment.content?.rendered ?? ''),
    url: comment.link ?? null,
  };
}
