import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { problemsOf } from '../../src/common/problem.js';
import { validateAs } from '../../src/common/validation.js';
import { assertReferences } from '../../src/database/references.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { PostsService } from '../../src/posts/posts.service.js';
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

  describe(PartiesService.name, () => {
    it('missingIds names the ids that are no party, each once, unset ones skipped', async () => {
      const known = await party('Jeanne Roux');
      const unknown = '00000000-0000-4000-8000-000000000001';
      expect(await t.get(PartiesService).missingIds(manager(), [known, undefined, unknown, null, unknown])).toEqual([unknown]);
      expect(await t.get(PartiesService).missingIds(manager(), [])).toEqual([]);
    });

    it('reference refuses with 400 naming the field when the party is not recorded, and lets an unset one or a known one pass', async () => {
      const sut = t.get(PartiesService);
      const known = await party('Paul Blanc');
      const unknown = '00000000-0000-4000-8000-000000000002';
      await expect(assertReferences(manager(), [sut.reference('counselPartyId', known), sut.reference('senderPartyId', null)])).resolves.toBeUndefined();
      const refused = await assertReferences(manager(), [sut.reference('counselPartyId', unknown)]).then(
        () => null,
        (error: unknown) => problemsOf(error),
      );
      expect(refused).toEqual([expect.objectContaining({ field: 'counselPartyId', code: 'reference.missing', values: { id: unknown } })]);
    });

    it('ofIds gives the parties of those ids by name, the unknown ones left out', async () => {
      const zoe = await party('Zoé Arnaud');
      const alain = await party('Alain Zeller');
      const views = await t.get(PartiesService).ofIds(manager(), [zoe, '00000000-0000-4000-8000-000000000003', alain]);
      expect(views.map((view) => [view.id, view.name])).toEqual([
        [alain, 'Alain Zeller'],
        [zoe, 'Zoé Arnaud'],
      ]);
      expect(await t.get(PartiesService).ofIds(manager(), [])).toEqual([]);
    });
  });

  describe(CommentsService.name, () => {
    it('isInIncident says whether the comment is one of that incident’s', async () => {
      const first = await incident('First');
      const second = await incident('Second');
      const { id } = await comment(first, 'Un message.');
      expect(await t.get(CommentsService).isInIncident(manager(), first, id)).toBe(true);
      expect(await t.get(CommentsService).isInIncident(manager(), second, id)).toBe(false);
    });
  });

  describe(PostsService.name, () => {
    it('publicationsOf gives the incident’s posts only, the latest published first, the undated last', async () => {
      const older = await post('https://blog.example/older', '2026-01-10T08:00:00Z');
      const undated = await post('https://blog.example/undated');
      const newer = await post('https://blog.example/newer', '2026-03-02T08:00:00Z');
      const elsewhere = await post('https://blog.example/elsewhere', '2026-05-01T08:00:00Z');
      const incidentId = await incident('Three posts', { postIds: [undated, older, newer] });
      await incident('Another post', { postIds: [elsewhere] });
      expect(await t.get(PostsService).publicationsOf(manager(), incidentId)).toEqual([
        { id: newer, url: 'https://blog.example/newer', publishedAt: new Date('2026-03-02T08:00:00Z') },
        { id: older, url: 'https://blog.example/older', publishedAt: new Date('2026-01-10T08:00:00Z') },
        { id: undated, url: 'https://blog.example/undated', publishedAt: null },
      ]);
      expect(await t.get(PostsService).publicationsOf(manager(), await incident('No post'))).toEqual([]);
    });
  });
});
