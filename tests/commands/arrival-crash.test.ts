import { cpSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot, describe as text } from '../helpers/chat.js';

/**
 * A crash while the QR images of an arrival are written (they are files, written after the
 * arrival's transaction) loses no pickup code: the arrival, its announcement and each buyer's code
 * in text were on disk before the first image was begun, and the next start sends them.
 */

const bots: TestBot[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of bots.splice(0)) await t.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('a crash while the QR images of an arrival are written', () => {
  it('loses no pickup code: the next start sends the announcement and each code', async () => {
    const first = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    bots.push(first);
    const group = first.group();
    await group.as('owner').says('/deal new "Mangoes" price=45 min=1 ends=48h');
    await group.as('alice').says('+2');
    await group.as('bob').says('+1');
    await group.as('owner').says('/deal close #1');
    // What the disk holds when bob's QR image is about to be written (alice's is written by then):
    // a copy of the data dir taken in that instant is what a crash there would leave.
    const crashed = await mkdtemp(join(tmpdir(), 'tuanbot-crash-'));
    dirs.push(crashed);
    const directChat = first.adapter.directChat.bind(first.adapter);
    let bobs = 0;
    first.adapter.directChat = (userId) => {
      // bob's private chat is looked up for his arrival message, then for his QR image.
      if (userId === 'bob' && ++bobs === 2) cpSync(first.dir, crashed, { recursive: true });
      return directChat(userId);
    };
    await group.as('owner').says('/arrived #1');
    expect(bobs).toBe(2);

    const second = await TestBot.create({ dir: crashed, start: '2026-11-25T08:05:00Z' });
    bots.push(second);
    await second.bot.idle();
    const code = (user: string) =>
      [...second.store.tables.orders.values()].find((o) => o.userId === user)?.pickupCode;
    expect(code('alice')).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(second.adapter.actions.map(text)).toEqual([
      '📦 #1 Mangoes has arrived.\nArrived of ordered: 3/3.\nEach buyer got their pickup code privately (also in /myorders).',
      `[dm alice] 📦 main: #1 Mangoes has arrived. Your pickup code: ${code('alice')} (×2).`,
      `[dm bob] 📦 main: #1 Mangoes has arrived. Your pickup code: ${code('bob')} (×1).`,
    ]);
  });
});
