import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/app-config.js';
import { RestoreModule } from './restore.module.js';
import { RestoreVerifier } from './restore-verifier.js';
import { restoreBackup, RestoreRefused } from './restore.js';

const USAGE = 'usage: npm run restore -- <backup dir> [--force]';

/**
 * `npm run restore -- <dir> [--force]`: restores a backup into the empty desk
 * the environment configures (DATABASE_URL, EVIDENCE_DIR), checking every
 * file against the manifest first and the restored timelines, seal and
 * evidence after, with the desk's own code. Prints what it checked; an
 * altered file is named and nothing is written.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrExit();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    await restoreBackup(config, args.positionals[0]!, {
      force: args.values.force,
      print,
      verify: async (manifest) => {
        const context = await NestFactory.createApplicationContext(RestoreModule.forRoot(config), { logger: ['error', 'warn'] });
        try {
          return await context.get(RestoreVerifier).verify(manifest, print);
        } finally {
          await context.close();
        }
      },
    });
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    for (const reason of error.reasons) process.stderr.write(`${reason}\n`);
    process.stderr.write(error.written ? 'restore FAILED its checks: do not use this desk; restore again with --force from a sound backup\n' : 'restore refused: nothing was written\n');
    return 1;
  }
  print('restore complete: every check passed');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`restore failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
