import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsModule } from '../settings/settings.module.js';
import { PhrasesController } from './phrases.controller.js';
import { SignalPhrase } from './signal-phrase.entity.js';
import { SignalsController } from './signals.controller.js';
import { SignalsService } from './signals.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SignalPhrase]), SettingsModule],
  controllers: [SignalsController, PhrasesController],
  providers: [SignalsService],
  exports: [SignalsService],
})
export class SignalsModule {}
