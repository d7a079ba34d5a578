import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { canSeePrivileged, SYSTEM, type Actor } from '../common/roles.js';
import { CommentView } from '../comments/comment.dto.js';
import type { CommitmentView } from '../commitments/commitment.dto.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { awaitsReply } from '../comments/awaiting-reply.js';
import { commentReads } from '../comments/comment-reads.js';
import { threadOrder } from '../comments/thread.js';
import { AppConfig } from '../config/app-config.js';
import { EvidenceView } from '../evidence/evidence.dto.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LegalNoticeView } from '../legal-notices/legal-notice.dto.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { NoticeDecisionsService } from '../legal-notices/notice-decisions.service.js';
import { parties as partyReads } from '../parties/party-reads.js';
import { PostsService } from '../posts/posts.service.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import type { TimelineEvents } from '../timeline/timeline-events.js';
import { TimelineEventView } from '../timeline/timeline.dto.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people as directory } from '../users/people.js';
import type { DossierPartyView, DossierView, EscalationMoveView } from './dossier.dto.js';

/** The dossier without its escalation and timeline. */
type DossierCore = Omit<DossierView, 'escalation' | 'timeline'>;

/** The incident page's read of an incident: see DossierService.glance. */
export interface DossierGlance extends DossierCore {
  timeline: { head: { seq: number; hash: string } | null; events: TimelineEventView[] };
  /** When the thread was read as a window (ThreadWindow), what of it the page shows where. */
  window?: WindowShown;
}

/** A place in the thread: the messages posted before it, by (postedAt, id). */
export interface ThreadPlaceKey {
  postedAt: Date;
  id: string;
}

/** Which part of a long thread to read: a page of it and the messages still owed a reply, not the whole. */
export interface ThreadWindow {
  /** How many messages a page holds. */
  count: number;
  /** The page of messages posted before this place; the latest without it. */
  before?: ThreadPlaceKey;
  /** Messages to read as well, whatever their place (the one answered, say); in `thread`, shown in neither list. */
  focus?: string[];
  /** At most this many older messages owed a reply shown apart, the longest waiting; the others stay in their place in the thread. All when absent. */
  owed?: number;
}

/** What a window of the thread shows, by message id; `thread` holds them all, in thread order. */
export interface WindowShown {
  /** The page of messages, latest or earlier. */
  page: string[];
  /** The messages awaiting a reply posted before the page, shown apart (the longest waiting, at most ThreadWindow.owed). */
  owed: string[];
  /** The other messages awaiting a reply posted before the page, left in their place among earlier messages. */
  owedInPlace: number;
  /** The place before the page when earlier messages stand there (the last of the page); null at the thread's start. */
  earlier: ThreadPlaceKey | null;
}

/** The messages a window read: those shown, those only named (the messages they answer, a focus). */
interface ThreadRead {
  comments: CommentView[];
  context: CommentView[];
  partyIds: string[];
  shown?: WindowShown;
}

/**
 * Everything a lawyer needs about one incident, in one read: parties, posts,
 * the thread, the escalation moves, the notices with their deadlines, the
 * evidence with its hashes checked again, and the timeline with its chain
 * verified. Privileged notes and evidence only for legal and admin.
 */
@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly incidents: IncidentsService,
    private readonly notices: LegalNoticesService,
    private readonly decisions: NoticeDecisionsService,
    private readonly evidence: EvidenceService,
    private readonly commitments: CommitmentsService,
    private readonly posts: PostsService,
    private readonly timeline: TimelineService,
    private readonly config: AppConfig,
  ) {}

  async build(actor: Actor, incidentId: string): Promise<DossierView> {
    const [events, verification] = await Promise.all([
      this.dataSource.manager.find(TimelineEvent, { where: { incidentId }, order: { seq: 'ASC' } }).then((rows) => this.timeline.revealed(this.dataSource.manager, rows)),
      this.timeline.verify(incidentId),
    ]);
    return {
      ...(await this.core(actor, incidentId, events)),
      escalation: events.filter((event) => event.type === 'state.changed').map(escalationMove),
      timeline: { verification, events: events.map(TimelineEventView.of) },
    };
  }

  /**
   * What the incident page shows, lighter than the dossier: the last `count`
   * events and the chain's head instead of a verification of the whole chain
   * (which the page runs on demand), so a long incident renders fast.
   */
  async glance(actor: Actor, incidentId: string, count: number, window?: ThreadWindow): Promise<DossierGlance> {
    const latest = await this.dataSource.manager.find(TimelineEvent, { where: { incidentId }, order: { seq: 'DESC' }, take: count });
    const head = latest[0] ? { seq: latest[0].seq, hash: latest[0].hash } : null;
    const events = await this.timeline.revealed(this.dataSource.manager, latest.reverse());
    const read = window ? await this.windowOf(incidentId, window) : undefined;
    return { ...(await this.core(actor, incidentId, events, read)), timeline: { head, events: events.map(TimelineEventView.of) }, ...(read?.shown ? { window: read.shown } : {}) };
  }

  /** The ids of the incident's messages whose author or words match, the latest first (the reply-to search). */
  async matching(incidentId: string, words: string, count: number): Promise<string[]> {
    await this.incidents.assertExists(incidentId);
    return (await commentReads.matchingOfIncident(this.dataSource.manager, incidentId, words, count)).map((comment) => comment.id);
  }

  /**
   * A window of the thread: a page of it (the latest messages, or those
   * before a place), the messages awaiting a reply posted before the page
   * (apart; the `owed` longest waiting of them, the others left in their
   * place among earlier messages), the messages those answer (named, not
   * shown) and the parties of the whole thread; never the whole thread.
   */
  private async windowOf(incidentId: string, window: ThreadWindow): Promise<ThreadRead> {
    const manager = this.dataSource.manager;
    const cap = window.owed;
    // The longest waiting, one more than shown apart: whether others wait after them (and only then, how many).
    const [awaiting, partyIds] = await Promise.all([
      commentReads.awaitingOfIncident(manager, incidentId, cap === undefined ? undefined : cap + 1),
      commentReads.partyIdsOfIncident(manager, incidentId),
    ]);
    const capped = cap !== undefined && awaiting.length > cap;
    const total = capped && !window.before ? await commentReads.countAwaitingOfIncident(manager, incidentId) : awaiting.length;
    const apartUpTo = capped ? awaiting[cap - 1] : undefined;
    // An earlier page leaves out the messages shown apart: every one of them is on the page already.
    const page = await commentReads.pageOfIncident(manager, incidentId, {
      count: window.count,
      before: window.before,
      ...(window.before ? { owedApart: apartUpTo ? { postedAt: new Date(apartUpTo.postedAt), id: apartUpTo.id } : (true as const) } : {}),
    });
    const onPage = new Set(page.items.map((comment) => comment.id));
    const owed = (capped ? awaiting.slice(0, cap) : awaiting).filter((comment) => !onPage.has(comment.id));
    const awaitingOnPage = page.items.filter((comment) => awaitsReply(comment)).length;
    const owedInPlace = window.before ? 0 : Math.max(0, total - owed.length - awaitingOnPage);
    const comments = [...owed, ...page.items.reverse()];
    const held = new Set(comments.map((comment) => comment.id));
    const named = [...comments.map((comment) => comment.parentId), ...(window.focus ?? [])].filter((id): id is string => !!id && !held.has(id));
    const context = named.length ? await commentReads.viewsOfIds(manager, incidentId, named) : [];
    return { comments, context, partyIds, shown: { page: [...onPage], owed: owed.map((comment) => comment.id), owedInPlace, earlier: page.next } };
  }

  private async core(actor: Actor, incidentId: string, events: TimelineEvent[], read?: ThreadRead): Promise<DossierCore> {
    const manager = this.dataSource.manager;
    const privileged = canSeePrivileged(actor);
    const incident = await this.incidents.get(incidentId);
    const [whole, notices, commitments, evidence, posts, decisions] = await Promise.all([
      read ? null : commentReads.viewsOfIncident(manager, incidentId),
      this.notices.ofIncident(manager, incidentId),
      this.commitments.ofIncident(manager, incidentId),
      privileged ? this.evidence.ofIncident(manager, incidentId) : null,
      this.posts.ofIds(manager, incident.postIds),
      this.decisions.ofIncident(manager, incidentId),
    ]);

    const comments = read?.comments ?? whole ?? [];
    const context = read?.context ?? [];
    const userIds = new Set<string>([
      ...[incident.ownerId, incident.backupOwnerId].filter((id): id is string => !!id),
      ...[...comments, ...context].map((comment) => comment.authorUserId).filter((id): id is string => !!id),
      ...commitments.map((commitment) => commitment.ownerId).filter((id): id is string => !!id),
      ...notices.map((notice) => notice.assigneeId).filter((id): id is string => !!id),
      ...decisions.map((decision) => decision.decidedBy),
      ...events.map((event) => event.actor),
      ...(evidence ?? []).map((item) => item.evidence.capturedBy),
    ]);
    userIds.delete(SYSTEM.kind);
    const people = Object.fromEntries(userIds.size ? await directory.namesOf(manager, [...userIds]) : []);
    const parties = await this.parties(incident.counterpartId, read?.partyIds ?? comments.map((comment) => comment.partyId), notices, commitments);
    const partyNames = new Map(parties.map(({ party }) => [party.id, party.name]));
    const authorOf = (comment: CommentView): string =>
      (comment.direction === 'inbound' ? comment.partyId && partyNames.get(comment.partyId) : comment.authorUserId && people[comment.authorUserId]) ||
      comment.authorName ||
      (comment.direction === 'inbound' ? 'someone outside' : 'us');

    return {
      generatedAt: new Date().toISOString(),
      generatedFor: actor.kind === 'user' ? actor.role : SYSTEM.kind,
      timeZone: this.config.timeZone,
      incident,
      people,
      parties,
      posts,
      thread: this.threadOf(comments, context, authorOf),
      notices: notices.map((notice) => LegalNoticeView.of(notice, privileged)),
      decisions,
      commitments,
      evidence: evidence && evidence.map(({ evidence: item, content }) => ({ ...EvidenceView.of(item), content })),
    };
  }

  /**
   * The messages in thread order, each with the message it answers: one of
   * them, or one only named (a window's context, its replies shown as
   * answering it). A context message stands in the thread too, after the
   * others, for the forms that find it there; the page shows it nowhere.
   */
  private threadOf(comments: CommentView[], context: CommentView[], authorOf: (comment: CommentView) => string): DossierView['thread'] {
    const named = new Map(context.map((comment) => [comment.id, comment]));
    const placed = threadOrder(comments).map(({ item, depth, parent }) => {
      const answered = parent ?? (item.parentId ? named.get(item.parentId) : undefined);
      return { ...item, depth, inReplyTo: answered ? { commentId: answered.id, author: authorOf(answered), postedAt: answered.postedAt } : null };
    });
    return [...placed, ...context.map((item) => ({ ...item, depth: 0, inReplyTo: null }))];
  }

  /** Every party the incident involves, each once, with the roles it plays. */
  private async parties(counterpartId: string | null, writers: Array<string | null>, notices: NoticeParties[], commitments: CommitmentView[]): Promise<DossierPartyView[]> {
    const roles = new Map<string, string[]>();
    const add = (id: string | null, role: string) => {
      if (id && !roles.get(id)?.includes(role)) roles.set(id, [...(roles.get(id) ?? []), role]);
    };
    add(counterpartId, 'counterpart');
    for (const notice of notices) {
      add(notice.senderPartyId, `sender of ${notice.ref}`);
      add(notice.onBehalfOfPartyId, `on whose behalf ${notice.ref} was sent`);
      add(notice.counselPartyId, `counsel in ${notice.ref}`);
    }
    for (const partyId of writers) add(partyId, 'author of comments');
    for (const commitment of commitments) add(commitment.promisedToPartyId, 'to whom promises were made');
    if (!roles.size) return [];
    const byId = await partyReads.viewsOf(this.dataSource.manager, [...roles.keys()]);
    return [...roles].map(([id, partyRoles]) => ({ party: byId.get(id)!, roles: partyRoles }));
  }
}

/** What the parties of a notice are named by. */
type NoticeParties = { ref: string; senderPartyId: string | null; onBehalfOfPartyId: string | null; counselPartyId: string | null };

function escalationMove(event: TimelineEvent): EscalationMoveView {
  const { from, to, reason, cause, occurredAt } = event.payload as TimelineEvents['state.changed'];
  const recordedAt = event.at.toISOString();
  return { seq: event.seq, at: occurredAt ?? recordedAt, recordedAt, actor: event.actor, from, to, reason, ...(cause ? { cause } : {}) };
}
