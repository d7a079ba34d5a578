import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { sourceRefusal } from '../../../test/helpers/source-refusal.js';
import { OutboxSource } from './outbox.js';

const FILE = readFileSync(new URL('../../../test/fixtures/sources/outbox/outbox.json', import.meta.url));
const ME = 'https://toot.example/users/cafe_calumet';
const id = (n: number) => `1136000000000002${String(n).padStart(2, '0')}`;

/** The file in chunks of `size` bytes: cut inside strings, keys and multi-byte characters alike. */
const chunks = (buffer: Buffer, size: number) => Readable.from((function* () {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
})());

describe(OutboxSource.name, () => {
  const sut = new OutboxSource();


  it('reads the thread of the note named by its id: the post, and the account’s notes below it, with parents, times and text', async () => {
    const thread = await sut.read(chunks(FILE, 64 * 1024), `${ME}/statuses/${id(0)}`);

    expect(thread.post).toEqual({
      id: id(0),
      slug: id(0),
      title: '🧵 Pourquoi nos prix augmentent cette année : un fil, pour tout vous expliquer sans détour. Merci…',
      url: `https://toot.example/@cafe_calumet/${id(0)}`,
      publishedAt: new Date('2026-10-20T08:00:00Z'),
      authorId: ME,
      authorName: 'cafe_calumet@toot.example',
      commentsOpen: null,
    });
    expect(thread.comments.map((c) => [c.id, c.parentId])).toEqual([
      [id(10), null],
      [id(20), null],
      [id(11), id(10)],
      [id(17), id(10)],
      [id(21), id(20)],
      [id(12), id(11)],
      [id(18), id(17)],
      [id(13), id(12)],
      [id(14), id(13)],
      // Answers to notes of others, which no archive holds: kept by their conversation, their parent named as their server names it.
      [id(15), 'https://autre.example/users/zoe/statuses/112233445566770042'],
      [id(16), '113600000000000250'],
      [id(19), id(15)],
    ]);
    expect(thread.comments.every((c) => c.authorId === ME && c.authorName === 'cafe_calumet@toot.example' && c.authorUrl === ME && c.authorEmail === null)).toBe(true);
    const byId = new Map(thread.comments.map((comment) => [comment.id, comment]));
    expect(byId.get(id(12))).toMatchObject({
      postedAt: new Date('2026-10-20T08:03:00Z'),
      body: '3/5 Nous avons choisi de garder nos fournisseurs locaux, à Mâcon et à Cluny.',
      url: `https://toot.example/@cafe_calumet/${id(12)}`,
    });
    expect(byId.get(id(13))!.body).toBe('4/5 Voici le tableau des hausses, poste par poste.');
    expect(byId.get(id(16))!.body).toBe('@helene Non, Hélène : la carte de fidélité reste valable.');
    expect(byId.get(id(20))!.body).toBe('Mise à jour : les prix du déjeuner, eux, ne bougent pas avant janvier. Promis, juré.');
    expect(byId.get(id(21))!.body).toBe('prix\n\nEt la formule « petit-déjeuner » reste à 6,50 €.');
  });

  it('finds the note by its address as well, and reads the file cut anywhere, even inside a character', async () => {
    const whole = await sut.read(chunks(FILE, 64 * 1024), `${ME}/statuses/${id(0)}`);
    await expect(sut.read(chunks(FILE, 7), `https://toot.example/@cafe_calumet/${id(0)}/`)).resolves.toEqual(whole);
  });

  it('takes a reply as the root of its own thread, and a note without replies as a thread of none', async () => {
    const thread = await sut.read(chunks(FILE, 4096), `${ME}/statuses/${id(10)}`);
    expect(thread.post.id).toBe(id(10));
    expect(thread.comments.map((c) => [c.id, c.parentId])).toEqual([
      [id(11), null],
      [id(17), null],
      [id(12), id(11)],
      [id(18), id(17)],
      [id(13), id(12)],
      [id(14), id(13)],
    ]);
    await expect(sut.read(chunks(FILE, 4096), `${ME}/statuses/${id(3)}`)).resolves.toMatchObject({ post: { id: id(3), title: 'Nouvelle fournée de croissants !' }, comments: [] });
  });

  it('reads an outbox far larger than its thread as it streams, keeping only the account’s replies', async () => {
    const items = JSON.parse(FILE.toString('utf8')) as { orderedItems: unknown[] };
    const filler = (n: number) =>
      JSON.stringify({ id: `${ME}/statuses/9${n}/activity`, type: 'Create', actor: ME, object: { id: `${ME}/statuses/9${n}`, type: 'Note', inReplyTo: null, published: '2026-09-01T00:00:00Z', attributedTo: ME, content: `<p>${'Un café, un croissant. '.repeat(40)}</p>` } });
    const huge = Readable.from(
      (function* () {
        yield '{"type":"OrderedCollection","orderedItems":[';
        for (let n = 0; n < 20_000; n++) yield `${filler(n)},`;
        yield items.orderedItems.map((item) => JSON.stringify(item)).join(',');
        yield ']}';
      })(),
    );
    const thread = await sut.read(huge, `${ME}/statuses/${id(0)}`);
    expect(thread.comments).toHaveLength(12);
  });

  it('refuses a note the outbox does not hold, for the thread field', async () => {
    await expect(sourceRefusal(sut.read(chunks(FILE, 4096), 'https://toot.example/@cafe_calumet/1'))).resolves.toMatchObject({
      code: 'outbox.noSuchNote',
      field: 'thread',
      values: { thread: 'https://toot.example/@cafe_calumet/1' },
    });
  });

  it('refuses a JSON file that is no outbox, and a file that is not well-formed JSON, for the file field', async () => {
    await expect(sourceRefusal(sut.read(Readable.from(['{"type":"Person","id":"https://toot.example/users/cafe_calumet","outbox":"outbox.json"}']), id(0)))).resolves.toMatchObject({
      code: 'outbox.notOutbox',
      field: 'file',
    });
    await expect(sourceRefusal(sut.read(chunks(FILE.subarray(0, FILE.length - 40), 4096), `${ME}/statuses/${id(0)}`))).resolves.toMatchObject({ code: 'outbox.malformed', field: 'file' });
    await expect(sourceRefusal(sut.read(Readable.from(['<?xml version="1.0"?><rss/>']), id(0)))).resolves.toMatchObject({ code: 'outbox.malformed', field: 'file' });
  });

  it('refuses a note without a valid published date, naming it', async () => {
    const broken = FILE.toString('utf8').replace('"published":"2026-10-20T08:03:00Z","url"', '"published":"hier","url"');
    await expect(sourceRefusal(sut.read(Readable.from([broken]), `${ME}/statuses/${id(0)}`))).resolves.toMatchObject({ code: 'outbox.noteWithoutDate', field: 'file', values: { id: `${ME}/statuses/${id(12)}` } });
  });
});
