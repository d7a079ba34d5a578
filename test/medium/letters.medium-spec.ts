import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { LETTER_KEYS, LETTER_LANGUAGES } from '../../src/letters/letter-kinds.js';
import { LetterTemplate } from '../../src/letters/letter-template.entity.js';
import { LettersService } from '../../src/letters/letters.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { SettingsTimelineService } from '../../src/settings/settings-timeline.service.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { refusal, startMedium, type Medium } from './harness.js';

describe('letters (medium)', () => {
  let t: Medium;
  let incidentId: string;
  let noticeId: string;
  let inboundId: string;

  beforeAll(async () => {
    t = await startMedium();
    const founder = await t.get(PartiesService).create({ kind: 'person', name: 'Marc Fondateur', postalAddress: '12 rue de la Paix\n75002 Paris' });
    incidentId = (await t.get(IncidentsService).create(t.actor, { title: 'Droit de réponse', severity: 'high', counterpartId: founder.id })).id;
    inboundId = (await t.get(CommentsService).create(t.actor, incidentId, { direction: 'inbound', partyId: founder.id, body: 'Je fais valoir mon droit de réponse.' })).id;
    const dto = { type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', receivedAt: new Date(Date.now() - 3600_000), senderPartyId: founder.id, commentId: inboundId } as RecordNoticeDto;
    noticeId = (await t.get(LegalNoticesService).create(t.actor, incidentId, dto)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const letters = () => t.get(LettersService);
  const row = (key: string, language: string) => t.dataSource.manager.findOneByOrFail(LetterTemplate, { key: key as LetterTemplate['key'], language: language as LetterTemplate['language'] });

  it('seeds every letter in French and English, and fills each from a notice with no placeholder left', async () => {
    expect(await t.dataSource.manager.count(LetterTemplate)).toBe(LETTER_KEYS.length * LETTER_LANGUAGES.length);
    for (const key of LETTER_KEYS) {
      for (const language of LETTER_LANGUAGES) {
        const letter = await letters().fill(t.actor, noticeId, key, { language, grounds: ['comments_open'] });
        expect({ key, language, left: /\{\{|\}\}/.test(`${letter.subject}\n${letter.body}`) }).toEqual({ key, language, left: false });
        expect(letter.recipient).toEqual({ name: 'Marc Fondateur', address: '12 rue de la Paix\n75002 Paris' });
      }
    }
  });

  it('refuses a template with a placeholder it cannot fill and writes nothing, not even in the settings’ timeline', async () => {
    const before = await row('reply_refusal', 'en');
    const version = await t.get(SettingsTimelineService).version();
    const refused = await refusal(letters().update(t.actor, 'reply_refusal', 'en', { subject: '{{noticeRef}}', body: 'Dear {{ recipientTitle }},' }));
    expect(refused).toMatchObject({ statusCode: 400, problems: [{ field: 'body', code: 'letter.unknownPlaceholder', values: { placeholder: '{{recipientTitle}}' } }] });
    expect(await row('reply_refusal', 'en')).toEqual(before);
    expect(await t.get(SettingsTimelineService).version()).toBe(version);
  });

  it('rewrites a template and tells the settings’ timeline, in one unit of work', async () => {
    const version = await t.get(SettingsTimelineService).version();
    await letters().update(t.actor, 'reply_insertion', 'en', { subject: 'Your reply ({{noticeRef}})', body: 'Published: {{requestedReply}}' });
    expect(await row('reply_insertion', 'en')).toMatchObject({ subject: 'Your reply ({{noticeRef}})', body: 'Published: {{requestedReply}}', updatedAt: expect.any(Date) });
    expect(await t.get(SettingsTimelineService).version()).toBe(version + 1);
  });

  it('logs a sent letter as an outbound message answering the notice’s message, with letter.sent after comment.added', async () => {
    const sentAt = new Date(Date.now() - 60_000);
    const comment = await letters().markSent(t.actor, noticeId, 'reply_refusal', { language: 'fr', sentAt, via: 'registered_mail', trackingNumber: '1A42', grounds: ['out_of_time'] });
    expect(comment).toMatchObject({ direction: 'outbound', channel: 'letter', parentId: inboundId, postedAt: sentAt.toISOString() });
    expect(comment.body).toContain('plus de trois mois');
    expect((await t.get(CommentsService).get(inboundId)).respondedById).toBe(comment.id);
    const events = (await t.get(TimelineService).list(incidentId, { limit: 100 })).items;
    const types = events.map((event) => event.type);
    expect(types.slice(-3)).toEqual(['comment.added', 'reminder.cancelled', 'letter.sent']);
    expect(events.at(-1)).toMatchObject({ payload: { commentId: comment.id, noticeId, letter: 'reply_refusal', via: 'registered_mail', trackingNumber: '1A42' } });
  });
});
