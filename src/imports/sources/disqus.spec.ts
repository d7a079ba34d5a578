import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DisqusSource } from './disqus.js';
import { SourceError, type SourceThread } from './source.js';

const FIXTURE = new URL('../../../test/fixtures/sources/disqus/export.xml', import.meta.url);
const EXPORT = readFileSync(FIXTURE, 'utf8');

/** The export as an upload streams it: bytes in small chunks, an accented letter sometimes split between two. */
const bytes = (xml: string) => Readable.from(chunks(Buffer.from(xml, 'utf8'), 61));
function* chunks(buffer: Buffer, size: number) {
  for (let start = 0; start < buffer.length; start += size) yield buffer.subarray(start, start + size);
}

async function refusal(sut: DisqusSource, xml: string, thread: string): Promise<SourceError> {
  const error: unknown = await sut.read(bytes(xml), thread).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const tree = (thread: SourceThread) => Object.fromEntries(thread.comments.map((comment) => [comment.id, comment.parentId]));

describe(DisqusSource.name, () => {
  const sut = new DisqusSource();

  it('reads the thread named by its dsq:id from the file as it streams: the post, and every post shown with its parent, author, time and text', async () => {
    const thread = await sut.read(createReadStream(FIXTURE, { highWaterMark: 97 }), '7700000002');
    expect(thread.post).toEqual({
      id: '7700000002',
      slug: '42 https://blog.example.com/?p=42',
      title: 'Les erreurs des débutants & comment les éviter',
      url: 'https://blog.example.com/2026/11/les-erreurs-des-debutants/',
      publishedAt: new Date('2026-11-02T08:00:00Z'),
      authorId: 'marie_lefevre',
      commentsOpen: true,
    });
    expect(thread.comments).toHaveLength(14);
    expect(thread.comments[0]).toEqual({
      id: '5100000001',
      parentId: null,
      authorId: 'jeandupre',
      authorName: 'Jean Dupré',
      authorEmail: 'jean.dupre@example.fr',
      authorUrl: 'https://disqus.com/by/jeandupre/',
      postedAt: new Date('2026-11-02T09:00:00Z'),
      body: 'Article très juste. L’erreur n° 3 m’a coûté cher : j’ai payé 450 € pour rien.',
      url: 'https://blog.example.com/2026/11/les-erreurs-des-debutants/#comment-5100000001',
    });
    const byId = new Map(thread.comments.map((comment) => [comment.id, comment]));
    expect(byId.get('5100000004')).toMatchObject({ authorId: null, authorName: 'Zoé', authorEmail: 'zoe@example.net', authorUrl: null });
    expect(byId.get('5100000016')).toMatchObject({ authorId: null, authorName: 'Invité', authorEmail: null });
    expect(byId.get('5100000009')!.body).toBe('Exactement, et les CGV changent souvent\u00a0!\nIl faut les relire à chaque commande.');
    expect(byId.get('5100000012')!.body).toBe('Très bon résumé.\n\nJ’ajouterais : comparer les garanties.');
    expect(byId.get('5100000011')!.body).toBe('« Nous ajouterons » : quand, exactement ?');
  });

  it('keeps the thread’s tree, four levels deep, and leaves out the deleted and the spam posts', async () => {
    const thread = await sut.read(bytes(EXPORT), '7700000002');
    expect(tree(thread)).toEqual({
      '5100000001': null,
      '5100000002': '5100000001',
      '5100000003': '5100000002',
      '5100000004': '5100000002',
      '5100000006': '5100000001',
      '5100000007': null,
      '5100000009': '5100000007',
      '5100000010': '5100000009',
      '5100000011': '5100000010',
      '5100000012': null,
      '5100000013': '5100000012',
      '5100000014': null,
      '5100000015': '5100000014',
      '5100000016': null,
    });
  });

  it('puts a reply to a post left out under the nearest post shown above it, or at the top', async () => {
    const spamRoot = EXPORT.replace(/(<post dsq:id="5100000007">[\s\S]*?<isSpam>)false/, '$1true');
    const thread = await sut.read(bytes(spamRoot), '7700000002');
    expect(tree(thread)).toMatchObject({ '5100000006': '5100000001', '5100000009': null, '5100000010': '5100000009' });
    expect(tree(thread)).not.toHaveProperty('5100000007');
  });

  it('finds the thread by its identifier, or by its address (the first thread of that address)', async () => {
    expect((await sut.read(bytes(EXPORT), '42 https://blog.example.com/?p=42')).post.id).toBe('7700000002');
    const byAddress = await sut.read(bytes(EXPORT), 'https://blog.example.com/2026/11/les-erreurs-des-debutants#disqus_thread');
    expect(byAddress.post.id).toBe('7700000002');
    expect(byAddress.comments).toHaveLength(14);
    const older = await sut.read(bytes(EXPORT), 'les-erreurs-des-debutants');
    expect(older.post).toMatchObject({ id: '7700000003', title: 'Les erreurs des débutants (ancien identifiant)' });
    expect(older.comments.map((comment) => comment.id)).toEqual(['5200000001']);
    expect((await sut.read(bytes(EXPORT), '7700000001')).post.commentsOpen).toBe(false);
  });

  it('reads a thread and a parent named as in Disqus’s own example: the thread by its identifier, the parent by the post’s <id>', async () => {
    const xml = `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
      <thread dsq:id="2"><id>1</id><link/><title/><message/><createdAt>2012-12-12T12:12:12</createdAt><author><name>Baz</name></author></thread>
      <post dsq:id="10"><id>2</id><message>Mother Russia</message><thread>1</thread><createdAt>2012-12-12T12:12:12</createdAt><author><name>Baz</name></author></post>
      <post dsq:id="11"><id>1</id><message>Yo dude</message><parent>2</parent><thread>1</thread><createdAt>2012-12-12T12:13:12</createdAt><author><name>Qux</name></author></post>
    </disqus>`;
    const thread = await sut.read(bytes(xml), '1');
    expect(thread.post).toMatchObject({ id: '2', url: '', publishedAt: new Date('2012-12-12T12:12:12Z') });
    expect(thread.comments.map(({ id, parentId, authorName, url }) => ({ id, parentId, authorName, url }))).toEqual([
      { id: '10', parentId: null, authorName: 'Baz', url: null },
      { id: '11', parentId: '10', authorName: 'Qux', url: null },
    ]);
  });

  it('sees an edit and a deletion in a later export', async () => {
    const later = EXPORT.replace('Le délai de livraison, surtout.', 'Le délai de livraison, surtout (corrigé).').replace(
      /(<post dsq:id="5100000013">[\s\S]*?<isDeleted>)false/,
      '$1true',
    );
    const thread = await sut.read(bytes(later), '7700000002');
    expect(thread.comments).toHaveLength(13);
    expect(thread.comments.find((comment) => comment.id === '5100000003')!.body).toBe('Le délai de livraison, surtout (corrigé).');
    expect(thread.comments.some((comment) => comment.id === '5100000013')).toBe(false);
  });

  it('names a thread the export does not hold, for the field thread', async () => {
    const error = await refusal(sut, EXPORT, 'https://blog.example.com/ailleurs/');
    expect(error).toMatchObject({ field: 'thread', code: 'disqus.noSuchThread', values: { thread: 'https://blog.example.com/ailleurs/' } });
  });

  it('refuses a malformed file for the field file: a tag left open, a file cut short, not an export, a post without date', async () => {
    const open = await refusal(sut, EXPORT.replace('</title>\n    <message />\n    <createdAt>2026-11-02', '</titel>\n    <message />\n    <createdAt>2026-11-02'), '7700000002');
    expect(open).toMatchObject({ field: 'file', code: 'disqus.malformed' });
    expect(open.message).toMatch(/^file: <title> is not closed \(before character \d+\)$/);
    const cut = await refusal(sut, EXPORT.slice(0, EXPORT.indexOf('<post dsq:id="5100000014">') + 60), '7700000002');
    expect(cut).toMatchObject({ field: 'file', code: 'disqus.unclosed' });
    expect(cut.message).toMatch(/^file: the file ends before <\w+> is closed$/);
    expect(await refusal(sut, '<rss><channel><item/></channel></rss>', '7700000002')).toMatchObject({ field: 'file', code: 'disqus.notDisqus' });
    const undated = await refusal(sut, EXPORT.replace('<createdAt>2026-11-03T09:30:00Z</createdAt>', '<createdAt>hier</createdAt>'), '7700000002');
    expect(undated).toMatchObject({ field: 'file', code: 'disqus.postWithoutDate', values: { post: '5100000010' } });
  });
});
