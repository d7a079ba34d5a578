import type { Readable } from 'node:stream';
import { commentText } from '../wordpress-thread.js';
import { XmlStream, type XmlFault } from '../xml-stream.js';
import { SourceError, type FileSource, type SourceMessage, type SourceThread } from './source.js';

/** What is kept of a `<thread>` or a `<post>`: the text of its fields by path below it (`author/name`), `@` after a path for its `dsq:id`. */
type Fields = Record<string, string>;

const THREAD_FIELDS = new Set(['id', 'link', 'title', 'createdAt', 'isClosed', 'author/name', 'author/username', 'author/isAnonymous']);
const POST_FIELDS = new Set(['id', 'message', 'createdAt', 'isDeleted', 'isSpam', 'author/name', 'author/email', 'author/username', 'author/isAnonymous', 'thread', 'parent']);

interface Element {
  kind: 'thread' | 'post';
  /** Its `dsq:id`: Disqus's own id. */
  dsqId: string | null;
  fields: Fields;
}

/**
 * A thread of the export that may be the one asked for, and how it matched:
 * by dsq:id first, then by identifier, then by address (the first thread of
 * that address in the file, when Disqus made several for one page).
 */
interface Candidate {
  element: Element;
  rank: 0 | 1 | 2;
}

const yes = (value: string | undefined) => value?.trim() === 'true';
const text = (value: string | undefined) => value?.trim() || null;

/** An address without its fragment nor a trailing slash: how a thread's `<link>` is compared with the one asked for. */
const sameAddress = (link: string, wanted: string) => {
  const bare = (address: string) => address.trim().split('#')[0]!.replace(/\/+$/, '');
  return bare(link) !== '' && bare(link) === bare(wanted);
};

/** Disqus writes UTC times, with a `Z` or without a zone (`2012-12-12T12:12:12`); null when unreadable. */
function utcDate(value: string | undefined): Date | null {
  const time = value?.trim();
  if (!time) return null;
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : `${time}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function disqusFault(fault: XmlFault): SourceError {
  if (fault.kind === 'cutShort') return new SourceError(`file: the file ends before <${fault.tag}> is closed`, 'disqus.unclosed', { tag: fault.tag }, 'file');
  const message = fault.kind === 'notClosed' ? `<${fault.tag}> is not closed (before character ${fault.at})` : `</${fault.tag}> does not close <${fault.open}> (at character ${fault.at})`;
  return new SourceError(`file: ${message}`, 'disqus.malformed', { at: fault.at }, 'file');
}

/** Posts converted between two turns of the event loop. */
const SLICE = 500;

/**
 * One pass over a Disqus export (`<disqus xmlns="http://disqus.com">`, its
 * `<category>`s, `<thread dsq:id>`s, then `<post dsq:id>`s), keeping only the
 * threads that may be the one asked for and their posts: memory holds one
 * thread's posts, not the file.
 */
class DisqusReader {
  private readonly xml: XmlStream;
  private sawRoot = false;
  /** The `<thread>` or `<post>` being read, and the path of the element open below it. */
  private element: Element | null = null;
  private path: string[] = [];
  private readonly candidates: Candidate[] = [];
  /** The dsq:ids and identifiers of the candidates: a post names its thread by one or the other. */
  private readonly candidateRefs = new Set<string>();
  private readonly posts: Element[] = [];

  constructor(private readonly wanted: string) {
    this.xml = new XmlStream({ open: (name, attributes, parent) => this.open(name, attributes, parent), close: (_, value) => this.close(value) }, disqusFault);
  }

  async read(input: AsyncIterable<string | Uint8Array>): Promise<SourceThread> {
    await this.xml.read(input);
    if (!this.sawRoot) throw new SourceError('file: not a Disqus export: no <disqus> root', 'disqus.notDisqus', {}, 'file');
    const first = [...this.candidates].sort((a, b) => a.rank - b.rank)[0]?.element;
    if (!first) throw new SourceError(`thread: the export holds no thread ${this.wanted} (by dsq:id, identifier or address)`, 'disqus.noSuchThread', { thread: this.wanted }, 'thread');
    const refs = new Set([first.dsqId, text(first.fields['id'])].filter((ref) => ref !== null));
    const posts = this.posts.filter((post) => refs.has(threadRef(post)));
    const link = text(first.fields['link']) ?? '';
    const thread: SourceThread = {
      post: {
        id: first.dsqId ?? text(first.fields['id']) ?? this.wanted,
        slug: text(first.fields['id']) ?? '',
        title: text(first.fields['title']),
        url: link,
        publishedAt: utcDate(first.fields['createdAt']),
        authorId: yes(first.fields['author/isAnonymous']) ? null : text(first.fields['author/username']),
        commentsOpen: first.fields['isClosed']?.trim() === 'true' ? false : first.fields['isClosed']?.trim() === 'false' ? true : null,
      },
      comments: [],
    };
    const parents = placeParents(posts);
    for (let start = 0; start < posts.length; start += SLICE) {
      for (const post of posts.slice(start, start + SLICE)) {
        const id = postId(post);
        if (parents.has(id)) thread.comments.push(message(post, id, parents.get(id)!, link));
      }
      await new Promise((resume) => setImmediate(resume));
    }
    return thread;
  }

  private open(name: string, attributes: Record<string, string>, parent: string | undefined): void {
    if (parent === undefined) {
      if (name === 'disqus') this.sawRoot = true;
      return;
    }
    if (!this.element) {
      if (parent === 'disqus' && (name === 'thread' || name === 'post')) {
        this.element = { kind: name, dsqId: text(attributes['dsq:id']), fields: {} };
        this.path = [];
      }
      return;
    }
    this.path.push(name);
    const key = this.path.join('/');
    if (attributes['dsq:id'] !== undefined) this.element.fields[`${key}@`] = attributes['dsq:id'];
    if ((this.element.kind === 'thread' ? THREAD_FIELDS : POST_FIELDS).has(key)) this.xml.keepText();
  }

  private close(value: string | null): void {
    const element = this.element;
    if (!element) return;
    if (this.path.length) {
      if (value !== null) element.fields[this.path.join('/')] = value;
      this.path.pop();
      return;
    }
    this.element = null;
    if (element.kind === 'thread') this.consider(element);
    else if (this.candidateRefs.has(threadRef(element))) this.posts.push(element);
  }

  private consider(thread: Element): void {
    const wanted = this.wanted.trim();
    const identifier = text(thread.fields['id']);
    const rank = thread.dsqId === wanted ? 0 : identifier === wanted ? 1 : sameAddress(thread.fields['link'] ?? '', wanted) ? 2 : null;
    if (rank === null) return;
    this.candidates.push({ element: thread, rank });
    if (thread.dsqId) this.candidateRefs.add(thread.dsqId);
    if (identifier) this.candidateRefs.add(identifier);
  }
}

/** The thread a post names: `<thread dsq:id="…"/>` in exports, `<thread>identifier</thread>` in Disqus's own example. */
const threadRef = (post: Element) => text(post.fields['thread@']) ?? text(post.fields['thread']) ?? '';

function postId(post: Element): string {
  const id = post.dsqId ?? text(post.fields['id']);
  if (!id) throw new SourceError('file: a post has neither a dsq:id nor an <id>', 'disqus.postWithoutId', {}, 'file');
  return id;
}

/**
 * The parent of each post shown (deleted and spam ones are left out). A
 * reply to a post left out is put under the nearest shown post above it
 * (its grandparent…), at the top of the thread if there is none: it stays
 * in its branch rather than losing its place. A parent the thread does not
 * hold (another thread's, or absent from the file) puts it at the top.
 */
function placeParents(posts: Element[]): Map<string, string | null> {
  const ids = new Map<string, string>();
  for (const post of posts) {
    const own = text(post.fields['id']);
    if (own) ids.set(own, postId(post));
  }
  const byId = new Map(posts.map((post) => [postId(post), post]));
  const parentOf = (post: Element) => {
    const ref = text(post.fields['parent@']) ?? ids.get(text(post.fields['parent']) ?? '') ?? null;
    return ref && byId.has(ref) ? ref : null;
  };
  const shown = (post: Element) => !yes(post.fields['isDeleted']) && !yes(post.fields['isSpam']);
  const placed = new Map<string, string | null>();
  for (const [id, post] of byId) {
    if (!shown(post)) continue;
    const seen = new Set([id]);
    let parent = parentOf(post);
    while (parent && !shown(byId.get(parent)!) && !seen.has(parent)) {
      seen.add(parent);
      parent = parentOf(byId.get(parent)!);
    }
    placed.set(id, parent && !seen.has(parent) ? parent : null);
  }
  return placed;
}

function message(post: Element, id: string, parentId: string | null, link: string): SourceMessage {
  const postedAt = utcDate(post.fields['createdAt']);
  if (!postedAt) throw new SourceError(`file: post ${id} has no valid <createdAt>`, 'disqus.postWithoutDate', { post: id }, 'file');
  const username = yes(post.fields['author/isAnonymous']) ? null : text(post.fields['author/username']);
  return {
    id,
    parentId,
    authorId: username,
    authorName: text(post.fields['author/name']) ?? username ?? 'Anonymous',
    authorEmail: text(post.fields['author/email'])?.toLowerCase() ?? null,
    authorUrl: username ? `https://disqus.com/by/${encodeURIComponent(username)}/` : null,
    postedAt,
    body: commentText(post.fields['message'] ?? ''),
    url: link ? `${link.split('#')[0]}#comment-${id}` : null,
  };
}

/**
 * Disqus's XML export (Admin › Moderation › Export): the thread named by
 * `thread` — its address (`<link>`), its `dsq:id` or its identifier
 * (`<id>`, the page's disqus_identifier) — and its posts. Read as a stream;
 * a malformed file is a SourceError for `file` and nothing is imported.
 */
export class DisqusSource implements FileSource {
  readonly format = 'disqus';
  readonly platform = 'blog';

  read(input: Readable, thread: string): Promise<SourceThread> {
    return new DisqusReader(thread).read(input);
  }
}
