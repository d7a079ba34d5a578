import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger, QueryRunner } from 'typeorm';
import { Comment } from '../../src/comments/comment.entity.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { TimelineService } from '../../src/timeline/timeline.service.js';
import { startMedium, type Medium } from './harness.js';

const COMMENTS = 3_000;
const BATCH = 500;
const READERS = 150;
/** Comments posted in the last days (the others are a year old): they are owed a reply. */
const RECENT = 40;
/** Statements a batch may send on average (see below). */
const BOUND = 70;

const cdata = (text: string) => `<![CDATA[${text}]]>`;
const wpId = (i: number) => String(100_000 + i);
/** Every third comment answers the one before; every tenth is the blog's author (ours); the last RECENT are this week's. */
const parentOf = (i: number) => (i % 3 === 0 ? i - 1 : 0);
const ours = (i: number) => i % 10 === 0;
const reader = (i: number) => i % READERS;
const NOW = Math.floor(Date.now() / 1000) * 1000;
const postedAt = (i: number) => (i > COMMENTS - RECENT ? new Date(NOW - (COMMENTS - i + 1) * 60_000) : new Date(Date.UTC(2025, 0, 1) + i * 60_000));

async function writeExport(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blog</title>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata('marie')}</wp:author_login></wp:author>
<item><title>${cdata('Le billet')}</title><link>https://blog.example.com/le-billet/</link><dc:creator>${cdata('marie')}</dc:creator>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>${cdata('2025-01-01 08:00:00')}</wp:post_date_gmt><wp:post_name>${cdata('le-billet')}</wp:post_name><wp:post_type>${cdata('post')}</wp:post_type>\n`);
  for (let i = 1; i <= COMMENTS; i++) {
    const date = postedAt(i).toISOString().slice(0, 19).replace('T', ' ');
    const author = ours(i) ? ['Marie', 'marie@blog.example.com', 1] : [`Lecteur ${reader(i)}`, `lecteur${reader(i)}@example.org`, 0];
    await write(`<wp:comment><wp:comment_id>${wpId(i)}</wp:comment_id><wp:comment_author>${cdata(String(author[0]))}</wp:comment_author>
<wp:comment_author_email>${cdata(String(author[1]))}</wp:comment_author_email><wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>
<wp:comment_content>${cdata(`Commentaire zorglub${i} sur le billet.`)}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parentOf(i) ? wpId(parentOf(i)) : 0}</wp:comment_parent><wp:comment_user_id>${author[2]}</wp:comment_user_id></wp:comment>\n`);
  }
  await write('</item>\n</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

/** Counts the statements TypeORM sends (every query of a runner is logged before it runs), on both databases. */
function countStatements(t: Medium): { count: () => number; kinds: () => string[] } {
  let statements = 0;
  const kinds = new Map<string, number>();
  const logger = t.dataSource.logger;
  const counting: Logger = {
    logQuery: (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      statements += 1;
      const kind = query.replace(/\s+/g, ' ').slice(0, 50);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      return logger.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => logger.logQueryError(...args),
    logQuerySlow: (...args) => logger.logQuerySlow(...args),
    logSchemaBuild: (...args) => logger.logSchemaBuild(...args),
    logMigration: (...args) => logger.logMigration(...args),
    log: (...args) => logger.log(...args),
  };
  Object.assign(t.dataSource, { logger: counting });
  return { count: () => statements, kinds: () => [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`) };
}

/** A 3,000-message WordPress thread through the import path (batches of 500), every row and link checked. */
describe(`${ImportsService.name}: a large thread`, () => {
  let t: Medium;
  const dir = mkdtempSync(join(tmpdir(), 'calumet-imports-large-'));
  beforeAll(async () => {
    t = await startMedium({ IMPORT_BATCH_SIZE: String(BATCH) });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every message, its parent, its party, the answered flags, its search row and a chain that verifies, in a bounded number of statements per batch', async () => {
    const file = join(dir, 'export.xml');
    await writeExport(file);
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'A large thread', severity: 'medium' });
    const statements = countStatements(t);
    const before = statements.count();
    const run = await t.get(ImportsService).fromWxrFile(t.actor, { incidentId: incident.id, post: 'le-billet' }, file);
    const used = statements.count() - before;

    expect(run).toMatchObject({ status: 'completed', total: COMMENTS, done: COMMENTS, added: COMMENTS, batches: COMMENTS / BATCH });
    // Reads and writes per batch, not per message: a statement per message would be 500 a batch. What a batch sends:
    // its reads (the import's row, the incident, the imported ids, the parties' versions and emails, the references of
    // addMany), the rows many to a statement (comments ~32, events ~90 a statement on SQLite's 999 parameters), the
    // answered parents, the reminders of the comments owed a reply and the import's row; the import's start and end aside.
    const perBatch = used / run.batches;
    const most = statements.kinds().slice(0, 12);
    expect({ perBatch, bounded: perBatch < BOUND, most }).toEqual({ perBatch, bounded: true, most });

    const rows = await t.dataSource.manager.find(Comment, { where: { incidentId: incident.id } });
    expect(rows).toHaveLength(COMMENTS);
    const byWpId = new Map(rows.map((row) => [row.externalId!, row]));
    const parties = new Map((await t.dataSource.manager.find(Party)).map((party) => [party.id, party]));
    const problems: string[] = [];
    for (let i = 1; i <= COMMENTS; i++) {
      const row = byWpId.get(wpId(i));
      if (!row) {
        problems.push(`${i}: missing`);
        continue;
      }
      const parent = parentOf(i) ? byWpId.get(wpId(parentOf(i))) : null;
      const expected = {
        direction: ours(i) ? 'outbound' : 'inbound',
        body: `Commentaire zorglub${i} sur le billet.`,
        parentId: parent?.id ?? null,
        postedAt: postedAt(i).toISOString().slice(0, 19),
        party: ours(i) ? null : { name: `Lecteur ${reader(i)}`, email: `lecteur${reader(i)}@example.org` },
        // Answered: an inbound message whose next one is ours and replies to it.
        respondedById: !ours(i) && parentOf(i + 1) === i && ours(i + 1) ? (byWpId.get(wpId(i + 1))?.id ?? 'its reply') : null,
        // Owed a reply: this week's inbound messages that nobody of ours answered.
        needsResponse: !ours(i) && i > COMMENTS - RECENT && !(parentOf(i + 1) === i && ours(i + 1)),
      };
      const party = row.partyId ? parties.get(row.partyId) : null;
      const actual = {
        direction: row.direction,
        body: row.body,
        parentId: row.parentId,
        postedAt: row.postedAt.toISOString().slice(0, 19),
        party: party ? { name: party.name, email: party.email } : null,
        respondedById: row.respondedById,
        needsResponse: row.needsResponse,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${i}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);

    // One party per reader, met in every batch: never recorded twice.
    const readers = new Set(Array.from({ length: COMMENTS }, (_, i) => i + 1).flatMap((i) => (ours(i) ? [] : [reader(i)]))).size;
    const readerParties = [...new Set(rows.flatMap((row) => row.partyId ?? []))];
    expect(readerParties).toHaveLength(readers);
    expect(await t.dataSource.manager.countBy(Party, { notes: 'Created by a WordPress import' })).toBe(readers);

    // The owed ones have their reminder, the answered ones none.
    const reminded = await t.dataSource.manager.find(Reminder, { where: { incidentId: incident.id, kind: 'response_due' } });
    expect(reminded.map((reminder) => reminder.subjectId).sort()).toEqual(rows.filter((row) => row.needsResponse).map((row) => row.id).sort());

    // Every message has its search row; a word of one message finds it.
    const search = (await t.sql("SELECT id FROM search_documents WHERE kind = 'comment' AND incident_id = ?", [incident.id])) as Array<{ id: string }>;
    expect(new Set(search.map((row) => row.id))).toEqual(new Set(rows.map((row) => row.id)));

    // The chain: one comment.added per message, a parent's before its replies', and the import's event; it verifies.
    const verification = await t.get(TimelineService).verify(incident.id);
    expect(verification).toMatchObject({ valid: true });
    const added = (await t.get(TimelineService).ofType(incident.id, ['comment.added'])).map((event) => String(event.payload['commentId']));
    expect(new Set(added)).toEqual(new Set(rows.map((row) => row.id)));
    expect(added).toHaveLength(COMMENTS);
    const position = new Map(added.map((id, i) => [id, i]));
    expect(rows.filter((row) => row.parentId && position.get(row.parentId)! > position.get(row.id)!)).toEqual([]);
    expect(await t.get(TimelineService).ofType(incident.id, ['import.completed'])).toHaveLength(1);
  }, 300_000);
});
