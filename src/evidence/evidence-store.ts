import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '../config/app-config.js';

/** Bytes written to a temporary file and hashed, not yet in the store. */
export interface StagedContent {
  sha256: string;
  size: number;
  path: string;
}

export type ContentCheck = 'intact' | 'altered' | 'missing';

export class ContentAlteredError extends Error {
  constructor(
    readonly sha256: string,
    readonly found: string,
  ) {
    super(`content stored under ${sha256} now hashes to ${found}`);
  }
}

/**
 * Content-addressed storage under EVIDENCE_DIR: the bytes of each piece of
 * evidence in `<sha256[0..2]>/<sha256>`, written once (to a temporary file,
 * then renamed into place) and read back only after hashing them again.
 */
@Injectable()
export class EvidenceStore {
  private readonly dir: string;

  constructor(config: AppConfig) {
    this.dir = config.evidenceDir;
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Writes the bytes to a temporary file in the store's folder, hashing them on the way. */
  async stage(source: Readable | Buffer): Promise<StagedContent> {
    const tmp = join(this.dir, 'tmp');
    await mkdir(tmp, { recursive: true });
    const path = join(tmp, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, count, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { sha256: hash.digest('hex'), size, path };
  }

  /** Moves staged bytes to their place; the same bytes already stored are kept as they are. */
  async commit(staged: StagedContent): Promise<void> {
    const target = this.pathOf(staged.sha256);
    await mkdir(join(this.dir, staged.sha256.slice(0, 2)), { recursive: true });
    if (await exists(target)) return this.discard(staged);
    await chmod(staged.path, 0o444);
    await rename(staged.path, target);
  }

  /** Removes stored bytes no evidence names any more (a purged incident's); gone already is fine. */
  remove(sha256: string): Promise<void> {
    return rm(this.pathOf(sha256), { force: true });
  }

  /** Removes a staged file that will not be kept (nothing happens once it is committed). */
  discard(staged: StagedContent): Promise<void> {
    return rm(staged.path, { force: true });
  }

  /** The stored bytes, hashed again: throws ContentAlteredError when they no longer match their address. */
  async read(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(sha256));
    const found = createHash('sha256').update(bytes).digest('hex');
    if (found !== sha256) throw new ContentAlteredError(sha256, found);
    return bytes;
  }

  /** Hashes the stored bytes again without holding them in memory. */
  async check(sha256: string): Promise<ContentCheck> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.pathOf(sha256))) hash.update(chunk as Buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
    return hash.digest('hex') === sha256 ? 'intact' : 'altered';
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
