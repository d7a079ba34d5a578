// Packages the Jest module registry loads as one file each instead of hundreds: every test file that loads the app
// loads them again (Jest gives each test file a registry of its own), and a module costs Jest a resolution, a read and
// a compile whatever its size. Used only by the packages named below, none of whose classes another package checks
// with instanceof against a copy of its own: es-toolkit/compat (428 ES modules, for @nestjs/swagger), rxjs (226, for
// Nest; rxjs/operators from the same build, sharing its modules) and libphonenumber-js/max (73, for class-validator).
// Built with esbuild into node_modules/.cache/ once per version of each, by jest.config.js; the app's own bundle
// (scripts/bundle.mjs) is another matter. Remove the folder to build them again.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Each package's build: the specifiers it answers (→ the built file), from what esbuild reads them, and how. */
const PACKAGES = [
  { name: 'es-toolkit', entries: { 'es-toolkit/compat': 'compat' }, format: 'esm', platform: 'neutral', conditions: ['import'] },
  // rxjs's ES2015 modules (Jest loads its CommonJS build, file by file: its exports name `node` first, which a build
  // for Node would take too).
  { name: 'rxjs', entries: { rxjs: 'index', 'rxjs/operators': 'operators' }, format: 'esm', platform: 'neutral', conditions: ['es2015'] },
  // class-validator, CommonJS, requires it: its CommonJS build, as one CommonJS file.
  { name: 'libphonenumber-js', entries: { 'libphonenumber-js/max': 'max' }, format: 'cjs', platform: 'node', conditions: [] },
];

/** Builds what is missing; answers Jest's moduleNameMapper entries (`^specifier$` → built file). */
export async function jestVendor() {
  const mapper = {};
  for (const pkg of PACKAGES) {
    const dir = join(root, 'node_modules', '.cache', 'calumet-jest-vendor', `${pkg.name}@${version(pkg.name)}`);
    const extension = pkg.format === 'esm' ? '.mjs' : '.cjs';
    if (!existsSync(join(dir, 'built'))) {
      const making = `${dir}.${process.pid}`;
      rmSync(making, { recursive: true, force: true });
      await build({
        absWorkingDir: root,
        // A CommonJS build from the file Node's require takes (an entry's own resolution would take the ES one).
        entryPoints: Object.fromEntries(Object.entries(pkg.entries).map(([specifier, out]) => [out, pkg.format === 'cjs' ? createRequire(join(root, 'package.json')).resolve(specifier) : specifier])),
        outdir: making,
        outExtension: { '.js': extension },
        bundle: true,
        splitting: pkg.format === 'esm',
        format: pkg.format,
        platform: pkg.platform,
        mainFields: ['module', 'main'],
        target: 'node20',
        conditions: pkg.conditions,
        logLevel: 'error',
      });
      writeFileSync(join(making, 'built'), '');
      // Another Jest process may have built it meanwhile, and be reading it: its build is kept, ours dropped. A build
      // left half-made (no `built` mark) is replaced.
      if (existsSync(join(dir, 'built'))) rmSync(making, { recursive: true, force: true });
      else {
        rmSync(dir, { recursive: true, force: true });
        renameSync(making, dir);
      }
    }
    for (const [specifier, out] of Object.entries(pkg.entries)) mapper[`^${specifier.replace(/[/.]/g, (c) => `\\${c}`)}$`] = join(dir, `${out}${extension}`);
  }
  return mapper;
}
