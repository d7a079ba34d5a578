import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ContentAlteredError, ContentMissingError, DirectoryEvidenceStore } from './evidence-store.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe(DirectoryEvidenceStore.name, () => {
  let dir: string;
  let sut: DirectoryEvidenceStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-store-'));
    sut = new DirectoryEvidenceStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under their SHA-256, in <first two hex digits>/<sha256>, read-only', async () => {
    const staged = await sut.stage(Buffer.from('the page as captured'));
    expect(staged).toMatchObject({ sha256: sha('the page as captured'), size: 20 });
    await sut.commit(staged);
    const path = join(dir, staged.sha256.slice(0, 2), staged.sha256);
    expect(sut.pathOf(staged.sha256)).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(existsSync(staged.path)).toBe(false);
    expect((await sut.read(staged.sha256)).toString()).toBe('the page as captured');
  });

  it('hashes a stream as it writes it', async () => {
    const staged = await sut.stage(Readable.from([Buffer.from('part one, '), Buffer.from('part two')]));
    expect(staged).toMatchObject({ sha256: sha('part one, part two'), size: 18 });
  });

  it('keeps one copy of the same bytes stored twice', async () => {
    await sut.commit(await sut.stage(Buffer.from('same')));
    const again = await sut.stage(Buffer.from('same'));
    await sut.commit(again);
    expect(existsSync(again.path)).toBe(false);
    expect(readdirSync(join(dir, again.sha256.slice(0, 2)))).toEqual([again.sha256]);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('refuses to hand back bytes that no longer match their hash', async () => {
    const staged = await sut.stage(Buffer.from('original'));
    await sut.commit(staged);
    chmodSync(sut.pathOf(staged.sha256), 0o644);
    writeFileSync(sut.pathOf(staged.sha256), 'forged');
    await expect(sut.read(staged.sha256)).rejects.toThrow(ContentAlteredError);
    await expect(sut.read(staged.sha256)).rejects.toThrow(`content stored under ${staged.sha256} now hashes to ${sha('forged')}`);
    expect(await sut.check(staged.sha256)).toBe('altered');
  });

  it('tells intact, altered and missing content apart', async () => {
    const staged = await sut.stage(Buffer.from('kept'));
    await sut.commit(staged);
    expect(await sut.check(staged.sha256)).toBe('intact');
    unlinkSync(sut.pathOf(staged.sha256));
    expect(await sut.check(staged.sha256)).toBe('missing');
    await expect(sut.read(staged.sha256)).rejects.toThrow(ContentMissingError);
  });
});
