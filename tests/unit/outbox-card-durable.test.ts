import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { journalFile } from '../../src/store/store.js';
import { TestBot } from '../helpers/chat.js';

/**
 * The deal card is every member's acknowledgement, rendered from memory when it goes out. Memory
 * can hold an order whose journal write is still to come in the same turn: the card must not show
 * it before it is on disk, or a crash at that moment loses an order the card showed as taken.
 */
it('a card edit never shows an order before that order is on disk', async () => {
  const t = await TestBot.create();
  const group = t.group();
  await group.as('owner').says('/deal new "Mangoes" price=10 stock=100');
  await t.bot.outbox.flush();
  const onDisk = (user: string) => readFileSync(journalFile(t.dir), 'utf8').includes(`memory:main#1/${user}`);
  // Each card edit notes, at the moment it goes to the platform, whether bob's order is on disk.
  const original = t.adapter.edit;
  if (!original) throw new Error('the memory adapter edits messages');
  const edit = original.bind(t.adapter);
  const edits: { showsBob: boolean; bobOnDisk: boolean }[] = [];
  t.adapter.edit = async (chat, id, text, buttons) => {
    edits.push({ showsBob: text.includes('bob ×1'), bobOnDisk: onDisk('bob') });
    return edit(chat, id, text, buttons);
  };
  // A reply that the platform is slow to take holds up the chat's queue.
  const send = t.adapter.send.bind(t.adapter);
  let answer!: () => void;
  t.adapter.send = async (chat, out, origin) => {
    await new Promise<void>((r) => {
      answer = r;
    });
    t.adapter.send = send;
    return send(chat, out, origin);
  };
  const msg = (id: string, user: string, text: string) => ({
    type: 'message' as const,
    id,
    chat: group.chat,
    sender: { id: user, name: user, role: 'member' as const },
    text,
  });
  await t.bot.handle(t.adapter, msg('w1', 'carol', '/whoami')); // its reply hangs in the platform
  await t.bot.handle(t.adapter, msg('a1', 'alice', '+1')); // durable; its card update waits behind the reply
  // Bob's +1 arrives in the same turn as the platform's answer to the reply.
  void t.bot.handle(t.adapter, msg('b1', 'bob', '+1'));
  for (let i = 0; i < 1000 && !t.store.tables.orders.get('memory:main#1/bob'); i++) await Promise.resolve();
  expect(t.store.tables.orders.get('memory:main#1/bob')).toBeDefined();
  answer();
  await t.bot.idle();
  const showingBob = edits.filter((e) => e.showsBob);
  expect(showingBob.length).toBeGreaterThan(0);
  expect(showingBob.every((e) => e.bobOnDisk)).toBe(true);
  await t.close();
});
