import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { bearerToken } from '../common/bearer-token.js';
import { QueueService } from './queue.service.js';

export const DASHBOARD_PATH = '/admin/queues';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Who holds a token (the users feature, handed in by the bootstrap: plumbing imports no feature). */
export interface TokenHolders {
  findActiveByToken(token: string): Promise<{ role: string } | null>;
}

/** The password of an HTTP Basic header (any user name): how a browser sends the token. */
export function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
}

/** The host of an Origin header; null (never our host) when it is not a URL. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function refuse(reply: FastifyReply, statusCode: 401 | 403, message: string): FastifyReply {
  if (statusCode === 401) void reply.header('WWW-Authenticate', 'Basic realm="Calumet queues", charset="UTF-8"');
  return reply.code(statusCode).send({ statusCode, error: STATUS_CODES[statusCode], message });
}

/**
 * bull-board at /admin/queues, for admins only. It is outside /api and its
 * guards, so it checks the token itself: `Authorization: Bearer <token>`, or
 * HTTP Basic with the token as password, which a browser prompts for and
 * resends by itself. As a browser resends Basic credentials to any page
 * that asks, a state-changing request from another origin is refused.
 */
export async function mountQueueDashboard(http: NestFastifyApplication, users: TokenHolders): Promise<void> {
  const board = new BullBoardAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: http.get(QueueService).all().map((queue) => new BullMQAdapter(queue)), serverAdapter: board });

  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization) ?? basicPassword(request.headers.authorization);
    if (!token) return refuse(reply, 401, 'the queue dashboard needs an admin token: HTTP Basic with the token as password, or Authorization: Bearer <token>');
    const user = await users.findActiveByToken(token);
    if (!user) return refuse(reply, 401, 'the token is unknown or its user is inactive');
    if (user.role !== 'admin') return refuse(reply, 403, 'the queue dashboard is for admins');
    const origin = request.headers.origin;
    if (!SAFE_METHODS.includes(request.method) && origin && originHost(origin) !== request.headers.host) {
      return refuse(reply, 403, 'cross-origin changes to the queues are refused');
    }
  };

  const dashboard = async (scope: FastifyInstance) => {
    scope.addHook('onRequest', authorize);
    await scope.register(board.registerPlugin());
  };
  // Named: Fastify names an unnamed plugin by searching every loaded module's exports for it.
  await http.register(Object.assign(dashboard, { [Symbol.for('fastify.display-name')]: 'calumet-queue-dashboard' }), { prefix: DASHBOARD_PATH });
}
