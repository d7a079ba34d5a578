import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const cdata = (text: string) => `<![CDATA[${text}]]>`;
const date = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Writes (streamed, never whole in memory) a WordPress export of one post,
 * `slug`, with `comments` approved comments numbered from 1 (WordPress ids
 * 100001…), a third of them replies to the one before, by 200 readers.
 */
export async function writeWxr(path: string, comments: number, slug = 'le-billet'): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Test blog</title>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('marie')}</wp:author_login></wp:author>
<item><title>${cdata('Le billet')}</title><link>https://blog.example.com/${slug}/</link><dc:creator>${cdata('marie')}</dc:creator>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>${cdata('2025-01-01 08:00:00')}</wp:post_date_gmt><wp:post_name>${cdata(slug)}</wp:post_name><wp:post_type>${cdata('post')}</wp:post_type>\n`);
  for (let i = 1; i <= comments; i++) {
    const id = 100_000 + i;
    await write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(`Lecteur ${i % 200}`)}</wp:comment_author>
<wp:comment_author_email>${cdata(`lecteur${i % 200}@example.org`)}</wp:comment_author_email><wp:comment_date_gmt>${cdata(date(i))}</wp:comment_date_gmt>
<wp:comment_content>${cdata(`Commentaire n° ${i}, d’une longueur ordinaire pour un fil de blog.\n\nDeuxième paragraphe.`)}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${i % 3 === 0 ? id - 1 : 0}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n`);
  }
  await write('</item>\n</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}
