import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { stoppingStep } from '../common/stopping.js';
import { Redis, type RedisOptions } from 'ioredis';
import { once } from 'node:events';
import { AppConfig } from '../config/app-config.js';

/** How long a connection may take to quit at shutdown before it is dropped. */
const QUIT_TIMEOUT_MS = 2_000;

/**
 * Redis connections. Producers (the API) fail fast while Redis is away
 * (`enableOfflineQueue: false`): the database row stays the truth and the
 * reconciler arms what could not be armed. Workers block on Redis, so their
 * connections retry forever (`maxRetriesPerRequest: null`).
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private readonly connections: Redis[] = [];
  private shared?: Redis;

  constructor(private readonly config: AppConfig) {}

  /** The process's producer connection: fails fast when Redis is down. */
  get client(): Redis {
    this.shared ??= this.connect('client', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    return this.shared;
  }

  /** A new connection for a BullMQ worker or queue event listener. */
  connect(name: string, options: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.redisUrl, {
      connectionName: `calumet-${name}`,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      ...options,
    });
    let reported = false;
    connection.on('error', (error: Error) => {
      if (!reported) this.logger.warn(`redis (${name}): ${error.message}`);
      reported = true;
    });
    connection.on('ready', () => (reported = false));
    this.connections.push(connection);
    return connection;
  }

  /** True when Redis answers within the timeout (waiting for a connection still being made). */
  async ping(timeoutMs = 1000): Promise<boolean> {
    return (await this.whenReady(timeoutMs)) && (await this.withTimeout(this.client.ping(), timeoutMs).catch(() => null)) === 'PONG';
  }

  /**
   * True once the producer connection is ready, waiting up to the timeout
   * for one still being made; false at once while Redis is known to be away.
   */
  async whenReady(timeoutMs = 1000): Promise<boolean> {
    const client = this.client;
    if (client.status === 'ready') return true;
    if (!['wait', 'connecting', 'connect'].includes(client.status)) return false;
    return this.withTimeout(once(client, 'ready'), timeoutMs).then(
      () => true,
      () => false,
    );
  }

  private async withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)));
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Each connection quits (its replies read first), or is dropped if that
   * does not come within QUIT_TIMEOUT_MS: a connection still reconnecting
   * (Redis was away, retried forever) would otherwise hold the shutdown.
   */
  async onApplicationShutdown(): Promise<void> {
    await stoppingStep(
      'Redis: connections quitting',
      Promise.all(this.connections.map((connection) => this.withTimeout(connection.quit(), QUIT_TIMEOUT_MS).catch(() => connection.disconnect()))),
    );
  }
}
