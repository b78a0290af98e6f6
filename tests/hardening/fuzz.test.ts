import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryAction } from '../../adapters/memory/index.js';
import type { BotEvent, ChatRef, Role } from '../../src/core/events.js';
import { coreText } from '../../src/core/messages.js';
import { Store } from '../../src/store/store.js';
import { runConsole } from '../helpers/console.js';
import { consoleLine, messageText } from './fuzz-inputs.js';
import { invalidRecords, malformed } from './state.js';
import { IDENTITIES, nameOf, scratchDir, World } from './world.js';

/**
 * 20,000 random and malformed inputs: 17,000 events through bot.handle on memory adapters that
 * play Telegram, Discord and WeChat ids (in concurrent batches: group commit keeps the fsyncs
 * few), and 3,000 lines through the real console adapter. Nothing may throw or reject unhandled,
 * every outgoing text must be well-formed, and the store must load and validate afterwards.
 * Seeded: a failure names its seed and reproduces.
 */
const SEED = 20_261_125;
const MEMORY_EVENTS = 17_000;
const CONSOLE_LINES = 3_000;
const BATCH = 100;

let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

const USERS: { id: string; role: Role }[] = [
  { id: 'u-owner', role: 'owner' },
  { id: 'u-admin', role: 'admin' },
  { id: 'u-admin2', role: 'admin' },
  ...['u1', 'u2', 'u3', 'u4', 'u5'].map((id) => ({ id, role: 'member' as Role })),
];

const event = fc.record({
  kind: fc.constantFrom(...Array(40).fill('message'), 'join', 'leave', 'dm', 'dm', 'redeliver', 'bot'),
  platform: fc.integer({ min: 0, max: IDENTITIES.length - 1 }),
  group: fc.integer({ min: 0, max: 1 }),
  user: fc.integer({ min: 0, max: USERS.length - 1 }),
  text: messageText,
  advanceMin: fc.option(fc.integer({ min: 1, max: 600 }), { freq: 40, nil: undefined }),
});

// A handler that threw is answered with this; the fuzz counts it as a crash.
const CRASHED = [coreText('en').internalError, coreText('zh').internalError];

function problemsOf(actions: MemoryAction[], maxLength: number): string[] {
  const problems: string[] = [];
  for (const a of actions) {
    if (a.kind === 'send' && a.out.kind === 'text' && CRASHED.includes(a.out.text))
      problems.push('a handler threw (internal error reply)');
    if (a.kind === 'remove') continue;
    if (a.kind === 'edit') {
      const why = malformed(a.text, maxLength);
      if (why) problems.push(`edit: ${why}: ${JSON.stringify(a.text.slice(0, 300))}`);
      continue;
    }
    if (a.out.kind === 'text') {
      const why = malformed(a.out.text, maxLength);
      if (why) problems.push(`send: ${why}: ${JSON.stringify(a.out.text.slice(0, 300))}`);
    } else {
      if (typeof a.out.path !== 'string' || a.out.path === '') problems.push(`${a.out.kind} without a path`);
      if (a.out.caption !== undefined) {
        const why = malformed(a.out.caption, maxLength);
        if (why) problems.push(`caption: ${why}: ${JSON.stringify(a.out.caption.slice(0, 300))}`);
      }
    }
  }
  return problems;
}

describe('fuzz', () => {
  it(`${MEMORY_EVENTS} random events through bot.handle: no throw, well-formed replies, valid store`, async () => {
    // Each adapter's own limit for one message, as the memory adapter plays it: the core keeps its
    // batched acknowledgements and deal cards within it, and the real Discord and WeChat adapters
    // split longer texts themselves (their 2,000 is below /help's length), so every identity
    // uses the memory adapter's 4,096 here.
    const w = await World.create(
      IDENTITIES.map((i) => ({ ...i, capabilities: { ...i.capabilities, maxMessageLength: 4096 } })),
    );
    try {
      // Deals to aim at, in every group; and a few report requests (slow chart, so not random).
      for (const id of IDENTITIES)
        for (const group of [id.group, `${id.group}-2`]) {
          const chat: ChatRef = { platform: id.platform, chatId: group, kind: 'group', title: group };
          await w.says(id, chat, 'u-owner', 'owner', '/deal new "Mangoes" price=10 min=2 stock=30 limit=5');
          await w.says(id, chat, 'u-owner', 'owner', '/deal new "Pears" price=3.5 options="S,L" ends=3h');
        }
      const samples = fc.sample(event, { seed: SEED, numRuns: MEMORY_EVENTS });
      const sent: BotEvent[] = [];
      let seq = 0;
      for (let start = 0; start < samples.length; start += BATCH) {
        const batch = samples.slice(start, start + BATCH).map((s) => {
          const id = IDENTITIES[s.platform]!;
          const user = USERS[s.user]!;
          const group: ChatRef = {
            platform: id.platform,
            chatId: s.group === 0 ? id.group : `${id.group}-2`,
            kind: 'group',
            title: 'fuzz',
          };
          const sender = { id: user.id, name: nameOf(user.id), role: user.role };
          let e: BotEvent;
          if (s.kind === 'redeliver' && sent.length > 0) e = sent[(start * 7919 + s.user) % sent.length]!;
          else if (s.kind === 'join')
            e = {
              type: 'member_joined',
              id: `f${++seq}`,
              chat: group,
              member: sender,
              invite: s.text.slice(0, 20),
            };
          else if (s.kind === 'leave')
            e = { type: 'member_left', id: `f${++seq}`, chat: group, member: sender };
          else if (s.kind === 'dm')
            e = {
              type: 'message',
              id: `f${++seq}`,
              chat: w.dmOf(id, user.id),
              sender: { id: user.id, name: sender.name },
              text: s.text,
            };
          else
            e = {
              type: 'message',
              id: `f${++seq}`,
              chat: group,
              sender: s.kind === 'bot' ? { ...sender, isBot: true } : sender,
              text: s.text,
            };
          sent.push(e);
          return { adapter: w.adapters.get(id.platform)!, e, advance: s.advanceMin };
        });
        await Promise.all(batch.map(({ adapter, e }) => w.bot.handle(adapter, e)));
        const advance = batch.find((b) => b.advance)?.advance;
        if (advance) {
          w.clock.advance(advance * 60_000);
          await w.bot.scheduler.runDue();
        }
        await w.bot.idle();
      }
      // A few of the slow ones, on purpose.
      const owner = IDENTITIES[0]!;
      for (const line of ['/report', '/report 7d', '/report json', '报告 2026-11', '/report 0d'])
        await w.says(owner, w.groupOf(owner), 'u-owner', 'owner', line);
      await w.bot.outbox.flush();

      const problems: string[] = [];
      let outgoing = 0;
      for (const id of IDENTITIES) {
        const adapter = w.adapters.get(id.platform)!;
        outgoing += adapter.actions.length;
        problems.push(
          ...problemsOf(adapter.actions, adapter.capabilities.maxMessageLength).map(
            (p) => `${id.platform} ${p}`,
          ),
        );
      }
      if (process.env.FUZZ_STATS) {
        const kinds = new Map<string, number>();
        for (const a of [...w.adapters.values()].flatMap((x) => x.actions)) {
          const t = a.kind === 'send' && a.out.kind === 'text' ? a.out.text : a.kind;
          const k = t.slice(0, 18);
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
        console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 60));
      }
      expect(problems.slice(0, 20), `seed ${SEED}`).toEqual([]);
      expect(outgoing).toBeGreaterThan(MEMORY_EVENTS / 4); // the bot did answer
      expect(rejections).toEqual([]);
      expect(invalidRecords(w.store.tables)).toEqual([]);

      await w.bot.stop();
      const reopened = await Store.open({ dir: w.dir, clock: w.clock });
      expect(invalidRecords(reopened.tables)).toEqual([]);
      expect(reopened.tables.deals.size).toBe(w.store.tables.deals.size);
      await reopened.close();
    } finally {
      await rm(w.dir, { recursive: true, force: true });
    }
  }, 120_000);

  it(`${CONSOLE_LINES} random lines through the console adapter: it keeps reading, every reply is well-formed`, async () => {
    const dir = await scratchDir('fuzz-console');
    try {
      const lines = fc.sample(consoleLine, { seed: SEED + 1, numRuns: CONSOLE_LINES });
      const { printed, adapter, clock } = await runConsole(
        dir,
        `/deal new "Mangoes" price=10 min=2 stock=30\n${lines.join('\n')}\n:as owner\n:group main\n/whoami\n`,
      );

      const problems: string[] = [];
      const messages: string[] = [];
      for (const line of printed.split('\n').slice(0, -1)) {
        if (line.startsWith('  ') && messages.length > 0)
          messages[messages.length - 1] += `\n${line.slice(2)}`;
        else if (line.startsWith('[')) messages.push(line);
        else problems.push(`unexpected output line ${JSON.stringify(line.slice(0, 200))}`);
      }
      let replies = 0;
      for (const message of messages) {
        if (message.startsWith('[console] ')) continue;
        const reply = /^\[[^\]\n]*\] bot (?:\(m\d+\)|edited m\d+): ([\s\S]*)$/.exec(message);
        const file = /^\[[^\]\n]*\] bot \(m\d+\) (?:image|file): \S[^\n]*(?:\n([\s\S]*))?$/.exec(message);
        if (file) {
          const why =
            file[1] === undefined ? undefined : malformed(file[1], adapter.capabilities.maxMessageLength);
          if (why) problems.push(`caption ${why}: ${JSON.stringify(message.slice(0, 300))}`);
          continue;
        }
        if (!reply) {
          if (!/^\[[^\]\n]*\] bot removed \S/.test(message))
            problems.push(`unexpected message ${JSON.stringify(message.slice(0, 200))}`);
          continue;
        }
        replies++;
        if (CRASHED.includes(reply[1]!)) problems.push(`a handler threw: ${JSON.stringify(message)}`);
        const why = malformed(reply[1], adapter.capabilities.maxMessageLength);
        if (why) problems.push(`${why}: ${JSON.stringify(message.slice(0, 300))}`);
      }
      expect(problems.slice(0, 20), `seed ${SEED + 1}`).toEqual([]);
      expect(replies).toBeGreaterThan(CONSOLE_LINES / 5);
      // The last line was read and answered: the console never stopped reading early.
      expect(messages.at(-1)).toMatch(/^\[main\] bot \(m\d+\): owner(?: in main|（main）)/);
      expect(rejections).toEqual([]);
      const reopened = await Store.open({ dir, clock });
      expect(invalidRecords(reopened.tables)).toEqual([]);
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
