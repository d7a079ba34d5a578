import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/app-config.js';
import { writeBackup } from './backup-writer.js';

/**
 * `npm run backup -- --out <dir>`: writes one backup of the desk the
 * environment configures (DATABASE_URL, EVIDENCE_DIR) into `<dir>` (BACKUP_DIR
 * when left out) while it keeps taking writes, and prints its folder.
 */
async function main(): Promise<number> {
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ options: { out: { type: 'string', short: 'o' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: npm run backup -- --out <dir>\n`);
    return 2;
  }
  const config = loadConfigOrExit();
  const dir = out ?? config.backup.dir;
  if (!dir) {
    process.stderr.write('usage: npm run backup -- --out <dir> (or set BACKUP_DIR)\n');
    return 2;
  }
  const { path, manifest } = await writeBackup(config, dir, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`backup written: ${path} (${manifest.files.length} files, manifest.json last)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
