import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/adapter.js';
import { exportCommunity, importCommunity } from '../../src/services/transfer.js';
import { TestBot } from '../helpers/chat.js';

/**
 * Pending messages belong to a community: its export carries them (moved with it to another
 * group), and a member who asks to be forgotten takes the private messages waiting for them along.
 */

let t: TestBot;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
});
afterEach(async () => {
  // Shutdown waits (on the manual clock) for a platform that is down: the clock is moved until it is done.
  let closed = false;
  const closing = t.close().finally(() => {
    closed = true;
  });
  for (let i = 0; i < 30 && !closed; i++) {
    t.clock.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await closing;
});

const pending = () => [...t.store.tables.outbox.values()];

/** alice asks for her data while she cannot be reached privately: the file is kept for her. */
async function fileHeldForAlice(): Promise<void> {
  await t.group().as('alice').says('hello');
  t.adapter.unreachable.add('alice');
  await t.group().as('alice').says('/mydata');
}

describe('pending messages and their community', () => {
  it('a private message kept for a member records its community and its member', async () => {
    await fileHeldForAlice();
    expect(pending().map((m) => [m.communityId, m.userId, m.chat.kind, m.out?.kind])).toEqual([
      ['memory:main', 'alice', 'direct', 'file'],
    ]);
  });

  it('/forget deletes the private messages waiting for the member: the kept file never goes out', async () => {
    await fileHeldForAlice();
    await t.group().as('bob').says('/mydata');
    await t.group().as('alice').says('/forget');
    await t.group().as('alice').says('/forget confirm');
    expect(pending().filter((m) => m.userId === 'alice')).toEqual([]);
    t.adapter.unreachable.delete('alice');
    expect(await t.dm('alice').says('hi')).not.toContainEqual(expect.stringMatching(/file: .*mydata/));
  });

  it("a community's export carries its pending messages; imported as another group they go to that group", async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=10 min=2');
    await fileHeldForAlice();
    // The platform is down: the card and the reply to bob's order are owed.
    t.adapter.send = async () => {
      throw new DeliveryError('502 Bad Gateway', true);
    };
    t.adapter.edit = async () => {
      throw new DeliveryError('502 Bad Gateway', true);
    };
    await t.bot.handle(t.adapter, {
      type: 'message',
      id: 'order-bob',
      chat: t.group().chat,
      sender: { id: 'bob', name: 'bob', role: 'member' },
      text: '+1',
    });
    await t.store.idle();

    const data = exportCommunity(t.store.tables, 'memory:main', t.clock.now())!;
    const exported = (data.collections.outbox ?? []) as { kind: string; key?: string }[];
    expect(exported.some((m) => m.kind === 'live' && m.key === 'deal:memory:main#1')).toBe(true);
    expect(exported.length).toBe(pending().length);

    const imported = t.store.transact((tx) =>
      importCommunity(tx, JSON.parse(JSON.stringify(data)), { as: 'memory:moved' }),
    ).value;
    expect(imported.kind).toBe('imported');
    const moved = pending().filter((m) => m.communityId === 'memory:moved');
    expect(moved.length).toBe(exported.length);
    const card = moved.find((m) => m.kind === 'live')!;
    expect([card.id, card.key, card.chat.chatId]).toEqual([
      'live|memory|moved|deal:memory:moved#1',
      'deal:memory:moved#1',
      'moved',
    ]);
    // alice's file stays hers (same platform), told about in the group it moved to.
    const file = moved.find((m) => m.userId === 'alice')!;
    expect([file.chat.chatId, file.hold?.chat.chatId]).toEqual(['dm:alice', 'moved']);
  });

  it('imported to another platform, a private message is dropped: a user id means nothing there', async () => {
    await fileHeldForAlice();
    const data = exportCommunity(t.store.tables, 'memory:main', t.clock.now())!;
    t.store.transact((tx) => importCommunity(tx, JSON.parse(JSON.stringify(data)), { as: 'telegram:-100' }));
    expect(pending().filter((m) => m.communityId === 'telegram:-100')).toEqual([]);
  });
});
