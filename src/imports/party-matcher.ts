import { In, type EntityManager } from 'typeorm';
import { newId } from '../database/columns.js';
import { Comment } from '../comments/comment.entity.js';
import { Party } from '../parties/party.entity.js';
import { contactsAgree, nameLikeness, urlKey } from '../parties/person-name.js';
import type { WpComment } from './wordpress-thread.js';

/** A known party the import met under another name ("David" for "David (Expatwire)"), to propose as the same person. */
export interface SamePersonProposal {
  partyId: string;
  candidate: Party;
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

  static async forIncident(manager: EntityManager, incidentId: string): Promise<PartyMatcher> {
    const of = (sql: string) => `p.id IN (${sql})`;
    const local = await manager
      .createQueryBuilder(Party, 'p')
      .where(of('SELECT i.counterpart_id FROM incidents i WHERE i.id = :incidentId'), { incidentId })
      .orWhere(of('SELECT c.party_id FROM comments c WHERE c.incident_id = :incidentId'))
      .orWhere(of('SELECT n.sender_party_id FROM legal_notices n WHERE n.incident_id = :incidentId'))
      .orWhere(of('SELECT n.on_behalf_of_party_id FROM legal_notices n WHERE n.incident_id = :incidentId'))
      .orWhere(of('SELECT n.counsel_party_id FROM legal_notices n WHERE n.incident_id = :incidentId'))
      .orWhere(of('SELECT m.promised_to_party_id FROM commitments m WHERE m.incident_id = :incidentId'))
      .getMany();
    return new PartyMatcher(manager, local);
  }

  async partyOf(author: Pick<WpComment, 'authorName' | 'authorEmail' | 'authorUrl'>): Promise<string> {
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

/** Comment rows of a post in an incident that came from an import, by their WordPress id. */
export async function importedComments(manager: EntityManager, incidentId: string, postId: string): Promise<Map<string, Comment>> {
  const rows = await manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId AND c.postId = :postId AND c.externalId IS NOT NULL', { incidentId, postId }).getMany();
  return new Map(rows.map((row) => [row.externalId!, row]));
}

export { urlKey } from '../parties/person-name.js';
