import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { LiveBus } from './live-bus.js';
import { LiveRelay } from './live-relay.js';

/**
 * The desk's live updates, in every process: an API serves the pages'
 * streams (WebModule), and a worker apart publishes what its jobs commit
 * (a reminder sent, a capture made) for the API processes to pass on.
 */
@Module({
  imports: [NotificationsModule],
  providers: [LiveBus, LiveRelay],
  exports: [LiveBus],
})
export class LiveModule {}
