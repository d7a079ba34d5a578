import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Seal } from './seal.entity.js';
import { SealsController } from './seals.controller.js';
import { SealsService } from './seals.service.js';

/** Seals of every timeline, made daily and on demand, sent outside Calumet. */
@Module({
  imports: [TypeOrmModule.forFeature([Seal]), NotificationsModule],
  controllers: [SealsController],
  providers: [SealsService],
  exports: [SealsService],
})
export class SealsModule {}
