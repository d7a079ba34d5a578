import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime, Duration } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM, type Actor } from '../common/roles.js';
import { AppConfig, type RetentionRule } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { Translator } from '../i18n/i18n.js';
import { incidentReads, type SettledIncident } from '../incidents/incident-reads.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { OpenItemsRegistry } from '../incidents/open-items.registry.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { SealsService } from '../seals/seals.service.js';
import type { RemovalPayload } from '../timeline/timeline-removal.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import { recipientLocale } from '../users/user-locale.js';
import type { HoldBackReasonView, PurgeOutcomeView, PurgeView, RemovalView, RetentionCandidateView, RetentionDueView } from './retention.dto.js';

/** Candidates listed per rule. */
const LIST_LIMIT = 500;
/** Incidents the worker purges per run (RETENTION_AUTO). */
const AUTO_BATCH = 100;

/**
 * Retention (docs/legal.md, "Retention"): incidents settled in a state with a
 * rule (closed for RETENTION_CLOSED, resolved for RETENTION_RESOLVED) for
 * longer than its period are due for purge, unless held back (legal hold,
 * an open notice or an owed commitment). An admin sees the list, then purges
 * what it showed; each incident is checked again and removed in its own unit
 * of work, its removal recorded on the removals' chain, then sealed. The
 * worker purges by itself only with RETENTION_AUTO.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly openItems: OpenItemsRegistry,
    private readonly timeline: TimelineService,
    private readonly seals: SealsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** What is due for purge now, and what is held back and why. */
  async due(now = new Date()): Promise<RetentionDueView> {
    const manager = this.dataSource.manager;
    const due: RetentionCandidateView[] = [];
    const heldBack: RetentionCandidateView[] = [];
    let more = false;
    for (const rule of this.config.retention.rules) {
      const settled = await incidentReads.settledSince(manager, rule.state, this.cutoff(rule, now), LIST_LIMIT + 1);
      more ||= settled.length > LIST_LIMIT;
      for (const incident of settled.slice(0, LIST_LIMIT)) {
        const candidate = await this.candidate(manager, incident, rule);
        (candidate.heldBack.length ? heldBack : due).push(candidate);
      }
    }
    const byDue = (a: RetentionCandidateView, b: RetentionCandidateView) => a.dueAt.localeCompare(b.dueAt) || a.ref.localeCompare(b.ref);
    return { at: now.toISOString(), rules: this.config.retention.rules.map((rule) => ({ ...rule })), auto: this.config.retention.auto, due: due.sort(byDue), heldBack: heldBack.sort(byDue), more };
  }

  /**
   * Purges these incidents, each checked again in its own unit of work (due
   * by a rule now, not under legal hold, nothing open) and refused with the
   * reason otherwise; then one seal covers the removals.
   */
  async purge(actor: Actor, incidentIds: string[]): Promise<PurgeView> {
    const outcomes: PurgeOutcomeView[] = [];
    for (const incidentId of [...new Set(incidentIds)]) outcomes.push(await this.purgeOne(actor, incidentId));
    let seal: PurgeView['seal'] = null;
    if (outcomes.some((outcome) => outcome.status === 'purged')) {
      try {
        const made = await this.seals.make(actor);
        seal = { id: made.id, root: made.root };
      } catch (error) {
        this.logger.error(`the seal after a purge failed (the next daily seal covers it): ${(error as Error).message}`);
      }
    }
    return { outcomes, seal };
  }

  /** The removals recorded (admins' deletes and purges), the latest first. */
  async removals(limit: number): Promise<RemovalView[]> {
    return (await this.timeline.removals(this.dataSource.manager, limit)).map((record) => {
      const payload = record.payload as unknown as RemovalPayload;
      return { seq: record.seq, incidentId: record.incidentId, type: record.type, at: record.at.toISOString(), actor: record.actor, ref: payload.ref, head: payload.head, rule: payload.rule, removed: payload.removed, hash: record.hash };
    });
  }

  /** Without Redis, the worker purges what is due itself, once per reconcile interval, with RETENTION_AUTO only. */
  @DueJobs({ name: 'retention purge', priority: 70 })
  dueJobs(now: Date): Promise<DueJob[]> {
    if (!this.config.retention.auto || !this.config.retention.rules.length) return Promise.resolve([]);
    return Promise.resolve([{ item: { name: JobName.PurgeDueIncidents, data: {} }, key: `retention-${Math.floor(now.getTime() / this.config.reconcileIntervalMs)}` }]);
  }

  /** RETENTION_AUTO: purges what the list says is due (held-back incidents stay), seals, and tells every active admin in-app. */
  @OnJob(JobName.PurgeDueIncidents)
  async handlePurgeDueIncidents(): Promise<string> {
    if (!this.config.retention.auto) return 'skipped';
    const due = (await this.due()).due.slice(0, AUTO_BATCH);
    if (!due.length) return 'skipped';
    const result = await this.purge(SYSTEM, due.map((candidate) => candidate.incidentId));
    const purged = result.outcomes.filter((outcome) => outcome.status === 'purged');
    if (purged.length) await this.tellAdmins(purged.map((outcome) => outcome.ref ?? outcome.incidentId));
    return `purged ${purged.length}`;
  }

  private async purgeOne(actor: Actor, incidentId: string): Promise<PurgeOutcomeView> {
    const refused = (ref: string | null, reason: string, detail: string): PurgeOutcomeView => ({ incidentId, ref, status: 'refused', reason, detail, removal: null, head: null, removed: null });
    return this.transactions.run(async (tx) => {
      if (!(await this.incidents.exists(tx.manager, incidentId))) return refused(null, 'notFound', 'no such incident (purged or deleted already?)');
      const incident = await this.incidents.find(tx.manager, incidentId);
      const rule = this.config.retention.rules.find((candidate) => candidate.state === incident.state);
      const since = incident.state === 'closed' ? incident.closedAt : incident.state === 'resolved' ? incident.resolvedAt : null;
      if (!rule || !since || since.getTime() > this.cutoff(rule, new Date()).getTime()) {
        return refused(incident.ref, 'notDue', rule ? `${incident.state} since ${since?.toISOString() ?? '?'}: due only ${rule.period} after` : `no retention rule for the state ${incident.state}`);
      }
      const [reason] = await this.holdBack(tx.manager, { id: incident.id, hold: incident.legalHold.on ? { reason: incident.legalHold.reason ?? '' } : null });
      if (reason) return refused(incident.ref, reason.code, reason.detail);
      const record = await this.incidents.removeIn(tx, actor, incident, 'incident.purged', { state: rule.state, period: rule.period, since: since.toISOString() });
      const payload = record.payload as unknown as RemovalPayload;
      return { incidentId, ref: incident.ref, status: 'purged', reason: null, detail: null, removal: { seq: record.seq, hash: record.hash }, head: payload.head, removed: payload.removed };
    });
  }

  private async candidate(manager: EntityManager, incident: SettledIncident, rule: RetentionRule): Promise<RetentionCandidateView> {
    const dueAt = DateTime.fromJSDate(incident.since, { zone: this.config.timeZone }).plus(Duration.fromISO(rule.period)).toJSDate();
    return {
      incidentId: incident.id,
      ref: incident.ref,
      title: incident.title,
      state: incident.state,
      since: incident.since.toISOString(),
      dueAt: dueAt.toISOString(),
      rule: { ...rule },
      heldBack: await this.holdBack(manager, incident),
    };
  }

  /** Why the incident may not be purged now: its legal hold, what stands open on it (the reasons it could not be closed). */
  private async holdBack(manager: EntityManager, incident: Pick<SettledIncident, 'id' | 'hold'>): Promise<HoldBackReasonView[]> {
    const reasons: HoldBackReasonView[] = [];
    if (incident.hold) reasons.push({ code: 'legalHold', detail: `under legal hold: ${incident.hold.reason}`, reason: incident.hold.reason });
    for (const blocker of await this.openItems.closeBlockers(manager, incident.id)) reasons.push({ code: 'openItems', detail: blocker.text, key: blocker.key, count: blocker.count });
    return reasons;
  }

  /** The latest moment an incident may have entered the rule's state and be due now: the period before now, in CALUMET_TZ. */
  private cutoff(rule: RetentionRule, now: Date): Date {
    return DateTime.fromJSDate(now, { zone: this.config.timeZone }).minus(Duration.fromISO(rule.period)).toJSDate();
  }

  private async tellAdmins(refs: string[]): Promise<void> {
    const admins = await people.withRoles(this.dataSource.manager, ['admin'], { active: true });
    const url = `${this.config.publicUrl}/retention`;
    try {
      await this.transactions.run(async (tx) => {
        for (const admin of admins) {
          const t = new Translator(recipientLocale(admin, this.config.language), this.config.timeZone);
          await this.notifications.deliverDeskNotice(tx, admin.id, {
            kind: 'retention_purged',
            subject: t.t('retention.purged.subject', { count: refs.length }),
            text: t.t('retention.purged.text', { count: refs.length, refs: refs.join(', ') }),
            url,
          });
        }
      });
    } catch (error) {
      this.logger.error(`the purge could not be noted in-app: ${(error as Error).message}`);
    }
  }
}
