import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectionName } from '../schema.js';

/**
 * How the store's collections map onto PostgreSQL (migrations/*.sql): one table per collection,
 * named in snake_case (`ledgerRollups` → `ledger_rollups`), with the columns id, community_id, pos
 * and record (the record's JSON).
 */

/** The table holding a collection. Names come from recordSchemas only, never from input. */
export function tableOf(collection: CollectionName): string {
  return collection.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Collections whose id is the community's id (they hold no communityId field). */
const KEYED_BY_COMMUNITY: ReadonlySet<CollectionName> = new Set([
  'communities',
  'topicState',
  'reportDigests',
]);

/**
 * The community a record belongs to, for the community_id column: its communityId field, or its
 * id for the collections keyed by community; null for bot-wide rows (processed event ids, a
 * private message owed to a member outside any community).
 */
export function communityOf(collection: CollectionName, record: { id: string }): string | null {
  if (KEYED_BY_COMMUNITY.has(collection)) return record.id;
  const community = (record as { communityId?: unknown }).communityId;
  return typeof community === 'string' ? community : null;
}

/**
 * The folder of SQL migrations (node-pg-migrate runs them in file name order): `migrations/` at
 * the package root, found by walking up from this module (src/… under tsx, dist/src/… when built).
 */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations')))
      return join(dir, 'migrations');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the migrations folder of tuanbot');
    dir = parent;
  }
}

/** The table node-pg-migrate records the migrations it ran in. */
export const MIGRATIONS_TABLE = 'pgmigrations';
