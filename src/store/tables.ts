import { Collection } from './collection.js';
import { type CollectionName, type Records, recordSchemas } from './schema.js';

export type Tables = { readonly [K in CollectionName]: Collection<Records[K]> };

/** Fresh, empty tables with the secondary indexes the services query by. */
export function createTables(): Tables {
  const tables = Object.fromEntries(
    Object.keys(recordSchemas).map((name) => [name, new Collection()]),
  ) as unknown as Tables;
  tables.members.defineIndex('community', (m) => m.communityId);
  return tables;
}
