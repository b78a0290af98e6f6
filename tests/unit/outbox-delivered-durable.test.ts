import { cpSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import type { Outgoing } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { Outbox } from '../../src/core/outbox.js';
import { Store } from '../../src/store/store.js';

/**
 * A crash right after the platform accepted a message repeats at most that message in its chat:
 * the mark that an earlier message of the chat was delivered is on disk before the next one goes
 * out, whatever its kind (text, image, file). Before, a platform that answers at once (the
 * console, a fast API) took a chat's whole queue in one turn of the event loop, and the marks of
 * all of it waited for the next group commit: a kill then sent every one of them again.
 */

const DM: ChatRef = { platform: 'memory', chatId: 'dm:alice', kind: 'direct', title: 'alice' };
const MESSAGES: Outgoing[] = [
  { kind: 'text', text: 'Your pickup code: K7PQ2M (×2).' },
  { kind: 'image', path: '/data/exports/pickup-K7PQ2M.png', caption: 'K7PQ2M (×2)' },
  { kind: 'file', path: '/data/exports/orders-1.csv', caption: '#1 orders' },
];

const stores: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => {});
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-delivered-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string, clock: ManualClock): Promise<{ store: Store; outbox: Outbox }> {
  const store = await Store.open({ dir, clock });
  stores.push(store);
  return { store, outbox: new Outbox(clock, silentLogger, store) };
}

const kinds = (adapter: MemoryAdapter) =>
  adapter.actions.map((a) => (a.kind === 'send' ? `${a.chat.chatId} ${a.out.kind}` : a.kind));

describe('a crash right after a message was accepted', () => {
  it('GIVEN a text, an image and a file owed in one chat WHEN the process dies as the platform accepts the file THEN the next start sends the file again, not the text or the image', async () => {
    const clock = new ManualClock('2026-11-25T08:00:00Z');
    const dir = await scratch();
    const crashed = await scratch();
    const { store, outbox } = await open(dir, clock);
    const platform = new MemoryAdapter('memory');
    const send = platform.send.bind(platform);
    // The records are on disk before the platform is first asked (as after a command's write).
    let recorded: () => void = () => {};
    const onDisk = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    platform.send = async (chat, out, origin) => {
      await onDisk;
      const accepted = await send(chat, out, origin);
      // What the disk holds the instant the platform accepted the last one: what a kill leaves.
      if (out.kind === 'file') cpSync(dir, crashed, { recursive: true });
      return accepted;
    };
    for (const out of MESSAGES) outbox.send(platform, DM, out, { userId: 'alice' });
    await store.flushed();
    recorded();
    await outbox.idle();
    expect(kinds(platform)).toEqual(['dm:alice text', 'dm:alice image', 'dm:alice file']);

    const next = await open(crashed, clock);
    const restarted = new MemoryAdapter('memory');
    next.outbox.resume([restarted]);
    await next.outbox.idle();
    expect(kinds(restarted)).toEqual(['dm:alice file']);
  });
});
