import { Module, type DynamicModule } from '@nestjs/common';
import { HooksModule } from '../common/hooks.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EvidenceStoreModule } from '../evidence/evidence-store.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { SealsModule } from '../seals/seals.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { TimelineModule } from '../timeline/timeline.module.js';
import { RestoreVerifier } from './restore-verifier.js';

/** What `npm run restore` boots to check a restored desk with the desk's own code: no HTTP, no queue, no Redis. */
@Module({})
export class RestoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RestoreModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, HooksModule, TimelineModule, SettingsModule, IncidentsModule, SealsModule, EvidenceStoreModule],
      providers: [RestoreVerifier],
    };
  }
}
