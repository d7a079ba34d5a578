import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashToken } from '../auth/tokens.js';
import { CalendarEntries, type CalendarEntriesHook, type CalendarEntry, type CalendarRequest } from '../common/calendar-entries.js';
import { Hooks, inPriorityOrder } from '../common/hooks.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { Translator } from '../i18n/i18n.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { people } from '../users/people.js';
import { recipientLocale } from '../users/user-locale.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { icsOf } from './ics.js';

type Source = CalendarEntriesHook & { where: string; call: (request: CalendarRequest) => Promise<CalendarEntry[]> };

/** A feed's secret: 32 random bytes, URL-safe, so the address needs no escaping. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * Each person's private calendar feed: its secret (issued, renewed, turned
 * off) and its content, gathered from the @CalendarEntries sources.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private sources: Source[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
    private readonly hooks: Hooks,
  ) {}

  onModuleInit(): void {
    this.sources = inPriorityOrder('@CalendarEntries', this.hooks.found(CalendarEntries) as Source[]);
  }

  /** The feed's address for a secret. */
  urlOf(secret: string): string {
    return `${this.config.publicUrl}/calendar/${secret}.ics`;
  }

  /** When the person's feed was made, or null when they have none. */
  async issuedAt(userId: string): Promise<Date | null> {
    const feed = await this.dataSource.manager.findOne(CalendarFeed, { select: { createdAt: true }, where: { userId } });
    return feed?.createdAt ?? null;
  }

  /** A new secret for the person's feed; the one before (if any) opens nothing from now on. Answers the feed's address, said this once. */
  async issue(userId: string): Promise<{ url: string; issuedAt: Date }> {
    const secret = randomBytes(32).toString('base64url');
    const issuedAt = new Date();
    await this.transactions.run(async (tx) => {
      await tx.manager.delete(CalendarFeed, { userId });
      await tx.manager.insert(CalendarFeed, { id: newId(), userId, secretHash: hashToken(secret), createdAt: issuedAt });
    });
    return { url: this.urlOf(secret), issuedAt };
  }

  /** Turns the person's feed off: its address opens nothing. Whether there was one. */
  async turnOff(userId: string): Promise<boolean> {
    return this.transactions.run(async (tx) => ((await tx.manager.delete(CalendarFeed, { userId })).affected ?? 0) > 0);
  }

  /** The iCalendar text of the feed this secret opens, or null (unknown or turned-off secret, a person no longer active). */
  async feed(secret: string, now: Date = new Date()): Promise<string | null> {
    if (!SECRET.test(secret)) return null;
    const manager = this.dataSource.manager;
    const hash = hashToken(secret);
    // Found by its hash through the unique index; the hashes are then compared in constant time, so no answer depends on how much of a guess was right.
    const feed = await manager.findOne(CalendarFeed, { select: { id: true, userId: true, secretHash: true }, where: { secretHash: hash } });
    if (!feed || !timingSafeEqual(Buffer.from(feed.secretHash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    const person = await people.one(manager, feed.userId, { active: true });
    if (!person) return null;
    const t = new Translator(recipientLocale(person, this.config.language), this.config.timeZone);
    const request: CalendarRequest = { userId: person.id, manager, t, now };
    const entries = (await Promise.all(this.sources.map((source) => source.call(request)))).flat();
    const incidents = await incidentReads.headsOf(manager, entries.map((entry) => entry.incidentId));
    const events = entries.map((entry) => {
      const incident = incidents.get(entry.incidentId);
      const url = `${this.config.publicUrl}${entry.path}`;
      const lines = [entry.detail, incident ? t.t('calendar.incident', { ref: incident.ref, title: incident.title }) : undefined, t.t('calendar.open', { url })];
      return { key: entry.key, dueAt: entry.dueAt, changedAt: entry.changedAt, summary: entry.summary, description: lines.filter(Boolean).join('\n'), url };
    });
    return icsOf({ name: t.t('calendar.name', { name: person.name }), timeZone: this.config.timeZone, domain: new URL(this.config.publicUrl).hostname, events, now });
  }
}
