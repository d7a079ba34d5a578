import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { SearchModule } from '../search/search.module.js';
import { DossierModule } from '../dossier/dossier.module.js';
import { ImportsModule } from '../imports/imports.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { UsersModule } from '../users/users.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { ExportsModule } from '../exports/exports.module.js';
import { ExportPagesController } from './export-pages.controller.js';
import { PostsModule } from '../posts/posts.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PublicNoticesModule } from '../public-notices/public-notices.module.js';
import { PublicNoticeGate } from './public-notice-gate.js';
import { PublicNoticesApiController } from './public-notices-api.controller.js';
import { ReportPagesController } from './report-pages.controller.js';
import { NotificationsPagesController } from './notifications-pages.controller.js';
import { AccountPagesController } from './account-pages.controller.js';
import { AccountSessionsController } from './account-sessions.controller.js';
import { AssetsController } from './assets.controller.js';
import { CasePagesController } from './case-pages.controller.js';
import { DeskPagesController } from './desk-pages.controller.js';
import { IncidentPageReader } from './incident-page.reader.js';
import { IncidentPagesController, ReminderFormsController } from './incident-pages.controller.js';
import { LiveModule } from './live.module.js';
import { LoginLimiter } from './login-limiter.js';
import { SecurityLog } from '../common/security-log.js';
import { LiveController } from './live.controller.js';
import { LegalPagesController } from './legal-pages.controller.js';
import { LettersPagesController } from './letters-pages.controller.js';
import { LettersModule } from '../letters/letters.module.js';
import { CommitmentFormsController } from './commitment-forms.controller.js';
import { PrescriptionFormsController } from './prescription-forms.controller.js';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module.js';
import { SessionKeyService } from './session-key.service.js';
import { SettingsModule } from '../settings/settings.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { SignalsPagesController } from './signals-pages.controller.js';
import { RetentionPagesController } from './retention-pages.controller.js';
import { RetentionModule } from '../retention/retention.module.js';
import { PrivacyModule } from '../privacy/privacy.module.js';
import { SignInController } from './sign-in.controller.js';
import { WebErrorsFilter } from './web-errors.filter.js';
import { WebSessionGuard } from './web-context.js';

/** The web desk: server-rendered pages over the features' services (bootstrap registers its plugins). */
@Module({
  imports: [UsersModule, IncidentsModule, CommentsModule, RemindersModule, SuggestionsModule, DossierModule, AgendaModule, LegalNoticesModule, SearchModule, DeadlinesModule, ImportsModule, CasesModule, CommitmentsModule, EvidenceModule, PartiesModule, PostsModule, SignalsModule, SettingsModule, NotificationsModule, LettersModule, PrescriptionsModule, CalendarModule, ExportsModule, PublicNoticesModule, LiveModule, RetentionModule, PrivacyModule],
  controllers: [AssetsController, SignInController, AccountSessionsController, CasePagesController, DeskPagesController, IncidentPagesController, ReminderFormsController, LiveController, LegalPagesController, LettersPagesController, CommitmentFormsController, SignalsPagesController, RetentionPagesController, NotificationsPagesController, AccountPagesController, PrescriptionFormsController, ExportPagesController, ReportPagesController, PublicNoticesApiController],
  providers: [SessionKeyService, LoginLimiter, SecurityLog, WebSessionGuard, WebErrorsFilter, IncidentPageReader, PublicNoticeGate],
})
export class WebModule {}
