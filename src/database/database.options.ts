import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Schema comes from migrations that run at start; `synchronize` is never on. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.database.type === 'sqlite') {
    return { ...common, type: 'sqlite', database: config.database.path, enableWAL: true, busyTimeout: 10_000 };
  }
  return { ...common, type: 'postgres', url: config.database.url, extra: { max: 10 } };
}
