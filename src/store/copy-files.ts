import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { LOCK_FILE } from './lock.js';

/**
 * The files both stores keep under DATA_DIR beside the records: deal, payment, ticket and review
 * pictures, the points archive (ledger-archive/), exports. Records name them by their path
 * relative to DATA_DIR, so a copy keeps that path. Not among them: the JSON store's own files
 * (state.json, the journal, the lock, its temp files), its backups/ (snapshots of the source's
 * records, not the target's: the target store takes its own) and the folders `npm run restore`
 * set aside (replaced-*).
 */

const STORE_FILES = new Set(['state.json', 'journal.jsonl', LOCK_FILE]);

function isStoreOwn(path: string): boolean {
  const top = path.split(sep)[0] ?? path;
  if (!path.includes(sep)) return STORE_FILES.has(path) || path.endsWith('.tmp');
  return top === 'backups' || top.startsWith('replaced-');
}

/** The data files under dir (paths relative to it, sorted); none when dir does not exist. */
export async function listDataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)),
  );
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (!isStoreOwn(path) && !path.endsWith('.tmp')) files.push(path);
  }
  return files.sort();
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  return (await readFile(a)).equals(await readFile(b));
}

/**
 * The files that would clash at the target (there with other content), for refusing before
 * anything is written. A file already there with the same content is not a clash.
 */
export async function clashingFiles(from: string, to: string, files: readonly string[]): Promise<string[]> {
  const clashes: string[] = [];
  for (const file of files) {
    const there = await stat(join(to, file)).catch(() => undefined);
    if (there && !(await sameContent(join(from, file), join(to, file)))) clashes.push(file);
  }
  return clashes;
}

/**
 * Copies the files into `to` under the same relative paths, owner-only folders as the store makes
 * them, leaving any already there (clashingFiles said they are the same). Returns how many were
 * copied. Rejects with the file system's error (disk full).
 */
export async function copyDataFiles(from: string, to: string, files: readonly string[]): Promise<number> {
  let copied = 0;
  for (const file of files) {
    const target = join(to, file);
    if (await stat(target).catch(() => undefined)) continue;
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(join(from, file), target);
    copied++;
  }
  return copied;
}
