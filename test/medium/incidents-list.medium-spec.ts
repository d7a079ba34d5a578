import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { validateAs } from '../../src/common/validation.js';
import { CreateIncidentDto, type IncidentView } from '../../src/incidents/incident.dto.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { OpenItemsRegistry } from '../../src/incidents/open-items.registry.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startMedium, type Medium } from './harness.js';

const DAY = 86_400_000;

/** The desk's list as a read model: the most recently active first, open items counted for many incidents at once. */
describe(`${IncidentsService.name}.listForDesk`, () => {
  let t: Medium;
  let sut: IncidentsService;
  const opened: Record<'old' | 'middle' | 'recent', IncidentView> = {} as never;

  const open = async (title: string, openedAt: Date, severity = 'medium') =>
    sut.create(t.actor, await validateAs(CreateIncidentDto, { title, severity, openedAt: openedAt.toISOString() }));
  const comment = async (incidentId: string, body: string, direction = 'inbound') =>
    t.get(CommentsService).create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction, body, authorName: 'Le fondateur' }));

  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(IncidentsService);
    // Opened long ago, recorded first; its thread goes on today, after the others were recorded.
    opened.old = await open('Opened in 2014, active today', new Date(Date.now() - 4000 * DAY), 'high');
    opened.recent = await open('Opened yesterday, quiet since', new Date(Date.now() - DAY));
    opened.middle = await open('Opened last month, quiet since', new Date(Date.now() - 30 * DAY));
    await comment(opened.old.id, 'Mon avocat vous écrira.');
    await comment(opened.old.id, 'Vous ne répondez pas ?');
  });
  afterAll(async () => {
    await t.close();
  });

  it('puts the most recently active first, whenever each was opened, and keeps the most recently active when it cuts', async () => {
    expect((await sut.listForDesk({}, 10)).map((row) => row.incident.id)).toEqual([opened.old.id, opened.middle.id, opened.recent.id]);
    // Two of three: the incident opened in 2014 is in, because of what happened today.
    expect((await sut.listForDesk({}, 2)).map((row) => row.incident.id)).toEqual([opened.old.id, opened.middle.id]);
  });

  it('says when each was last active: its last timeline event', async () => {
    const [first, second] = await sut.listForDesk({}, 2);
    expect(first!.lastActivity.getTime()).toBeGreaterThan(second!.lastActivity.getTime());
    for (const row of [first!, second!]) {
      const events = (await t.get(TimelineService).list(row.incident.id, { limit: 100 } as never)).items;
      expect(row.lastActivity).toEqual(new Date(Math.max(...events.map((event) => event.at.getTime()))));
    }
    expect((await t.get(IncidentsService).list({ limit: 10 })).items.map((incident) => incident.id)).toEqual([opened.recent.id, opened.middle.id, opened.old.id]);
  });

  it('filters on several states at once, and on the API list’s filters', async () => {
    expect((await sut.listForDesk({ states: ['reported'], severity: 'high' }, 10)).map((row) => row.incident.id)).toEqual([opened.old.id]);
    expect(await sut.listForDesk({ states: ['heated', 'closed'] }, 10)).toEqual([]);
    expect((await sut.listForDesk({ q: 'avocat' }, 10)).map((row) => row.incident.id)).toEqual([opened.old.id]);
  });

  it('counts each incident’s open items for all of them at once, as the incident page counts them one by one', async () => {
    await t.get(CommitmentsService).create(t.actor, opened.middle.id, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Rappeler le fondateur' }));
    const rows = await sut.listForDesk({}, 10);
    const counts = Object.fromEntries(rows.map((row) => [row.incident.id, row.openCounts]));
    expect(counts[opened.old.id]).toMatchObject({ commentsAwaitingResponse: 2, openCommitments: 0, openLegalNotices: 0 });
    expect(counts[opened.middle.id]).toMatchObject({ commentsAwaitingResponse: 0, openCommitments: 1, openLegalNotices: 0 });
    expect(counts[opened.recent.id]).toMatchObject({ commentsAwaitingResponse: 0, openCommitments: 0 });
    for (const row of rows) expect(row.openCounts).toEqual((await sut.get(row.incident.id)).openCounts);
    // Incidents without any item of a kind count 0, and none means no query at all.
    expect(await t.get(OpenItemsRegistry).countsOf(t.dataSource.manager, [])).toEqual(new Map());
  });

  it('gives each incident’s reference in one call', async () => {
    const refs = await sut.refsOf([opened.old.id, opened.recent.id]);
    expect(refs).toEqual(new Map([[opened.old.id, opened.old.ref], [opened.recent.id, opened.recent.ref]]));
  });
});
