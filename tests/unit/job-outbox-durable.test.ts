import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/adapter.js';
import { TestBot, describe as text } from '../helpers/chat.js';

/**
 * Timed work writes what it announces in the same journal write as the change that causes it:
 * a crash right after a deadline closed a deal still announces the close at the next start, and
 * a clean restart never announces it twice.
 */

const open: TestBot[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.bot.stop().catch(() => {});
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function bot(options: Parameters<typeof TestBot.create>[0] = {}): Promise<TestBot> {
  const t = await TestBot.create(options);
  open.push(t);
  return t;
}

/** The platform takes nothing (a dying process sends nothing either). */
function platformDown(t: TestBot): void {
  t.adapter.send = async () => {
    throw new DeliveryError('502 Bad Gateway', true);
  };
}

interface StoreInternals {
  journal: { append(lines: string): void; close(): Promise<void> };
  releaseLock(): Promise<void>;
}

/**
 * The process dies right after the journal write that matches `fatal`: that write is on disk,
 * nothing written after it is.
 */
function dieAfterWriteOf(t: TestBot, fatal: RegExp): void {
  const { journal } = t.store as unknown as StoreInternals;
  const append = journal.append.bind(journal);
  let dead = false;
  journal.append = (lines) => {
    if (dead) return;
    append(lines);
    if (fatal.test(lines)) dead = true;
  };
}

/** What a SIGKILL leaves: the journal as written, no final snapshot, the lock free, no flush. */
async function kill(t: TestBot): Promise<void> {
  t.bot.outbox.close();
  const internals = t.store as unknown as StoreInternals;
  await t.store.idle();
  await internals.journal.close();
  await internals.releaseLock();
  open.splice(open.indexOf(t), 1);
  dirs.push(t.dir);
}

/** A graceful stop (SIGTERM) that keeps the data dir for the next start. */
async function stop(t: TestBot): Promise<void> {
  open.splice(open.indexOf(t), 1);
  dirs.push(t.dir);
  await t.bot.stop();
}

const CLOSED = '✅ #1 Mangoes closed: 成团 with 2 buyers, 3 units, total ¥30.00.';

async function dealWithTwoBuyers(t: TestBot): Promise<void> {
  const group = t.group();
  // Only the deadline job's messages here: payment reminders have their own tests (pay-reminders).
  await group.as('owner').says('/settings pay.remind=off pay.remind_again=off');
  await group.as('owner').says('/deal new "Mangoes" price=10 min=2 ends=2h');
  await group.as('alice').says('+1');
  await group.as('bob').says('+2');
}

describe('a deadline job and a crash', () => {
  it('killed right after the deadline closed the deal: the 成团 and the final card go out at the next start', async () => {
    const first = await bot({ start: '2026-11-25T08:00:00Z' });
    await dealWithTwoBuyers(first);
    platformDown(first);
    dieAfterWriteOf(first, /"status":"closed"/);
    first.clock.advance(3 * 3_600_000);
    await first.bot.scheduler.runDue();
    await kill(first);

    const second = await bot({ dir: first.dir, start: '2026-11-25T11:01:00Z' });
    await second.bot.idle();
    expect(second.store.tables.deals.get('memory:main#1')?.status).toBe('closed');
    const said = second.adapter.actions.map(text);
    expect(said.filter((s) => s === CLOSED)).toHaveLength(1);
    // The card shows the deal as closed, with both buyers.
    const card = said.filter((s) => s.includes('#1 Mangoes') && s !== CLOSED).at(-1);
    expect(card).toMatch(/alice[\s\S]*bob/);
    expect([...second.store.tables.outbox.values()]).toEqual([]);
  });

  it('a reminder written with its mark: killed after the mark, the reminder still goes out once', async () => {
    const first = await bot({ start: '2026-11-25T08:00:00Z' });
    const group = first.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 ends=48h');
    await group.as('alice').says('+1');
    platformDown(first);
    dieAfterWriteOf(first, /"remindedAt"/);
    first.clock.advance(46 * 3_600_000);
    await first.bot.scheduler.runDue();
    await kill(first);

    const second = await bot({ dir: first.dir, start: '2026-11-27T06:01:00Z' });
    await second.bot.idle();
    const said = second.adapter.actions.map(text);
    expect(said.filter((s) => s.startsWith('⏰ #1 Mangoes'))).toHaveLength(1);
  });

  it('after a clean restart nothing the deadline job announced is sent twice', async () => {
    const first = await bot({ start: '2026-11-25T08:00:00Z' });
    await dealWithTwoBuyers(first);
    const closing = await first.advance('3h');
    expect(closing.filter((s) => s === CLOSED)).toHaveLength(1);
    await stop(first);

    const second = await bot({ dir: first.dir, start: '2026-11-25T11:30:00Z' });
    await second.bot.idle();
    expect(second.adapter.actions.map(text)).toEqual([]);
    expect(await second.advance('1d')).toEqual([]);
  });

  it('the announcement is recorded as owed for its community until the platform takes it', async () => {
    const first = await bot({ start: '2026-11-25T08:00:00Z' });
    await dealWithTwoBuyers(first);
    platformDown(first);
    first.clock.advance(3 * 3_600_000);
    await first.bot.scheduler.runDue();
    const owed = [...first.store.tables.outbox.values()].filter((r) => r.kind === 'send');
    expect(owed.map((r) => [r.communityId, r.out?.kind === 'text' && r.out.text])).toEqual([
      ['memory:main', CLOSED],
    ]);
    await kill(first);
  });
});
