import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { ENTRIES } from './bundle.mjs';

/** What `npm run build` (npm test's first step) made for `npm start`, read once. */
let main;
function builtMain() {
  const file = 'dist/bundle/main.js';
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  return (main ??= readFileSync(file, 'utf8'));
}

describe('bundle', () => {
  it('bundles an entry for each process Calumet starts, each from its own source file', () => {
    for (const entry of ENTRIES) expect({ entry, source: existsSync(`src/${entry}.ts`) }).toEqual({ entry, source: true });
  });

  it('is what npm start, the npm tools and the image run', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect({
      start: scripts.start,
      backup: scripts.backup,
      restore: scripts.restore,
      'evidence:migrate': scripts['evidence:migrate'],
    }).toEqual({
      start: 'node dist/bundle/main.js',
      backup: 'node dist/bundle/backup/backup-cli.js',
      restore: 'node dist/bundle/backup/restore-cli.js',
      'evidence:migrate': 'node dist/bundle/evidence-migrate.js',
    });
    for (const command of [scripts.start, scripts.backup, scripts.restore, scripts['evidence:migrate']]) {
      expect(ENTRIES).toContain(command.replace(/^node dist\/bundle\/(.+)\.js$/, '$1'));
    }
    expect(scripts.build).toBe('tsc -p tsconfig.build.json && node scripts/bundle.mjs');
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^CMD \["node", "dist\/bundle\/main\.js"\]$/m);
  });

  // One TypeORM, the bundled one: @nestjs/typeorm's own require of it (typeorm-compat.js) loaded a second, from
  // node_modules, at every start.
  it('holds the one TypeORM the app uses: nothing in it requires TypeORM from node_modules', () => {
    const text = builtMain();
    expect(text).toContain('// node_modules/@nestjs/typeorm/dist/common/typeorm-compat.js');
    expect(text).toContain('// node_modules/typeorm/');
    expect(text.match(/\brequire\d*\(\s*["']typeorm(\/[^"']*)?["']\s*\)/g)).toBeNull();
  });

  it('leaves outside what the app loads only when needed: the packages our code imports dynamically', () => {
    const bundled = new Set([...builtMain().matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((match) => match[1]));
    expect(bundled.has('typeorm')).toBe(true);
    for (const name of ['playwright-core', '@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en', '@zxcvbn-ts/language-fr']) {
      expect({ name, bundled: bundled.has(name) }).toEqual({ name, bundled: false });
    }
  });
});
