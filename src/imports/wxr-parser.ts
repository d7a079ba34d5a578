import type { Code } from '../common/problem.js';
import { SourceError } from './sources/source.js';
import { XmlStream, type XmlFault } from './xml-stream.js';
import { commentStatus, commentText, gmtDate, type WpComment, type WpThread } from './wordpress-thread.js';

/** Why a WXR file cannot be imported; the message names the problem, the code and values say it in other languages. */
export class WxrError extends SourceError {
  constructor(
    message: string,
    code: Code,
    values: Record<string, string | number> = {},
    /** The field it is about: the file, or the post asked for. */
    field: 'file' | 'post' = 'file',
  ) {
    super(message, code, values, field);
    this.name = 'WxrError';
  }
}

/** The XML's own faults, said as a WXR's. */
function wxrFault(fault: XmlFault): WxrError {
  if (fault.kind === 'cutShort') return new WxrError(`the file ends before <${fault.tag}> is closed`, 'wxr.unclosed', { tag: fault.tag });
  const message = fault.kind === 'notClosed' ? `<${fault.tag}> is not closed (before character ${fault.at})` : `</${fault.tag}> does not close <${fault.open}> (at character ${fault.at})`;
  return new WxrError(message, 'wxr.malformed', { at: fault.at });
}

/** The elements whose text is kept: everything else (post bodies, meta) is skipped as it streams by. */
const ITEM_FIELDS = new Set(['title', 'link', 'dc:creator', 'wp:post_id', 'wp:post_name', 'wp:post_date_gmt', 'wp:post_type', 'wp:comment_status']);
const COMMENT_FIELDS = new Set([
  'wp:comment_id',
  'wp:comment_author',
  'wp:comment_author_email',
  'wp:comment_author_url',
  'wp:comment_date_gmt',
  'wp:comment_content',
  'wp:comment_approved',
  'wp:comment_type',
  'wp:comment_parent',
  'wp:comment_user_id',
]);
const AUTHOR_FIELDS = new Set(['wp:author_id', 'wp:author_login']);

type Fields = Record<string, string>;

/**
 * Reads a WordPress export (WXR) as it streams, with htmlparser2 in XML mode,
 * and keeps only the asked post (by id, or by slug) and its approved
 * comments: memory holds one item's comments at a time, not the file.
 * Mismatched or unclosed tags, a file that is not an export, a comment
 * without id or date, or no such post throw a WxrError; nothing is returned
 * before the whole file has been read.
 */
export class WxrReader {
  private readonly xml: XmlStream;
  private readonly authors = new Map<string, string>();
  private sawChannel = false;
  private author: Fields | null = null;
  private item: Fields | null = null;
  private itemComments: Fields[] = [];
  private comment: Fields | null = null;
  /** The asked post and its comments as read: turned into a thread once the whole file is read. */
  private found: { item: Fields; comments: Fields[] } | null = null;

  constructor(private readonly post: string) {
    this.xml = new XmlStream({ open: (name, _, parent) => this.open(name, parent), close: (name, text) => this.close(name, text) }, wxrFault);
  }

  write(chunk: string): void {
    this.xml.write(chunk);
  }

  end(): WpThread {
    const { item, comments } = this.finish();
    return this.thread(item, comments, (kept, id, url) => kept.map((fields) => exportedComment(fields, id, url)));
  }

  /** Checks the end of the file; the asked post's item as read. */
  private finish(): { item: Fields; comments: Fields[] } {
    this.xml.end();
    if (!this.sawChannel) throw new WxrError('not a WordPress export (WXR): no <rss><channel>', 'wxr.notWxr');
    if (!this.found) throw new WxrError(`post: the export holds no post with ${/^\d+$/.test(this.post) ? 'id' : 'slug'} ${this.post}`, 'wxr.noSuchPost', { post: this.post }, 'post');
    return this.found;
  }

  /**
   * Reads a whole stream of text (a file opened with an encoding). The
   * comments' HTML is turned into text a slice at a time, the event loop
   * free between two: a thread of 28,000 comments does not hold the process.
   */
  async read(source: AsyncIterable<string | Buffer>): Promise<WpThread> {
    for await (const chunk of source) this.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const { item, comments } = this.finish();
    const thread = this.thread(item, comments, () => []);
    const kept = comments.filter(approved);
    for (let start = 0; start < kept.length; start += SLICE) {
      for (const fields of kept.slice(start, start + SLICE)) thread.comments.push(exportedComment(fields, thread.post.id, thread.post.url));
      await new Promise((resume) => setImmediate(resume));
    }
    return thread;
  }

  private open(name: string, parent: string | undefined): void {
    if (name === 'channel' && parent === 'rss') this.sawChannel = true;
    else if (name === 'item' && parent === 'channel') {
      this.item = {};
      this.itemComments = [];
    } else if (name === 'wp:author' && parent === 'channel') this.author = {};
    else if (name === 'wp:comment' && parent === 'item' && this.item) this.comment = {};
    const fields = this.comment ? COMMENT_FIELDS : this.author ? AUTHOR_FIELDS : parent === 'item' ? ITEM_FIELDS : null;
    if (fields?.has(name)) this.xml.keepText();
  }

  private close(name: string, text: string | null): void {
    if (text !== null) {
      const target = this.comment ?? this.author ?? this.item;
      if (target) target[name] = text;
    } else if (name === 'wp:author' && this.author) {
      if (this.author['wp:author_login'] && this.author['wp:author_id']) this.authors.set(this.author['wp:author_login'].trim(), this.author['wp:author_id'].trim());
      this.author = null;
    } else if (name === 'wp:comment' && this.comment) {
      this.itemComments.push(this.comment);
      this.comment = null;
    } else if (name === 'item' && this.item) {
      if (!this.found && this.isAsked(this.item)) this.found = { item: this.item, comments: this.itemComments };
      this.item = null;
      this.itemComments = [];
    }
  }

  private isAsked(item: Fields): boolean {
    const wanted = this.post.trim();
    return /^\d+$/.test(wanted) ? item['wp:post_id']?.trim() === wanted : item['wp:post_name']?.trim() === wanted;
  }

  /** The post of the thread; `convert` turns its approved comments into comments (all of them at once, or none, to be done later). */
  private thread(item: Fields, comments: Fields[], convert: (kept: Fields[], postId: string, url: string) => WpComment[]): WpThread {
    const id = item['wp:post_id']?.trim();
    if (!id) throw new WxrError(`post ${this.post} has no <wp:post_id>`, 'wxr.postWithoutId', { post: this.post });
    const kept = comments.filter(approved);
    const url = item['link']?.trim() ?? '';
    return {
      post: {
        id,
        slug: item['wp:post_name']?.trim() ?? '',
        title: item['title']?.trim() || null,
        url,
        publishedAt: gmtDate(item['wp:post_date_gmt']),
        authorId: this.authors.get(item['dc:creator']?.trim() ?? '') ?? null,
        commentsOpen: commentStatus(item['wp:comment_status']),
      },
      comments: convert(kept, id, url),
    };
  }
}

/** Comments converted between two turns of the event loop. */
const SLICE = 500;

const approved = (fields: Fields) => fields['wp:comment_approved']?.trim() === '1' && ['', 'comment'].includes(fields['wp:comment_type']?.trim() ?? '');

function exportedComment(fields: Fields, postId: string, postUrl: string): WpComment {
  const id = fields['wp:comment_id']?.trim();
  if (!id || !/^\d+$/.test(id)) throw new WxrError(`a comment of post ${postId} has no numeric <wp:comment_id>`, 'wxr.commentWithoutId', { post: postId });
  const postedAt = gmtDate(fields['wp:comment_date_gmt']);
  if (!postedAt) throw new WxrError(`comment ${id} has no valid <wp:comment_date_gmt>`, 'wxr.commentWithoutDate', { comment: id });
  const parent = fields['wp:comment_parent']?.trim();
  const user = fields['wp:comment_user_id']?.trim();
  return {
    id,
    parentId: parent && parent !== '0' ? parent : null,
    authorId: user && user !== '0' ? user : null,
    authorName: fields['wp:comment_author']?.trim() || 'Anonymous',
    authorEmail: fields['wp:comment_author_email']?.trim().toLowerCase() || null,
    authorUrl: fields['wp:comment_author_url']?.trim() || null,
    postedAt,
    body: commentText(fields['wp:comment_content'] ?? '', true),
    url: postUrl ? `${postUrl.split('#')[0]}#comment-${id}` : null,
  };
}