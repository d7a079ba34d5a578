import { commentText } from '../wordpress-thread.js';
import { SourceError, type AddressSource, type SourceContext, type SourceMessage, type SourceThread } from './source.js';

const PLACE = 'Discourse';
/** Posts asked for in one `/t/{id}/posts.json` request: what Discourse's own client asks for as it scrolls. */
export const POSTS_PER_REQUEST = 20;
/** Beyond this a topic is refused rather than read in part (a part read would mark the rest as deleted). */
export const MAX_TOPIC_POSTS = 10_000;
/** A regular post; 2 (moderator action), 3 (small action: closed, pinned…) and 4 (whisper) are not messages. */
const REGULAR = 1;

/** What follows `/t/` in a topic's address: `<slug>/<id>`, `<slug>/<id>/<post_number>`, `<id>`, `<id>/<post_number>`, under the forum's root (a subfolder too). */
const TOPIC_PATH = /^(.*?)\/t\/([^/]+)(?:\/(\d+))?(?:\/(\d+))?\/?$/;

export interface TopicAddress {
  /** The forum's root: origin and subfolder, without a trailing slash. */
  root: string;
  topicId: string;
}

/** The topic an address names, or null when it is no Discourse topic address. */
export function topicAddress(url: URL): TopicAddress | null {
  const match = TOPIC_PATH.exec(url.pathname);
  if (!match) return null;
  const [, prefix, first, second, third] = match as unknown as [string, string, string, string | undefined, string | undefined];
  // Two numbers are a topic and a post number, as Discourse routes `/t/:topic_id/:post_number`; otherwise a slug comes first.
  const numeric = /^\d+$/.test(first);
  const topicId = third !== undefined || (!numeric && second !== undefined) ? second : numeric ? first : undefined;
  return topicId ? { root: `${url.origin}${prefix}`, topicId } : null;
}

/** A post as Discourse's topic and posts JSON show it (https://docs.discourse.org/#tag/Topics/operation/getTopic). */
export interface DiscoursePost {
  id: number;
  post_number: number;
  reply_to_post_number?: number | null;
  username: string;
  name?: string | null;
  user_id: number;
  created_at: string;
  updated_at?: string;
  cooked: string;
  version?: number;
  post_type: number;
  deleted_at?: string | null;
  hidden?: boolean;
  user_deleted?: boolean;
}

interface DiscourseTopic {
  id: number;
  title: string;
  slug: string;
  created_at: string;
  closed?: boolean;
  archived?: boolean;
  post_stream: { posts: DiscoursePost[]; stream?: number[] };
  details?: { created_by?: { id?: number; username?: string } };
}

/** Whether Discourse shows a post to visitors as a message: a regular post neither deleted (by staff or its author) nor hidden by flags. */
export const shown = (post: DiscoursePost): boolean => post.post_type === REGULAR && !post.deleted_at && !post.hidden && !post.user_deleted;

/**
 * A Discourse topic, from its public JSON (no key): `/t/{id}.json` gives the
 * topic, its first posts and the ids of all of them in order
 * (`post_stream.stream`); the others are asked for as Discourse's own client
 * does, POSTS_PER_REQUEST at a time, with `/t/{id}/posts.json?post_ids[]=…`.
 * Post 1 is the topic's own post; the others are the messages, each answering
 * the post its `reply_to_post_number` names (the topic when it names post 1
 * or none). A 429 is waited out by SourceFetch (Discourse sends Retry-After).
 */
export class DiscourseSource implements AddressSource {
  readonly name = 'discourse';
  readonly platform = 'discourse';

  recognises(url: URL): boolean {
    return topicAddress(url) !== null;
  }

  async read(url: string, context: SourceContext): Promise<SourceThread> {
    const address = topicAddress(new URL(url));
    if (!address) throw new SourceError(`url: ${url} is not a Discourse topic address (/t/<slug>/<id>)`, 'discourse.notTopic', { url });
    const { root, topicId } = address;
    const topic = await answer<DiscourseTopic>(context, `${root}/t/${topicId}.json`, topicId);
    if (!topic || typeof topic.id !== 'number' || !Array.isArray(topic.post_stream?.posts)) {
      throw new SourceError(`url: ${root}/t/${topicId}.json does not answer as a Discourse topic`, 'discourse.unreadable', { url: `${root}/t/${topicId}.json` });
    }
    const stream = topic.post_stream.stream ?? topic.post_stream.posts.map((post) => post.id);
    if (stream.length > MAX_TOPIC_POSTS) {
      throw new SourceError(`url: topic ${topicId} holds ${stream.length} posts, more than the ${MAX_TOPIC_POSTS} an import reads`, 'discourse.tooLarge', { posts: stream.length, max: MAX_TOPIC_POSTS });
    }
    const posts = [...topic.post_stream.posts];
    const loaded = new Set(posts.map((post) => post.id));
    const missing = stream.filter((id) => !loaded.has(id));
    for (let start = 0; start < missing.length; start += POSTS_PER_REQUEST) {
      const ids = missing.slice(start, start + POSTS_PER_REQUEST);
      const query = ids.map((id) => `post_ids[]=${id}`).join('&');
      const page = await answer<{ post_stream?: { posts?: DiscoursePost[] } }>(context, `${root}/t/${topic.id}/posts.json?${query}`, topicId);
      if (!Array.isArray(page?.post_stream?.posts)) {
        throw new SourceError(`url: ${root}/t/${topic.id}/posts.json does not answer as Discourse posts`, 'discourse.unreadable', { url: `${root}/t/${topic.id}/posts.json` });
      }
      posts.push(...page.post_stream.posts);
    }
    return thread(root, topic, posts);
  }

  async stillShown(message: { externalId: string; url: string | null; threadUrl: string }, context: SourceContext): Promise<boolean | null> {
    const address = topicAddress(new URL(message.url ?? message.threadUrl));
    if (!address) return null;
    const response = await context.fetch.json<DiscoursePost>(`${address.root}/posts/${message.externalId}.json`, PLACE);
    if (response.status === 404 || response.status === 410) return false;
    if (response.status !== 200 || !response.body) return null;
    return shown({ ...response.body, post_type: response.body.post_type ?? REGULAR });
  }
}

/** A topic's JSON: null for a 200 that is not an object; a SourceError naming the topic for a refusal. */
async function answer<T>(context: SourceContext, url: string, topicId: string): Promise<T | null> {
  const response = await context.fetch.json<T>(url, PLACE);
  if (response.status === 404 || response.status === 410) {
    throw new SourceError(`url: the forum shows no topic ${topicId} (HTTP ${response.status})`, 'discourse.noTopic', { topic: topicId, status: response.status });
  }
  if (response.status !== 200) {
    throw new SourceError(`url: the forum refuses to show topic ${topicId} (HTTP ${response.status}); it may be private or need a login`, 'discourse.refused', {
      topic: topicId,
      status: response.status,
    });
  }
  return response.body && typeof response.body === 'object' ? response.body : null;
}

function thread(root: string, topic: DiscourseTopic, posts: DiscoursePost[]): SourceThread {
  const byNumber = new Map(posts.map((post) => [post.post_number, post]));
  const first = byNumber.get(1);
  const topicUrl = `${root}/t/${topic.slug}/${topic.id}`;
  const seen = new Set<number>();
  const comments: SourceMessage[] = [];
  for (const post of posts) {
    if (seen.has(post.id) || post.post_number === 1 || !shown(post)) continue;
    seen.add(post.id);
    const postedAt = new Date(post.created_at);
    if (Number.isNaN(postedAt.getTime())) {
      throw new SourceError(`url: post ${post.id} of topic ${topic.id} has no valid created_at`, 'discourse.unreadable', { url: `${topicUrl}/${post.post_number}` });
    }
    const parent = post.reply_to_post_number && post.reply_to_post_number !== 1 ? byNumber.get(post.reply_to_post_number) : undefined;
    comments.push({
      id: String(post.id),
      parentId: parent ? String(parent.id) : null,
      authorId: String(post.user_id),
      authorName: post.username,
      authorEmail: null,
      authorUrl: `${root}/u/${encodeURIComponent(post.username)}`,
      postedAt,
      body: commentText(post.cooked ?? ''),
      url: `${topicUrl}/${post.post_number}`,
    });
  }
  const createdBy = first?.user_id ?? topic.details?.created_by?.id;
  const publishedAt = new Date(topic.created_at);
  return {
    post: {
      id: String(topic.id),
      slug: topic.slug,
      title: topic.title?.trim() || null,
      url: topicUrl,
      publishedAt: Number.isNaN(publishedAt.getTime()) ? null : publishedAt,
      authorId: createdBy === undefined ? null : String(createdBy),
      authorName: first?.username ?? topic.details?.created_by?.username ?? null,
      commentsOpen: typeof topic.closed === 'boolean' || typeof topic.archived === 'boolean' ? !topic.closed && !topic.archived : null,
    },
    comments,
  };
}
