// `pnpm build`: the web app (Vite, apps/web/dist) and the API server and CLI (esbuild,
// apps/api/dist), each rebuilt only when one of its inputs changed since its last build.
//
// A build leaves a stamp in its dist folder: the hash of every input's content. A start then
// costs a hash of about a megabyte of sources, not a build; a changed, added or removed input
// (or a changed lock file) gives another hash and a rebuild. Plain JavaScript, so that the
// check itself needs no compiler.
//
//   node scripts/build.mjs               both, if needed
//   node scripts/build.mjs --only=api    the API alone (what the CLI needs)
//   node scripts/build.mjs --quiet       nothing on stdout (the CLI's output is its own)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.build-stamp';
const API_DIST = join(ROOT, 'apps/api/dist');
const WEB_DIST = join(ROOT, 'apps/web/dist');
const THIS_FILE = 'scripts/build.mjs';
/** What every build depends on beside its sources: versions of everything, the compiler options. */
const SHARED_INPUTS = [THIS_FILE, 'pnpm-lock.yaml', 'tsconfig.base.json'];

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const isQuiet = args.includes('--quiet');
const say = (line) => (isQuiet ? process.stderr : process.stdout).write(`${line}\n`);

/** Every file under `dirs` (repository-relative), sorted, without tests or build output. */
function filesUnder(dirs) {
  const files = [];
  const walk = (rel) => {
    const abs = join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isFile()) {
      files.push(rel);
      return;
    }
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      walk(join(rel, entry.name));
    }
  };
  for (const dir of dirs) walk(dir);
  return files.sort();
}

/** The hash of the inputs' names and contents; a missing input counts as a change. */
function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(ROOT, file)));
    } catch {
      hash.update('\0missing\0');
    }
  }
  return hash.digest('hex');
}

/** The stamp of the last build of `dist`: its inputs and their hash then, or null. */
function readStamp(dist) {
  try {
    return JSON.parse(readFileSync(join(dist, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * True when the last build's outputs are there and its inputs are unchanged: `inputs` as they
 * are now (a folder's files, so that an added one counts), or by default the list the build
 * recorded (the files a bundle was made of: a new one is only used if a recorded one changed).
 */
function isUpToDate(dist, outputs, inputs) {
  const stamp = readStamp(dist);
  if (stamp === null || !outputs.every((file) => existsSync(join(dist, file)))) return false;
  return hashOf(inputs ?? stamp.inputs) === stamp.hash;
}

function writeStamp(dist, inputs) {
  writeFileSync(join(dist, STAMP), JSON.stringify({ hash: hashOf(inputs), inputs }));
}

// ——— the web app ———

/** Vite's inputs: the app, the two packages it imports, its configuration. */
function webInputs() {
  return [
    ...SHARED_INPUTS,
    ...filesUnder([
      'apps/web/src',
      'apps/web/public',
      'apps/web/index.html',
      'apps/web/vite.config.ts',
      'apps/web/package.json',
      'apps/web/tsconfig.json',
      'packages/core/src',
      'packages/core/package.json',
      'packages/contract/src',
      'packages/contract/package.json',
    ]),
  ].filter((file) => !/\.test\.tsx?$/.test(file));
}

function buildWeb() {
  const inputs = webInputs();
  if (isUpToDate(WEB_DIST, ['index.html'], inputs)) return;
  say('Building the web app (apps/web/dist) …');
  rmSync(join(WEB_DIST, STAMP), { force: true });
  const vite = spawnSync(join(ROOT, 'apps/web/node_modules/.bin/vite'), ['build'], {
    cwd: join(ROOT, 'apps/web'),
    stdio: ['ignore', isQuiet ? process.stderr : 'inherit', 'inherit'],
  });
  if (vite.status !== 0) throw new Error(`vite build failed (${vite.status ?? vite.signal})`);
  writeStamp(WEB_DIST, inputs);
}

// ——— the API server and the CLI ———

const API_ENTRIES = ['server', 'targetline', 'summary-worker'];
/**
 * Compiled into the bundle rather than imported: our workspace packages (TypeScript sources),
 * and TypeBox, which the contract's schemas are made of: as 709 small ES modules it took
 * 0.35 s of a 1.5 s start to load, as part of the bundle a few milliseconds.
 */
const BUNDLED = ['@targetline', 'typebox'];

/**
 * One ESM bundle per entry for Node: our TypeScript (the API and the workspace packages) is
 * compiled in; every package from node_modules stays outside, imported from the file it
 * resolves to now (a pnpm workspace gives apps/api no link to drizzle-orm or pg, which only
 * packages/db declares), by a path relative to the bundle, so a moved checkout still runs.
 */
async function buildApi() {
  if (
    isUpToDate(
      API_DIST,
      API_ENTRIES.map((entry) => `${entry}.js`),
    )
  )
    return;
  say('Building the API (apps/api/dist) …');
  const started = performance.now();
  const esbuild = await import('esbuild');
  const builtins = new Set(builtinModules);
  rmSync(API_DIST, { recursive: true, force: true });
  const toOutDir = (abs) => {
    const rel = relative(API_DIST, abs).split(sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  /** @type {import('esbuild').Plugin} */
  const plugin = {
    name: 'targetline',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('node:') || builtins.has(args.path)) {
          return { path: args.path, external: true };
        }
        if (args.pluginData === 'resolving') return;
        if (BUNDLED.some((name) => args.path === name || args.path.startsWith(`${name}/`))) return;
        const found = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'resolving',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: toOutDir(found.path), external: true };
      });
      // Our sources find files beside them (migrations, the demo data) from import.meta.url:
      // inside the bundle it must still name the source file, not the bundle.
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return;
        const url = `new URL(${JSON.stringify(toOutDir(args.path))}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: API_ENTRIES.map((entry) => `apps/api/src/${entry}.ts`),
    outdir: API_DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Node's own conditions: the file an import resolves to is the one node would load.
    conditions: ['node'],
    mainFields: ['main'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [plugin],
  });
  // Its service process ends now, not after this one: `pnpm start` goes on to the server.
  await esbuild.stop();
  const inputs = [
    ...SHARED_INPUTS,
    'apps/api/package.json',
    ...Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules')),
    ...filesUnder(['packages']).filter((file) => file.endsWith('package.json')),
  ];
  writeStamp(API_DIST, inputs);
  say(`Built the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

try {
  if (only === undefined || only === 'web') buildWeb();
  if (only === undefined || only === 'api') await buildApi();
  if (only !== undefined && only !== 'web' && only !== 'api') throw new Error(`--only=${only}?`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
