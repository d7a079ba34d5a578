import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * TypeORM switches sqlite3 to verbose mode, which captures a stack trace on
 * every query (a fifth of the CPU of a write). Hand it the module with
 * `verbose()` as a no-op.
 */
const quietSqlite = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/** Schema comes from migrations that run at start; `synchronize` is never on. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = {
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.database.type === 'sqlite') {
    return { ...common, type: 'sqlite', driver: quietSqlite, database: config.database.path, enableWAL: true, busyTimeout: 10_000 };
  }
  return { ...common, type: 'postgres', url: config.database.url, extra: { max: 10 } };
}
