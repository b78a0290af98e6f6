/**
 * npm run import -- FILE [--as platform:chatId] [--replace]
 * Loads a community export into this data dir (the bot must be stopped: it takes the lock).
 * --as moves the community to another group (e.g. a new Telegram group after moving servers);
 * --replace overwrites a community that already exists here.
 */
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SystemClock } from '../src/core/clock.js';
import { importCommunity } from '../src/services/transfer.js';
import { rewriteArchive } from '../src/store/ledger-archive.js';
import { DataDirLockedError } from '../src/store/lock.js';
import { Store, StoreLoadError } from '../src/store/store.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { as: { type: 'string' }, replace: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: npm run import -- FILE [--as platform:chatId] [--replace]\n');
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  let store: Store;
  try {
    store = await Store.open({ dir: resolve(process.env.DATA_DIR || './data'), clock: new SystemClock() });
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof StoreLoadError) {
      process.stderr.write(`tuanbot: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    const outcome = await store.mutate((tx) =>
      importCommunity(tx, raw, { ...(values.as ? { as: values.as } : {}), replace: values.replace ?? false }),
    );
    if (outcome.kind === 'invalid') {
      process.stderr.write(`Not imported: ${outcome.reason}. Nothing was changed.\n`);
      return 1;
    }
    if (outcome.kind === 'exists') {
      process.stderr.write(
        `Community ${outcome.community} already exists here; use --replace to overwrite it, or --as to import it as another group.\n`,
      );
      return 1;
    }
    await rewriteArchive(store.dir, outcome.community, () => outcome.archived);
    process.stdout.write(`Imported ${outcome.records} records as ${outcome.community}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
