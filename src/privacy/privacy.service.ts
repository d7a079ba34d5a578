import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { commentReads } from '../comments/comment-reads.js';
import { CommentsService } from '../comments/comments.service.js';
import { commitmentReads } from '../commitments/commitment-reads.js';
import { iso } from '../common/dto-helpers.js';
import { refusal } from '../common/problem.js';
import type { Actor } from '../common/roles.js';
import { purgeStaleTerms } from '../database/text-search.js';
import { TransactionService } from '../database/transaction.service.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { noticeReads } from '../legal-notices/notice-reads.js';
import { PartiesService } from '../parties/parties.service.js';
import { RemindersService } from '../reminders/reminders.service.js';
import '../parties/party-events.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { ErasureView, PartyExportView } from './privacy.dto.js';

/**
 * The people in the record (docs/legal.md, "Access and erasure"): what
 * Calumet holds about a party, for an access request, and the erasure of
 * their personal data, which every owner does to its own rows in one unit
 * of work while every timeline still verifies.
 */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly parties: PartiesService,
    private readonly comments: CommentsService,
    private readonly reminders: RemindersService,
    private readonly timeline: TimelineService,
  ) {}

  async export(partyId: string): Promise<PartyExportView> {
    const manager = this.dataSource.manager;
    const party = await this.parties.viewIn(manager, partyId);
    const merged = await this.timeline.mergedInto(manager, partyId);
    const messages = await commentReads.ofParty(manager, partyId);
    const names = await this.parties.incidentsOf(manager, partyId);
    const heads = await incidentReads.headsOf(manager, [...names.keys()]);
    const values = await this.timeline.personalValuesOf(manager, partyId);
    for (const id of merged) values.push(...(await this.timeline.personalValuesOf(manager, id)));
    return {
      generatedAt: new Date().toISOString(),
      party,
      mergedPartyIds: merged,
      incidents: [...heads.values()].map((head) => ({ id: head.id, ref: head.ref, title: head.title, state: head.state, names: names.get(head.id) ?? [] })).sort((a, b) => a.ref.localeCompare(b.ref)),
      messages,
      notices: await noticeReads.naming(manager, partyId, messages.map((message) => message.id)),
      commitments: (await commitmentReads.promisedTo(manager, partyId)).map((commitment) => ({ ...commitment, promisedAt: iso(commitment.promisedAt)! })),
      timeline: values.map((value) => ({ ...value, at: value.at.toISOString() })),
      erasures: (await this.timeline.erasuresOf(manager, [partyId, ...merged])).map((erasure) => ({
        id: erasure.id,
        partyId: erasure.partyId,
        at: erasure.at.toISOString(),
        actor: erasure.actor,
        values: erasure.valueCount,
      })),
    };
  }

  /**
   * Replaces the party's personal data with tombstones: its name and details,
   * the words of its messages, its values in the timelines (their digests
   * stay, so every chain verifies). Refused, with the reason and nothing
   * written, while an incident it appears in is under legal hold or a legal
   * notice that names it (or carries one of its messages) is open. Each
   * incident concerned records the erasure; then the database file is
   * rewritten so that nothing erased is left in it (SQLite).
   */
  async erase(actor: Actor, partyId: string): Promise<ErasureView> {
    const result = await this.transactions.run(async (tx) => {
      const party = await this.parties.viewIn(tx.manager, partyId);
      if (party.erasedAt) throw refusal(HttpStatus.CONFLICT, 'party.alreadyErased', `the party was already erased on ${party.erasedAt}`, { values: { at: party.erasedAt }, words: { at: 'date' } });
      const messages = await commentReads.ofParty(tx.manager, partyId);
      const incidentIds = await this.concerned(tx.manager, partyId, messages);
      await this.assertErasable(tx.manager, partyId, incidentIds, messages.map((message) => message.id));
      if (tx.manager.connection.options.type === 'postgres') {
        // The incidents first, in one order, as every writer of an incident locks them.
        for (const id of incidentIds) await tx.manager.query('SELECT id FROM incidents WHERE id = $1 FOR NO KEY UPDATE', [id]);
      }
      const merged = await this.timeline.mergedInto(tx.manager, partyId);
      const erased = await this.comments.eraseOfPartyIn(tx, partyId);
      await this.parties.eraseIn(tx, partyId);
      await this.reminders.eraseNotesIn(tx, erased.map((message) => message.id));
      const timeline = await this.timeline.eraseIn(tx, actor, partyId, merged, incidentIds, erased.map((message) => message.id));
      for (const incidentId of incidentIds) {
        await this.timeline.append(tx, incidentId, actor, 'party.erased', {
          partyId,
          erasureId: timeline.erasureId,
          messages: erased.filter((message) => message.incidentId === incidentId).length,
          values: timeline.values,
          retained: timeline.retained.filter((event) => event.incidentId === incidentId).length,
        });
      }
      await purgeStaleTerms(tx.manager);
      tx.afterCommit(() => this.transactions.compact());
      return { party: await this.parties.viewIn(tx.manager, partyId), erasureId: timeline.erasureId, messages: erased.length, values: timeline.values, incidentIds, retained: timeline.retained };
    });
    return result;
  }

  /** The incidents the party appears in: rows that name it, and events that hold its values. */
  private async concerned(manager: EntityManager, partyId: string, messages: ReadonlyArray<{ incidentId: string }>): Promise<string[]> {
    const ids = new Set([...(await this.parties.incidentsOf(manager, partyId)).keys(), ...messages.map((message) => message.incidentId)]);
    for (const value of await this.timeline.personalValuesOf(manager, partyId)) ids.add(value.incidentId);
    return [...ids].sort();
  }

  private async assertErasable(manager: EntityManager, partyId: string, incidentIds: string[], messageIds: string[]): Promise<void> {
    const held = await incidentReads.heldAmong(manager, incidentIds);
    if (held.length) {
      const refs = held.map((incident) => incident.ref);
      const reasons = held.map((incident) => incident.reason ?? '');
      throw refusal(HttpStatus.CONFLICT, 'party.erasureOnHold', `the party cannot be erased: ${refs.join(', ')} under legal hold (${reasons.join('; ')})`, { values: { refs, reasons } });
    }
    const open = (await noticeReads.naming(manager, partyId, messageIds)).filter((notice) => notice.open);
    if (open.length) {
      const refs = open.map((notice) => notice.ref);
      throw refusal(HttpStatus.CONFLICT, 'party.erasureOpenNotice', `the party cannot be erased: legal notice ${refs.join(', ')} is open and needs their data; close or withdraw it first`, { values: { refs } });
    }
  }
}
