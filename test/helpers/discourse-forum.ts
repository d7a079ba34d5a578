import { fixture, startPlaceServer, type PlaceServer } from './place-server.js';

/** A post as test/fixtures/sources/discourse/ holds it. */
export interface ForumPost {
  id: number;
  post_number: number;
  cooked: string | null;
  version: number;
  updated_at: string;
  [field: string]: unknown;
}

type Topic = { id: number; slug: string; post_stream: { posts: ForumPost[]; stream: number[] }; chunk_size: number; [field: string]: unknown };

/** Discourse's answer for what it cannot find or will not show (its `not_found` error JSON). */
const NOT_FOUND = { status: 404, body: { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' } };

export interface DiscourseForum extends PlaceServer {
  topicId: number;
  /** <base>/t/<slug>/<id> */
  topicUrl: string;
  /** Every post the forum shows visitors, in order (the fixtures' topic.json and posts.json together). */
  posts: ForumPost[];
  /** Edits a post as Discourse does: new cooked HTML, version and updated_at. */
  edit: (postNumber: number, cooked: string) => void;
  /** A post deleted by staff: visitors no longer see it, in the stream or at /posts/{id}.json. */
  remove: (postNumber: number) => void;
  /** A new post at the end of the topic, by the author of post `as`, answering post `replyTo` (null: the topic); its id. */
  reply: (post: { as: number; replyTo: number | null; cooked: string }) => number;
}

/**
 * A Discourse forum on 127.0.0.1 serving the topic of test/fixtures/sources/discourse/
 * as Discourse's API does: `/t/{id}.json` with the first `chunk_size` posts and the
 * whole stream, `/t/{id}/posts.json?post_ids[]=…` with the posts asked for,
 * `/posts/{id}.json`; what it does not hold is Discourse's 404.
 */
export async function startDiscourseForum(): Promise<DiscourseForum> {
  const topic = fixture<Topic>('discourse', 'topic.json');
  const rest = fixture<{ post_stream: { posts: ForumPost[] } }>('discourse', 'posts.json');
  const posts = [...topic.post_stream.posts, ...rest.post_stream.posts];
  // /posts/{id}.json adds the post's markdown (`raw`) to what the topic shows of it.
  const single = fixture<ForumPost>('discourse', 'post.json');
  const server = await startPlaceServer((url) => {
    const path = url.pathname;
    if (path === `/t/${topic.id}.json`) {
      return { status: 200, body: { ...topic, post_stream: { posts: posts.slice(0, topic.chunk_size), stream: posts.map((post) => post.id) } } };
    }
    if (path === `/t/${topic.id}/posts.json`) {
      const asked = new Set(url.searchParams.getAll('post_ids[]').map(Number));
      return { status: 200, body: { post_stream: { posts: posts.filter((post) => asked.has(post.id)) }, id: topic.id } };
    }
    const asked = /^\/posts\/(\d+)\.json$/.exec(path);
    const post = asked && posts.find((candidate) => candidate.id === Number(asked[1]));
    if (!post) return NOT_FOUND;
    return { status: 200, body: post.id === single.id ? { ...single, ...post } : post };
  });
  const numbered = (postNumber: number) => {
    const index = posts.findIndex((post) => post.post_number === postNumber);
    if (index < 0) throw new Error(`the topic has no post ${postNumber}`);
    return index;
  };
  return {
    ...server,
    topicId: topic.id,
    topicUrl: `${server.base}/t/${topic.slug}/${topic.id}`,
    posts,
    edit: (postNumber, cooked) => {
      const post = posts[numbered(postNumber)]!;
      post.cooked = cooked;
      post.version += 1;
      post.updated_at = new Date(Date.parse(post.updated_at) + 3_600_000).toISOString();
    },
    remove: (postNumber) => void posts.splice(numbered(postNumber), 1),
    reply: ({ as, replyTo, cooked }) => {
      const author = posts[numbered(as)]!;
      const last = posts.reduce((max, post) => (post.post_number > max.post_number ? post : max));
      const now = new Date().toISOString();
      const id = Math.max(...posts.map((post) => post.id)) + 7;
      const postNumber = last.post_number + 1;
      posts.push({
        ...author,
        id,
        post_number: postNumber,
        reply_to_post_number: replyTo,
        reply_count: 0,
        created_at: now,
        updated_at: now,
        cooked,
        version: 1,
        edit_reason: null,
        post_url: `/t/${topic.slug}/${topic.id}/${postNumber}`,
      });
      return id;
    },
  };
}
