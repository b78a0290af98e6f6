import 'dotenv/config';
import { resolve } from 'node:path';
import { readState, StoreLoadError } from '../src/store/store.js';
import type { Tables } from '../src/store/tables.js';

/** DATA_DIR as the bot resolves it. */
export function dataDir(): string {
  return resolve(process.env.DATA_DIR || './data');
}

/**
 * The data dir's state as it is on disk (no lock, no writes: safe beside a running bot), or
 * undefined after printing why it cannot be loaded.
 */
export async function readDataDir(): Promise<Tables | undefined> {
  try {
    return await readState(dataDir());
  } catch (error) {
    if (error instanceof StoreLoadError) {
      process.stderr.write(`tuanbot: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
