import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlineRule } from './deadline-rule.entity.js';
import { DeadlineRulesController } from './deadline-rules.controller.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([DeadlineRule])],
  controllers: [DeadlineRulesController],
  providers: [DeadlineRulesService],
  exports: [DeadlineRulesService],
})
export class DeadlinesModule {}
