import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { isLocale, Translator, type Locale } from '../i18n/i18n.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import type { DsaNoticeFacts } from '../legal-notices/legal-notice.types.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { parties as partyReads } from '../parties/party-reads.js';
import { normalizePostUrl, postUrlVariants } from '../posts/post-url.js';
import { PostsService } from '../posts/posts.service.js';
import { noted } from '../reminders/reminder-note.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { people } from '../users/people.js';
import { composeAcknowledgement } from './acknowledgement-mail.js';
import type { PublicNoticeDto, PublicNoticeReceipt } from './public-notice.dto.js';

/** Who reads a notice from the public form: told in-app (and by mail, as every reminder) that it arrived. */
const LEGAL_STAFF = ['legal', 'admin'] as const;

/**
 * Notices of allegedly illegal content sent by anyone, without an account
 * (DSA art. 16): the public form (/report) and its API both end here, once
 * the caller has let the request through (its rate limit, its bot checks).
 */
@Injectable()
export class PublicNoticesService {
  private readonly logger = new Logger(PublicNoticesService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly posts: PostsService,
    private readonly parties: PartiesService,
    private readonly notices: LegalNoticesService,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the notice, in one unit of work: on the open incident that
   * already has a post at one of its addresses (else a new incident opened
   * for it), its posts linked or recorded, the notifier as the sender party
   * (the party with that email when there is one), a dsa_notice received by
   * web_form now, and a reminder to each active legal and admin user. Once
   * it commits, the notifier is sent the acknowledgement of receipt when they
   * gave an email.
   */
  async submit(dto: PublicNoticeDto, channel: DsaNoticeFacts['channel']): Promise<PublicNoticeReceipt> {
    const locale: Locale = isLocale(dto.locale) ? dto.locale : this.config.language;
    const urls = [...new Set(dto.urls.map(normalizePostUrl))];
    const receivedAt = new Date();
    const desk = new Translator(this.config.language, this.config.timeZone);
    const notice = await this.transactions.run(async (tx) => {
      const incident = (await this.incidentOf(tx.manager, urls)) ?? (await this.incidents.createIn(tx, SYSTEM, { title: desk.t('publicNotice.incidentTitle', { address: shortAddress(urls[0]!) }).slice(0, 200), severity: 'medium', tags: ['dsa'] }));
      for (const url of urls) await this.posts.linkOrCreateIn(tx, incident, { urls: postUrlVariants(url), title: null, publishedAt: null, externalId: null });
      const senderPartyId = await this.senderOf(tx, dto);
      const recorded = await this.notices.record(
        tx,
        SYSTEM,
        incident.id,
        {
          type: 'dsa_notice',
          direction: 'received',
          receivedVia: 'web_form',
          receivedAt,
          jurisdiction: this.config.publicNoticeJurisdiction,
          legalBasis: desk.t('publicNotice.legalBasis'),
          summary: dto.explanation,
          ...(senderPartyId ? { senderPartyId } : {}),
          demands: urls.map((url) => ({ kind: 'remove_content' as const, description: desk.t('publicNotice.demand'), targetUrl: url })),
        },
        {
          dsaNotice: { urls, category: dto.category ?? null, notifierName: dto.name ?? null, notifierEmail: dto.email ?? null, goodFaith: true, locale, channel },
        },
      );
      await this.tellLegalStaff(tx, incident.id, recorded);
      return recorded;
    });
    return { ref: notice.ref, receivedAt: receivedAt.toISOString(), acknowledgement: await this.acknowledge(dto.email, locale, { id: notice.id, ref: notice.ref, receivedAt, urls }) };
  }

  /** The open incident (not closed) that has a post at one of these addresses, the latest opened first; null when none. */
  private async incidentOf(manager: EntityManager, urls: string[]): Promise<{ id: string; ownerId: string | null } | null> {
    for (const url of urls) {
      const postId = await this.posts.idByAddress(manager, url);
      if (!postId) continue;
      const open = (await this.incidents.ofPost(manager, postId)).filter((incident) => incident.state !== 'closed');
      open.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || b.id.localeCompare(a.id));
      if (open[0]) return open[0];
    }
    return null;
  }

  /** The notifier as a party: the one with their email, else a new person (named by their email when they gave no name); none when they gave neither. */
  private async senderOf(tx: Tx, dto: PublicNoticeDto): Promise<string | null> {
    if (dto.email) {
      const known = await partyReads.byEmail(tx.manager, dto.email);
      if (known) return known.id;
    }
    if (!dto.name && !dto.email) return null;
    return (await this.parties.createIn(tx, { kind: 'person', name: dto.name ?? dto.email!, ...(dto.email ? { email: dto.email } : {}) })).id;
  }

  /** A reminder due now to every active legal and admin user: the in-app notification (and mail) that a public notice arrived. */
  private async tellLegalStaff(tx: Tx, incidentId: string, notice: { id: string; ref: string }): Promise<void> {
    const staff = await people.withRoles(tx.manager, LEGAL_STAFF, { active: true });
    if (!staff.length) return;
    await this.reminders.schedule(tx, {
      kind: 'follow_up',
      subject: { type: 'notice', id: notice.id },
      incidentId,
      dueAt: new Date(),
      recipientUserIds: staff.map((person) => person.id),
      ...noted([{ key: 'note.publicNotice', values: { ref: notice.ref } }], this.config.timeZone),
    });
  }

  /** Mails the acknowledgement of receipt (art. 16(4)); a refusal of the mail server is logged and said, the notice stays recorded. */
  private async acknowledge(email: string | undefined, locale: Locale, notice: { id: string; ref: string; receivedAt: Date; urls: string[] }): Promise<PublicNoticeReceipt['acknowledgement']> {
    if (!email || !this.notifications.emailEnabled) return 'none';
    const formUrl = `${this.config.publicUrl}/report`;
    const mail = composeAcknowledgement(new Translator(locale, this.config.timeZone), { ...notice, formUrl });
    try {
      await this.notifications.sendExternalEmail({ email }, { ...mail, url: formUrl, kind: 'notice_acknowledgement' }, `notice-ack:${notice.id}`);
      return 'sent';
    } catch (error) {
      this.logger.warn(`acknowledgement of ${notice.ref} not emailed: ${(error as Error).message}`);
      return 'failed';
    }
  }
}

/** An address as a title names it: host and path, no scheme, no query. */
function shortAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}
