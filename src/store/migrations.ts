import { SCHEMA_VERSION } from './schema.js';

/** Turns a snapshot of version N into version N+1 (raw JSON in, raw JSON out). */
export type Migration = (snapshot: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they upgrade from. Version 1 is the first released layout, so there
 * are none yet; add `1: (s) => …` together with bumping SCHEMA_VERSION.
 */
export const MIGRATIONS: Record<number, Migration> = {};

export class UnsupportedVersionError extends Error {}

/** Brings a raw snapshot up to `target`, one version at a time. */
export function migrate(
  raw: Record<string, unknown>,
  migrations: Record<number, Migration> = MIGRATIONS,
  target = SCHEMA_VERSION,
): Record<string, unknown> {
  let snapshot = raw;
  let version = typeof snapshot.version === 'number' ? snapshot.version : Number.NaN;
  if (!Number.isInteger(version)) throw new UnsupportedVersionError('it has no schema version');
  if (version > target) {
    throw new UnsupportedVersionError(
      `it was written by a newer tuanbot (schema ${version}, this one reads up to ${target}); upgrade tuanbot`,
    );
  }
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new UnsupportedVersionError(`no migration from schema ${version}`);
    snapshot = { ...step(snapshot), version: version + 1 };
    version++;
  }
  return snapshot;
}
