/**
 * npm run export -- --community ID > community.json
 * Writes everything one community owns (members, points, orders, deals, referrals …) as JSON on
 * stdout. Reads the committed state (the data dir as it is on disk, or the PostgreSQL database
 * when DATABASE_URL is set) without the lock or lease; safe while the bot runs. The points
 * archive is read from DATA_DIR on both.
 */
import { parseArgs } from 'node:util';
import { exportCommunity } from '../src/services/transfer.js';
import { readArchive } from '../src/store/ledger-archive.js';
import { dataDir, readDataDir } from './data-dir.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { community: { type: 'string' } } });
  const tables = await readDataDir();
  if (!tables) return 1;
  const ids = [...tables.communities.values()].map((c) => `${c.id}  ${c.title}`);
  if (!values.community) {
    process.stderr.write(
      `usage: npm run export -- --community ID > file.json\ncommunities:\n  ${ids.join('\n  ') || '(none)'}\n`,
    );
    return 1;
  }
  const archived = await readArchive(dataDir(), values.community);
  const data = exportCommunity(tables, values.community, new Date(), archived);
  if (!data) {
    process.stderr.write(
      `No community ${values.community}. Communities:\n  ${ids.join('\n  ') || '(none)'}\n`,
    );
    return 1;
  }
  process.stdout.write(`${JSON.stringify(data)}\n`);
  return 0;
}

process.exitCode = await main();
