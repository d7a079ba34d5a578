import { Module, type DynamicModule } from '@nestjs/common';
import { AgendaModule } from './agenda/agenda.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupModule } from './backup/backup.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { CommitmentsModule } from './commitments/commitments.module.js';
import { HooksModule } from './common/hooks.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { DossierModule } from './dossier/dossier.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { FetcherModule } from './fetcher/fetcher.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { LegalNoticesModule } from './legal-notices/legal-notices.module.js';
import { LettersModule } from './letters/letters.module.js';
import { PrescriptionsModule } from './prescriptions/prescriptions.module.js';
import { PageChecksModule } from './page-checks/page-checks.module.js';
import { PartiesModule } from './parties/parties.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PostsModule } from './posts/posts.module.js';
import { QueueModule } from './queue/queue.module.js';
import { RedisModule } from './queue/redis.module.js';
import { WorkerModule } from './queue/worker.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { SealsModule } from './seals/seals.module.js';
import { SearchModule } from './search/search.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { SignalsModule } from './signals/signals.module.js';
import { SuggestionsModule } from './suggestions/suggestions.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { UsersModule } from './users/users.module.js';
import { LiveModule } from './web/live.module.js';
import { WebModule } from './web/web.module.js';

/** The features, shared by both roles: the API serves their routes, the worker runs their jobs. */
const FEATURES = [
  UsersModule,
  PartiesModule,
  PostsModule,
  IncidentsModule,
  CommentsModule,
  NotificationsModule,
  RemindersModule,
  PageChecksModule,
  FetcherModule,
  DeadlinesModule,
  LegalNoticesModule,
  PrescriptionsModule,
  EvidenceModule,
  CommitmentsModule,
  DossierModule,
  PrivacyModule,
  LettersModule,
  SearchModule,
  SettingsModule,
  SignalsModule,
  SuggestionsModule,
  ImportsModule,
  SealsModule,
  AgendaModule,
  CalendarModule,
  ExportsModule,
  BackupModule,
  RetentionModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const api = config.hasRole('api');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        HooksModule,
        RedisModule,
        QueueModule,
        TimelineModule,
        ...FEATURES,
        LiveModule,
        ...(api ? [AuthModule.withDirectory(UsersModule), HealthModule, WebModule] : []),
        ...(config.hasRole('worker') ? [WorkerModule] : []),
      ],
    };
  }
}
