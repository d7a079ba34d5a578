import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { LiveBus } from './live-bus.js';
import { WebSessionGuard, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

const KEEP_ALIVE_MS = 25_000;

/** Server-Sent Events: `incident` with {incidentId, type} whenever an incident changes; `notification` when one of the reader's arrives (made by any API or worker process). */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('events')
export class LiveController {
  constructor(private readonly bus: LiveBus) {}

  @Get()
  async stream(@Req() request: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    // Opened once this process hears the others: nothing committed after the page sees the stream open is missed.
    await this.bus.listening();
    if (request.raw.destroyed || raw.destroyed) return;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'content-security-policy': "default-src 'none'",
    });
    raw.write('retry: 3000\n\n');
    const unsubscribe = this.bus.subscribe(
      (event) => raw.write(`event: incident\ndata: ${JSON.stringify(event)}\n\n`),
      () => raw.end(),
    );
    const unsubscribeNotifications = this.bus.subscribeNotifications(request.user!.id, () => raw.write('event: notification\ndata: {}\n\n'));
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      unsubscribeNotifications();
    });
  }
}
