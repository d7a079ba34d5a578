// The query plans of the read paths, on a seeded database: Calumet's API in
// this process, every SELECT a request runs recorded and explained (SQLite
// EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN), as test/read-plans.e2e-spec.ts
// does on a small one.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { PinoLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/app-config.js';
import { REDIS_URL } from './harness.js';

export interface PlannedQuery {
  query: string;
  plan: string[];
}

export async function explainReads(databaseUrl: string, token: string, prefix: string, paths: Record<string, string>): Promise<Record<string, PlannedQuery[]>> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, REDIS_URL, REDIS_PREFIX: prefix, CALUMET_ROLES: 'api', CALUMET_ADMIN_TOKEN: token, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
  const { http } = await createApp(config, PinoLogger.create('warn'));
  const app = http as NestFastifyApplication;
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const postgres = dataSource.options.type === 'postgres';
  const plans: Record<string, PlannedQuery[]> = {};
  try {
    for (const [name, path] of Object.entries(paths)) {
      const seen: Array<{ query: string; parameters: unknown[] }> = [];
      const logQuery = dataSource.logger.logQuery.bind(dataSource.logger);
      dataSource.logger.logQuery = (query, parameters) => {
        if (/^\s*(SELECT|WITH)\b/i.test(query) && !/FROM "users"/.test(query)) seen.push({ query, parameters: parameters ?? [] });
      };
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      dataSource.logger.logQuery = logQuery;
      if (response.statusCode !== 200) throw new Error(`GET ${path}: ${response.statusCode} ${response.body}`);
      plans[name] = [];
      for (const { query, parameters } of seen) {
        const rows = (await dataSource.query(`${postgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${query}`, parameters)) as Array<Record<string, string>>;
        plans[name].push({ query, plan: rows.map((row) => (postgres ? row['QUERY PLAN']! : row['detail']!)) });
      }
    }
  } finally {
    await app.close();
  }
  return plans;
}
