import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awaitsReply } from '../../src/comments/awaiting-reply.js';
import { commentReads } from '../../src/comments/comment-reads.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { Comment } from '../../src/comments/comment.entity.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { validateAs } from '../../src/common/validation.js';
import { DossierService } from '../../src/dossier/dossier.service.js';
import { CreateIncidentDto } from '../../src/incidents/incident.dto.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { CreatePartyDto } from '../../src/parties/party.dto.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { startMedium, type Medium } from './harness.js';

/**
 * The window of a thread the incident page reads (src/comments/comment-reads.ts):
 * keyset pages on (postedAt, id), the latest first, that list every message
 * once, ties on postedAt included; the messages owed a reply; the reply-to
 * search by words, author and party; and the dossier's window built from them.
 */
describe('a window of a long thread, on the database', () => {
  let t: Medium;
  let incidentId: string;
  let partyId: string;
  /** The messages, the earliest first (by postedAt, then id). */
  let stored: Comment[];
  /** Their ids in the order they were written (message i is created[i]). */
  const created: string[] = [];
  const start = Date.UTC(2026, 2, 1, 8);

  beforeAll(async () => {
    t = await startMedium();
    partyId = (await t.get(PartiesService).create(await validateAs(CreatePartyDto, { kind: 'person', name: 'Hélène Zorglub' }))).id;
    incidentId = (await t.get(IncidentsService).create(t.actor, await validateAs(CreateIncidentDto, { title: 'A long thread', severity: 'low' }))).id;
    const comments = t.get(CommentsService);
    for (let i = 0; i < 37; i++) {
      const inbound = i % 3 !== 2;
      // Every fourth message is posted in the same minute as the one before: the id breaks the tie.
      const minute = i - (i % 4 === 3 ? 1 : 0);
      const comment = await comments.create(
        t.actor,
        incidentId,
        await validateAs(CreateCommentDto, {
          direction: inbound ? 'inbound' : 'outbound',
          ...(inbound ? { needsResponse: i === 4 || i === 30, ...(i === 7 ? { partyId } : { authorName: `Reader ${i % 5}` }) } : {}),
          postedAt: new Date(start + minute * 60_000).toISOString(),
          body: i === 11 ? 'Un TAUX de 100% et un_mot souligné.' : `Message ${i}.`,
        }),
      );
      created.push(comment.id);
    }
    // Another incident's messages are never read.
    const other = await t.get(IncidentsService).create(t.actor, await validateAs(CreateIncidentDto, { title: 'Another', severity: 'low' }));
    await comments.create(t.actor, other.id, await validateAs(CreateCommentDto, { direction: 'inbound', authorName: 'Reader 1', body: 'Message 11. un_mot 100%' }));
    stored = (await t.dataSource.manager.find(Comment, { where: { incidentId } })).sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || (a.id < b.id ? -1 : 1));
  });
  afterAll(async () => {
    await t.close();
  });

  const manager = () => t.dataSource.manager;

  it('pages through the whole thread, the latest first, each message once, ties on postedAt in id order', async () => {
    const seen: string[] = [];
    let before: { postedAt: Date; id: string } | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await commentReads.pageOfIncident(manager(), incidentId, { count: 10, before });
      seen.push(...page.items.map((comment) => comment.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(stored.map((comment) => comment.id).reverse());
  });

  it('leaves the messages owed a reply out of a page when asked, and lists them apart, the earliest first', async () => {
    const owed = stored.filter(awaitsReply).map((comment) => comment.id);
    expect(owed).toHaveLength(2);
    expect((await commentReads.awaitingOfIncident(manager(), incidentId)).map((comment) => comment.id)).toEqual(owed);
    const apart = await commentReads.pageOfIncident(manager(), incidentId, { count: 100, owedApart: true });
    expect(apart.items.map((comment) => comment.id)).toEqual(stored.map((comment) => comment.id).filter((id) => !owed.includes(id)).reverse());
    expect(apart.next).toBeNull();
  });

  it('finds messages by their words (any case, % and _ as themselves), the name written on them or their party’s, the latest first', async () => {
    const found = async (words: string, count = 20) => (await commentReads.matchingOfIncident(manager(), incidentId, words, count)).map((comment) => created.indexOf(comment.id));
    expect(await found('taux de 100%')).toEqual([11]);
    expect(await found('un_mot')).toEqual([11]);
    expect(await found('100%_')).toEqual([]);
    expect(await found('zorglub')).toEqual([7]);
    expect(await found('reader 2', 3)).toEqual([27, 22, 12]);
    expect(await commentReads.partyIdsOfIncident(manager(), incidentId)).toEqual([partyId]);
  });

  it('gives the page a window: the latest page, the older messages owed apart, the message a reply answers named', async () => {
    const latest = stored.slice(-10).map((comment) => comment.id);
    const glance = await t.get(DossierService).glance(t.actor, incidentId, 5, { count: 10, focus: [stored[0]!.id] });
    expect(glance.window!.page.sort()).toEqual([...latest].sort());
    expect(glance.window!.owed).toEqual([created[4]]);
    expect(glance.window!.earlier).toEqual({ postedAt: stored.at(-10)!.postedAt, id: stored.at(-10)!.id });
    expect(glance.thread.map((comment) => comment.id)).toEqual([created[4], ...latest, stored[0]!.id]);
    expect(glance.parties.map(({ party }) => party.id)).toEqual([partyId]);
  });

  it('shows apart only the longest-waiting messages owed when capped, the others in their place on earlier pages, each message once', async () => {
    const comments = t.get(CommentsService);
    const capped = (await t.get(IncidentsService).create(t.actor, await validateAs(CreateIncidentDto, { title: 'Many owed', severity: 'low' }))).id;
    const OWED_AT = [2, 5, 8, 11, 14, 17];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const owed = OWED_AT.includes(i);
      const comment = await comments.create(
        t.actor,
        capped,
        await validateAs(CreateCommentDto, { direction: 'inbound', authorName: `Reader ${i}`, needsResponse: owed, postedAt: new Date(start + i * 60_000).toISOString(), body: `Message ${i}.` }),
      );
      ids.push(comment.id);
    }
    const number = (id: string) => ids.indexOf(id);
    const dossiers = t.get(DossierService);
    const latest = await dossiers.glance(t.actor, capped, 5, { count: 5, owed: 2 });
    expect(latest.window!.owed.map(number)).toEqual([2, 5]);
    expect(latest.window!.owedInPlace).toBe(4);
    expect(latest.window!.page.map(number).sort((a, b) => a - b)).toEqual([25, 26, 27, 28, 29]);
    // Earlier pages: the owed not shown apart in their place, those apart never again.
    const seen = [...latest.window!.owed, ...latest.window!.page];
    let earlier = latest.window!.earlier;
    while (earlier) {
      const page = await dossiers.glance(t.actor, capped, 5, { count: 5, owed: 2, before: earlier });
      expect(page.window!.owed.map(number)).toEqual([2, 5]);
      expect(page.window!.owedInPlace).toBe(0);
      seen.push(...page.window!.page);
      earlier = page.window!.earlier;
    }
    expect(seen.map(number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // Uncapped, every older one owed is apart, as before.
    const whole = await dossiers.glance(t.actor, capped, 5, { count: 5 });
    expect(whole.window!.owed.map(number)).toEqual(OWED_AT);
    expect(whole.window!.owedInPlace).toBe(0);
  });
});
