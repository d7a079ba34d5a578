import type { EntityManager } from 'typeorm';
import { Evidence, EvidencePart } from './evidence.entity.js';

/** The evidence tables as other features read them: the evidence feature writes the SQL. */
export const evidenceReads = {
  /** Every content the rows say the evidence store holds: each piece's and each capture part's SHA-256, once each. */
  async contentHashes(manager: EntityManager): Promise<string[]> {
    const [pieces, parts] = await Promise.all([
      manager.createQueryBuilder(Evidence, 'e').select('DISTINCT e.sha256', 'sha256').where("e.sha256 <> ''").getRawMany<{ sha256: string }>(),
      manager.createQueryBuilder(EvidencePart, 'p').select('DISTINCT p.sha256', 'sha256').getRawMany<{ sha256: string }>(),
    ]);
    return [...new Set([...pieces, ...parts].map((row) => row.sha256))].sort();
  },
};
