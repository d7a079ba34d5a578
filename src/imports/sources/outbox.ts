import type { Readable } from 'node:stream';
import { chainUnchecked } from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import type { WpComment } from '../wordpress-thread.js';
import { statusText, titleOf } from './mastodon.js';
import { SourceError, type FileSource, type SourceThread } from './source.js';

/** The fields of an ActivityStreams Note (or Question: a poll) the import reads, as Mastodon's archive writes them. */
interface Note {
  id: string;
  type: string;
  url?: string | null;
  atomUri?: string;
  inReplyTo?: string | null;
  published?: string;
  attributedTo?: string;
  summary?: string | null;
  content?: string | null;
  /** The conversation every note of a thread shares (OStatus `conversation`, ActivityStreams `context` on newer servers). */
  conversation?: string | null;
  context?: string | null;
  attachment?: Array<{ mediaType?: string; name?: string | null }>;
}

interface Activity {
  type?: string;
  object?: unknown;
}

/** What is kept of a note while the file streams by: the account's replies, and the asked note, never the rest. */
type Kept = Note & { published: string };

/**
 * The thread of one note in a Mastodon account archive's outbox.json (an
 * ActivityStreams OrderedCollection of Create activities wrapping the
 * account's Notes; Announce and Delete activities are skipped), read as a
 * stream with stream-json: memory holds the account's replies and the asked
 * note, never the file. The thread is the note named by `thread` (its id or
 * its address) as the post, and the account's own notes below it: those that
 * reply to it or to one of them, and those of the same conversation that
 * answer a message of someone else (an archive holds none of theirs).
 */
export class OutboxSource implements FileSource {
  readonly format = 'outbox' as const;
  readonly platform = 'mastodon' as const;

  async read(input: Readable, thread: string): Promise<SourceThread> {
    const asked = thread.trim().replace(/\/+$/, '');
    const top = { type: null as string | null, orderedItems: false };
    const replies: Kept[] = [];
    let root: Kept | null = null;
    const pipeline = chainUnchecked([input, parser(), topLevel(top), pick({ filter: 'orderedItems' }), streamArray()]);
    try {
      for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) {
        const note = createdNote(value);
        if (!note) continue;
        if ([note.id, note.url, note.atomUri].some((name) => name?.replace(/\/+$/, '') === asked)) root = note;
        else if (note.inReplyTo) replies.push(note);
      }
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new SourceError(`file: not well-formed JSON (${reason})`, 'outbox.malformed', { reason }, 'file');
    }
    if (!top.orderedItems || !/OrderedCollection/.test(top.type ?? '')) {
      throw new SourceError('file: not the outbox.json of a Mastodon account archive (no OrderedCollection with orderedItems)', 'outbox.notOutbox', {}, 'file');
    }
    if (!root) throw new SourceError(`thread: the outbox holds no note ${asked}`, 'outbox.noSuchNote', { thread: asked }, 'thread');
    return { post: post(root), comments: below(root, replies).map((note) => message(note, root)) };
  }
}

/**
 * Passes the parser's tokens on, noting the top-level object's `type` and
 * whether it has `orderedItems`: a file that has neither is no outbox.
 */
function topLevel(top: { type: string | null; orderedItems: boolean }) {
  let depth = 0;
  let key: string | null = null;
  return (token: { name: string; value?: unknown }) => {
    if (token.name === 'startObject' || token.name === 'startArray') depth++;
    else if (token.name === 'endObject' || token.name === 'endArray') depth--;
    else if (depth === 1 && token.name === 'keyValue') {
      key = String(token.value);
      if (key === 'orderedItems') top.orderedItems = true;
    } else if (depth === 1 && token.name === 'stringValue' && key === 'type') top.type = String(token.value);
    return token;
  };
}

/** The note a Create activity wraps, or null for anything else (an Announce, a Delete, a Create of a mere address). */
function createdNote(value: unknown): Kept | null {
  const activity = value as Activity | null;
  if (activity?.type !== 'Create' || typeof activity.object !== 'object' || activity.object === null) return null;
  const note = activity.object as Partial<Note>;
  if ((note.type !== 'Note' && note.type !== 'Question') || typeof note.id !== 'string') return null;
  if (typeof note.published !== 'string' || Number.isNaN(Date.parse(note.published))) {
    throw new SourceError(`file: note ${note.id} has no valid published date`, 'outbox.noteWithoutDate', { id: note.id }, 'file');
  }
  return {
    id: note.id,
    type: note.type,
    url: typeof note.url === 'string' ? note.url : null,
    atomUri: note.atomUri,
    inReplyTo: typeof note.inReplyTo === 'string' ? note.inReplyTo : null,
    published: note.published,
    attributedTo: note.attributedTo,
    summary: note.summary ?? null,
    content: note.content ?? '',
    conversation: note.conversation ?? null,
    context: typeof note.context === 'string' ? note.context : null,
    attachment: Array.isArray(note.attachment) ? note.attachment.map(({ mediaType, name }) => ({ mediaType, name })) : [],
  };
}

/** The replies below the root, parents first: by inReplyTo from the root, then the rest of the conversation it starts. */
function below(root: Kept, replies: Kept[]): Kept[] {
  const children = new Map<string, Kept[]>();
  for (const reply of replies) children.set(reply.inReplyTo!, [...(children.get(reply.inReplyTo!) ?? []), reply]);
  const found: Kept[] = [];
  const placed = new Set([root.id]);
  for (let level = [root]; level.length; ) {
    level = level.flatMap((note) => children.get(note.id) ?? []).filter((note) => !placed.has(note.id));
    for (const note of level) placed.add(note.id);
    found.push(...level);
  }
  // A note of the conversation answering someone else's sits below the root only when the root starts the conversation.
  const conversation = root.inReplyTo ? null : conversationOf(root);
  const apart = conversation ? replies.filter((reply) => !placed.has(reply.id) && conversationOf(reply) === conversation) : [];
  return [...found, ...apart];
}

const conversationOf = (note: Note) => note.context ?? note.conversation ?? null;

/**
 * A note's id as the API of the account's server names the status
 * (`https://server/users/<user>/statuses/<id>` → `<id>`), so that the same
 * thread read by its address finds the same messages; a note of another
 * server keeps its whole id.
 */
function externalId(uri: string, server: string): string {
  const match = /^(https?:\/\/[^/]+)\/users\/[^/]+\/statuses\/(\d+)$/.exec(uri);
  return match && match[1] === server ? match[2]! : uri;
}

const serverOf = (note: Note) => /^https?:\/\/[^/]+/.exec(note.id)?.[0] ?? '';

/** `alice@server` for an actor `https://server/users/alice`, else the actor's address. */
function handle(actor: string | undefined): string {
  if (!actor) return 'Unknown';
  const match = /^https?:\/\/([^/]+)\/users\/([^/]+)$/.exec(actor);
  return match ? `${match[2]}@${match[1]}` : actor;
}

function text(note: Note): string {
  return statusText(note.summary ?? '', note.content ?? '', (note.attachment ?? []).map((item) => ({ type: item.mediaType?.split('/')[0] ?? 'document', description: item.name ?? null })));
}

function post(root: Kept): SourceThread['post'] {
  const id = externalId(root.id, serverOf(root));
  return { id, slug: id, title: titleOf(text(root)), url: root.url ?? root.id, publishedAt: new Date(root.published), authorId: root.attributedTo ?? null, authorName: handle(root.attributedTo), commentsOpen: null };
}

function message(note: Kept, root: Kept): WpComment {
  return {
    id: externalId(note.id, serverOf(root)),
    parentId: note.inReplyTo === root.id ? null : externalId(note.inReplyTo!, serverOf(root)),
    authorId: note.attributedTo ?? null,
    authorName: handle(note.attributedTo),
    authorEmail: null,
    authorUrl: note.attributedTo ?? null,
    postedAt: new Date(note.published),
    body: text(note),
    url: note.url ?? note.id,
  };
}
