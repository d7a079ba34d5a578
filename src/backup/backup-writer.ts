import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '../config/app-config.js';
import { backupName, hashFile, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, partialName, type BackupManifest, type ManifestFile } from './backup-manifest.js';
import { databaseFile, snapshotDatabase } from './database-snapshot.js';

export interface WrittenBackup {
  path: string;
  manifest: BackupManifest;
}

/** Flushes a file (or a folder's entries) to disk: the rename that makes a backup complete must not outrun its contents. */
async function sync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The evidence store's files, as the store names them (`ab/ab…`): staging (`tmp/`) and anything else are not evidence. */
async function evidenceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const prefixes = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const prefix of prefixes) {
    if (!prefix.isDirectory() || !/^[0-9a-f]{2}$/.test(prefix.name)) continue;
    for (const file of await readdir(join(dir, prefix.name), { withFileTypes: true })) {
      if (file.isFile() && /^[0-9a-f]{64}$/.test(file.name) && file.name.startsWith(prefix.name)) found.push(`${prefix.name}/${file.name}`);
    }
  }
  return found.sort();
}

/** Copies one file, hashing the bytes as they are written. */
async function copyHashed(from: string, to: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), count, createWriteStream(to, { flags: 'wx' }));
  await sync(to);
  return { sha256: hash.digest('hex'), size };
}

/**
 * Writes one backup into `outDir`: the database's snapshot, then the
 * evidence bytes, then the manifest, in a hidden folder marked partial that
 * is renamed `calumet-<snapshot time>` last. A backup stopped on the way
 * leaves only the partial folder, which a restore refuses.
 *
 * Evidence files are written to the store before the row that names them
 * commits, and never removed: copied after the snapshot, every one its rows
 * name is there.
 */
export async function writeBackup(config: AppConfig, outDir: string, progress: (line: string) => void = () => undefined): Promise<WrittenBackup> {
  const snapshotAt = new Date();
  const name = backupName(snapshotAt);
  await mkdir(outDir, { recursive: true });
  const partial = join(outDir, partialName(name));
  await mkdir(partial);
  try {
    const files: ManifestFile[] = [];
    const warnings: string[] = [];
    const dbFile = databaseFile(config.database.type);
    const facts = await snapshotDatabase(config.database, join(partial, dbFile));
    await sync(join(partial, dbFile));
    files.push({ path: dbFile, ...(await hashFile(join(partial, dbFile))) });
    progress(`database (${config.database.type}): ${Object.keys(facts.rows).length} tables, ${facts.timelines.length} timelines, snapshot at ${snapshotAt.toISOString()}`);

    const evidence = await evidenceFiles(config.evidenceDir);
    for (const prefix of new Set(evidence.map((path) => path.slice(0, 2)))) await mkdir(join(partial, 'evidence', prefix), { recursive: true });
    for (const path of evidence) {
      const copied = await copyHashed(join(config.evidenceDir, path), join(partial, 'evidence', path));
      if (copied.sha256 !== path.slice(3)) warnings.push(`evidence/${path}: its bytes hash to ${copied.sha256} in the live store; copied as they are`);
      files.push({ path: `evidence/${path}`, ...copied });
    }
    progress(`evidence: ${evidence.length} files from ${config.evidenceDir}`);
    for (const warning of warnings) progress(`warning: ${warning}`);

    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      snapshotAt: snapshotAt.toISOString(),
      finishedAt: new Date().toISOString(),
      database: { type: config.database.type, file: dbFile },
      ...facts,
      files,
      warnings,
    };
    await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    await sync(join(partial, MANIFEST_FILE));
    await sync(partial);
    const path = join(outDir, name);
    await rename(partial, path);
    await sync(outDir);
    return { path, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
