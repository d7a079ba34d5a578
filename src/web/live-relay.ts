import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../queue/redis.service.js';

/** What crosses processes: an incident that changed (its id and the event's type), or a person with a new notification. */
export type LiveMessage = { kind: 'incident'; incidentId: string; type: string } | { kind: 'notification'; userId: string };

/** How a message went out: Redis pub/sub, PostgreSQL NOTIFY, or this process alone. */
export type LiveRoute = 'redis' | 'postgres' | 'process';

/** The NOTIFY channel (one per database: processes of one desk share it). */
export const LIVE_PG_CHANNEL = 'calumet_live';
/** How long a page's stream waits for this process to hear the others before it opens all the same. */
const LISTEN_WAIT_MS = 3000;
const RECONNECT_MS = 1000;
/** Messages in one payload at most: well under NOTIFY's 8,000 bytes. */
const PER_PAYLOAD = 40;
/**
 * The least time between two flushes: messages published sooner wait for the
 * next one, together. A page hears of a change at most this much later (no
 * person sees it), and a busy process sends one PUBLISH every 20 ms instead
 * of one a batch (each cost its main thread about 0.1 ms).
 */
export const FLUSH_GAP_MS = 20;

/**
 * Carries the live bus's messages between processes: every API process
 * hears what any API or worker process committed.
 * - publish: through Redis pub/sub (`<REDIS_PREFIX>:live`) when Redis
 *   answers; else NOTIFY on PostgreSQL; else (SQLite without Redis, the
 *   embedded default) to this process's own pages only.
 * - listen: a process with pages open (an API) subscribes to the Redis
 *   channel and, on PostgreSQL, LISTENs too, so it hears a publisher
 *   whichever way that one went; a worker publishes and never listens.
 * Messages carry ids only; a page fetches what changed on its own.
 */
@Injectable()
export class LiveRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveRelay.name);
  private readonly local = new EventEmitter().setMaxListeners(0);
  private listening?: Promise<void>;
  private listener?: pg.Client;
  private subscriber?: Redis;
  private reconnect?: NodeJS.Timeout;
  private closed = false;
  private readonly channel: string;
  /** Published in this turn of the event loop, by payload: each goes out once. */
  private readonly pending = new Map<string, LiveMessage>();
  private flushing?: Promise<LiveRoute>;
  /** When the last flush began (performance.now()). */
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.channel = `${config.redisPrefix}:live`;
  }

  /**
   * Sends the message to every listening process (this one included), by the
   * first route that takes it. Messages published in one turn of the event
   * loop (the units of a batch, committed together), or within FLUSH_GAP_MS
   * of the last flush, go out together, each once: one PUBLISH (or NOTIFY)
   * for all, whose payload is the message, or an array of up to PER_PAYLOAD
   * of them.
   */
  publish(message: LiveMessage): Promise<LiveRoute> {
    const payload = JSON.stringify(message);
    if (!this.pending.has(payload)) this.pending.set(payload, message);
    this.flushing ??= this.nextFlush().then(() => this.flush());
    return this.flushing;
  }

  /** Resolves at the end of this turn, or once FLUSH_GAP_MS have passed since the last flush began. */
  private nextFlush(): Promise<void> {
    const wait = this.lastFlush + FLUSH_GAP_MS - performance.now();
    return new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }

  private async flush(): Promise<LiveRoute> {
    this.lastFlush = performance.now();
    const messages = [...this.pending.values()];
    this.pending.clear();
    this.flushing = undefined;
    const payloads: string[] = [];
    for (let start = 0; start < messages.length; start += PER_PAYLOAD) {
      const some = messages.slice(start, start + PER_PAYLOAD);
      payloads.push(JSON.stringify(some.length === 1 ? some[0] : some));
    }
    if (await this.redis.whenReady(250)) {
      try {
        if (payloads.length === 1) await this.redis.client.publish(this.channel, payloads[0]!);
        else await this.redis.client.pipeline(payloads.map((payload) => ['publish', this.channel, payload])).exec();
        return 'redis';
      } catch (error) {
        this.logger.warn(`live update not published in Redis: ${(error as Error).message}`);
      }
    }
    if (this.config.database.type === 'postgres') {
      try {
        for (const payload of payloads) await this.dataSource.query('SELECT pg_notify($1, $2)', [LIVE_PG_CHANNEL, payload]);
        return 'postgres';
      } catch (error) {
        this.logger.warn(`live update not notified in PostgreSQL: ${(error as Error).message}`);
      }
    }
    for (const message of messages) this.local.emit('message', message);
    return 'process';
  }

  /** Calls `listener` with every message heard, from any process; returns how to stop. */
  onMessage(listener: (message: LiveMessage) => void): () => void {
    this.local.on('message', listener);
    return () => this.local.off('message', listener);
  }

  /**
   * Starts hearing the other processes (once): resolves when every route
   * that is up hears, or after LISTEN_WAIT_MS; a route that is down starts
   * hearing when it comes back.
   */
  listen(): Promise<void> {
    this.listening ??= Promise.all([this.listenRedis(), this.listenPostgres()]).then(() => undefined);
    return this.listening;
  }

  private async listenRedis(): Promise<void> {
    const subscriber = (this.subscriber = this.redis.connect('live'));
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.heard(payload);
    });
    // Queued while Redis is away; ioredis subscribes again after every reconnection.
    const subscribed = subscriber.subscribe(this.channel).then(
      () => undefined,
      (error: Error) => this.logger.warn(`live updates not heard from Redis: ${error.message}`),
    );
    if (await this.redis.whenReady(250)) await within(subscribed, LISTEN_WAIT_MS);
  }

  private async listenPostgres(): Promise<void> {
    if (this.config.database.type !== 'postgres') return;
    await within(this.connectListener(this.config.database.url), LISTEN_WAIT_MS);
  }

  /** A connection of its own that LISTENs (a pooled one would be handed to others); made again when it drops. */
  private async connectListener(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: 'calumet-live' });
    const again = () => {
      if (this.closed || this.reconnect) return;
      this.listener = undefined;
      this.reconnect = setTimeout(() => {
        this.reconnect = undefined;
        void this.connectListener(url);
      }, RECONNECT_MS);
    };
    client.on('notification', ({ channel, payload }) => {
      if (channel === LIVE_PG_CHANNEL && payload) this.heard(payload);
    });
    client.on('error', (error) => this.logger.warn(`live updates from PostgreSQL: ${error.message}`));
    client.on('end', again);
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_PG_CHANNEL}`);
    } catch (error) {
      this.logger.warn(`live updates not heard from PostgreSQL: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      again();
      return;
    }
    if (this.closed) await client.end();
    else this.listener = client;
  }

  private heard(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    for (const message of Array.isArray(parsed) ? (parsed as LiveMessage[]) : [parsed as LiveMessage]) {
      if ((message?.kind === 'incident' && typeof message.incidentId === 'string' && typeof message.type === 'string') || (message?.kind === 'notification' && typeof message.userId === 'string')) {
        this.local.emit('message', message);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    // At once: a quit would wait for a Redis that may be away (its subscription queued until it comes).
    this.subscriber?.disconnect();
    await this.listener?.end().catch(() => undefined);
  }
}

/** Waits for the promise, at most `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
