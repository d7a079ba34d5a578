import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorId, SYSTEM, type Actor } from '../common/roles.js';
import { mapPage, paginate, type Page, type PageQuery } from '../common/pagination.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { incidentReads } from '../incidents/incident-reads.js';
import type { Message } from '../notifications/message.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import { TIMELINE_HEADS_SQL, timelineHeads } from '../timeline/timeline-heads.js';
import { REMOVALS_CHAIN, TimelineService } from '../timeline/timeline.service.js';
import { TimelineRemoval, type RemovalPayload } from '../timeline/timeline-removal.entity.js';
import { people, type Person } from '../users/people.js';
import { recipientLocale } from '../users/user-locale.js';
import { Translator, type Locale } from '../i18n/i18n.js';
import { dailySealKey, sealRoot, sortHeads } from './seal-root.js';
import { SealView, type SealFindingView, type SealRemovalView, type SealVerificationView, type VerifySealDto } from './seal.dto.js';
import { Seal, type SealHead } from './seal.entity.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';

/**
 * Seals: the head (seq, hash) of every incident's timeline, combined into one
 * root hash, stored and sent to the legal and admin users by email and to
 * the webhook, so a copy lives where a Calumet administrator cannot rewrite
 * it. Verifying a seal tells whether today's chains still extend it.
 */
@Injectable()
export class SealsService {
  private readonly logger = new Logger(SealsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Without Redis, the worker makes the day's seal itself once it is due. */
  @DueJobs({ name: 'daily seal', priority: 30 })
  async dueSeal(now: Date): Promise<DueJob[]> {
    const key = await this.dailySealDue(now);
    return key ? [{ item: { name: JobName.MakeDailySeal, data: {} }, key: `daily-seal-${key}` }] : [];
  }

  async make(actor: Actor, dailyKey: string | null = null): Promise<SealView> {
    const seal = await this.transactions.run(async (tx) => {
      const heads = sortHeads(await this.heads(tx.manager));
      const recipients = await people.withRoles(tx.manager, ['legal', 'admin'], { active: true });
      const channels = this.notifications.externalChannels();
      const seal: Seal = {
        id: newId(),
        madeAt: new Date(),
        root: sealRoot(heads),
        heads,
        incidents: heads.length,
        sentTo: [
          ...(channels.some((channel) => channel.name === 'email') ? recipients.map((user) => `email:${user.email}`) : []),
          ...(channels.some((channel) => channel.name === 'webhook') ? ['webhook'] : []),
        ],
        madeBy: actorId(actor),
        dailyKey,
      };
      await tx.manager.insert(Seal, seal);
      tx.afterCommit(() => this.send(seal, recipients));
      return seal;
    });
    return SealView.of(seal);
  }

  /**
   * Makes the day's seal once SEAL_AT has passed, unless it is made: one per
   * day, whatever the number of workers. A desk with no incident yet has
   * nothing to seal, and nobody is sent an empty seal.
   */
  @OnJob(JobName.MakeDailySeal)
  async handleMakeDailySeal(): Promise<string> {
    const key = await this.dailySealDue(new Date());
    if (!key) return 'skipped';
    try {
      await this.make(SYSTEM, key);
    } catch (error) {
      if (await this.dataSource.manager.existsBy(Seal, { dailyKey: key })) return 'skipped';
      throw error;
    }
    return 'sealed';
  }

  /** The day's key when its seal is due: not made yet, and something to seal (an empty desk is not sealed). */
  private async dailySealDue(now: Date): Promise<string | null> {
    const key = dailySealKey(now, this.config.timeZone, this.config.sealAt);
    if (await this.dataSource.manager.existsBy(Seal, { dailyKey: key })) return null;
    return (await incidentReads.any(this.dataSource.manager)) ? key : null;
  }

  async list(query: PageQuery): Promise<Page<SealView>> {
    const qb = this.dataSource.getRepository(Seal).createQueryBuilder('s');
    const page = await paginate(qb, query, [
      { column: 's.madeAt', key: 'madeAt', order: 'DESC' },
      { column: 's.id', key: 'id', order: 'DESC' },
    ]);
    return mapPage(page, SealView.of);
  }

  async get(id: string): Promise<SealView> {
    const seal = await this.dataSource.manager.findOneBy(Seal, { id });
    if (!seal) throw notFound('seal', id);
    return SealView.of(seal);
  }

  /** The latest seal (the dossier names it on its last page). */
  latest(manager: EntityManager): Promise<Seal | null> {
    return manager.findOne(Seal, { where: {}, order: { madeAt: 'DESC', id: 'DESC' } });
  }

  /**
   * Whether every timeline the seal covers still holds, at the sealed seq,
   * the sealed hash, and still verifies from its first event; names each
   * incident that does not. Heads sent with the root (the copy kept outside)
   * are trusted over the stored seal, once they are shown to make that root.
   */
  async verify(dto: VerifySealDto): Promise<SealVerificationView> {
    let heads: SealHead[];
    if (dto.heads) {
      if (sealRoot(dto.heads) !== dto.root) throw badRequest(fieldProblem('heads', 'seal.headsMismatch', 'heads do not hash to root: this is not the seal that was sent'));
      heads = dto.heads;
    } else {
      const seal = await this.dataSource.manager.findOneBy(Seal, { root: dto.root });
      if (!seal) throw refusal(HttpStatus.NOT_FOUND, 'seal.unknownRoot', `no seal with root ${dto.root} is stored: send the seal's heads too`, { field: 'root', values: { root: dto.root } });
      if (sealRoot(seal.heads) !== seal.root) {
        throw badRequest(fieldProblem('root', 'seal.altered', `the stored seal ${seal.id} no longer hashes to its root: verify with the copy that was sent`, { id: seal.id }));
      }
      heads = seal.heads;
    }
    const findings: SealFindingView[] = [];
    const removed: SealRemovalView[] = [];
    const manager = this.dataSource.manager;
    const ids = heads.map((head) => head.incidentId).filter((id) => id !== REMOVALS_CHAIN);
    const incidents = await incidentReads.headsOf(manager, ids);
    const removals = await this.timeline.removalsOf(manager, ids.filter((id) => !incidents.has(id)));
    for (const head of heads) {
      const ref = head.incidentId === REMOVALS_CHAIN ? null : (incidents.get(head.incidentId)?.ref ?? null);
      const finding = (problem: SealFindingView['problem'], detail: string, named = ref) => findings.push({ incidentId: head.incidentId, ref: named, problem, detail });
      if (head.incidentId === REMOVALS_CHAIN) {
        const record = await manager.findOne(TimelineRemoval, { select: { seq: true, hash: true }, where: { seq: head.seq } });
        if (!record || record.hash !== head.hash) {
          finding('rewritten', `the removals' record ${head.seq}, sealed with hash ${head.hash}, is ${record ? `now ${record.hash}` : 'gone'}`);
          continue;
        }
        const chain = await this.timeline.verifyRemovals(manager);
        if (!chain.valid) finding(chain.brokenAt! <= head.seq ? 'rewritten' : 'broken_since', `the removals' chain breaks at record ${chain.brokenAt} (${chain.reason}); the seal recorded record ${head.seq}`);
        continue;
      }
      if (!ref) {
        const removal = removals.get(head.incidentId);
        const payload = removal?.payload as RemovalPayload | undefined;
        if (!removal || !payload) {
          finding('deleted', `the incident is gone; the seal recorded its timeline at event ${head.seq}`);
        } else if (!payload.head || payload.head.seq < head.seq || (payload.head.seq === head.seq && payload.head.hash !== head.hash)) {
          const last = payload.head ? `event ${payload.head.seq} with hash ${payload.head.hash}` : 'no event';
          finding('rewritten', `${payload.ref} was removed with ${last} as its last, but the seal recorded event ${head.seq} with hash ${head.hash}`, payload.ref);
        } else {
          removed.push({ incidentId: head.incidentId, ref: payload.ref, type: removal.type, at: removal.at.toISOString(), actor: removal.actor, seq: removal.seq, head: payload.head, rule: payload.rule });
        }
        continue;
      }
      const event = await manager.findOne(TimelineEvent, { select: { seq: true, hash: true }, where: { incidentId: head.incidentId, seq: head.seq } });
      if (!event) {
        finding('rewritten', `event ${head.seq}, sealed with hash ${head.hash}, is gone`);
        continue;
      }
      if (event.hash !== head.hash) {
        finding('rewritten', `event ${head.seq} now has hash ${event.hash}; the seal recorded ${head.hash}`);
        continue;
      }
      const chain = await this.timeline.verify(head.incidentId);
      if (chain.valid) continue;
      if (chain.brokenAt! <= head.seq) finding('rewritten', `the chain breaks at event ${chain.brokenAt} (${chain.reason}), at or before the sealed event ${head.seq}`);
      else finding('broken_since', `the chain breaks at event ${chain.brokenAt} (${chain.reason}), after the sealed event ${head.seq}`);
    }
    return { valid: findings.length === 0, root: dto.root, incidents: heads.length, findings, removed };
  }

  /** The head of every timeline: its last event. */
  private async heads(manager: EntityManager): Promise<SealHead[]> {
    const removals = await this.timeline.removalsHead(manager);
    return [...timelineHeads(await manager.query(TIMELINE_HEADS_SQL)), ...(removals ? [{ incidentId: REMOVALS_CHAIN, seq: removals.seq, hash: removals.hash }] : [])];
  }

  private async send(seal: Seal, recipients: Person[]): Promise<void> {
    const json = JSON.stringify({ id: seal.id, madeAt: seal.madeAt.toISOString(), root: seal.root, heads: seal.heads });
    /** The seal's message in one language: each person's own, the desk's for the webhook. */
    const words = (locale: Locale) => {
      const t = new Translator(locale, this.config.timeZone);
      const madeAt = seal.madeAt.toISOString();
      const subject = t.t('mail.seal.subject', { madeAt, root: seal.root });
      const text = [t.t('mail.seal.sealed', { count: seal.incidents, madeAt }), t.t('mail.seal.root', { root: seal.root }), t.t('mail.seal.keep'), '', json].join('\n');
      return { subject, text };
    };
    for (const channel of this.notifications.externalChannels()) {
      // One webhook for the desk; one mail per legal or admin user.
      const targets =
        channel.name === 'email'
          ? recipients.map((user) => ({ userId: user.id, email: user.email, locale: recipientLocale(user, this.config.language) }))
          : [{ userId: 'webhook', email: '', locale: this.config.language }];
      for (const { locale, ...user } of targets) {
        const { subject, text } = words(locale);
        const message: Message = {
          recipient: user,
          incidentId: '',
          kind: 'seal',
          dueAt: seal.madeAt,
          subject,
          text,
          url: `${this.config.publicUrl}/api/seals/${seal.id}`,
          payload: { text: subject, seal: JSON.parse(json) as unknown },
        };
        await channel.send(message, `seal:${seal.id}:${channel.name}:${user.userId}`).catch((error: Error) => this.logger.warn(`seal ${seal.id} not sent by ${channel.name} to ${user.email}: ${error.message}`));
      }
    }
  }

}
