import { chmod, copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { checkFiles, compareFacts, EVIDENCE_PATH, isPartial, MANIFEST_FILE, ManifestError, parseManifest, type BackupManifest } from './backup-manifest.js';
import { clearDatabase, databaseHoldsData, liveFacts, pgRestore } from './database-snapshot.js';

/** A restore that stopped: the reasons, one per line (an altered file is named). Nothing was written when `written` is false. */
export class RestoreRefused extends Error {
  constructor(
    readonly reasons: string[],
    readonly written: boolean,
  ) {
    super(reasons.join('\n'));
    this.name = RestoreRefused.name;
  }
}

export interface RestoreOptions {
  /** Write over a database and evidence folder that hold data. */
  force: boolean;
  /** Says what was checked and done, a line at a time. */
  print: (line: string) => void;
  /** Checks the restored desk with the app's own code (timelines, seal, evidence); answers what it found wrong. */
  verify: (manifest: BackupManifest) => Promise<string[]>;
}

/** Reads and checks a backup's manifest and every file it lists; refuses a partial backup and names every altered or missing file. */
export async function checkBackup(dir: string, print: (line: string) => void): Promise<BackupManifest> {
  if (isPartial(dir)) throw new RestoreRefused([`${dir} is a backup that never finished (its name ends in .partial)`], false);
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RestoreRefused([`${dir} has no ${MANIFEST_FILE}: not a finished backup`], false);
    throw error;
  }
  let manifest: BackupManifest;
  try {
    manifest = parseManifest(text);
  } catch (error) {
    if (error instanceof ManifestError) throw new RestoreRefused([error.message], false);
    throw error;
  }
  print(`backup ${dir}: ${manifest.database.type}, snapshot at ${manifest.snapshotAt}, ${manifest.files.length} files`);
  const findings = await checkFiles(dir, manifest.files);
  if (findings.length) throw new RestoreRefused(findings.map((finding) => `${finding.problem}: ${finding.path}: ${finding.detail}`), false);
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  print(`files: ${manifest.files.length} checked against the manifest's SHA-256 (${bytes} bytes), all intact`);
  return manifest;
}

async function holdsFiles(dir: string): Promise<boolean> {
  return (await readdir(dir).catch(() => [])).length > 0;
}

/**
 * Restores a backup into the database and evidence folder the configuration
 * names: checks every file against the manifest first (nothing is written
 * when one is altered), refuses a target that holds data unless forced,
 * writes, then reads the restored database's facts against the manifest and
 * has `verify` check the timelines, the latest seal and the evidence.
 */
export async function restoreBackup(config: AppConfig, dir: string, options: RestoreOptions): Promise<BackupManifest> {
  const { print } = options;
  const manifest = await checkBackup(dir, print);
  if (manifest.database.type !== config.database.type) {
    throw new RestoreRefused([`the backup holds a ${manifest.database.type} database and DATABASE_URL names a ${config.database.type} one`], false);
  }
  const occupied = [
    ...((await databaseHoldsData(config.database)) ? [`the database (${config.database.type === 'sqlite' ? config.database.path : 'DATABASE_URL'}) holds data`] : []),
    ...((await holdsFiles(config.evidenceDir)) ? [`the evidence folder ${config.evidenceDir} holds files`] : []),
  ];
  if (occupied.length && !options.force) throw new RestoreRefused([...occupied, 'restore into an empty desk, or add --force to replace what it holds'], false);
  if (occupied.length) {
    print(`--force: replacing what ${occupied.join(' and ')}`);
    await clearDatabase(config.database);
    await rm(config.evidenceDir, { recursive: true, force: true });
  }

  const dbFile = join(dir, manifest.database.file);
  if (config.database.type === 'sqlite') {
    await mkdir(dirname(config.database.path), { recursive: true });
    const staging = `${config.database.path}.restoring`;
    await copyFile(dbFile, staging);
    await rename(staging, config.database.path);
    print(`database: restored into ${config.database.path}`);
  } else {
    await pgRestore(config.database.url, dbFile);
    print('database: restored into DATABASE_URL with pg_restore');
  }
  const evidence = manifest.files.filter((file) => EVIDENCE_PATH.test(file.path));
  for (const file of evidence) {
    const [, prefix, sha256] = EVIDENCE_PATH.exec(file.path)!;
    await mkdir(join(config.evidenceDir, prefix!), { recursive: true });
    const target = join(config.evidenceDir, prefix!, sha256!);
    await copyFile(join(dir, file.path), `${target}.restoring`);
    await chmod(`${target}.restoring`, 0o444);
    await rename(`${target}.restoring`, target);
  }
  print(`evidence: ${evidence.length} files restored into ${config.evidenceDir}`);

  const differences = compareFacts(manifest, await liveFacts(config.database));
  if (differences.length) throw new RestoreRefused(differences, true);
  const rows = Object.values(manifest.rows).reduce((sum, n) => sum + n, 0);
  print(`rows: ${Object.keys(manifest.rows).length} tables, ${rows} rows, as the manifest counts them`);
  print(`heads: ${manifest.timelines.length} timelines and the settings' end where the manifest says`);
  const problems = await options.verify(manifest);
  if (problems.length) throw new RestoreRefused(problems, true);
  return manifest;
}
