import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { validateAs } from '../../src/common/validation.js';
import { TransactionService, type Tx } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { Party } from '../../src/parties/party.entity.js';
import { startMedium, type Medium } from './harness.js';

/** The parties feature finds or records the people an import meets: one party per person, never a name alone outside the incident. */
describe(`${PartiesService.name}.matcherIn(…).findOrCreate`, () => {
  let t: Medium;
  let sut: PartiesService;
  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(PartiesService);
  });
  afterAll(async () => {
    await t.close();
  });

  const inUnit = <T>(work: (tx: Tx) => Promise<T>) => t.get(TransactionService).run(work);
  const author = (authorName: string, authorEmail: string | null = null, authorUrl: string | null = null) => ({ authorName, authorEmail, authorUrl });
  const party = (name: string, fields: { email?: string; url?: string } = {}) => sut.create({ kind: 'person', name, ...fields });
  const incidentWith = async (counterpartId: string | undefined) => (await t.get(IncidentsService).create(t.actor, { title: 'Imported thread', severity: 'medium', counterpartId })).id;

  it('finds the party by email or site anywhere, by name only among the incident’s parties, else records a new person once', async () => {
    const byEmail = await party('Élodie Martin', { email: 'elodie@example.org' });
    const bySite = await party('Blog de Paul', { url: 'https://paul.example/' });
    const elsewhere = await party('Marie Durand');
    const counterpart = await party('David (Expatwire)');
    const incidentId = await incidentWith(counterpart.id);

    const { found, created, proposals } = await inUnit(async (tx) => {
      const matcher = await sut.matcherIn(tx, incidentId);
      const found = {
        email: await matcher.findOrCreate(author('E. M.', 'ELODIE@example.org')),
        site: await matcher.findOrCreate(author('Paul', null, 'http://www.paul.example')),
        counterpart: await matcher.findOrCreate(author('david')),
        marie: await matcher.findOrCreate(author('Marie Durand')),
      };
      const created = { first: found.marie, again: await matcher.findOrCreate(author('Marie Durand')), davidM: await matcher.findOrCreate(author('David M.')) };
      await matcher.flush();
      return { found, created, proposals: matcher.takeProposals() };
    });

    expect(found).toMatchObject({ email: byEmail.id, site: bySite.id, counterpart: counterpart.id });
    expect(found.marie).not.toBe(elsewhere.id);
    expect(created.again).toBe(created.first);
    expect(await t.dataSource.manager.findOneByOrFail(Party, { id: created.first })).toMatchObject({ kind: 'person', name: 'Marie Durand', email: null, notes: 'Created by a WordPress import' });
    expect(proposals).toEqual([{ partyId: created.davidM, candidate: expect.objectContaining({ id: counterpart.id }), likeness: 'partial' }]);
  });

  it('knows by name a party already writing in the incident, not only its counterpart', async () => {
    const writer = await party('Jeanne Roux');
    const incidentId = await incidentWith(undefined);
    await t.get(CommentsService).create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction: 'inbound', body: 'Un message.', partyId: writer.id }));
    const seen = await inUnit(async (tx) => (await sut.matcherIn(tx, incidentId)).findOrCreate(author('jeanne roux')));
    expect(seen).toBe(writer.id);
  });

  it('kept from one batch to the next, reads ahead the batch’s emails, writes its new people together, and forgets a party that changed meanwhile', async () => {
    const known = await party('Léa Petit', { email: 'lea@example.org' });
    const incidentId = await incidentWith(undefined);
    const first = await inUnit(async (tx) => {
      const matcher = await sut.matcherIn(tx, incidentId);
      const authors = [author('Léa', 'LEA@example.org'), author('Hugo Blanc', 'hugo@example.org'), author('Hugo B.', 'hugo@example.org')];
      await matcher.prefetch(authors);
      const ids = [];
      for (const one of authors) ids.push(await matcher.findOrCreate(one));
      expect(await tx.manager.countBy(Party, { email: 'hugo@example.org' })).toBe(0);
      await matcher.flush();
      return { matcher, ids };
    });
    const [lea, hugo, hugoAgain] = first.ids;
    expect(lea).toBe(known.id);
    expect(hugoAgain).toBe(hugo);
    expect(await t.dataSource.manager.findOneByOrFail(Party, { id: hugo! })).toMatchObject({ name: 'Hugo Blanc', email: 'hugo@example.org' });

    // Between two batches someone gives Léa another address: the next batch no longer finds her by the old one.
    await t.write((manager) => manager.update(Party, { id: known.id }, { email: 'lea.petit@example.org', updatedAt: new Date(Date.now() + 1000) }));
    const second = await inUnit(async (tx) => {
      await first.matcher.resume(tx.manager);
      const again = await first.matcher.findOrCreate(author('Hugo Blanc', 'hugo@example.org'));
      const lea = await first.matcher.findOrCreate(author('Someone else', 'lea@example.org'));
      await first.matcher.flush();
      return { again, lea };
    });
    expect(second.again).toBe(hugo);
    expect(second.lea).not.toBe(known.id);
  });
});
