import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerBalance } from '../../src/services/points.js';
import { exportCommunity, importCommunity } from '../../src/services/transfer.js';
import { appendArchive, archiveFile, readArchive } from '../../src/store/ledger-archive.js';
import type { LedgerEntry } from '../../src/store/schema.js';
import { TestBot } from '../helpers/chat.js';

const C = 'memory:main';
const START = '2026-11-10T08:00:00Z';
/** 63 days later: every entry made on the first days is past the 60-day archive age. */
const LATER = '2027-01-12T08:00:00Z';

const pointsLine = (out: string[]) =>
  out.flatMap((message) => message.split('\n')).find((line) => line.includes('⭐')) ?? '';

async function history(t: TestBot): Promise<void> {
  const group = t.group();
  await group.as('owner').says('/settings points.per_order=5');
  await group.as('alice').says('/checkin');
  await group.as('bob').says('/checkin');
  // Both appear on /top (only members who chose to are listed).
  for (const who of ['alice', 'bob']) await group.as(who).says('/privacy on leaderboard');
  await group.as('owner').says('/award @alice 30 helped at pickup');
  await group.as('owner').says('/deduct @alice 4 typo');
  await group.as('owner').says('/deal new "Mangoes" price=10 min=1');
  await group.as('alice').says('+1');
  await group.as('owner').says('/deal close #1');
  await t.advance('1d');
  await group.as('bob').says('/checkin');
}

async function myData(t: TestBot, user: string): Promise<LedgerEntry[]> {
  const [sent] = await t.dm(user).says('/mydata');
  const file = /file: (\S+)/.exec(sent ?? '')?.[1];
  if (!file) throw new Error(`no file in ${sent}`);
  const json = JSON.parse(await readFile(file, 'utf8'));
  return json.data[0].ledger as LedgerEntry[];
}

describe('the ledger archive: entries older than 60 days leave memory, users see no difference', () => {
  let t: TestBot | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-archive-'));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('balances, /points, /top all, /history, /report points, /mydata and /forget across archiving', async () => {
    t = await TestBot.create({ dir, start: START });
    await history(t);
    const group = () => t!.group();
    const before = {
      points: await group().as('alice').reply('/points'),
      top: await group().as('bob').reply('/top all'),
      report: pointsLine(await group().as('owner').says('/report 2026-11')),
      alice: ledgerBalance(t.store.tables, C, 'alice'),
      mydata: (await myData(t, 'alice')).map((e) => e.id).sort(),
    };
    expect(before.alice).toBe(1 + 30 - 4 + 5);
    expect(before.report).toMatch(/Points issued 38/);
    await t.close();

    t = await TestBot.create({ dir, start: LATER });
    expect([...t.store.tables.ledger.values()]).toHaveLength(0);
    expect((await readArchive(dir, C)).length).toBe(6);
    const alice = t.store.tables.members.get(`${C}/alice`)!;
    expect(alice.points).toBe(32);
    expect(alice.archivedPoints).toBe(32);
    expect(ledgerBalance(t.store.tables, C, 'alice')).toBe(32);
    expect(ledgerBalance(t.store.tables, C, 'bob')).toBe(2);
    // /points now has no recent entries: it points to /mydata instead of "no points yet".
    expect(await group().as('alice').reply('/points')).toMatch(
      /^Points: 32[\s\S]*4 older entries are archived: \/mydata/,
    );
    expect(before.points).toMatch(/^Points: 32/);
    expect(await group().as('bob').reply('/top all')).toBe(before.top);
    expect(pointsLine(await group().as('owner').says('/report 2026-11'))).toBe(before.report);
    expect((await myData(t, 'alice')).map((e) => e.id).sort()).toEqual(before.mydata);

    await group().as('alice').says('/checkin');
    const hist = await group().as('alice').reply('/history');
    expect(hist).toMatch(/page 1\/1/);
    expect(hist).toMatch(/\+1/);
    expect(hist.split('\n').at(-1)).toBe('4 older entries are archived: /mydata sends you all of them.');

    // The deal's order points were paid at its close; closing again after archiving pays nothing.
    await group().as('owner').says('/deal close #1');
    await t.advance('1d');
    expect(t.store.tables.members.get(`${C}/alice`)!.points).toBe(33);
    expect(ledgerBalance(t.store.tables, C, 'alice')).toBe(33);

    await group().as('alice').says('/forget');
    await group().as('alice').says('/forget confirm');
    const text = await readFile(archiveFile(dir, C), 'utf8');
    expect(text).not.toMatch(/alice/);
    expect(text).toMatch(/anon-/);
    expect(text).toMatch(/"userId":"bob"/);
  });

  it('a crash after the archive append but before the removing commit counts nothing twice', async () => {
    t = await TestBot.create({ dir, start: START });
    await history(t);
    const live = [...t.store.tables.ledger.values()];
    await t.close();
    // The crash: the entries reached the archive (twice, even) but are still in the live ledger.
    await appendArchive(dir, C, live);
    await appendArchive(dir, C, live.slice(0, 3));

    t = await TestBot.create({ dir, start: LATER });
    expect(t.store.tables.ledger.size).toBe(0);
    expect(t.store.tables.members.get(`${C}/alice`)!.points).toBe(32);
    expect(ledgerBalance(t.store.tables, C, 'alice')).toBe(32);
    expect(ledgerBalance(t.store.tables, C, 'bob')).toBe(2);
    expect(await readArchive(dir, C)).toHaveLength(6);
    expect(await myData(t, 'alice')).toHaveLength(4);
    expect(pointsLine(await t.group().as('owner').says('/report 2026-11'))).toMatch(/Points issued 38/);
  });

  it('a crash before the removing commit, seen by a reader: live and archived copies count once', async () => {
    t = await TestBot.create({ dir, start: START });
    await history(t);
    // Archive appended, removal not committed (the process is still running: nothing reopened).
    await appendArchive(dir, C, [...t.store.tables.ledger.values()]);
    expect(await myData(t, 'alice')).toHaveLength(4);
  });

  it('export carries the archived entries and import moves them with the balances', async () => {
    t = await TestBot.create({ dir, start: START });
    await history(t);
    await t.close();
    t = await TestBot.create({ dir, start: LATER });
    const now = t.clock.now();
    const data = exportCommunity(t.store.tables, C, now, await readArchive(dir, C))!;
    expect(data.archivedLedger).toHaveLength(6);
    const outcome = await t.store.mutate((tx) =>
      importCommunity(tx, JSON.parse(JSON.stringify(data)), { as: 'memory:moved' }),
    );
    if (outcome.kind !== 'imported') throw new Error(outcome.kind);
    expect(outcome.archived.map((e) => e.communityId)).toEqual(Array(6).fill('memory:moved'));
    expect(ledgerBalance(t.store.tables, 'memory:moved', 'alice')).toBe(32);
    expect(t.store.tables.ledgerRollups.by('community', 'memory:moved').length).toBeGreaterThan(0);
  });
});
