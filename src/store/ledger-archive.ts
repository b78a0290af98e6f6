import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_MODE, fsyncDir, writeFileDurably } from './durable-file.js';
import { type LedgerEntry, LedgerEntrySchema } from './schema.js';

/**
 * Points entries older than the archive age leave memory for an append-only file per community,
 * DATA_DIR/ledger-archive/<community>.jsonl, one entry a line. Day to day only balances matter
 * (cached on the member, with the archived sums); the archive is read by /mydata, /forget and export.
 *
 * Crash safety: the store appends and fsyncs here first, and only then commits the transaction
 * that removes the entries from memory. A crash between the two leaves an entry both here and in
 * the live ledger (and the next compaction appends it again), so every reader dedupes by entry id
 * and the archived sums are only ever moved by the removing transaction: nothing counts twice.
 */

export const ARCHIVE_DIR = 'ledger-archive';

export function archiveFile(dataDir: string, communityId: string): string {
  // Community ids are `platform:chatId`; chat ids may hold characters a file name cannot.
  return join(dataDir, ARCHIVE_DIR, `${encodeURIComponent(communityId)}.jsonl`);
}

/** Archive operations on one file run one after another (a compaction's append vs a /forget rewrite). */
const queues = new Map<string, Promise<unknown>>();

function serial<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => {});
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return next;
}

/** Appends entries to a community's archive and returns once they are on disk. */
export function appendArchive(dataDir: string, communityId: string, entries: LedgerEntry[]): Promise<void> {
  const file = archiveFile(dataDir, communityId);
  return serial(file, async () => {
    if (entries.length === 0) return;
    await mkdir(join(dataDir, ARCHIVE_DIR), { recursive: true, mode: 0o700 });
    const handle = await open(file, 'a', FILE_MODE);
    try {
      await handle.write(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDir(join(dataDir, ARCHIVE_DIR));
  });
}

async function readLines(file: string): Promise<LedgerEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const byId = new Map<string, LedgerEntry>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    let parsed: ReturnType<typeof LedgerEntrySchema.safeParse>;
    try {
      parsed = LedgerEntrySchema.safeParse(JSON.parse(line));
    } catch {
      continue; // a torn last line from a crash mid-append: its removal was never committed
    }
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
  }
  return [...byId.values()];
}

/** A community's archived entries, oldest first, each id once. */
export function readArchive(dataDir: string, communityId: string): Promise<LedgerEntry[]> {
  const file = archiveFile(dataDir, communityId);
  return serial(file, () => readLines(file));
}

/** Rewrites a community's archive durably (temp, fsync, rename): `change` maps every entry. */
export function rewriteArchive(
  dataDir: string,
  communityId: string,
  change: (entries: LedgerEntry[]) => LedgerEntry[],
): Promise<number> {
  const file = archiveFile(dataDir, communityId);
  return serial(file, async () => {
    const entries = await readLines(file);
    const next = change(entries);
    if (entries.length === 0 && next.length === 0) return 0;
    await mkdir(join(dataDir, ARCHIVE_DIR), { recursive: true, mode: 0o700 });
    await writeFileDurably(file, next.map((e) => `${JSON.stringify(e)}\n`).join(''));
    return next.length;
  });
}

/** Live entries first, then archived ones not also live (a crash can leave an entry in both). */
export function mergeLedger(live: LedgerEntry[], archived: LedgerEntry[]): LedgerEntry[] {
  const ids = new Set(live.map((e) => e.id));
  return [...live, ...archived.filter((e) => !ids.has(e.id))];
}
