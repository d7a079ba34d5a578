import { Module, type DynamicModule, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { AuthGuard } from './auth.guard.js';
import { PrincipalDirectory } from './principal-directory.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/** Rate limit first, then the bearer token and the route's least role, on every route. */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule implements OnApplicationBootstrap {
  /** `directory`: the module exporting the PrincipalDirectory (UsersModule). */
  static withDirectory(directory: Type): DynamicModule {
    return { module: AuthModule, imports: [directory] };
  }

  constructor(
    private readonly config: AppConfig,
    private readonly users: PrincipalDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureBootstrapAdmin(this.config.adminToken, this.config.publicUrl);
  }
}
