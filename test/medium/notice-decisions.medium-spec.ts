import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { validateAs } from '../../src/common/validation.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import { NoticeDecision } from '../../src/legal-notices/notice-decision.entity.js';
import { DecideNoticeDto } from '../../src/legal-notices/notice-decision.dto.js';
import { NoticeDecisionsService } from '../../src/legal-notices/notice-decisions.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { TERRITORIAL_SCOPE_CODES } from '../../src/legal-notices/statement-of-reasons.js';
import { PostsService } from '../../src/posts/posts.service.js';
import { TimelineEvent } from '../../src/timeline/timeline-event.entity.js';
import { startMedium, type Medium } from './harness.js';

/** A decision and everything it moves, written in one unit of work on each database (migration 1796320000000). */
describe('decisions on legal notices (medium)', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  const decision = (fields: Record<string, unknown> = {}) =>
    validateAs(DecideNoticeDto, {
      kind: 'remove',
      decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegalContentLegalGround: 'Loi du 29 juillet 1881, art. 29',
      illegalContentExplanation: 'Defamatory.',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      decisionFacts: 'The notice and the message.',
      automatedDetection: true,
      automatedDecision: 'AUTOMATED_DECISION_PARTIALLY',
      ...fields,
    });

  async function noticeOnAComment(tag: string, withComment = true) {
    const post = await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url: `https://blog.example.com/${tag}` });
    const incident = await t.get(IncidentsService).create(t.actor, { title: tag, severity: 'high', postIds: [post.id] });
    const comment = withComment
      ? await t.get(CommentsService).create(t.actor, incident.id, await validateAs(CreateCommentDto, { direction: 'inbound', authorName: 'A reader', postId: post.id, body: `Small Co steals (${tag})`, postedAt: '2026-11-20T23:30:00Z' }))
      : null;
    const notice = await t.get(LegalNoticesService).create(t.actor, incident.id, {
      type: 'dsa_notice',
      direction: 'received',
      jurisdiction: 'FR',
      receivedVia: 'other',
      receivedAt: new Date(Date.now() - 3600_000),
      ...(comment ? { commentId: comment.id } : {}),
    } as RecordNoticeDto);
    return { incident, post, comment, notice };
  }

  it('writes the decision, the message removed, its commitment, the notice decided and their events together, and reads them back', async () => {
    const { incident, post, comment, notice } = await noticeOnAComment('together');
    const view = await t.get(NoticeDecisionsService).decide(t.actor, notice.id, await decision());
    const row = await t.dataSource.manager.findOneByOrFail(NoticeDecision, { id: view.id });
    expect(row).toMatchObject({
      sequence: 1,
      automatedDetection: true,
      incompatibleContentIllegal: null,
      contentType: ['CONTENT_TYPE_TEXT'],
      territorialScope: [...TERRITORIAL_SCOPE_CODES],
      redress: ['internal_complaint', 'out_of_court_settlement', 'judicial_redress'],
      // 23:30 UTC on the 20th is the 21st in Paris.
      contentDate: '2026-11-21',
      commentId: comment!.id,
    });
    expect((await t.get(CommentsService).get(comment!.id)).status).toBe('deleted');
    expect((await t.get(LegalNoticesService).get(t.actor, notice.id)).status).toBe('decided');
    expect(await t.get(CommitmentsService).get(row.commitmentId!)).toMatchObject({ kind: 'remove_mention', targetUrl: post.url, mentionText: 'Small Co steals (together)' });
    const events = await t.dataSource.manager.find(TimelineEvent, { where: { incidentId: incident.id }, order: { seq: 'ASC' } });
    const written = ['comment.removed', 'reminder.cancelled', 'commitment.created', 'notice.status_changed', 'notice.decided'];
    // The message's reply reminder is cancelled by its removal, in the same unit of work.
    expect(events.map((event) => event.type).filter((type) => written.includes(type))).toEqual(written);
    expect(await t.get(NoticeDecisionsService).statement(notice.id)).toMatchObject({ automated_detection: 'Yes', automated_decision: 'AUTOMATED_DECISION_PARTIALLY' });
  });

  it('writes nothing when the decision is refused inside its unit of work (no date for content no message dates)', async () => {
    const { notice } = await noticeOnAComment('refused', false);
    await expect(t.get(NoticeDecisionsService).decide(t.actor, notice.id, await decision())).rejects.toMatchObject({
      response: { problems: [expect.objectContaining({ field: 'contentDate', code: 'decision.contentDateRequired' })] },
    });
    expect(await t.dataSource.manager.countBy(NoticeDecision, { noticeId: notice.id })).toBe(0);
    expect((await t.get(LegalNoticesService).get(t.actor, notice.id)).status).toBe('received');
    const view = await t.get(NoticeDecisionsService).decide(t.actor, notice.id, await decision({ kind: 'demote', contentDate: '2026-11-01' }));
    expect(view).toMatchObject({ puid: notice.ref, contentDate: '2026-11-01', commitmentId: null });
  });
});
