import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { EvidenceStoreKind } from '../config/env.dto.js';

/** Bytes written to a temporary file of this host and hashed, not yet in the store. */
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

export class ContentMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`content ${sha256} is not in the evidence store`);
  }
}

/**
 * Content-addressed storage of evidence bytes: written once under their
 * SHA-256, read back only after hashing them again. Bytes are first staged
 * in a temporary file of this host (EVIDENCE_DIR/tmp), hashed on the way,
 * then committed to the store: a folder of this host (`directory`) or the
 * PostgreSQL database every host shares (`postgres`), chosen by
 * EVIDENCE_STORE.
 */
export abstract class EvidenceStore {
  abstract readonly kind: EvidenceStoreKind;

  constructor(protected readonly dir: string) {}

  /** Writes the bytes to a temporary file of this host, hashing them on the way. */
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

  /** Puts staged bytes in the store; the same bytes already stored are kept as they are. */
  abstract commit(staged: StagedContent): Promise<void>;

  /** The stored bytes as they are, not yet checked; throws ContentMissingError when there are none. */
  abstract open(sha256: string): Promise<Readable>;

  /** Removes stored bytes no evidence names any more (a purged incident's); gone already is fine. */
  abstract remove(sha256: string): Promise<void>;

  /** Removes a staged file that will not be kept (nothing happens once it is committed). */
  discard(staged: StagedContent): Promise<void> {
    return rm(staged.path, { force: true });
  }

  /** The stored bytes, hashed again: throws ContentAlteredError when they no longer match their address. */
  async read(sha256: string): Promise<Buffer> {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(sha256)) {
      hash.update(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
    const found = hash.digest('hex');
    if (found !== sha256) throw new ContentAlteredError(sha256, found);
    return Buffer.concat(chunks);
  }

  /** Hashes the stored bytes again without holding them in memory. */
  async check(sha256: string): Promise<ContentCheck> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of await this.open(sha256)) hash.update(chunk as Buffer);
    } catch (error) {
      if (error instanceof ContentMissingError) return 'missing';
      throw error;
    }
    return hash.digest('hex') === sha256 ? 'intact' : 'altered';
  }
}

/** Under EVIDENCE_DIR, in `<sha256[0..2]>/<sha256>`, read-only, renamed into place once written: one host's disk. */
export class DirectoryEvidenceStore extends EvidenceStore {
  readonly kind = 'directory';

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async commit(staged: StagedContent): Promise<void> {
    const target = this.pathOf(staged.sha256);
    await mkdir(join(this.dir, staged.sha256.slice(0, 2)), { recursive: true });
    if (await exists(target)) return this.discard(staged);
    await chmod(staged.path, 0o444);
    await rename(staged.path, target);
  }

  remove(sha256: string): Promise<void> {
    return rm(this.pathOf(sha256), { force: true });
  }

  async open(sha256: string): Promise<Readable> {
    try {
      return (await open(this.pathOf(sha256))).createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ContentMissingError(sha256);
      throw error;
    }
  }
}

/** Bytes in one row of `evidence_chunks` each: the database's rows stay small, and a read holds one chunk at a time. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * In the PostgreSQL database (`evidence_blobs`, `evidence_chunks`), cut in
 * chunks of CHUNK_BYTES: every API and worker host reads what any of them
 * stored. A commit streams the staged file in, hashing it again, in one
 * transaction (a blob is there whole or not at all); a read streams the
 * chunks out one query at a time.
 */
export class PostgresEvidenceStore extends EvidenceStore {
  readonly kind = 'postgres';

  constructor(
    dir: string,
    private readonly dataSource: DataSource,
  ) {
    super(dir);
  }

  async commit(staged: StagedContent): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Two processes keeping the same bytes: the second waits for the first's row, then keeps nothing.
      const claimed = (await runner.query('INSERT INTO evidence_blobs (sha256, size, chunks, stored_at) VALUES ($1, $2, 0, now()) ON CONFLICT (sha256) DO NOTHING RETURNING sha256', [
        staged.sha256,
        staged.size,
      ])) as unknown[];
      if (!claimed.length) {
        await runner.rollbackTransaction();
        return this.discard(staged);
      }
      const hash = createHash('sha256');
      let position = 0;
      for await (const chunk of createReadStream(staged.path, { highWaterMark: CHUNK_BYTES })) {
        hash.update(chunk as Buffer);
        await runner.query('INSERT INTO evidence_chunks (sha256, position, bytes) VALUES ($1, $2, $3)', [staged.sha256, position++, chunk]);
      }
      const found = hash.digest('hex');
      if (found !== staged.sha256) throw new ContentAlteredError(staged.sha256, found);
      await runner.query('UPDATE evidence_blobs SET chunks = $2 WHERE sha256 = $1', [staged.sha256, position]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    await this.discard(staged);
  }

  async remove(sha256: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM evidence_chunks WHERE sha256 = $1', [sha256]);
      await manager.query('DELETE FROM evidence_blobs WHERE sha256 = $1', [sha256]);
    });
  }

  async open(sha256: string): Promise<Readable> {
    const [blob] = (await this.dataSource.query('SELECT chunks FROM evidence_blobs WHERE sha256 = $1', [sha256])) as Array<{ chunks: number }>;
    if (!blob) throw new ContentMissingError(sha256);
    const dataSource = this.dataSource;
    return Readable.from(
      (async function* () {
        for (let position = 0; position < blob.chunks; position++) {
          const [row] = (await dataSource.query('SELECT bytes FROM evidence_chunks WHERE sha256 = $1 AND position = $2', [sha256, position])) as Array<{ bytes: Buffer }>;
          // A chunk gone leaves the bytes short: their hash tells.
          if (row) yield row.bytes;
        }
      })(),
      { objectMode: false },
    );
  }
}

/** The store EVIDENCE_STORE names (its staging folder is EVIDENCE_DIR/tmp in both). */
export function evidenceStoreOf(kind: EvidenceStoreKind, config: AppConfig, dataSource: DataSource): EvidenceStore {
  if (kind === 'directory') return new DirectoryEvidenceStore(config.evidenceDir);
  if (dataSource.options.type !== 'postgres') throw new Error('the postgres evidence store needs a PostgreSQL database');
  return new PostgresEvidenceStore(config.evidenceDir, dataSource);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
