/**
 * npm run restore                 lists the backups
 * npm run restore -- NAME|PATH    puts that backup in place of the current state
 *
 * The current state.json and journal are moved aside (not deleted) into data/replaced-<time>/.
 * Refuses while a tuanbot is running on the same data dir. The backups are the JSON store's: with
 * DATABASE_URL set it refuses and points to PostgreSQL's own tools (pg_dump / pg_restore).
 */
import 'dotenv/config';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { backupDir, listBackups, validateSnapshotFile } from '../src/store/backups.js';
import { fsyncDir } from '../src/store/durable-file.js';
import { acquireLock, DataDirLockedError } from '../src/store/lock.js';
import { databaseName } from '../src/store/open-store.js';
import { journalFile, snapshotFile } from '../src/store/store.js';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** With DATABASE_URL the records are in PostgreSQL: its backups are the database server's. */
function refuseOnPostgres(): number | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  console.error(
    [
      `DATABASE_URL is set: the records are in PostgreSQL (${databaseName(url)}), and npm run restore puts back the JSON store's backups only.`,
      "Back up and restore a database with PostgreSQL's tools, with every tuanbot on it stopped, e.g.:",
      '  pg_dump --format=custom --file=tuanbot.dump "$DATABASE_URL"',
      '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" tuanbot.dump',
      'To bring a JSON backup into PostgreSQL: restore it into an empty folder (DATA_DIR=./restored npm run restore -- PATH), then npm run store:copy -- --from ./restored --to "$DATABASE_URL" (into an empty database).',
    ].join('\n'),
  );
  return 1;
}

async function main(): Promise<number> {
  const refused = refuseOnPostgres();
  if (refused !== undefined) return refused;
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const wanted = process.argv[2];
  const backups = await listBackups(dataDir);
  if (!wanted) {
    if (backups.length === 0) {
      console.log(`No backups in ${backupDir(dataDir)}.`);
      return 0;
    }
    console.log(`Backups in ${backupDir(dataDir)} (newest first):`);
    for (const name of backups) {
      const ok = await validateSnapshotFile(join(backupDir(dataDir), name)).then(
        () => 'ok',
        (error: Error) => `unusable: ${error.message}`,
      );
      console.log(`  ${name}  ${ok}`);
    }
    console.log('Restore one with: npm run restore -- NAME');
    return 0;
  }
  // Held until the files are in place, so a bot started meanwhile waits for the next start.
  let release: () => Promise<void>;
  try {
    // A fresh machine restores a copied backup into a data dir that does not exist yet.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    release = await acquireLock(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const who = error.pid === undefined ? 'tuanbot' : `tuanbot (pid ${error.pid})`;
    console.error(`${who} is running on ${dataDir}; stop it before restoring.`);
    return 1;
  }
  try {
    return await restore(dataDir, wanted);
  } finally {
    await release();
  }
}

async function restore(dataDir: string, wanted: string): Promise<number> {
  const source = (await exists(wanted)) ? resolve(wanted) : join(backupDir(dataDir), basename(wanted));
  try {
    await validateSnapshotFile(source);
  } catch (error) {
    console.error(`Cannot restore ${source}: ${(error as Error).message}`);
    return 1;
  }
  const aside = join(dataDir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(aside, { recursive: true, mode: 0o700 });
  for (const file of [snapshotFile(dataDir), journalFile(dataDir)]) {
    if (await exists(file)) await rename(file, join(aside, basename(file)));
  }
  await copyFile(source, snapshotFile(dataDir));
  await fsyncDir(dataDir);
  console.log(`Restored ${source}. The previous files are in ${aside}.`);
  return 0;
}

process.exitCode = await main();
