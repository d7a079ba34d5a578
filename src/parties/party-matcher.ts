import { In, type EntityManager } from 'typeorm';
import { newId } from '../database/columns.js';
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
  readonly proposals: SamePersonProposal[] = [];

  private constructor(
    private readonly manager: EntityManager,
    private readonly local: Party[],
  ) {}

  /** The matcher of an incident's thread: its parties are those of the columns that name a party in the incident (PARTY_REFERENCES). */
  static async forIncident(manager: EntityManager, incidentId: string): Promise<PartyMatcher> {
    const qb = manager.createQueryBuilder(Party, 'p').where('1 = 0');
    for (const { table, column, incident } of PARTY_REFERENCES) qb.orWhere(`p.id IN (SELECT r.${column} FROM ${table} r WHERE r.${incident} = :incidentId)`, { incidentId });
    return new PartyMatcher(manager, await qb.getMany());
  }

  /** The party the author is (see above), recorded as a new person when none is. */
  async findOrCreate(author: Author): Promise<string> {
    const contact = { email: author.authorEmail?.toLowerCase() ?? null, url: author.authorUrl?.trim() || null };
    const known =
      (contact.email && this.local.find((party) => party.email === contact.email)) ||
      (contact.url && this.local.find((party) => party.url && urlKey(party.url) === urlKey(contact.url!))) ||
      (contact.email && (await this.manager.findOneBy(Party, { email: contact.email }))) ||
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
    await this.manager.insert(Party, party);
    if (candidate) this.proposals.push({ partyId: party.id, candidate, likeness: 'partial' });
    this.local.push(party);
    return party.id;
  }

  /** A party whose site is this one, written another way (scheme, www., trailing slash). */
  private async withSite(url: string): Promise<Party | null> {
    const key = urlKey(url);
    const variants = ['http://', 'https://', 'http://www.', 'https://www.'].flatMap((scheme) => [`${scheme}${key}`, `${scheme}${key}/`]);
    const candidates = await this.manager.find(Party, { where: { url: In([url.trim(), ...variants]) }, take: 10 });
    return candidates.find((party) => party.url && urlKey(party.url) === key) ?? null;
  }
}
