import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { validateAs } from '../../src/common/validation.js';
import { CreateEvidenceDto } from '../../src/evidence/evidence.dto.js';
import { migrateEvidence } from '../../src/evidence/evidence-migration.js';
import { ContentAlteredError, DirectoryEvidenceStore, EvidenceStore } from '../../src/evidence/evidence-store.js';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { testDb } from '../helpers/database.js';
import { startMedium, type Medium } from './harness.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The evidence store of the database under test: the database itself on PostgreSQL (EVIDENCE_STORE's default there), EVIDENCE_DIR on SQLite. */
describe('the evidence store', () => {
  let t: Medium;
  let store: EvidenceStore;
  let scratch: string;

  beforeAll(async () => {
    t = await startMedium();
    store = t.get(EvidenceStore);
    scratch = mkdtempSync(join(tmpdir(), 'calumet-evidence-move-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const keep = async (bytes: Buffer) => {
    const staged = await store.stage(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    await store.commit(staged);
    return staged;
  };
  /** Changes the stored bytes behind the store's back (the last chunk on PostgreSQL, the file in the folder). */
  const tamper = async (sha256: string) => {
    if (store instanceof DirectoryEvidenceStore) {
      chmodSync(store.pathOf(sha256), 0o644);
      writeFileSync(store.pathOf(sha256), 'forged');
    } else {
      await t.sql('UPDATE evidence_chunks SET bytes = ? WHERE sha256 = ? AND position = (SELECT max(position) FROM evidence_chunks WHERE sha256 = ?)', [Buffer.from('forged'), sha256, sha256]);
    }
  };

  it('is the database on PostgreSQL and the folder on SQLite', () => {
    expect(store.kind).toBe(t.db === 'postgres' ? 'postgres' : 'directory');
  });

  it('keeps bytes larger than a chunk under their SHA-256 and hands them back whole, hashed again', async () => {
    const bytes = randomBytes(1_300_000);
    const staged = await keep(bytes);
    expect(staged).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect((await store.read(staged.sha256)).equals(bytes)).toBe(true);
    expect(await store.check(staged.sha256)).toBe('intact');
    if (t.db === 'postgres') {
      expect(await t.sql('SELECT size, chunks FROM evidence_blobs WHERE sha256 = ?', [staged.sha256])).toEqual([{ size: String(bytes.length), chunks: 3 }]);
    }
  });

  it('keeps one copy of the same bytes committed twice at once, and both commits succeed', async () => {
    const bytes = randomBytes(700_000);
    const [first, second] = await Promise.all([store.stage(bytes), store.stage(bytes)]);
    await Promise.all([store.commit(first!), store.commit(second!)]);
    expect((await store.read(sha(bytes))).equals(bytes)).toBe(true);
    if (t.db === 'postgres') {
      expect(await t.sql('SELECT count(*) AS n FROM evidence_blobs WHERE sha256 = ?', [sha(bytes)])).toEqual([{ n: '1' }]);
      expect(await t.sql('SELECT count(*) AS n FROM evidence_chunks WHERE sha256 = ?', [sha(bytes)])).toEqual([{ n: '2' }]);
    }
  });

  it('refuses to hand back bytes changed behind its back, and tells intact, altered and missing apart', async () => {
    const bytes = randomBytes(600_000);
    const { sha256 } = await keep(bytes);
    await tamper(sha256);
    expect(await store.check(sha256)).toBe('altered');
    await expect(store.read(sha256)).rejects.toThrow(ContentAlteredError);
    expect(await store.check(sha(Buffer.from('never stored')))).toBe('missing');
  });

  it('evidence:migrate copies every piece of evidence to the other store, verifies each, resumes, and refuses altered bytes', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Moved evidence', severity: 'low' });
    const texts = ['the first page', 'the second page', 'the third page'];
    const kept = [];
    for (const text of texts) kept.push(await t.get(EvidenceService).create(t.actor, incident.id, await validateAs(CreateEvidenceDto, { kind: 'text', text })));
    const elsewhere = new DirectoryEvidenceStore(join(scratch, 'first'));

    const moved = await migrateEvidence(t.dataSource, store, elsewhere);
    expect(moved).toEqual({ moved: 3, present: 0, failures: [] });
    for (const [n, evidence] of kept.entries()) expect((await elsewhere.read(evidence.sha256)).toString()).toBe(texts[n]);
    expect(await migrateEvidence(t.dataSource, store, elsewhere)).toEqual({ moved: 0, present: 3, failures: [] });

    const again = new DirectoryEvidenceStore(join(scratch, 'second'));
    await tamper(kept[1]!.sha256);
    const refused = await migrateEvidence(t.dataSource, store, again);
    expect(refused).toEqual({ moved: 2, present: 0, failures: [`${kept[1]!.sha256}: altered in the ${store.kind} store`] });
    expect(await again.check(kept[1]!.sha256)).toBe('missing');
  });

  if (testDb() === 'postgres') {
    it('evidence:migrate moves a folder’s bytes into the database, each read back from it intact', async () => {
      const incident = await t.get(IncidentsService).create(t.actor, { title: 'Into the database', severity: 'low' });
      const evidence = await t.get(EvidenceService).create(t.actor, incident.id, await validateAs(CreateEvidenceDto, { kind: 'text', text: 'kept on one host' }));
      const folder = new DirectoryEvidenceStore(join(scratch, 'host-a'));
      await migrateEvidence(t.dataSource, store, folder);
      await t.sql('DELETE FROM evidence_blobs WHERE sha256 = ?', [evidence.sha256]);
      expect(await store.check(evidence.sha256)).toBe('missing');
      const result = await migrateEvidence(t.dataSource, folder, store);
      expect(result.moved).toBe(1);
      expect((await store.read(evidence.sha256)).toString()).toBe('kept on one host');
    });
  }
});
