import type { DataSource } from 'typeorm';
import type { EvidenceStore } from './evidence-store.js';

export interface EvidenceMigration {
  /** Copied to the target and read back intact there. */
  moved: number;
  /** Already in the target, intact: left as they were. */
  present: number;
  /** What could not be moved, one line each (missing or altered in the source, not intact in the target). */
  failures: string[];
}

/**
 * Copies the bytes of every captured evidence and of every part of a page
 * capture from one store to the other, each hashed on the way (bytes that no
 * longer match their SHA-256 are not copied) and read back from the target
 * and hashed again. Bytes already intact in the target are left alone, so
 * running it again resumes. The source keeps its bytes: remove them once
 * the target serves them.
 */
export async function migrateEvidence(dataSource: DataSource, from: EvidenceStore, to: EvidenceStore, progress: (line: string) => void = () => undefined): Promise<EvidenceMigration> {
  const rows = (await dataSource.query(
    "SELECT sha256 FROM evidence WHERE status = 'captured' AND sha256 <> '' UNION SELECT sha256 FROM evidence_parts ORDER BY sha256",
  )) as Array<{ sha256: string }>;
  const result: EvidenceMigration = { moved: 0, present: 0, failures: [] };
  for (const { sha256 } of rows) {
    if ((await to.check(sha256)) === 'intact') {
      result.present += 1;
      continue;
    }
    const failure = await copy(sha256, from, to);
    if (failure) result.failures.push(`${sha256}: ${failure}`);
    else result.moved += 1;
    progress(`${sha256}: ${failure ?? 'moved, intact'}`);
  }
  return result;
}

async function copy(sha256: string, from: EvidenceStore, to: EvidenceStore): Promise<string | null> {
  const source = await from.check(sha256);
  if (source !== 'intact') return `${source} in the ${from.kind} store`;
  const staged = await to.stage(await from.open(sha256));
  try {
    if (staged.sha256 !== sha256) return `altered in the ${from.kind} store while read`;
    await to.commit(staged);
  } finally {
    await to.discard(staged);
  }
  const target = await to.check(sha256);
  return target === 'intact' ? null : `${target} in the ${to.kind} store once written`;
}
