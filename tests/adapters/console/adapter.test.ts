import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../adapters/console/index.js';
import type { BotHandle } from '../../../src/core/adapter.js';
import { SystemClock } from '../../../src/core/clock.js';
import type { BotEvent, ChatRef, MessageEvent } from '../../../src/core/events.js';
import { consoleTerminal } from '../../helpers/console.js';

const MAIN: ChatRef = { platform: 'console', chatId: 'main', kind: 'group', title: 'main' };

const dirs: string[] = [];
/** A fresh data dir, removed after the test. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-console-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * One run of the console with a bot that only listens: what reached the bot, and the transcript.
 * `posts` are sent by the bot before anything is typed, so the script can reply to them.
 */
async function run(lines: string[], options: { dataDir?: string; posts?: string[]; crash?: boolean } = {}) {
  const clock = new SystemClock();
  const { input, output, printed: transcript, quit, done } = consoleTerminal();
  const adapter = new ConsoleAdapter(
    { clock, runDue: async () => {}, idle: async () => {}, quit, dataDir: options.dataDir },
    input,
    output,
  );
  const events: BotEvent[] = [];
  const bot: BotHandle = {
    handle: async (_adapter, event) => {
      events.push(event);
    },
    commands: () => [],
    problem: () => {},
  };
  await adapter.start(bot);
  for (const post of options.posts ?? []) await adapter.send(MAIN, { kind: 'text', text: post });
  input.end(`${lines.join('\n')}\n`);
  await done;
  // A clean quit stops the adapter (main: bot.stop); a crash never gets there.
  if (!options.crash) await adapter.stop();
  const messages = events.filter((e): e is MessageEvent => e.type === 'message');
  return { clock, printed: transcript(), events, messages };
}

describe('console simulator: several lines in one message', () => {
  it('\\n in a typed line is a newline; \\\\n is a backslash and an n', async () => {
    const { messages } = await run(['alice> 1. bob +1\\n2. alice +2', 'bob> a literal \\\\n here']);
    expect(messages.map((m) => [m.sender.name, m.text])).toEqual([
      ['alice', '1. bob +1\n2. alice +2'],
      ['bob', 'a literal \\n here'],
    ]);
  });

  it('a :paste block is one message from the current speaker, or from :paste NAME', async () => {
    const { messages } = await run([
      ':as carol',
      ':paste',
      '1. alice ×1',
      '2. carol +2',
      ':end',
      ':paste dave',
      '+1 周六来拿',
      ':end',
    ]);
    expect(messages.map((m) => [m.sender.name, m.text])).toEqual([
      ['carol', '1. alice ×1\n2. carol +2'],
      ['dave', '+1 周六来拿'],
    ]);
  });

  it('a :paste block never closed is reported at end of input and not sent', async () => {
    const { messages, printed } = await run(['alice> hi', ':paste', '+1']);
    expect(messages.map((m) => m.text)).toEqual(['hi']);
    expect(printed).toContain('[console] error: :paste was not closed with :end — nothing sent\n');
  });
});

describe('console simulator: replies to the bot', () => {
  it('prints each bot message with its id, and :reply sends a reply to that message', async () => {
    const { printed, messages } = await run([':as alice', ':reply m2 +1', ':reply m1 bob> +2\\n谢谢'], {
      posts: ['🛒 #1 Mangoes', '🛒 #2 Pears\nline two'],
    });
    expect(printed).toContain('[main] bot (m1): 🛒 #1 Mangoes\n[main] bot (m2): 🛒 #2 Pears\n  line two\n');
    expect(messages.map((m) => [m.sender.name, m.text, m.replyTo, m.chat.chatId])).toEqual([
      ['alice', '+1', 'm2', 'main'],
      ['bob', '+2\n谢谢', 'm1', 'main'],
    ]);
  });

  it('a reply to an id the bot never printed, or without text, is refused in one line and sends nothing', async () => {
    const { printed, messages } = await run([':reply m2 +1', ':reply m1', ':reply #1 +1'], {
      posts: ['card'],
    });
    expect(messages).toEqual([]);
    expect(printed.split('\n').filter((l) => l.startsWith('[console]'))).toEqual([
      '[console] error: no bot message m2 yet — ids show as [main] bot (m3): …',
      '[console] error: :reply needs MSGID TEXT, e.g. :reply m3 +1',
      '[console] error: :reply needs MSGID TEXT, e.g. :reply m3 +1',
    ]);
  });
});

describe('console simulator: a restart on the same data dir', () => {
  it(':admin grants, the :clock offset and message ids carry over, in an owner-only console.json', async () => {
    const dir = await dataDir();
    const first = await run([':admin bob', ':clock +2d', 'bob> /lang zh'], { dataDir: dir, posts: ['one'] });
    expect(first.messages[0]!.sender.role).toBe('admin');
    expect((await stat(join(dir, 'console.json'))).mode & 0o777).toBe(0o600);

    // m1 was printed by the first run: a reply to it is still accepted.
    const second = await run(['bob> /lang en', 'carol> hi', ':reply m1 carol> +1'], {
      dataDir: dir,
      posts: ['two'],
    });
    expect(second.messages.map((m) => [m.sender.name, m.sender.role, m.replyTo])).toEqual([
      ['bob', 'admin', undefined],
      ['carol', 'member', undefined],
      ['carol', 'member', 'm1'],
    ]);
    // Still two days ahead (give or take the time the test takes).
    expect(second.clock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000);
    expect(second.printed).toMatch(/^\[console\] restored: clock \S+Z \(\+2d\); admins bob \(main\)\n/);
    // The new run's first message is m2: an old id never names a new message.
    expect(second.printed).toContain('[main] bot (m2): two');
  });

  it('after a crash a new run never reuses an id the crashed run printed', async () => {
    const dir = await dataDir();
    await run([], { dataDir: dir, posts: ['a', 'b', 'c'], crash: true });
    const after = await run([], { dataDir: dir, posts: ['d'] });
    const id = Number(/bot \(m(\d+)\): d/.exec(after.printed)?.[1]);
    expect(id).toBeGreaterThan(3);
  });

  it('a console.json that cannot be read stops start-up naming the file, and is left as it was', async () => {
    const dir = await dataDir();
    const file = join(dir, 'console.json');
    await writeFile(file, '{"version":1,"clockOffsetMs":-5');
    await expect(run([], { dataDir: dir })).rejects.toThrow(`cannot load ${file}: not valid JSON`);
    await writeFile(file, '{"version":1,"clockOffsetMs":-5,"admins":{},"messageIds":0}');
    await expect(run([], { dataDir: dir })).rejects.toThrow(`cannot load ${file}: clockOffsetMs:`);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"clockOffsetMs":-5,"admins":{},"messageIds":0}');
  });

  it('a bad directive changes nothing on disk', async () => {
    const dir = await dataDir();
    await run([':admin bob', ':clock +1h'], { dataDir: dir });
    const before = await readFile(join(dir, 'console.json'), 'utf8');
    const { printed } = await run([':admin two words', ':clock -1h', ':clock soon', ':reply m9 hi', ':end'], {
      dataDir: dir,
    });
    expect(printed.match(/\[console\] error: /g)).toHaveLength(5);
    expect(await readFile(join(dir, 'console.json'), 'utf8')).toBe(before);
  });
});
