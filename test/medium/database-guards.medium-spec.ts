import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { EvidenceService } from '../../src/evidence/evidence.service.js';
import { CreateEvidenceDto } from '../../src/evidence/evidence.dto.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { SignalsService } from '../../src/signals/signals.service.js';
import { CreatePhraseDto } from '../../src/signals/phrase.dto.js';
import { UsersService } from '../../src/users/users.service.js';
import { refusal, startMedium, type Medium } from './harness.js';

/**
 * What the database itself refuses, whatever the code above it does: each
 * guard is a trigger written once per dialect by the migrations, so each is
 * tried here on SQLite and on PostgreSQL (the e2e tests of legal hold,
 * evidence, the timeline and signal phrases try them on SQLite only).
 */
let t: Medium;
beforeAll(async () => {
  // On an empty database: the migrations run at start, as on a new install (other tests start on a migrated copy).
  t = await startMedium({}, { emptyDatabase: true });
});
afterAll(async () => {
  await t.close();
});

describe('the schema', () => {
  it('is built by every migration at start, none left pending', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });
});

describe('the database’s own guards', () => {
  const count = async (table: string, incidentId: string) => Number(((await t.sql(`SELECT COUNT(*) AS n FROM ${table} WHERE incident_id = ?`, [incidentId])) as Array<{ n: number | string }>)[0]!.n);

  /** An incident with a comment, a received notice and a piece of evidence under it, and their timeline. */
  async function incidentWithRecords(title: string) {
    const incident = await t.get(IncidentsService).create(t.actor, { title, severity: 'high' });
    const comment = await t.get(CommentsService).create(t.actor, incident.id, await validateAs(CreateCommentDto, { direction: 'inbound', authorName: 'Le fondateur', body: 'Droit de réponse !' }));
    const notice = await t.get(LegalNoticesService).create(t.actor, incident.id, {
      type: 'right_of_reply',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'comment',
      receivedAt: new Date(Date.now() - 3600_000),
      commentId: comment.id,
    } as RecordNoticeDto);
    const evidence = await t.get(EvidenceService).create(t.actor, incident.id, await validateAs(CreateEvidenceDto, { kind: 'text', text: 'the comment', linkedCommentId: comment.id, linkedNoticeId: notice.id }));
    return { incident, comment, notice, evidence };
  }

  it('keeps a held incident, its notices, comments, evidence and timeline from being deleted', async () => {
    const { incident } = await incidentWithRecords('Held');
    await t.get(IncidentsService).setLegalHold(t.actor, incident.id, { on: true, reason: 'litigation expected' });
    await expect(t.sql('DELETE FROM incidents WHERE id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(t.sql('DELETE FROM legal_notices WHERE incident_id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(t.sql('DELETE FROM comments WHERE incident_id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(t.sql('DELETE FROM evidence WHERE incident_id = ?', [incident.id])).rejects.toThrow(/evidence is immutable/);
    await expect(t.sql('DELETE FROM timeline_events WHERE incident_id = ?', [incident.id])).rejects.toThrow(/append-only/);
    for (const table of ['legal_notices', 'comments', 'evidence']) expect({ table, rows: await count(table, incident.id) }).toEqual({ table, rows: 1 });
  });

  it('once the hold is lifted, deletes the incident with its comments, notices, evidence and timeline', async () => {
    const { incident } = await incidentWithRecords('Lifted');
    await t.get(IncidentsService).setLegalHold(t.actor, incident.id, { on: true, reason: 'litigation expected' });
    await t.get(IncidentsService).setLegalHold(t.actor, incident.id, { on: false, reason: 'settled' });
    await t.get(IncidentsService).remove(t.actor, incident.id);
    for (const table of ['legal_notices', 'comments', 'evidence', 'timeline_events']) expect({ table, rows: await count(table, incident.id) }).toEqual({ table, rows: 0 });
    expect(await t.sql('SELECT id FROM incidents WHERE id = ?', [incident.id])).toEqual([]);
  });

  it('lets a notice of an incident not held be deleted: only the hold protects it', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Not held', severity: 'high' });
    await t.get(LegalNoticesService).create(t.actor, incident.id, { type: 'other', direction: 'sent', jurisdiction: 'FR', sentAt: new Date(Date.now() - 3600_000) } as RecordNoticeDto);
    await t.sql('DELETE FROM legal_notices WHERE incident_id = ?', [incident.id]);
    expect(await count('legal_notices', incident.id)).toBe(0);
  });

  it('refuses to change or delete a piece of evidence while its incident exists', async () => {
    const { evidence } = await incidentWithRecords('Evidence');
    await expect(t.sql('UPDATE evidence SET note = ? WHERE id = ?', ['rewritten', evidence.id])).rejects.toThrow(/evidence is immutable/);
    await expect(t.sql('DELETE FROM evidence WHERE id = ?', [evidence.id])).rejects.toThrow(/evidence is immutable/);
    expect(await t.sql('SELECT note FROM evidence WHERE id = ?', [evidence.id])).toEqual([{ note: null }]);
  });

  it('keeps an incident’s timeline append-only', async () => {
    const { incident } = await incidentWithRecords('Timeline');
    const events = await count('timeline_events', incident.id);
    await expect(t.sql("UPDATE timeline_events SET actor = 'mallory' WHERE incident_id = ?", [incident.id])).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM timeline_events WHERE incident_id = ?', [incident.id])).rejects.toThrow(/append-only/);
    expect(await count('timeline_events', incident.id)).toBe(events);
  });

  it('keeps the settings’ timeline append-only', async () => {
    const { user } = await t.get(UsersService).create({ name: 'Ada Admin', email: 'ada@example.org', role: 'admin' });
    await t.get(SignalsService).addPhrase({ kind: 'user', id: user.id, role: 'admin' }, await validateAs(CreatePhraseDto, { language: 'fr', kind: 'legal_threat', phrase: 'saisir la dgccrf' }));
    await expect(t.sql("UPDATE settings_events SET type = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM settings_events')).rejects.toThrow(/append-only/);
    expect(await t.sql("SELECT type FROM settings_events WHERE type = 'signal_phrase.added'")).toHaveLength(1);
  });

  it('raises a unique or foreign-key violation the API answers 409 with its code, in either dialect’s words', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Violations', severity: 'low' });
    const twice = await refusal(t.sql('INSERT INTO incidents SELECT * FROM incidents WHERE id = ?', [incident.id]));
    expect(twice).toMatchObject({ statusCode: 409, problems: [expect.objectContaining({ code: 'database.unique' })] });
    const nobody = await refusal(t.sql('UPDATE incidents SET counterpart_id = ? WHERE id = ?', ['00000000-0000-4000-8000-000000000000', incident.id]));
    expect(nobody).toMatchObject({ statusCode: 409, problems: [expect.objectContaining({ code: 'database.foreignKey' })] });
  });
});
