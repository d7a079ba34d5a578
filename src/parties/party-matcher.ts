import { In, type EntityManager } from 'typeorm';
import { insertMany } from '../database/bulk-insert.js';
import { newId } from '../database/columns.js';
import { inChunks } from '../database/in-list.js';
import { PARTY_REFERENCES } from './party-references.js';
import type { PartyView } from './party.dto.js';
import { Party } from './party.entity.js';
import { contactsAgree, nameLikeness, urlKey } from './person-name.js';

/** Who wrote a message, as an import reads it. */
export interface Author {
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
}

/** A known party the import met under another name ("David" for "David (Expatwire)"), to propose as the same person. */
export interface SamePersonProposal {
  partyId: string;
  candidate: Pick<PartyView, 'id' | 'name'>;
  likeness: 'partial';
}

/**
 * One party per person across a thread: an author is the party with the same
 * email, else the same site (any party: they identify a person), else a
 * party of the incident (its counterpart, a party of its notices or
 * commitments, one already writing in it or met in this import) of the same
 * name, case, accents and a company in brackets aside, whose email and site
 * do not contradict; else a new person, proposed as the same person as a
 * party of the incident with the same first name. A name alone never links
 * to a party outside the incident: two Maries in two spats are two people.
 */
export class PartyMatcher {
  /** Proposals not yet taken by the caller (see `takeProposals`). */
  readonly proposals: SamePersonProposal[] = [];
  /** Parties recorded since the last `flush`, written together then. */
  private readonly pending: Party[] = [];
  /** Parties read by email or site for the batch being matched (`prefetch`): null, looked up and none. */
  private readonly byEmail = new Map<string, Party | null>();
  private readonly bySite = new Map<string, Party | null>();

  private constructor(
    private manager: EntityManager,
    private readonly incidentId: string,
    private local: Party[],
  ) {}

  /** The matcher of an incident's thread: its parties are those of the columns that name a party in the incident (PARTY_REFERENCES). */
  static async forIncident(manager: EntityManager, incidentId: string): Promise<PartyMatcher> {
    return new PartyMatcher(manager, incidentId, await incidentParties(manager, incidentId));
  }

  /**
   * The matcher kept for the next batch of the same import, in that batch's
   * unit of work, without reading every party of the incident again: the
   * parties it knows that changed or went meanwhile (merged, erased, edited
   * by someone) are read again, and if any did the incident's parties are.
   * One read of the known parties' versions, in chunks of 500.
   */
  async resume(manager: EntityManager): Promise<void> {
    this.manager = manager;
    this.byEmail.clear();
    this.bySite.clear();
    if (this.pending.length) throw new Error('PartyMatcher.resume: parties recorded and not flushed');
    const known = new Map(this.local.map((party) => [party.id, party]));
    const rows = await inChunks([...known.keys()], (ids) => manager.find(Party, { select: { id: true, updatedAt: true }, where: { id: In(ids) } }));
    const same = rows.length === known.size && rows.every((row) => known.get(row.id)!.updatedAt.getTime() === row.updatedAt.getTime());
    if (!same) this.local = await incidentParties(manager, this.incidentId);
  }

  /**
   * Reads at once the parties anywhere with the emails or sites of these
   * authors that the incident's parties do not have: `findOrCreate` then
   * asks nothing of the database for them (an import's batch).
   */
  async prefetch(authors: Author[]): Promise<void> {
    const emails = new Set<string>();
    const sites = new Set<string>();
    for (const author of authors) {
      const { email, url } = contactOf(author);
      if (email && !this.byEmail.has(email) && !this.local.some((party) => party.email === email)) emails.add(email);
      if (url && !this.bySite.has(urlKey(url)) && !this.localSite(url)) sites.add(url);
    }
    for (const email of emails) this.byEmail.set(email, null);
    for (const party of await inChunks([...emails], (chunk) => this.manager.find(Party, { where: { email: In(chunk) } }))) {
      if (party.email && !this.byEmail.get(party.email)) this.byEmail.set(party.email, party);
    }
    const variants = [...sites].flatMap((url) => siteVariants(url));
    for (const url of sites) this.bySite.set(urlKey(url), null);
    for (const party of await inChunks(variants, (chunk) => this.manager.find(Party, { where: { url: In(chunk) } }))) {
      const key = party.url && urlKey(party.url);
      if (key && this.bySite.has(key) && !this.bySite.get(key)) this.bySite.set(key, party);
    }
  }

  /** The party the author is (see above), recorded as a new person when none is (written at the next `flush`). */
  async findOrCreate(author: Author): Promise<string> {
    const contact = contactOf(author);
    const known =
      (contact.email && this.local.find((party) => party.email === contact.email)) ||
      (contact.url && this.localSite(contact.url)) ||
      (contact.email && (await this.withEmail(contact.email))) ||
      (contact.url && (await this.withSite(contact.url))) ||
      this.local.find((party) => nameLikeness(party.name, author.authorName) === 'same' && contactsAgree(party, contact));
    if (known) {
      if (!this.local.includes(known)) this.local.push(known);
      return known.id;
    }
    const now = new Date();
    const party: Party = {
      id: newId(),
      kind: 'person',
      name: author.authorName.slice(0, 200),
      organisation: null,
      email: contact.email?.slice(0, 254) ?? null,
      url: contact.url?.slice(0, 2048) ?? null,
      postalAddress: null,
      notes: 'Created by a WordPress import',
      createdAt: now,
      erasedAt: null,
      updatedAt: now,
    };
    const candidate = this.local.find((other) => nameLikeness(other.name, party.name) === 'partial' && contactsAgree(other, party));
    this.pending.push(party);
    if (candidate) this.proposals.push({ partyId: party.id, candidate, likeness: 'partial' });
    this.local.push(party);
    return party.id;
  }

  /** Writes the parties recorded since the last flush, many to a statement: before any row refers to them. */
  async flush(): Promise<void> {
    await insertMany(this.manager, Party, this.pending.splice(0));
  }

  /** The proposals made since they were last taken. */
  takeProposals(): SamePersonProposal[] {
    return this.proposals.splice(0);
  }

  private localSite(url: string): Party | undefined {
    const key = urlKey(url);
    return this.local.find((party) => party.url && urlKey(party.url) === key);
  }

  private async withEmail(email: string): Promise<Party | null> {
    if (this.byEmail.has(email)) return this.byEmail.get(email)!;
    return this.manager.findOneBy(Party, { email });
  }

  /** A party whose site is this one, written another way (scheme, www., trailing slash). */
  private async withSite(url: string): Promise<Party | null> {
    const key = urlKey(url);
    if (this.bySite.has(key)) return this.bySite.get(key)!;
    const candidates = await this.manager.find(Party, { where: { url: In(siteVariants(url)) }, take: 10 });
    return candidates.find((party) => party.url && urlKey(party.url) === key) ?? null;
  }
}

function contactOf(author: Author): { email: string | null; url: string | null } {
  return { email: author.authorEmail?.toLowerCase() ?? null, url: author.authorUrl?.trim() || null };
}

/** The ways a site's address is written (scheme, www., trailing slash), and as given. */
function siteVariants(url: string): string[] {
  const key = urlKey(url);
  return [url.trim(), ...['http://', 'https://', 'http://www.', 'https://www.'].flatMap((scheme) => [`${scheme}${key}`, `${scheme}${key}/`])];
}

/** The parties named in the incident (PARTY_REFERENCES). */
async function incidentParties(manager: EntityManager, incidentId: string): Promise<Party[]> {
  const qb = manager.createQueryBuilder(Party, 'p').where('1 = 0');
  for (const { table, column, incident } of PARTY_REFERENCES) qb.orWhere(`p.id IN (SELECT r.${column} FROM ${table} r WHERE r.${incident} = :incidentId)`, { incidentId });
  return qb.getMany();
}
