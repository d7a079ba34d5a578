export const PLATFORMS = ['blog', 'twitter', 'facebook', 'linkedin', 'instagram', 'forum', 'discourse', 'mastodon', 'reddit', 'youtube', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const OWNERSHIPS = ['own', 'third_party'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const INDEXING_DESIRED = ['index', 'noindex'] as const;
export type IndexingDesired = (typeof INDEXING_DESIRED)[number];
export const INDEXING_OBSERVED = ['index', 'noindex', 'unknown'] as const;
export type IndexingObserved = (typeof INDEXING_OBSERVED)[number];

/** A post's watch as other features read and set it (see Watch in post.entity.ts). */
export interface WatchState {
  incidentId: string | null;
  nextSyncAt: Date | null;
  lastSyncAt: Date | null;
  lastResult: string | null;
}

export const NO_WATCH: WatchState = { incidentId: null, nextSyncAt: null, lastSyncAt: null, lastResult: null };

/** What an import needs of a post: where it is, and its watch. */
export interface WatchedPost {
  id: string;
  url: string;
  /** Where it is: the watch reads it again from the same place. */
  platform: Platform;
  ownership: Ownership;
  watch: WatchState;
}

/** What an import found of a post it links to an incident: the first URL is the one a new post gets. */
export interface FoundPost {
  urls: string[];
  title: string | null;
  publishedAt: Date | null;
  externalId: string | null;
  /** The comment status the platform gives (WordPress: open or closed); null or absent when it gives none. */
  commentsOpen?: boolean | null;
  /** Where a new post is (a blog unless said), and whose (ours unless said). */
  platform?: Platform;
  ownership?: Ownership;
}

/** Where a post is, and whether readers may comment under it (null: not known). */
export interface PostComments {
  id: string;
  url: string;
  commentsOpen: boolean | null;
}

/** Where and when a post was published (a notice's deadline counts from it; a suggested draft names it). */
export interface PostPublication {
  id: string;
  url: string;
  publishedAt: Date | null;
}

/** A post's publication as a time, the undated before any date: the order newestPost reads. */
const publishedTime = (post: { publishedAt: Date | string | null }): number => (post.publishedAt === null ? -Infinity : new Date(post.publishedAt).getTime());

/**
 * The incident's newest post: the latest published, an undated one only when none has a date, the smaller id on a tie;
 * null when there is none. A comment logged without its post is taken to be about it (suggestions).
 */
export function newestPost<P extends { id: string; publishedAt: Date | string | null }>(posts: readonly P[]): P | null {
  let newest: P | null = null;
  for (const post of posts) {
    if (newest === null || publishedTime(post) > publishedTime(newest) || (publishedTime(post) === publishedTime(newest) && post.id < newest.id)) newest = post;
  }
  return newest;
}

/**
 * The content's date when a notice gives none: the newest post's publication (a notice's clock and its pages read the
 * same one). Null when no post has a date.
 */
export function latestPublication<T extends Date | string>(posts: ReadonlyArray<{ id: string; publishedAt: T | null }>): T | null {
  return newestPost(posts)?.publishedAt ?? null;
}
