import { commentText, gmtDate, threadOrder, type WpComment } from './wordpress-thread.js';

const comment = (id: string, parentId: string | null, minute: number): WpComment => ({
  id,
  parentId,
  authorId: null,
  authorName: id,
  authorEmail: null,
  authorUrl: null,
  postedAt: new Date(Date.UTC(2026, 0, 1, 10, minute)),
  body: id,
  url: null,
});

describe(commentText.name, () => {
  it('decodes entities and keeps paragraphs and line breaks', () => {
    expect(commentText('<p>Droit de r&eacute;ponse &amp; marque d&#233;pos&eacute;e&nbsp;!</p>\n<p>Ligne un<br />\nligne deux</p>')).toBe(
      'Droit de réponse & marque déposée\u00a0!\n\nLigne un\nligne deux',
    );
  });

  it('turns the blank lines of raw comment text into paragraphs', () => {
    expect(commentText('Premier.\n\nSecond,\nsuite.', true)).toBe('Premier.\n\nSecond,\nsuite.');
  });

  it('keeps the text of a link, not its address', () => {
    expect(commentText('<p>Voir <a href="https://example.com/x">cet article</a></p>')).toBe('Voir cet article');
  });
});

describe(gmtDate.name, () => {
  it('reads WordPress GMT dates as UTC, and the zero date as none', () => {
    expect(gmtDate('2026-01-02T10:00:00')).toEqual(new Date('2026-01-02T10:00:00Z'));
    expect(gmtDate('2026-01-02 10:00:00')).toEqual(new Date('2026-01-02T10:00:00Z'));
    expect(gmtDate('0000-00-00 00:00:00')).toBeNull();
    expect(gmtDate('yesterday')).toBeNull();
  });
});

describe(threadOrder.name, () => {
  it('puts parents before their children, each level in the order posted', () => {
    const ordered = threadOrder([comment('reply-late', 'a', 1), comment('b', null, 5), comment('a', null, 9), comment('reply-of-reply', 'reply-late', 0)]);
    expect(ordered.map((c) => c.id)).toEqual(['b', 'a', 'reply-late', 'reply-of-reply']);
  });

  it('loses no comment whose parents form a loop', () => {
    expect(threadOrder([comment('x', 'y', 1), comment('y', 'x', 2), comment('z', null, 3)]).map((c) => c.id)).toEqual(['z', 'x', 'y']);
  });

  it('reads a reply to a comment it does not hold as a top-level comment', () => {
    expect(threadOrder([comment('orphan', 'gone', 1)]).map((c) => c.id)).toEqual(['orphan']);
  });
});
