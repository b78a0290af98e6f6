import { mkdir, readdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FILE_MODE } from './durable-file.js';

/**
 * Files the bot writes to hand out (a /mydata export, an order CSV, a report's JSON and chart)
 * live in DATA_DIR/exports/. They are copies of what the store holds, made for one delivery, so
 * they do not stay: the exports job deletes each once it is older than `exports.keep` (and the
 * outbox no longer has to send it), and /forget deletes at once every one that names the member.
 */

export const EXPORTS_DIR = 'exports';
/**
 * Where charts and report JSON were written before they joined exports/: swept by the same rules,
 * so a data dir from an older version does not keep them for ever.
 */
const LEGACY_DIRS = ['reports'];
/** How long an export is kept by default (EXPORTS_KEEP). */
export const DEFAULT_EXPORTS_KEEP_MS = 24 * 3_600_000;

/** The folder of exports in a data dir. */
export function exportsDir(dataDir: string): string {
  return join(dataDir, EXPORTS_DIR);
}

/**
 * Writes an export owner-only under DATA_DIR/exports/ and returns its path. Its modification time
 * is set to `at`, the bot's clock: the keep period counts from there (the same as the wall clock
 * in production; in tests and the console the clock can be moved).
 */
export async function writeExport(
  dataDir: string,
  name: string,
  content: string | Uint8Array,
  at: Date,
): Promise<string> {
  const dir = exportsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  await writeFile(file, content, { mode: FILE_MODE });
  await utimes(file, at, at);
  return file;
}

/** Every export file (legacy folders included) with its modification time in ms. */
async function listExports(dataDir: string): Promise<{ path: string; mtimeMs: number }[]> {
  const found: { path: string; mtimeMs: number }[] = [];
  for (const dir of [EXPORTS_DIR, ...LEGACY_DIRS].map((d) => join(dataDir, d))) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile()) found.push({ path, mtimeMs: info.mtimeMs });
    }
  }
  return found;
}

/** Deletes a file; one already gone counts as deleted. */
async function remove(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Deletes the exports older than keepMs at `now`, except those in `owed` (paths a pending message
 * still has to send: deleted at a later sweep, once sent). Returns the paths deleted.
 */
export async function removeExpiredExports(
  dataDir: string,
  now: Date,
  keepMs: number,
  owed: ReadonlySet<string>,
): Promise<string[]> {
  const cutoff = now.getTime() - keepMs;
  const removed: string[] = [];
  for (const file of await listExports(dataDir)) {
    if (file.mtimeMs > cutoff || owed.has(file.path)) continue;
    if (await remove(file.path)) removed.push(file.path);
  }
  return removed;
}

/**
 * Deletes the exports about a member or naming them: files whose name starts with one of
 * `prefixes` (their own /mydata), and files holding their user id or a name they used as a whole
 * value (a CSV cell, a JSON string: an order CSV, a report's top referrers), so a short name does
 * not match inside other words. A file that also names others goes too; whoever asked for it can
 * ask again. Returns the paths deleted.
 */
export async function removeExportsNaming(
  dataDir: string,
  member: { prefixes: readonly string[]; userId: string; names: readonly string[] },
): Promise<string[]> {
  const values = [member.userId, ...member.names]
    .filter((v) => v.length > 0)
    // As the files write them too: a quote doubled in a CSV cell, escaped in a JSON string.
    .flatMap((v) => [v, v.replaceAll('"', '""'), JSON.stringify(v).slice(1, -1)]);
  // Bounded by what ends a CSV cell or a JSON string: quote, comma, tab, line break, or the file's
  // ends; after the `'` the order CSV puts before a cell starting with = + - @ (escape_formulas).
  const named = new RegExp(
    `(^|["\t,])'?(${[...new Set(values)].map(escapeRegExp).join('|')})($|["\t,\r\n])`,
    'mu',
  );
  const removed: string[] = [];
  for (const file of await listExports(dataDir)) {
    let about = member.prefixes.some((p) => basename(file.path).startsWith(p));
    if (!about) about = named.test(await readFile(file.path, 'utf8').catch(() => ''));
    if (about && (await remove(file.path))) removed.push(file.path);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
