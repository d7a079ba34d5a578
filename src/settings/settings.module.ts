import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsEvent } from './settings-event.entity.js';
import { SettingsController } from './settings.controller.js';
import { SettingsTimelineService } from './settings-timeline.service.js';

/** The settings' own timeline (features with settings write to it through SettingsTimelineService). */
@Module({
  imports: [TypeOrmModule.forFeature([SettingsEvent])],
  controllers: [SettingsController],
  providers: [SettingsTimelineService],
  exports: [SettingsTimelineService],
})
export class SettingsModule {}
