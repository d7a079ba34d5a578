import type { FastifyReply } from 'fastify';

/** A page (or a part of one) as the answer: never cached, since it shows what the reader may see now. */
export function send(reply: FastifyReply, status: number, body: string): void {
  void reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}
