import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { ERASED } from '../timeline/personal-values.js';
import type { Channel, DeliveryStatus } from './delivery-status.js';
import { Delivery } from './delivery.entity.js';
import { EmailChannel } from './email.channel.js';
import { idempotencyKey, type DeliveryRef, type ExternalChannel, type Message } from './message.js';
import { NotificationView, type ListNotificationsQuery } from './notification.dto.js';
import { Notification } from './notification.entity.js';
import { WebhookChannel } from './webhook.channel.js';
import { notFound } from '../common/problem.js';

/** in_flight: another run holds this delivery and will settle it. */
export type Outcome = { status: Extract<DeliveryStatus, 'sent' | 'unknown'> | 'in_flight' } | { status: 'failed'; error: string };

type Claim = 'go' | 'sent' | 'unknown' | 'in_flight';

/**
 * Delivers messages on every channel, each at most once per idempotency key:
 * in-app rows in the caller's transaction (exactly once), mail and webhook
 * through a ledger row claimed before sending and settled after.
 */
@Injectable()
export class NotificationsService {
  private readonly external: ExternalChannel[];
  private readonly news = new EventEmitter().setMaxListeners(0);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
    private readonly email: EmailChannel,
    webhook: WebhookChannel,
  ) {
    this.external = [email, webhook];
  }

  /** Removes the in-app notifications about an incident, in the caller's unit of work (the incident is removed; reminders ask, as notifications sit below incidents). */
  async removeOfIncidentIn(tx: Tx, incidentId: string): Promise<number> {
    const count = await tx.manager.countBy(Notification, { incidentId });
    await tx.manager.delete(Notification, { incidentId });
    return count;
  }
  /** Erases what the in-app notifications of these reminders say, in the caller's unit of work (an erasure of the person they quote). */
  async eraseOfRemindersIn(tx: Tx, reminderIds: string[]): Promise<void> {
    for (let start = 0; start < reminderIds.length; start += 500) {
      const chunk = reminderIds.slice(start, start + 500);
      if (chunk.length) await tx.manager.update(Notification, { reminderId: In(chunk) }, { title: ERASED, body: ERASED });
    }
  }


  /** Whether mail goes out (SMTP_URL is set). */
  get emailEnabled(): boolean {
    return this.email.enabled;
  }

  /**
   * Mails one person outside any reminder (an invite): through the email
   * channel, the key naming what it is (the same key makes the same
   * Message-ID). Throws when the mail server refuses it.
   */
  async sendEmail(to: { userId: string; email: string }, mail: { subject: string; text: string; url: string; kind: string }, key: string): Promise<void> {
    await this.email.send({ recipient: to, incidentId: '', kind: mail.kind, dueAt: new Date(), subject: mail.subject, text: mail.text, url: mail.url, payload: {} }, key);
  }

  /**
   * Mails someone who is not a user (a notifier, a comment's author) through
   * the email channel; the key names what it is, so the same key makes the
   * same Message-ID and a mail store can tell a copy from a new message.
   * Throws when the mail server refuses it.
   */
  async sendExternalEmail(to: { email: string }, mail: { subject: string; text: string; kind: string; url?: string; incidentId?: string }, key: string): Promise<void> {
    await this.email.send({ recipient: { userId: '', email: to.email }, incidentId: mail.incidentId ?? '', kind: mail.kind, dueAt: new Date(), subject: mail.subject, text: mail.text, url: mail.url ?? '', payload: {} }, key);
  }

  /** Calls `listener` with the user's id each time an in-app notification of theirs is committed; returns how to stop. */
  onNew(listener: (userId: string) => void): () => void {
    this.news.on('new', listener);
    return () => this.news.off('new', listener);
  }

  /** The channels besides in-app that are configured. */
  externalChannels(): ExternalChannel[] {
    return this.external.filter((channel) => channel.enabled);
  }

  /** Records the in-app notification in the caller's transaction, unless this delivery was already made. */
  async deliverInApp(tx: Tx, message: Message, ref: DeliveryRef): Promise<void> {
    const key = idempotencyKey(ref, 'in_app');
    const now = new Date();
    if (!(await this.insertOnce(tx, this.row(ref, 'in_app', key, { status: 'sent', sentAt: now })))) return;
    await tx.manager.insert(Notification, {
      id: newId(),
      userId: message.recipient.userId,
      reminderId: ref.reminderId,
      incidentId: message.incidentId,
      kind: message.kind,
      title: message.subject.slice(0, 300),
      body: message.text,
      url: message.url,
      dueAt: message.dueAt,
      createdAt: now,
      readAt: null,
    });
    tx.afterCommit(() => this.news.emit('new', message.recipient.userId));
  }

  /**
   * Records an in-app notice about the desk itself (a scheduled backup that
   * failed) for one person, in the caller's transaction: no reminder, no
   * incident behind it.
   */
  async deliverDeskNotice(tx: Tx, userId: string, notice: { kind: string; subject: string; text: string; url: string }): Promise<void> {
    const now = new Date();
    await tx.manager.insert(Notification, {
      id: newId(),
      userId,
      reminderId: null,
      incidentId: null,
      kind: notice.kind,
      title: notice.subject.slice(0, 300),
      body: notice.text,
      url: notice.url,
      dueAt: now,
      createdAt: now,
      readAt: null,
    });
    tx.afterCommit(() => this.news.emit('new', userId));
  }

  /**
   * Sends on each external channel unless the ledger says it was sent, or
   * may have been. The channels are claimed together, so two overlapping runs
   * of one reminder never split them: one run holds them all, the other sees
   * them in flight.
   */
  async deliver(channels: ExternalChannel[], message: Message, ref: DeliveryRef): Promise<Outcome[]> {
    const claims = await this.claim(ref, channels.map((channel) => channel.name));
    return Promise.all(
      channels.map(async (channel, i): Promise<Outcome> => {
        const claim = claims[i]!;
        if (claim !== 'go') return { status: claim };
        const key = idempotencyKey(ref, channel.name);
        try {
          await channel.send(message, key);
        } catch (error) {
          const text = `${channel.name}: ${(error as Error).message}`.slice(0, 2000);
          await this.settle(key, { status: 'failed', lastError: text });
          return { status: 'failed', error: text };
        }
        await this.settle(key, { status: 'sent', sentAt: new Date(), lastError: null });
        return { status: 'sent' };
      }),
    );
  }

  /** The deliveries of these reminders, per reminder. */
  async deliveriesOf(reminderIds: string[]): Promise<Map<string, Delivery[]>> {
    const map = new Map<string, Delivery[]>();
    if (!reminderIds.length) return map;
    const rows = await this.dataSource.manager.find(Delivery, { where: { reminderId: In(reminderIds) }, order: { startedAt: 'ASC' } });
    for (const row of rows) map.set(row.reminderId, [...(map.get(row.reminderId) ?? []), row]);
    return map;
  }

  async list(userId: string, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.userId = :userId', { userId });
    if (query.unread === true) qb.andWhere('n.readAt IS NULL');
    if (query.unread === false) qb.andWhere('n.readAt IS NOT NULL');
    const page = await paginate(qb, query, [
      { column: 'n.createdAt', key: 'createdAt', order: 'DESC' },
      { column: 'n.id', key: 'id', order: 'DESC' },
    ]);
    return mapPage(page, NotificationView.of);
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    return this.transactions.run(async (tx) => {
      const notification = await tx.manager.findOneBy(Notification, { id, userId });
      if (!notification) throw notFound('notification', id);
      if (!notification.readAt) {
        notification.readAt = new Date();
        await tx.manager.update(Notification, { id }, { readAt: notification.readAt });
      }
      return NotificationView.of(notification);
    });
  }

  /** How many of the user's notifications are unread. */
  unreadCount(userId: string): Promise<number> {
    return this.dataSource.manager.countBy(Notification, { userId, readAt: IsNull() });
  }

  /** Marks every unread notification of the user read; answers how many were. */
  async markAllRead(userId: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const result = await tx.manager.update(Notification, { userId, readAt: IsNull() }, { readAt: new Date() });
      return result.affected ?? 0;
    });
  }

  /**
   * Claims deliveries before sending, each answering `go` when this run may
   * send; `sent`, or `unknown` when a run died while sending (it left
   * `sending` behind, stale by now) so it may have gone out and is not sent
   * again. When another run holds any of them, nothing is claimed and every
   * answer is `in_flight`.
   */
  private async claim(ref: DeliveryRef, channels: Channel[]): Promise<Claim[]> {
    const held = new Error('in flight');
    try {
      return await this.transactions.run(async (tx) => {
        const claims: Claim[] = [];
        for (const channel of channels) {
          const claim = await this.claimOne(tx, ref, channel);
          if (claim === 'in_flight') throw held;
          claims.push(claim);
        }
        return claims;
      });
    } catch (error) {
      if (error === held) return channels.map(() => 'in_flight');
      throw error;
    }
  }

  private async claimOne(tx: Tx, ref: DeliveryRef, channel: Channel): Promise<Claim> {
    const key = idempotencyKey(ref, channel);
    if (await this.insertOnce(tx, this.row(ref, channel, key, { status: 'sending' }))) return 'go';
    const row = await tx.manager.findOneByOrFail(Delivery, { idempotencyKey: key });
    const now = new Date();
    if (row.status === 'sent' || row.status === 'unknown') return row.status;
    if (row.status === 'failed') {
      const claimed = await tx.manager.update(Delivery, { id: row.id, status: 'failed' }, { status: 'sending', attempts: row.attempts + 1, startedAt: now, updatedAt: now });
      return claimed.affected === 1 ? 'go' : 'in_flight';
    }
    // By default longer than any channel's own time limit, so the run that claimed it has given up.
    if (now.getTime() - row.startedAt.getTime() < this.config.deliveryStaleAfterMs) return 'in_flight';
    await tx.manager.update(
      Delivery,
      { id: row.id, status: 'sending' },
      { status: 'unknown', lastError: 'the sender stopped while sending; not sent again (at most once per channel)', updatedAt: now },
    );
    return 'unknown';
  }

  /** Inserts the ledger row unless its key is taken (waiting, on PostgreSQL, for a run inserting it meanwhile); true if inserted. */
  private async insertOnce(tx: Tx, row: Delivery): Promise<boolean> {
    await tx.manager.createQueryBuilder().insert().into(Delivery).values(row).orIgnore().execute();
    return (await tx.manager.findOneBy(Delivery, { idempotencyKey: row.idempotencyKey }))?.id === row.id;
  }

  private async settle(key: string, fields: Partial<Delivery>): Promise<void> {
    await this.transactions.run((tx) =>
      tx.manager.update(Delivery, { idempotencyKey: key, status: In(['sending', 'unknown']) }, { ...fields, updatedAt: new Date() }),
    );
  }

  private row(ref: DeliveryRef, channel: Channel, key: string, fields: Partial<Delivery>): Delivery {
    const now = new Date();
    return {
      id: newId(),
      reminderId: ref.reminderId,
      sequence: ref.sequence,
      channel,
      idempotencyKey: key,
      status: 'sending',
      attempts: 1,
      lastError: null,
      startedAt: now,
      sentAt: null,
      updatedAt: now,
      ...fields,
    };
  }
}
