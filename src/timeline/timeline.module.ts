import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelineErasure } from './timeline-erasure.entity.js';
import { TimelineEvent } from './timeline-event.entity.js';
import { TimelinePersonalValue } from './timeline-personal-value.entity.js';
import { TimelineRemoval } from './timeline-removal.entity.js';
import { TimelineListeners } from './timeline-listeners.js';
import { TimelineService } from './timeline.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TimelineEvent, TimelinePersonalValue, TimelineErasure, TimelineRemoval])],
  providers: [TimelineService, TimelineListeners],
  exports: [TimelineService],
})
export class TimelineModule {}
