import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelineEvent } from './timeline-event.entity.js';
import { TimelineListeners } from './timeline-listeners.js';
import { TimelineService } from './timeline.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TimelineEvent])],
  providers: [TimelineService, TimelineListeners],
  exports: [TimelineService],
})
export class TimelineModule {}
