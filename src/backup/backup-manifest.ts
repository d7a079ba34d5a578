import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import type { TimelineHead } from '../timeline/timeline-heads.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'calumet-backup';
export const MANIFEST_VERSION = 1;

/** What a backup's database held when it was taken, read from the snapshot itself. */
export interface DatabaseFacts {
  /** Rows of every table, by name. */
  rows: Record<string, number>;
  /** The head of every incident's timeline, by incident id. */
  timelines: TimelineHead[];
  /** The head of the settings' timeline. */
  settings: { seq: number; hash: string } | null;
  /** The latest seal: the one a restore verifies. */
  latestSeal: { id: string; root: string } | null;
}

export interface ManifestFile {
  /** Relative to the backup, with `/`: `database.sqlite`, `database.pgdump`, `evidence/ab/ab…`. */
  path: string;
  size: number;
  sha256: string;
}

/** `manifest.json`: written last, so a backup without it never finished. */
export interface BackupManifest extends DatabaseFacts {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** When the database's snapshot was taken: every write acknowledged before is in it. */
  snapshotAt: string;
  finishedAt: string;
  database: { type: 'sqlite' | 'postgres'; file: string };
  files: ManifestFile[];
  /** What the backup found amiss in the live desk and copied as it was (an evidence file whose bytes no longer match its name). */
  warnings: string[];
}

/** The only paths a backup holds: the database's file and the evidence store's content-addressed files. */
const FILE_PATH = /^(database\.(sqlite|pgdump)|evidence\/[0-9a-f]{2}\/[0-9a-f]{64})$/;
export const EVIDENCE_PATH = /^evidence\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** A backup's folder is named for its snapshot time; while it is written, it is hidden and marked partial. */
export const backupName = (at: Date): string => `calumet-${at.toISOString().replace(/[:.]/g, '-')}`;
export const partialName = (name: string): string => `.${name}.partial`;
export const isPartial = (path: string): boolean => basename(path).endsWith('.partial');
/** Names of complete backups as the scheduled ones are named (a folder holds other things too). */
export const BACKUP_NAME = /^calumet-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/;

export class ManifestError extends Error {}

/** Reads the manifest as JSON and refuses one that is not a Calumet backup's or names a path a backup never holds. */
export function parseManifest(text: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch (error) {
    throw new ManifestError(`${MANIFEST_FILE} is not JSON: ${(error as Error).message}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT) throw new ManifestError(`${MANIFEST_FILE} is not a Calumet backup's manifest`);
  if (manifest.version !== MANIFEST_VERSION) throw new ManifestError(`${MANIFEST_FILE} is of version ${manifest.version}; this Calumet reads version ${MANIFEST_VERSION}`);
  if (!Array.isArray(manifest.files) || !Array.isArray(manifest.timelines) || typeof manifest.rows !== 'object' || !manifest.database) {
    throw new ManifestError(`${MANIFEST_FILE} lacks its files, timelines, rows or database`);
  }
  const strange = manifest.files.find((file) => !FILE_PATH.test(String(file.path)));
  if (strange) throw new ManifestError(`${MANIFEST_FILE} names ${JSON.stringify(strange.path)}, which no backup holds`);
  if (!manifest.files.some((file) => file.path === manifest.database.file)) throw new ManifestError(`${MANIFEST_FILE} lists no ${manifest.database.file}`);
  return manifest;
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export interface FileFinding {
  path: string;
  problem: 'missing' | 'altered';
  detail: string;
}

/** Hashes every file the manifest lists again; names each that is gone or whose bytes changed. */
export async function checkFiles(dir: string, files: ManifestFile[]): Promise<FileFinding[]> {
  const findings: FileFinding[] = [];
  for (const file of files) {
    let found: { sha256: string; size: number };
    try {
      found = await hashFile(join(dir, file.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      findings.push({ path: file.path, problem: 'missing', detail: 'not in the backup' });
      continue;
    }
    if (found.sha256 !== file.sha256 || found.size !== file.size) {
      findings.push({ path: file.path, problem: 'altered', detail: `SHA-256 ${found.sha256} (${found.size} bytes), the manifest says ${file.sha256} (${file.size} bytes)` });
    }
  }
  return findings;
}

/** Where two readings of a database disagree (the manifest's and the restored database's), in words. */
export function compareFacts(expected: DatabaseFacts, found: DatabaseFacts): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(expected.rows), ...Object.keys(found.rows)])) {
    if (expected.rows[table] !== found.rows[table]) differences.push(`table ${table}: ${found.rows[table] ?? 'missing'} rows, the manifest says ${expected.rows[table] ?? 'none'}`);
  }
  const heads = new Map(found.timelines.map((head) => [head.incidentId, head]));
  for (const head of expected.timelines) {
    const other = heads.get(head.incidentId);
    if (!other) differences.push(`incident ${head.incidentId}: no timeline, the manifest says event ${head.seq}`);
    else if (other.seq !== head.seq || other.hash !== head.hash) differences.push(`incident ${head.incidentId}: timeline ends at event ${other.seq} (${other.hash}), the manifest says ${head.seq} (${head.hash})`);
    heads.delete(head.incidentId);
  }
  for (const head of heads.values()) differences.push(`incident ${head.incidentId}: a timeline the manifest does not list`);
  if (JSON.stringify(expected.settings) !== JSON.stringify(found.settings)) differences.push(`settings timeline: head ${JSON.stringify(found.settings)}, the manifest says ${JSON.stringify(expected.settings)}`);
  if (JSON.stringify(expected.latestSeal) !== JSON.stringify(found.latestSeal)) differences.push(`latest seal: ${JSON.stringify(found.latestSeal)}, the manifest says ${JSON.stringify(expected.latestSeal)}`);
  return differences;
}
