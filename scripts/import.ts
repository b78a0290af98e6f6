/**
 * npm run import -- FILE [--as platform:chatId] [--replace]
 * Loads a community export into the store: the data dir, or the PostgreSQL database when
 * DATABASE_URL is set. It writes through the store, so the bot must be stopped (it takes the data
 * dir's lock or the database's lease, and refuses while a bot holds it).
 * --as moves the community to another group (e.g. a new Telegram group after moving servers);
 * --replace overwrites a community that already exists here.
 */
import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SystemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { importCommunity } from '../src/services/transfer.js';
import type { BotStore } from '../src/store/contract.js';
import { rewriteArchive } from '../src/store/ledger-archive.js';
import { openStore, StoreOpenError } from '../src/store/open-store.js';
import { LeaseHeldError } from '../src/store/postgres/lease.js';
import { databaseUrl, dataDir, storeName } from './data-dir.js';

/** BACKUP_KEEP_DAYS as the bot reads it: opening the JSON store prunes older backups. */
function backupKeepDays(): { backupKeepDays?: number } {
  const days = Number(process.env.BACKUP_KEEP_DAYS);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? { backupKeepDays: days } : {};
}

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
    process.stderr.write(`tuanbot: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  let store: BotStore;
  try {
    store = await openStore(
      { dataDir: dataDir(), databaseUrl: databaseUrl(), tool: true, ...backupKeepDays() },
      new SystemClock(),
      silentLogger,
    );
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    // The lease's own message suggests a standby, which means nothing for an import.
    const serving = error.cause instanceof LeaseHeldError;
    process.stderr.write(
      serving
        ? `tuanbot: a running tuanbot is serving ${storeName()}; stop it before importing (an import writes through the store and needs it to itself: stop every process serving it, standbys too). Nothing was changed.\n`
        : `tuanbot: ${error.message}\n`,
    );
    return 1;
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
