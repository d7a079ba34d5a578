import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { LessThan, MoreThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/problem.js';
import { hashToken } from '../auth/tokens.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from './user.entity.js';
import { WebSession } from './web-session.entity.js';

/** A session unused this long is over (the cookie's own life is the same). */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** Last seen is written at most this often per session: a page view costs a read, not a write. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

/** A live session as the web desk holds it for a request (its token hash stays here). */
export type LiveSession = Pick<WebSession, 'id' | 'userId' | 'userAgent' | 'address' | 'createdAt' | 'lastSeenAt'>;

export interface SessionMeta {
  userAgent?: string | undefined;
  address?: string | undefined;
}

/**
 * The web desk's sessions, kept in the database: every API process sees the
 * same ones, they survive restarts, and ending one (sign-out, a new password,
 * an admin, a deactivation) holds at once everywhere its cookie was copied.
 */
@Injectable()
export class WebSessionsService {
  private readonly logger = new Logger(WebSessionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  /** A new session for the person: the token for the cookie (never stored) and the row. */
  async start(userId: string, meta: SessionMeta, now = new Date()): Promise<{ token: string; session: WebSession }> {
    const token = randomBytes(32).toString('base64url');
    const session: WebSession = {
      id: newId(),
      userId,
      tokenHash: hashToken(token),
      userAgent: meta.userAgent?.slice(0, 300) || null,
      address: meta.address?.slice(0, 64) || null,
      createdAt: now,
      lastSeenAt: now,
    };
    await this.transactions.run(async (tx) => {
      await tx.manager.delete(WebSession, { userId, lastSeenAt: LessThan(new Date(now.getTime() - SESSION_IDLE_MS)) });
      await tx.manager.insert(WebSession, session);
    });
    return { token, session };
  }

  /**
   * The live session this token opens and its person (active only), or null.
   * Last seen moves on when it is older than LAST_SEEN_EVERY_MS.
   */
  async resolve(token: string, now = new Date()): Promise<{ session: WebSession; user: User } | null> {
    const session = await this.dataSource.manager.findOneBy(WebSession, { tokenHash: hashToken(token), lastSeenAt: MoreThan(new Date(now.getTime() - SESSION_IDLE_MS)) });
    if (!session) return null;
    const user = await this.dataSource.manager.findOneBy(User, { id: session.userId, active: true });
    if (!user) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
      try {
        await this.transactions.run((tx) => tx.manager.update(WebSession, { id: session.id, lastSeenAt: LessThan(new Date(now.getTime() - LAST_SEEN_EVERY_MS)) }, { lastSeenAt: now }));
        session.lastSeenAt = now;
      } catch (error) {
        // The page still opens: last seen is a courtesy to the reader, not a gate.
        this.logger.warn(`could not note a session as seen: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { session, user };
  }

  /** The person's live sessions, the most recently used first. */
  async list(userId: string, now = new Date()): Promise<WebSession[]> {
    return this.dataSource.manager.find(WebSession, {
      where: { userId, lastSeenAt: MoreThan(new Date(now.getTime() - SESSION_IDLE_MS)) },
      order: { lastSeenAt: 'DESC', id: 'ASC' },
    });
  }

  /** Ends the session this token opens (sign-out); nothing to do for one already over. */
  async endByToken(token: string): Promise<void> {
    await this.transactions.run((tx) => tx.manager.delete(WebSession, { tokenHash: hashToken(token) }));
  }

  /** Ends one of the person's sessions: 404 for a session that is not theirs or already over. */
  async end(userId: string, id: string): Promise<void> {
    const ended = await this.transactions.run((tx) => tx.manager.delete(WebSession, { id, userId }));
    if (!ended.affected) throw notFound('session', id);
  }

  /** Ends every session of the person but `keep`; answers how many ended. */
  async endAll(userId: string, keep?: string): Promise<number> {
    return this.transactions.run((tx) => endSessions(tx.manager, userId, keep));
  }
}

/** Ends every session of the person but `keep`, inside the caller's unit of work. */
export async function endSessions(manager: EntityManager, userId: string, keep?: string): Promise<number> {
  const ended = await manager.delete(WebSession, keep ? { userId, id: Not(keep) } : { userId });
  return ended.affected ?? 0;
}
