import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AgendaService } from '../../src/agenda/agenda.service.js';
import { awaitsReply } from '../../src/comments/awaiting-reply.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { Comment } from '../../src/comments/comment.entity.js';
import { COMMENT_STATUSES } from '../../src/comments/comment.types.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { OwedReplies } from '../../src/comments/owed-replies.js';
import { validateAs } from '../../src/common/validation.js';
import { CreateIncidentDto } from '../../src/incidents/incident.dto.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/** What makes a message owed a reply, drawn at random: its side, whether a reply is wanted, answered or not, its status. */
const row = fc.record({
  direction: fc.constantFrom('inbound', 'outbound'),
  needsResponse: fc.boolean(),
  answered: fc.boolean(),
  status: fc.constantFrom(...COMMENT_STATUSES),
});

/**
 * "Awaiting a reply" is one rule in two forms (src/comments/awaiting-reply.ts):
 * SQL for the counts, the list filter and Today, TypeScript for a row in
 * hand (the reminders, the thread's badge). On generated threads, every
 * reader of the SQL form finds exactly the messages the TypeScript form does.
 */
describe('awaiting a reply: the SQL and the TypeScript forms agree', () => {
  let t: Medium;
  let ownerId: string;
  beforeAll(async () => {
    t = await startMedium();
    ownerId = (await t.get(UsersService).create({ name: 'Marie-Aude', email: 'cm@example.org', role: 'community_manager' })).user.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('on generated threads: the open count, the list filtered both ways and Today', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), async (rows) => {
        const incident = await t.get(IncidentsService).create(t.actor, await validateAs(CreateIncidentDto, { title: 'Generated thread', severity: 'medium', ownerId }));
        const comments = t.get(CommentsService);
        const ids: string[] = [];
        for (const _ of rows) ids.push((await comments.create(t.actor, incident.id, await validateAs(CreateCommentDto, { direction: 'inbound', body: 'Un message.', authorName: 'Quelqu’un' }))).id);
        // The drawn state, written as it may stand in the table (an answer is another message of the thread).
        await t.write(async (manager) => {
          for (const [index, drawn] of rows.entries()) {
            await manager.update(Comment, { id: ids[index] }, { direction: drawn.direction, needsResponse: drawn.needsResponse, status: drawn.status, respondedById: drawn.answered ? ids[(index + 1) % ids.length] : null });
          }
        });
        // Written behind the services' back: the replies owed are counted again from the comments.
        await t.get(OwedReplies).recount(ownerId);
        const stored = await t.dataSource.manager.findBy(Comment, { incidentId: incident.id });
        const expected = stored.filter(awaitsReply).map((comment) => comment.id).sort();

        expect((await t.get(IncidentsService).get(incident.id)).openCounts['commentsAwaitingResponse']).toBe(expected.length);
        const listed = async (awaitingResponse: boolean) => (await comments.list(incident.id, { awaitingResponse, limit: 100 } as never)).items.map((comment) => comment.id).sort();
        expect(await listed(true)).toEqual(expected);
        expect(await listed(false)).toEqual(stored.map((comment) => comment.id).filter((id) => !expected.includes(id)).sort());
        const today = await t.get(AgendaService).of(ownerId, new Date(), 1000);
        expect(today.items.filter((item) => item.kind === 'reply' && item.incidentId === incident.id).map((item) => item.subjectId).sort()).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
