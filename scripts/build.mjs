// Compiles the TypeScript that `npm start` and the npm scripts run (src/, adapters/, commands/,
// scripts/, and bench/, whose workers measure the compiled code `npm start` runs) to JavaScript
// in dist/, beside the same tree: dist/src/main.js, dist/scripts/report.js, dist/bench/worker.js …
//
// esbuild rather than tsc: it transpiles the whole tree in well under a second on a small machine
// (tsc takes tens of seconds to type-check it), the tsconfig already keeps every file
// transpilable alone (isolatedModules, verbatimModuleSyntax), and type errors are `npm run check`'s
// job, not the start's. It is a production dependency because production builds too.
//
// Runs before every start (npm's pre-scripts), so it must be cheap when nothing changed: it
// fingerprints the sources and does nothing when dist/ was built from exactly those. Several may
// run at once (`npm run report` beside a starting bot, tests): each output file is replaced by a
// rename, so a process never reads a half-written module, and one whose content did not change is
// not touched at all.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'adapters', 'commands', 'dashboard', 'scripts', 'bench'];
// esbuild itself is imported only when there is something to build: loading it costs ~0.1 s.
const ESBUILD_VERSION = createRequire(import.meta.url)('esbuild/package.json').version;

/** Every .ts file (declarations left out) under the source folders, relative to root, sorted. */
async function sources(root) {
  const files = [];
  for (const folder of SOURCES) {
    const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(
      (error) => (error.code === 'ENOENT' ? [] : Promise.reject(error)),
    );
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      files.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
    }
  }
  return files.sort();
}

/**
 * What dist/ must have been built from: every source's path and content, this script and
 * esbuild's version. Content rather than modification times: a checkout that restores an older
 * file, or a touch, then rebuilds exactly when the code differs (hashing ~1 MB takes milliseconds).
 */
async function fingerprint(root, files) {
  const hash = createHash('sha256').update(`esbuild ${ESBUILD_VERSION}\n`);
  hash.update(await readFile(fileURLToPath(import.meta.url)));
  for (const file of files) hash.update(`\n${file}\n`).update(await readFile(join(root, file)));
  return hash.digest('hex');
}

/** Writes through a temp file and a rename, and only when the content changed. */
async function replace(file, contents) {
  const old = await readFile(file).catch(() => undefined);
  if (old?.equals(contents)) return false;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
  return true;
}

/** Deletes outputs whose source is gone, so a removed module cannot be imported from dist/. */
async function sweep(out, expected) {
  for (const folder of SOURCES) {
    const entries = await readdir(join(out, folder), { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const file = join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && !expected.has(file)) await rm(file, { force: true });
    }
  }
}

/**
 * Builds root/dist/ when the sources under root changed since the last build (root: the
 * checkout, by default the one this script is in). Returns how many files were written (0 when
 * dist/ was up to date). Throws esbuild's error on a syntax error, leaving dist/ as it was.
 */
export async function buildDist(root = ROOT) {
  const out = join(root, 'dist');
  const stamp = join(out, '.build-stamp');
  const files = await sources(root);
  const print = await fingerprint(root, files);
  if ((await readFile(stamp, 'utf8').catch(() => '')) === print) return 0;
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: files,
    outdir: out,
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name the TypeScript file and line (node --enable-source-maps reads these).
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
  });
  let written = 0;
  for (const output of result.outputFiles) if (await replace(output.path, output.contents)) written++;
  await sweep(out, new Set(result.outputFiles.map((o) => o.path)));
  await replace(stamp, Buffer.from(print));
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const written = await buildDist();
    // Quiet when up to date: this runs before every start, and stdout may be the console chat.
    if (written > 0)
      process.stderr.write(
        `tuanbot: compiled ${written} files to dist/ in ${Math.round(performance.now() - started)} ms\n`,
      );
  } catch (error) {
    process.stderr.write(`tuanbot: build failed: ${error.message}\n`);
    process.exit(1);
  }
}
