import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { PageFetcher } from './page-fetcher.js';

/** Global: evidence captures pages with it, and commitment checks read live pages with it. */
@Global()
@Module({
  providers: [{ provide: PageFetcher, inject: [AppConfig], useFactory: (config: AppConfig) => new PageFetcher({ allowPrivate: config.fetchAllowPrivate, allowAddresses: config.fetchAllowAddresses }) }],
  exports: [PageFetcher],
})
export class FetcherModule {}
