import { WxrError, WxrReader } from './wxr-parser.js';

const item = (id: number, slug: string, comments: string, commentStatus?: string) => `
  <item>
    <title><![CDATA[Post ${slug}]]></title>
    <link>https://blog.example.com/${slug}/</link>
    <dc:creator><![CDATA[marie]]></dc:creator>
    <content:encoded><![CDATA[<p>Long body that is skipped</p>]]></content:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-03-01 08:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[${slug}]]></wp:post_name>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    ${commentStatus === undefined ? '' : `<wp:comment_status><![CDATA[${commentStatus}]]></wp:comment_status>`}
    ${comments}
  </item>`;

const comment = (id: number, fields: { parent?: number; approved?: string; user?: number; content?: string; date?: string; type?: string } = {}) => `
    <wp:comment>
      <wp:comment_id>${id}</wp:comment_id>
      <wp:comment_author><![CDATA[Author ${id}]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[Author${id}@Example.com]]></wp:comment_author_email>
      <wp:comment_author_url><![CDATA[]]></wp:comment_author_url>
      <wp:comment_date_gmt><![CDATA[${fields.date ?? `2026-03-0${(id % 9) + 1} 10:00:00`}]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[${fields.content ?? `Comment ${id}`}]]></wp:comment_content>
      <wp:comment_approved><![CDATA[${fields.approved ?? '1'}]]></wp:comment_approved>
      <wp:comment_type><![CDATA[${fields.type ?? 'comment'}]]></wp:comment_type>
      <wp:comment_parent>${fields.parent ?? 0}</wp:comment_parent>
      <wp:comment_user_id>${fields.user ?? 0}</wp:comment_user_id>
    </wp:comment>`;

const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Blog</title>
  <wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[marie]]></wp:author_login></wp:author>
  ${items}
</channel>
</rss>`;

/** Feeds the text in small chunks, as a stream would. */
function read(text: string, post: string) {
  const sut = new WxrReader(post);
  for (let i = 0; i < text.length; i += 7) sut.write(text.slice(i, i + 7));
  return sut.end();
}

function problem(text: string, post: string): string {
  try {
    read(text, post);
  } catch (error) {
    expect(error).toBeInstanceOf(WxrError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe(WxrReader.name, () => {
  const file = wxr(
    item(10, 'first', comment(1)) +
      item(20, 'second', comment(2) + comment(3, { parent: 2, user: 3, content: 'Merci &amp; à bientôt.\n\nDeuxième paragraphe' }) + comment(4, { approved: 'trash' }) + comment(5, { type: 'pingback' })) +
      item(30, 'third', comment(6)),
  );

  it('reads the post’s comment status: open, closed, or not known when the export says neither', () => {
    const statuses = wxr(item(1, 'open', '', 'open') + item(2, 'closed', '', 'closed') + item(3, 'unknown', '', 'registered_only'));
    expect(read(statuses, 'open').post.commentsOpen).toBe(true);
    expect(read(statuses, 'closed').post.commentsOpen).toBe(false);
    expect(read(statuses, 'unknown').post.commentsOpen).toBeNull();
  });

  it('takes the asked post by slug, among several, with its author from the channel’s authors', () => {
    const thread = read(file, 'second');
    expect(thread.post).toEqual({ id: '20', slug: 'second', title: 'Post second', url: 'https://blog.example.com/second/', publishedAt: new Date('2026-03-01T08:00:00Z'), authorId: '3', commentsOpen: null });
    expect(thread.comments.map((c) => c.id)).toEqual(['2', '3']);
  });

  it('takes the asked post by id', () => {
    expect(read(file, '30').comments.map((c) => c.id)).toEqual(['6']);
  });

  it('keeps only approved comments, not trashed ones nor pingbacks', () => {
    expect(read(file, '20').comments.map((c) => c.id)).not.toEqual(expect.arrayContaining(['4', '5']));
  });

  it('maps parent, signed-in author, email, date and the body as text with paragraphs', () => {
    const reply = read(file, '20').comments[1]!;
    expect(reply).toMatchObject({
      parentId: '2',
      authorId: '3',
      authorName: 'Author 3',
      authorEmail: 'author3@example.com',
      postedAt: new Date('2026-03-04T10:00:00Z'),
      body: 'Merci & à bientôt.\n\nDeuxième paragraphe',
      url: 'https://blog.example.com/second/#comment-3',
    });
  });

  it('names a post the export does not hold', () => {
    expect(problem(file, 'fourth')).toBe('post: the export holds no post with slug fourth');
  });

  it('refuses a tag left open', () => {
    expect(problem(wxr(item(20, 'second', comment(2)).replace('</wp:comment_author>', '</wp:comment_autor>')), 'second')).toMatch(/^<wp:comment_author> is not closed \(before character \d+\)$/);
  });

  it('refuses a file cut short', () => {
    expect(problem(file.slice(0, file.length - 40), 'second')).toMatch(/^the file ends before <[\w:]+> is closed$/);
  });

  it('refuses what is not an export', () => {
    expect(problem('<html><body><p>hello</p></body></html>', 'second')).toBe('not a WordPress export (WXR): no <rss><channel>');
  });

  it('refuses a comment of the asked post without a date', () => {
    expect(problem(wxr(item(20, 'second', comment(2, { date: '' }))), 'second')).toBe('comment 2 has no valid <wp:comment_date_gmt>');
  });
});
