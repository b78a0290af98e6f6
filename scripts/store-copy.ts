/**
 * npm run store:copy -- --from SRC --to DST [--live] [--data-dir DIR]
 *
 * Copies every record of one store into another, empty one: SRC and DST are each a data dir path
 * or a postgres:// URL (JSON → PostgreSQL, back, dir → dir, database → database). Writes through
 * the target store itself, then reads the target back and compares every collection's count and
 * checksum. Refuses, writing nothing, when the target holds records or the source is in use by a
 * running bot (--live copies its committed state anyway). The files beside the records (pictures,
 * the points archive) are copied when the two sides keep them in different folders; a PostgreSQL
 * side keeps them in --data-dir, else DATA_DIR, else ./data. See README "Moving data between stores".
 */
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SystemClock } from '../src/core/clock.js';
import { CopyRefusedError, type CopyReport, copyStore, parsePlace, placeName } from '../src/store/copy.js';
import { dataDir } from './data-dir.js';

const USAGE =
  'usage: npm run store:copy -- --from DATA_DIR|postgres://… --to DATA_DIR|postgres://… [--live] [--data-dir DIR]\n';

/**
 * The verification as a table: every collection holding records, and any that differs; the empty
 * ones that stayed empty are counted on one line rather than listed.
 */
function table(report: CopyReport): string {
  const shown = report.checks.filter((c) => c.records > 0 || !c.ok);
  const rows = shown.map((c) => [
    c.collection,
    String(c.records),
    c.checksum.slice(0, 12),
    c.ok ? 'ok' : 'DIFFERS',
  ]);
  const all = [['collection', 'records', 'checksum', 'ok'], ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i]!.length)));
  const lines = all.map(
    (r) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`,
  );
  const empty = report.checks.length - shown.length;
  if (empty > 0) lines.push(`(${empty} more collections are empty, and empty in the target too)`);
  return lines.join('\n');
}

function filesLine(report: CopyReport): string | undefined {
  const f = report.files;
  if (f.kind === 'none') return undefined;
  const what = `${f.files} ${f.files === 1 ? 'file' : 'files'} beside the records (pictures, points archive, exports)`;
  if (f.kind === 'shared')
    return `files: ${what} stay in ${f.dir}, the DATA_DIR of both stores; nothing to move`;
  const already = f.files - f.copied;
  return `files: copied ${what} from ${f.from} to ${f.to}${already > 0 ? ` (${already} were there already, the same)` : ''}; run the bot on the target with DATA_DIR=${f.to}`;
}

async function main(): Promise<number> {
  let values: { from?: string; to?: string; live?: boolean; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        live: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.from || !values.to) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const from = parsePlace(values.from);
    const to = parsePlace(values.to);
    const report = await copyStore({
      from,
      to,
      live: values.live === true,
      dataDir: values['data-dir'] ? resolve(values['data-dir']) : dataDir(),
      clock: new SystemClock(),
    });
    process.stdout.write(`${table(report)}\n`);
    const files = filesLine(report);
    if (files) process.stdout.write(`${files}\n`);
    if (report.live)
      process.stdout.write(
        `live: a bot was running on ${placeName(from)}; this is its committed state when the copy began, and misses what it committed later\n`,
      );
    if (report.mismatch) {
      process.stderr.write(
        `tuanbot: the copy in ${placeName(to)} differs from the source in ${report.mismatch}; do not use it (empty it and copy again)\n`,
      );
      return 1;
    }
    process.stdout.write(
      `copied ${report.records} records in ${report.collections} collections; every count and checksum matches\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CopyRefusedError) {
      process.stderr.write(`tuanbot: not copied: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
