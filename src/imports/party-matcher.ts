import type { EntityManager } from 'typeorm';
import { newId } from '../database/columns.js';
import { Comment } from '../comments/comment.entity.js';
import { Party } from '../parties/party.entity.js';
import type { WpComment } from './wordpress-thread.js';

/** Case- and accent-insensitive form of a name or handle. */
export const fold = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** A URL as an identity: no scheme, no www., no trailing slash, lower case. */
export const urlKey = (url: string): string => url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

/**
 * One party per person across a thread: an author is the party with the same
 * email, else the same URL (any party: they identify a person), else a party
 * of the same name already writing in this incident or in this import whose
 * email and URL do not contradict; else a new person.
 */
export class PartyMatcher {
  private constructor(
    private readonly manager: EntityManager,
    private readonly local: Party[],
  ) {}

  static async forIncident(manager: EntityManager, incidentId: string): Promise<PartyMatcher> {
    const local = await manager
      .createQueryBuilder(Party, 'p')
      .where('p.id IN (SELECT c.party_id FROM comments c WHERE c.incident_id = :incidentId AND c.party_id IS NOT NULL)', { incidentId })
      .getMany();
    return new PartyMatcher(manager, local);
  }

  async partyOf(author: Pick<WpComment, 'authorName' | 'authorEmail' | 'authorUrl'>): Promise<string> {
    const email = author.authorEmail?.toLowerCase() ?? null;
    const url = author.authorUrl ? urlKey(author.authorUrl) : null;
    const known =
      (email && this.local.find((party) => party.email === email)) ||
      (url && this.local.find((party) => party.url && urlKey(party.url) === url)) ||
      (email && (await this.manager.findOneBy(Party, { email }))) ||
      (author.authorUrl && (await this.manager.findOneBy(Party, { url: author.authorUrl.trim() }))) ||
      this.local.find(
        (party) => fold(party.name) === fold(author.authorName) && (!email || !party.email || party.email === email) && (!url || !party.url || urlKey(party.url) === url),
      );
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
      email: email?.slice(0, 254) ?? null,
      url: author.authorUrl?.trim().slice(0, 2048) || null,
      postalAddress: null,
      notes: 'Created by a WordPress import',
      createdAt: now,
      updatedAt: now,
    };
    await this.manager.insert(Party, party);
    this.local.push(party);
    return party.id;
  }
}

/** Comment rows of a post in an incident that came from an import, by their WordPress id. */
export async function importedComments(manager: EntityManager, incidentId: string, postId: string): Promise<Map<string, Comment>> {
  const rows = await manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId AND c.postId = :postId AND c.externalId IS NOT NULL', { incidentId, postId }).getMany();
  return new Map(rows.map((row) => [row.externalId!, row]));
}
