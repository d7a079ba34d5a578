import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { problemsOf } from '../../src/common/problem.js';
import { validateAs } from '../../src/common/validation.js';
import { assertReferences, missingAmong } from '../../src/database/references.js';
import { parties } from '../../src/parties/party-reads.js';
import { commentReads } from '../../src/comments/comment-reads.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { CreateLegalNoticeDto } from '../../src/legal-notices/legal-notice.dto.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { PostsService } from '../../src/posts/posts.service.js';
import { newestPost } from '../../src/posts/post.types.js';
import { TimelineEvent } from '../../src/timeline/timeline-event.entity.js';
import { startMedium, type Medium } from './harness.js';

/** What a feature asks the owner of a table (issue 18: no feature reads another's entity). */
describe('table owners', () => {
  let t: Medium;
  beforeAll(async () => {
    t = await startMedium();
  });
  afterAll(async () => {
    await t.close();
  });

  const manager = () => t.dataSource.manager;
  const incident = async (title: string, fields: { postIds?: string[]; counterpartId?: string } = {}) =>
    (await t.get(IncidentsService).create(t.actor, { title, severity: 'medium', ...fields })).id;
  const party = async (name: string) => (await t.get(PartiesService).create({ kind: 'person', name })).id;
  const comment = async (incidentId: string, body: string, fields: Partial<CreateCommentDto> = {}) =>
    t.get(CommentsService).create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction: 'inbound', authorName: 'Un lecteur', body, ...fields }));
  const post = async (url: string, publishedAt?: string) => (await t.get(PostsService).create({ platform: 'blog', ownership: 'own', url, ...(publishedAt ? { publishedAt: new Date(publishedAt) } : {}) })).id;

  describe('the parties\' reads', () => {
    it('missingAmong names the ids that are no party, each once, unset ones skipped', async () => {
      const known = await party('Jeanne Roux');
      const unknown = '00000000-0000-4000-8000-000000000001';
      expect(await missingAmong(manager(), parties, [known, undefined, unknown, null, unknown])).toEqual([unknown]);
      expect(await missingAmong(manager(), parties, [])).toEqual([]);
    });

    it('a reference to parties refuses with 400 naming the field when the party is not recorded, and lets an unset one or a known one pass', async () => {
      const known = await party('Paul Blanc');
      const unknown = '00000000-0000-4000-8000-000000000002';
      await expect(assertReferences(manager(), [['counselPartyId', parties, known], ['senderPartyId', parties, null]])).resolves.toBeUndefined();
      const refused = await assertReferences(manager(), [['counselPartyId', parties, unknown]]).then(
        () => null,
        (error: unknown) => problemsOf(error),
      );
      expect(refused).toEqual([expect.objectContaining({ field: 'counselPartyId', code: 'reference.missing', values: { id: unknown } })]);
    });

    it('byName gives the parties of those ids by name, the unknown ones left out', async () => {
      const zoe = await party('Zoé Arnaud');
      const alain = await party('Alain Zeller');
      const views = await parties.byName(manager(), [zoe, '00000000-0000-4000-8000-000000000003', alain]);
      expect(views.map((view) => [view.id, view.name])).toEqual([
        [alain, 'Alain Zeller'],
        [zoe, 'Zoé Arnaud'],
      ]);
      expect(await parties.byName(manager(), [])).toEqual([]);
    });
  });

  describe(CommentsService.name, () => {
    it('commentReads.isOf says whether the comment is one of that incident’s', async () => {
      const first = await incident('First');
      const second = await incident('Second');
      const { id } = await comment(first, 'Un message.');
      expect(await commentReads.isOf(manager(), id, first)).toBe(true);
      expect(await commentReads.isOf(manager(), id, second)).toBe(false);
    });
  });

  describe(`${CommentsService.name}: what an import asks`, () => {
    const imported = async (incidentId: string, postId: string, externalId: string, body = `Commentaire ${externalId}.`) => comment(incidentId, body, { postId, externalId });

    it('hasImported says whether comments of that post were imported into that incident, by their id on the blog', async () => {
      const postId = await post('https://blog.example/imported');
      const incidentId = await incident('Imported', { postIds: [postId] });
      const other = await incident('Same post, nothing imported', { postIds: [postId] });
      await comment(other, 'Typed by hand.', { postId });
      expect(await t.get(CommentsService).hasImported(manager(), incidentId, postId)).toBe(false);
      await imported(incidentId, postId, 'wp-1');
      expect(await t.get(CommentsService).hasImported(manager(), incidentId, postId)).toBe(true);
      expect(await t.get(CommentsService).hasImported(manager(), other, postId)).toBe(false);
    });

    it('importedOf gives the incident’s comments of the post with those ids on the blog, by that id', async () => {
      const postId = await post('https://blog.example/lookup');
      const otherPost = await post('https://blog.example/lookup-other');
      const incidentId = await incident('Lookup', { postIds: [postId, otherPost] });
      const one = await imported(incidentId, postId, 'wp-1');
      await imported(incidentId, postId, 'wp-2');
      await imported(incidentId, otherPost, 'wp-3');
      const found = await t.get(CommentsService).importedOf(manager(), incidentId, postId, ['wp-1', 'wp-3', 'wp-9']);
      expect([...found.keys()]).toEqual(['wp-1']);
      expect(found.get('wp-1')).toMatchObject({ id: one.id, body: 'Commentaire wp-1.', status: 'visible' });
      expect((await t.get(CommentsService).importedOf(manager(), incidentId, postId, [])).size).toBe(0);
    });

    it('deleteGoneIn marks deleted the imported comments of the post the blog no longer has, each with its event, and says how many', async () => {
      const postId = await post('https://blog.example/gone');
      const incidentId = await incident('Gone', { postIds: [postId] });
      const kept = await imported(incidentId, postId, 'wp-1');
      const gone = await imported(incidentId, postId, 'wp-2');
      const byHand = await comment(incidentId, 'Typed by hand.', { postId });
      const count = await t.get(TransactionService).run((tx) => t.get(CommentsService).deleteGoneIn(tx, t.actor, incidentId, postId, new Set(['wp-1'])));
      expect(count).toBe(1);
      const status = async (id: string) => (await t.get(CommentsService).get(id)).status;
      expect([await status(kept.id), await status(gone.id), await status(byHand.id)]).toEqual(['visible', 'deleted', 'visible']);
      const updates = await manager().find(TimelineEvent, { where: { incidentId, type: 'comment.updated' } });
      expect(updates.map((event) => event.payload)).toEqual([{ commentId: gone.id, changes: { status: { from: 'visible', to: 'deleted' } } }]);
      expect(await t.get(TransactionService).run((tx) => t.get(CommentsService).deleteGoneIn(tx, t.actor, incidentId, postId, new Set(['wp-1'])))).toBe(0);
    });
  });

  describe(`${CommentsService.name}: what suggestions ask`, () => {
    it('withSignals gives the incident’s comments with signals, not deleted, oldest first, without their bodies', async () => {
      const incidentId = await incident('Signals');
      const later = await comment(incidentId, 'Mon avocat vous adressera une mise en demeure.', { postedAt: new Date('2026-02-02T10:00:00Z') });
      const earlier = await comment(incidentId, 'Je vais porter plainte contre ce blog.', { postedAt: new Date('2026-02-01T10:00:00Z') });
      await comment(incidentId, 'Merci pour cet article.', { postedAt: new Date('2026-02-01T09:00:00Z') });
      const deleted = await comment(incidentId, 'Vous recevrez une mise en demeure.', { postedAt: new Date('2026-02-01T11:00:00Z') });
      await t.get(CommentsService).update(t.actor, deleted.id, { status: 'deleted' });
      await comment(await incident('Elsewhere'), 'Mon avocat vous adressera une mise en demeure.');

      const read = await t.get(CommentsService).withSignals(manager(), incidentId);
      expect(read.map((row) => row.id)).toEqual([earlier.id, later.id]);
      expect(read[1]).toEqual({
        id: later.id,
        direction: 'inbound',
        partyId: null,
        parentId: null,
        postId: null,
        postedAt: new Date('2026-02-02T10:00:00Z'),
        createdAt: expect.any(Date),
        status: 'visible',
        signals: later.signals,
      });
      expect(read[1]!.signals.some((signal) => signal.kind === 'legal_threat')).toBe(true);
    });

    it('partiesOf gives the party each comment is from, each once', async () => {
      const incidentId = await incident('Parties of comments');
      const partyId = await party('Hélène Garnier');
      const theirs = await comment(incidentId, 'Bonjour.', { partyId, authorName: undefined });
      const ours = await comment(incidentId, 'Bonjour à vous.', { direction: 'outbound', authorName: 'Le blog', parentId: theirs.id });
      const read = await t.get(CommentsService).partiesOf(manager(), [theirs.id, ours.id, theirs.id]);
      expect(read.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          { id: theirs.id, partyId },
          { id: ours.id, partyId: null },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(await t.get(CommentsService).partiesOf(manager(), [])).toEqual([]);
    });
  });

  describe(LegalNoticesService.name, () => {
    it('receivedTypes gives the types of the notices the incident received, the one named left out, the sent ones never', async () => {
      const incidentId = await incident('Notices');
      const notices = t.get(LegalNoticesService);
      const letter = (type: string, direction: 'received' | 'sent') =>
        validateAs(CreateLegalNoticeDto, { type, direction, jurisdiction: 'FR', ...(direction === 'received' ? { receivedVia: 'email', receivedAt: '2026-02-01T10:00:00Z' } : {}) });
      const record = async (type: string, direction: 'received' | 'sent') => {
        const dto = await letter(type, direction);
        return t.get(TransactionService).run((tx) => notices.record(tx, t.actor, incidentId, dto));
      };
      const formal = await record('formal_notice', 'received');
      await record('right_of_reply', 'received');
      await record('takedown_request', 'sent');
      expect([...(await notices.receivedTypes(manager(), incidentId))].sort()).toEqual(['formal_notice', 'right_of_reply']);
      expect([...(await notices.receivedTypes(manager(), incidentId, formal.id))]).toEqual(['right_of_reply']);
      expect((await notices.receivedTypes(manager(), await incident('No notice'))).size).toBe(0);
    });
  });

  describe(IncidentsService.name, () => {
    it('stateOf gives the incident’s state, null once it is gone', async () => {
      const incidentId = await incident('Stated');
      expect(await t.get(IncidentsService).stateOf(manager(), incidentId)).toBe('reported');
      await t.get(IncidentsService).remove(t.actor, incidentId);
      expect(await t.get(IncidentsService).stateOf(manager(), incidentId)).toBeNull();
    });
  });

  describe(PostsService.name, () => {
    it('publicationsOf gives the incident’s posts only, each with its address and date; the newest is the latest published', async () => {
      const older = await post('https://blog.example/older', '2026-01-10T08:00:00Z');
      const undated = await post('https://blog.example/undated');
      const newer = await post('https://blog.example/newer', '2026-03-02T08:00:00Z');
      const elsewhere = await post('https://blog.example/elsewhere', '2026-05-01T08:00:00Z');
      const incidentId = await incident('Three posts', { postIds: [undated, older, newer] });
      await incident('Another post', { postIds: [elsewhere] });
      const publications = await t.get(PostsService).publicationsOf(manager(), incidentId);
      expect([...publications].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [
          { id: newer, url: 'https://blog.example/newer', publishedAt: new Date('2026-03-02T08:00:00Z') },
          { id: older, url: 'https://blog.example/older', publishedAt: new Date('2026-01-10T08:00:00Z') },
          { id: undated, url: 'https://blog.example/undated', publishedAt: null },
        ].sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(newestPost(publications)?.id).toBe(newer);
      expect(await t.get(PostsService).publicationsOf(manager(), await incident('No post'))).toEqual([]);
    });
  });
});
