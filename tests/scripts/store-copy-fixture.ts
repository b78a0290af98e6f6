import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestBot } from '../helpers/chat.js';
import { png } from '../helpers/images.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../helpers/pg.js';

/** The community the store:copy tests move, made through the chat, and the clean-up of their temp stores. */

export const START = '2026-11-25T08:00:00Z';
export const cleanup: (() => Promise<unknown>)[] = [];
/** Runs (in an afterEach) what the test registered in `cleanup`, last first. */
export async function cleanUp(): Promise<void> {
  for (const fn of cleanup.splice(0).reverse()) await fn();
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-copy-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function database(): Promise<ThrowawayDatabase> {
  const db = await throwawayDatabase('copy');
  cleanup.push(() => db.drop());
  return db;
}

/**
 * What members and admins see of the state, asked at the same clock time on any store. Message
 * ids start with `run`: the copy remembers the ids the original processed (its `seen` records) and
 * would drop a message that reuses one as a redelivery.
 */
export async function views(t: TestBot, run: string): Promise<string[]> {
  const group = t.group();
  return [
    ...(await group.as('owner').says('/deals', { id: `${run}-1` })),
    ...(await group.as('alice').says('/points', { id: `${run}-2` })),
    ...(await group.as('carol').says('/myorders', { id: `${run}-3` })),
    ...(await t.dm('alice').says('/mytickets', { id: `${run}-4` })),
  ];
}

/**
 * A data dir with a community's everyday records, made through the chat: a deal with orders (one
 * paid and picked up), points, a private message held for a member, an after-sales ticket with
 * its photo, a second deal open; closed afterwards. Returns the
 * dir and what `views` showed on it just before closing.
 */
export async function community(): Promise<{ dir: string; seen: string[] }> {
  const dir = await tempDir();
  const t = await TestBot.create({ start: START, dir, store: 'json' });
  try {
    const group = t.group().admin('wang');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    await group.as('alice').says('+2');
    // bob never opened a private chat with the bot: what it owes him waits in the outbox.
    t.adapter.unreachable.add('bob');
    await group.as('bob').says('+1');
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('/paid #1 @bob');
    await group.as('bob').says('/mydata');
    await group.as('owner').says('/award alice 7');
    await t.advance('24h');
    await group.as('wang').says('/delivered #1 @alice');
    await group.as('alice').says('/aftersale #1 "2 were bad" amount=10', {
      images: [{ data: png(), mime: 'image/png' }],
    });
    await group.as('owner').says('/deal new "Lychees" price=25 min=3 ends=48h');
    await group.as('carol').says('+1');
    return { dir, seen: await views(t, 'original') };
  } finally {
    await t.bot.stop();
  }
}
