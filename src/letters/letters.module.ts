import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentsModule } from '../comments/comments.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { LetterTemplate } from './letter-template.entity.js';
import { LettersController } from './letters.controller.js';
import { LettersService } from './letters.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LetterTemplate]), LegalNoticesModule, CommentsModule, EvidenceModule, IncidentsModule, PostsModule, SettingsModule],
  controllers: [LettersController],
  providers: [LettersService],
  exports: [LettersService],
})
export class LettersModule {}
