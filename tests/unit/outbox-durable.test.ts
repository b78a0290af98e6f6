import { readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type Outgoing } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import type { BotStore } from '../../src/store/contract.js';
import { journalFile } from '../../src/store/store.js';
import { TestBot, describe as text } from '../helpers/chat.js';

/**
 * The transactional outbox through the real bot: a message the bot decided to send is written
 * with the change that caused it, survives a stop, a kill or a crash, and goes out at the next
 * start; a private message the platform refuses is an outcome the caller acts on.
 */

const open: TestBot[] = [];
const dirs: string[] = [];
async function bot(options: Parameters<typeof TestBot.create>[0] = {}): Promise<TestBot> {
  const t = await TestBot.create(options);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.bot.stop().catch(() => {});
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * A graceful stop (SIGTERM) that keeps the data dir for the next start. Shutdown waits up to 10 s
 * (of the manual clock) for the platform to take what is queued: the clock is moved until it is done.
 */
async function stop(t: TestBot): Promise<void> {
  open.splice(open.indexOf(t), 1);
  dirs.push(t.dir);
  let stopped = false;
  const stopping = t.bot.stop().finally(() => {
    stopped = true;
  });
  for (let i = 0; i < 30 && !stopped; i++) {
    t.clock.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await stopping;
}

/** A member says something; unlike Speaker.says, does not wait for the replies to go out. */
function sayNow(t: TestBot, user: string, body: string): Promise<void> {
  return t.bot.handle(t.adapter, {
    type: 'message',
    id: t.nextMessageId(),
    chat: t.group().chat,
    sender: { id: user, name: user, role: t.roleIn('main', user) },
    text: body,
  });
}

/** What a SIGKILL leaves: the journal as written, no final snapshot, the lock free, no flush. */
async function kill(t: TestBot): Promise<void> {
  t.bot.outbox.close();
  const internals = t.store as unknown as {
    releaseLock(): Promise<void>;
    journal: { close(): Promise<void> };
  };
  await t.store.idle();
  await internals.journal.close();
  await internals.releaseLock();
  open.splice(open.indexOf(t), 1);
  dirs.push(t.dir);
}

/** The platform is down: every send and edit fails with a retryable error until `up()`. */
function platformDown(t: TestBot): { up(): void } {
  const adapter = t.adapter;
  const send = adapter.send.bind(adapter);
  const edit = adapter.edit;
  let down = true;
  adapter.send = async (chat: ChatRef, out: Outgoing, origin) => {
    if (down) throw new DeliveryError('502 Bad Gateway', true);
    return send(chat, out, origin);
  };
  adapter.edit = async (chat, messageId, body) => {
    if (down) throw new DeliveryError('502 Bad Gateway', true);
    return edit!(chat, messageId, body);
  };
  return { up: () => (down = false) };
}

const pending = (store: BotStore) => [...store.tables.outbox.values()];

describe('the transactional outbox', () => {
  it('a reply is written in the same journal write as the change that caused it', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2');
    const before = (await readFile(journalFile(t.dir), 'utf8')).split('\n').filter(Boolean).length;
    await t.capture(async () => {
      await t.bot.handle(t.adapter, {
        type: 'message',
        id: 'order-1',
        chat: group.chat,
        sender: { id: 'alice', name: 'alice', role: 'member' },
        text: '+1',
      });
    });
    const lines = (await readFile(journalFile(t.dir), 'utf8')).split('\n').filter(Boolean).slice(before);
    const written = lines.map((l) => JSON.parse(l) as { c: [string, string, unknown][] });
    const withOrder = written.filter((w) => w.c.some(([c, , r]) => c === 'orders' && r !== null));
    expect(withOrder).toHaveLength(1);
    // The card owed to the group is in that same line, next to the order.
    expect(withOrder[0]!.c.some(([c, id, r]) => c === 'outbox' && r !== null && id.includes('deal:'))).toBe(
      true,
    );
    // Once the platform took it, the record is deleted.
    expect(pending(t.store)).toEqual([]);
  });

  it('SIGTERM while the platform is down: what was owed goes out at the next start, the card re-rendered', async () => {
    const first = await bot();
    const group = first.group();
    await group.as('owner').says('/deal new "Lychee" price=20 min=3');
    const outage = platformDown(first);
    await sayNow(first, 'owner', '/deals');
    for (const name of ['a1', 'a2', 'a3']) await sayNow(first, name, '+1');
    expect(pending(first.store).length).toBeGreaterThan(0);
    await stop(first);
    outage.up();

    const second = await bot({ dir: first.dir, start: '2026-11-25T08:05:00Z' });
    await second.bot.idle();
    const said = second.adapter.actions.map(text);
    expect(said.some((s) => s.includes('Lychee'))).toBe(true);
    // The card shows the newest state (3 buyers), not the state when it was first owed.
    const card = said.filter((s) => s.includes('🛒 #1 Lychee')).at(-1);
    expect(card).toMatch(/a1[\s\S]*a2[\s\S]*a3/);
    expect(pending(second.store)).toEqual([]);
  });

  it('SIGKILL: a reply owed when the process died is sent at the next start', async () => {
    const first = await bot();
    platformDown(first);
    await sayNow(first, 'owner', '/deals');
    await first.store.idle();
    const owed = pending(first.store).filter((r) => r.kind === 'send');
    expect(owed).toHaveLength(1);
    await kill(first);

    const second = await bot({ dir: first.dir });
    await second.bot.idle();
    expect(second.adapter.actions.map(text)).toEqual([
      owed[0]!.out!.kind === 'text' ? owed[0]!.out!.text : '',
    ]);
    expect(pending(second.store)).toEqual([]);
  });

  it('a topic prompt owed at a stop is posted at the next start, and replies to it still count', async () => {
    const first = await bot();
    const outage = platformDown(first);
    await sayNow(first, 'owner', '/topic now');
    await stop(first);
    outage.up();

    const second = await bot({ dir: first.dir });
    await second.bot.idle();
    const post = [...second.store.tables.topicPosts.values()][0]!;
    const prompt = second.adapter.actions.find((a) => text(a).includes(post.text));
    expect(prompt).toBeDefined();
    expect(post.messageId).toBe(prompt!.kind === 'send' ? prompt!.messageId : undefined);
  });

  it('a reply carries its origin: the message it answers and the forum topic it was in', async () => {
    const t = await bot();
    await t.capture(() =>
      t.bot.handle(t.adapter, {
        type: 'message',
        id: 'm42',
        chat: t.group().chat,
        sender: { id: 'owner', name: 'owner', role: 'owner' },
        text: '/deals',
        threadId: 'topic-7',
      }),
    );
    const reply = t.adapter.actions.at(-1)!;
    expect(reply.kind === 'send' && reply.origin).toEqual({ messageId: 'm42', threadId: 'topic-7' });
  });
});

describe('members who cannot be reached privately', () => {
  it('/mydata: the group is told to open a private chat (with the link); the file waits for them, across a restart', async () => {
    const first = await bot();
    const group = first.group();
    await group.as('alice').says('hello');
    first.adapter.unreachable.add('alice');
    const out = await group.as('alice').says('/mydata');
    expect(out).toEqual([
      '@alice, I cannot send you this privately yet: open a private chat with me (https://memory.bot/tuanbot) and send me any message. I am keeping it for you until then.',
    ]);
    expect(first.bot.outbox.stats.unreachable).toBe(1);
    await stop(first);

    const second = await bot({ dir: first.dir });
    second.adapter.unreachable.add('alice');
    await second.bot.idle();
    expect(second.adapter.actions).toEqual([]); // still held: not retried at start
    second.adapter.unreachable.delete('alice'); // alice opened the chat
    const later = await second.dm('alice').says('hi');
    expect(later.some((s) => /^\[dm alice\] file: .*mydata-alice/.test(s))).toBe(true);
    expect(pending(second.store)).toEqual([]);
  });

  it('/prune warn: ONE group message mentions those who could not be reached; only delivered warnings count', async () => {
    const t = await bot({ start: '2026-11-01T08:00:00Z' });
    const group = t.group();
    for (const name of ['alice', 'bob', 'carol']) await group.as(name).says('hi');
    await t.advance('40d');
    t.adapter.unreachable.add('alice');
    t.adapter.unreachable.add('carol');
    const out = await group.as('owner').says('/prune warn');
    const mentions = out.filter((s) => s.startsWith('@'));
    expect(mentions).toEqual([
      '@alice @carol: you have not been active here for a while. Reply or react within 48 h to stay.',
    ]);
    expect(out.at(-1)).toMatch(
      /^Warned 1 member by private message: bob\. .*\nCould not reach alice, carol privately .*mentioned them in the group instead\./,
    );
    const warnings = [...t.store.tables.pruneWarnings.values()].map((w) => [w.userId, w.delivery]);
    expect(warnings).toEqual([
      ['alice', 'mentioned'],
      ['bob', 'dm'],
      ['carol', 'mentioned'],
    ]);
  });

  it('/prune confirm never removes a member whose warning was not delivered', async () => {
    const t = await bot({ start: '2026-11-01T08:00:00Z' });
    const group = t.group();
    for (const name of ['alice', 'bob']) await group.as(name).says('hi');
    await t.advance('40d');
    t.adapter.unreachable.add('alice');
    // The group refuses the fallback mention too (the bot lost its rights there).
    const send = t.adapter.send.bind(t.adapter);
    t.adapter.send = async (chat, out, origin) => {
      if (chat.kind === 'group' && out.kind === 'text' && out.text.startsWith('@alice'))
        throw new DeliveryError('Bad Request: not enough rights to send text messages', false);
      return send(chat, out, origin);
    };
    await group.as('owner').says('/prune warn');
    await t.advance('49h');
    const out = await group.as('owner').says('/prune confirm');
    expect(out.filter((s) => s.startsWith('removed'))).toEqual(['removed bob']);
    expect(out.at(-1)).toContain('Not removed, their warning was not delivered yet: alice.');
    expect(t.store.tables.members.get('memory:main/alice')?.status).toBe('active');
  });
});
