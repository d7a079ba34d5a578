import { compile } from 'html-to-text';

/** A WordPress post and its approved comments, read from the REST API or a WXR export, before anything is written. */
export interface WpThread {
  post: WpPost;
  comments: WpComment[];
}

export interface WpPost {
  id: string;
  slug: string;
  title: string | null;
  /** The post's permalink. */
  url: string;
  publishedAt: Date | null;
  /** The WordPress user id of the post's author (elsewhere: the place's stable id of its author). */
  authorId: string | null;
  /** Its author's name as the place shows it, when the place gives one (WordPress's REST API and WXR do not). */
  authorName?: string | null;
  /** Its comment status (`comment_status`, `<wp:comment_status>`): open, closed, or null when the source says neither. */
  commentsOpen: boolean | null;
}

/** WordPress's comment status as a yes or no; null for anything else (absent, empty). */
export const commentStatus = (status: string | undefined): boolean | null => {
  const value = status?.trim();
  return value === 'open' ? true : value === 'closed' ? false : null;
};

export interface WpComment {
  id: string;
  /** The id of the comment it answers, or null at the top of the thread. */
  parentId: string | null;
  /** The WordPress user id of a signed-in author, or null for a visitor. */
  authorId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  postedAt: Date;
  /** Plain text: entities decoded, paragraphs kept. */
  body: string;
  url: string | null;
}

/**
 * HTML of a comment as plain text: entities decoded, one blank line between
 * paragraphs, line breaks kept, links as their text. `autop` first turns the
 * blank lines of raw comment text (a WXR export holds it unfiltered) into
 * paragraphs, as WordPress does when it displays a comment.
 */
export function commentText(html: string, autop = false): string {
  const source = autop ? `<p>${html.trim().replace(/\r\n?/g, '\n').replace(/\n\s*\n/g, '</p><p>').replace(/\n/g, '<br>')}</p>` : html;
  return toText(source).trim();
}

// Compiled once: html-to-text builds its selectors on every convert() call otherwise.
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'p', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
  ],
});

/** WordPress writes GMT dates without a zone (`2026-01-02T10:00:00` or `2026-01-02 10:00:00`); null for the zero date of a draft. */
export function gmtDate(value: string | null | undefined): Date | null {
  const text = value?.trim();
  if (!text || text.startsWith('0000')) return null;
  const date = new Date(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Parents before their children, each level in the order posted (replies then find what they answer). */
export function threadOrder(comments: WpComment[]): WpComment[] {
  const ids = new Set(comments.map((comment) => comment.id));
  const children = new Map<string | null, WpComment[]>();
  for (const comment of comments) {
    const parent = comment.parentId && ids.has(comment.parentId) ? comment.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(comment);
    else children.set(parent, [comment]);
  }
  const byTime = (a: WpComment, b: WpComment) => a.postedAt.getTime() - b.postedAt.getTime() || Number(a.id) - Number(b.id);
  const ordered: WpComment[] = [];
  let level = (children.get(null) ?? []).sort(byTime);
  while (level.length) {
    for (const comment of level) ordered.push(comment);
    level = level.flatMap((comment) => children.get(comment.id) ?? []).sort(byTime);
  }
  // Comments whose parents answer each other (only a broken export holds such a loop) come last, unthreaded.
  const placed = new Set(ordered);
  return [...ordered, ...comments.filter((comment) => !placed.has(comment)).sort(byTime)];
}
