import { cpSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot, describe as text } from '../helpers/chat.js';

/**
 * A crash right after an arrival's private messages went out (each buyer's codes in text, then
 * their QR picture) repeats at most the last message of each chat at the next start, as the
 * README promises: a buyer never gets their codes twice because the picture after them was in
 * flight. Before, the console took every chat's messages in one turn and all their delivered
 * marks waited for one later write: a kill there sent all six again, two in each private chat.
 */

const bots: TestBot[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of bots.splice(0)) await t.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** How many messages each chat got, by chat id. */
function perChat(t: TestBot, from = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of t.adapter.actions.slice(from))
    if (a.kind === 'send') counts[a.chat.chatId] = (counts[a.chat.chatId] ?? 0) + 1;
  return counts;
}

describe('a crash right after the arrival notices went out', () => {
  it('sends again at most the last message of each chat: no buyer gets their codes twice', async () => {
    const first = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    bots.push(first);
    const group = first.group();
    await group.as('owner').says('/pickup add 东门');
    await group.as('owner').says('/deal new "Mangoes" price=45 min=1 ends=48h');
    await group.as('alice').says('+2 东门');
    await group.as('bob').says('+1 东门');
    await group.as('carol').says('+1 东门');
    await group.as('owner').says('/deal close #1');
    const before = first.adapter.actions.length;

    // What the disk holds the instant the platform accepted carol's QR picture, the last message:
    // a copy of the data dir taken then is what a SIGKILL right after would leave.
    const crashed = await mkdtemp(join(tmpdir(), 'tuanbot-crash-'));
    dirs.push(crashed);
    const send = first.adapter.send.bind(first.adapter);
    first.adapter.send = async (chat, out, origin) => {
      const accepted = await send(chat, out, origin);
      if (chat.chatId === 'dm:carol' && out.kind === 'image') cpSync(first.dir, crashed, { recursive: true });
      return accepted;
    };
    await group.as('owner').says('/arrived #1 东门');
    expect(perChat(first, before)).toEqual({ main: 1, 'dm:alice': 2, 'dm:bob': 2, 'dm:carol': 2 });
    const sent = first.adapter.actions.slice(before).map(text);
    expect(sent.filter((s) => s.startsWith('[dm alice] 📦'))).toHaveLength(1);

    const second = await TestBot.create({ dir: crashed, start: '2026-11-25T08:00:05Z' });
    bots.push(second);
    await second.bot.idle();
    const again = perChat(second);
    for (const [chat, n] of Object.entries(again)) expect(n, `${chat} got ${n} again`).toBeLessThanOrEqual(1);
    // The codes in text were marked delivered before their picture went out: never sent twice.
    expect(second.adapter.actions.map(text).filter((s) => s.includes('Your pickup code'))).toEqual([]);
  });
});
