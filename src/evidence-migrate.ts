import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/app-config.js';
import { EVIDENCE_STORES, type EvidenceStoreKind } from './config/env.dto.js';
import { dataSourceOptions } from './database/database.options.js';
import { evidenceStoreOf } from './evidence/evidence-store.js';
import { migrateEvidence } from './evidence/evidence-migration.js';

const USAGE = `npm run evidence:migrate [-- --from directory|postgres --to directory|postgres]
Copies every piece of evidence's bytes from one store to the other and verifies each against its SHA-256.
By default --to is the store EVIDENCE_STORE names (postgres on a PostgreSQL database) and --from the other one;
the directory store is EVIDENCE_DIR of this host.`;

/** `npm run evidence:migrate`: the bytes of one evidence store copied to the other, each verified (exit 1 if any is not). */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const kind = (name: 'from' | 'to', value: string | undefined, otherwise: EvidenceStoreKind): EvidenceStoreKind => {
    if (value === undefined) return otherwise;
    if (!(EVIDENCE_STORES as readonly string[]).includes(value)) throw new ConfigError([`--${name} must be directory or postgres`]);
    return value as EvidenceStoreKind;
  };
  const to = kind('to', values.to, config.evidenceStore);
  const from = kind('from', values.from, to === 'postgres' ? 'directory' : 'postgres');
  if (from === to) throw new ConfigError([`--from and --to are both ${to}: nothing to move`]);
  if (config.database.type !== 'postgres') throw new ConfigError(['the postgres evidence store needs a PostgreSQL DATABASE_URL']);
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`moving evidence from the ${from} store to the ${to} store (EVIDENCE_DIR ${config.evidenceDir})\n`);
    const result = await migrateEvidence(dataSource, evidenceStoreOf(from, config, dataSource), evidenceStoreOf(to, config, dataSource), (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`${result.moved} moved and verified, ${result.present} already there, ${result.failures.length} failed\n`);
    for (const failure of result.failures) process.stderr.write(`failed: ${failure}\n`);
    return result.failures.length ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(78);
    }
    process.stderr.write(`evidence:migrate failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
