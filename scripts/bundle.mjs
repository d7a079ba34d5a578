// The processes Calumet starts (`npm start`, the backup and restore tools, the evidence migration) as one bundle:
// dist/bundle/<entry>.js, built from what `tsc` wrote to dist/ (`npm run build` runs both).
//
// Node 20 loads the thousands of files of the app and its packages one by one (a stat, an open and a compile each,
// and CommonJS parsed again for ESM's named imports); one file starts with less of that work. The figures are in
// docs/architecture.md ("Layout", the build).
//
// A package stays outside the bundle, loaded from node_modules as before, when it cannot be bundled as is:
// - it is not installed (the drivers TypeORM names for databases Calumet does not use, Nest's optional packages);
// - it is native, or finds files of its own beside its code (`__dirname`, a URL made from `import.meta.url`):
//   bundled, those would point into dist/bundle/. Those are listed (READS_OWN_FILES); the build fails naming any other
//   package whose bundled code does so;
// - our code loads it only when needed, by a dynamic `import()` (playwright-core, for captures and PDFs; zxcvbn and its
//   dictionaries, 2.4 of the bundle's 14 MB, for a password being set): bundled, every start would read and parse it.
//   A package our code also imports statically fails the build, naming it (it would be loaded twice).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRIES = ['main', 'backup/backup-cli', 'backup/restore-cli', 'evidence-migrate'];
// A path made from the code's own place (a module resolved from it, createRequire(import.meta.url), is found the same
// from dist/bundle/: the same node_modules above it).
const OWN_FILES = /\b__dirname\b|\b__filename\b|new URL\([^)]*import\.meta\.url|fileURLToPath\(import\.meta\.url|node-gyp-build|\bbindings\(/;

/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Why a package, as code in `dir` would load it, stays outside the bundle, or null. Decided once a package and place. */
const outside = new Map();
function whyOutside(name, dir) {
  const require = createRequire(join(dir, 'index.js'));
  let manifest = null;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    // A package whose exports hide its package.json, or none installed.
  }
  const key = manifest ?? `${name} from ${dir}`;
  if (outside.has(key)) return outside.get(key);
  let why = null;
  if (!manifest) {
    try {
      require.resolve(name);
    } catch {
      why = 'not installed';
    }
  }
  if (!why && manifest) {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.gypfile || pkg.binary || 'install' in (pkg.scripts ?? {})) why = 'native';
  }
  outside.set(key, why && { name, why });
  return why;
}

/**
 * Packages whose code finds files beside it (OWN_FILES), left outside. A package that starts doing so fails the build,
 * naming the file, until it is added here.
 */
const READS_OWN_FILES = new Set(['@fastify/view', 'app-root-path', 'bullmq', 'ejs', 'ioredis', 'msgpackr', 'pino', 'sodium-native', 'thread-stream']);
const found = new Map();
/** Packages our code imports dynamically (left outside), and those it imports statically (bundled unless outside). */
const loadedWhenNeeded = new Set();
const importedStatically = new Set();
const NODE_MODULES = /[/\\]node_modules[/\\]/;

/**
 * @nestjs/typeorm reads `Connection` and `AbstractRepository` from TypeORM through `createRequire(import.meta.url)`
 * (its typeorm-compat.js: TypeORM 1 has neither), a require esbuild cannot follow: bundled, it loaded a second TypeORM,
 * the CommonJS one of node_modules, at every start (about a tenth of a start's CPU), and handed Nest that copy's
 * classes. Here the file reads both from the TypeORM the bundle holds, as an import; a missing export is undefined,
 * as the original makes it.
 */
const typeormCompat = {
  name: 'typeorm-compat',
  setup(bundle) {
    bundle.onLoad({ filter: /[/\\]@nestjs[/\\]typeorm[/\\]dist[/\\]common[/\\]typeorm-compat\.js$/ }, () => ({
      contents: "import * as typeorm from 'typeorm';\nconst exported = (name) => typeorm[name];\nexport const Connection = exported('Connection');\nexport const AbstractRepository = exported('AbstractRepository');\n",
      loader: 'js',
    }));
  },
};

const packages = {
  name: 'packages',
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path) || args.kind === 'entry-point') return null;
      const name = packageOf(args.path);
      if (!NODE_MODULES.test(args.importer)) {
        if (args.kind === 'dynamic-import') {
          loadedWhenNeeded.add(name);
          return { path: args.path, external: true };
        }
        importedStatically.add(name);
      }
      if (READS_OWN_FILES.has(name) || whyOutside(name, args.resolveDir || root)) return { path: args.path, external: true };
      return null;
    });
    bundle.onLoad({ filter: /[/\\]node_modules[/\\].*\.(c|m)?js$/ }, (args) => {
      const match = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(args.path.slice(args.path.lastIndexOf('node_modules')));
      const name = match?.[1].replace('\\', '/');
      if (name && !found.has(name) && OWN_FILES.test(readFileSync(args.path, 'utf8'))) found.set(name, args.path);
      return null;
    });
  },
};

/** Builds dist/bundle/ from dist/; fails if a package it would bundle finds files beside its code. */
export async function bundle({ outdir = join(root, 'dist', 'bundle'), quiet = false } = {}) {
  // Nothing of an earlier build left beside the new one.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(ENTRIES.map((entry) => [entry, join(root, 'dist', `${entry}.js`)])),
    outdir,
    bundle: true,
    // One file an entry, no shared chunks: split, esbuild hands a dynamic import() of a CommonJS package (Nest's
    // ValidationPipe loads class-transformer so) its default export alone, not the named ones Node gives.
    splitting: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'error',
    // CommonJS packages inside an ES module: `require` for the packages left outside.
    banner: { js: "import { createRequire as __calumetRequire } from 'node:module'; const require = __calumetRequire(import.meta.url);" },
    plugins: [typeormCompat, packages],
  });
  if (found.size > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`bundle: these packages find files beside their code, which bundled would point into ${outdir}: ${[...found].map(([name, file]) => `${name} (${file})`).join(', ')}. Add them to READS_OWN_FILES in scripts/bundle.mjs.`);
  }
  const twice = [...loadedWhenNeeded].filter((name) => importedStatically.has(name));
  if (twice.length > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`bundle: our code imports these packages both dynamically and statically, which would load them twice (bundled, and from node_modules when needed): ${twice.join(', ')}. Import each one way.`);
  }
  if (!quiet) {
    const left = [...new Set([...outside.values()].filter((left) => left && left.why !== 'not installed').map(({ name, why }) => `${name} (${why})`))];
    const lazily = [...loadedWhenNeeded].map((name) => `${name} (loaded when needed)`);
    console.log(`bundle: ${ENTRIES.length} entries in ${outdir}; outside: ${[...left, ...lazily, ...[...READS_OWN_FILES].map((name) => `${name} (reads its own files)`)].sort().join(', ')}`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
