import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MemoryAction, MemoryAdapter } from '../../adapters/memory/index.js';
import type { Capabilities } from '../../src/core/adapter.js';
import type { Bot } from '../../src/core/bot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef, Role } from '../../src/core/events.js';
import { Store } from '../../src/store/store.js';
import { botOnStore } from '../helpers/bot.js';

/**
 * Where scratch dirs go: the temp dir, which the suite's global setup (tests/setup/global.ts)
 * puts in RAM where it can and removes after the run.
 */
export function scratchRoot(): string {
  return tmpdir();
}

export async function scratchDir(prefix: string): Promise<string> {
  return mkdtemp(join(scratchRoot(), `tuanbot-${prefix}-`));
}

/** How a platform names its chats and users, played by a memory adapter with that platform's limits. */
export interface Identity {
  platform: string;
  capabilities: Partial<Capabilities>;
  group: string;
  /** A plain member, an admin and the owner, in the platform's id format. */
  member: string;
  other: string;
  owner: string;
}

export const IDENTITIES: Identity[] = [
  {
    platform: 'telegram',
    capabilities: { maxMessageLength: 4096 },
    group: '-1001234567890',
    member: '1001',
    other: '1002',
    owner: '1000',
  },
  {
    platform: 'discord',
    capabilities: { maxMessageLength: 2000 },
    group: '100000000000000010',
    member: '200000000000000002',
    other: '200000000000000003',
    owner: '200000000000000001',
  },
  {
    platform: 'wechat',
    capabilities: { maxMessageLength: 2048, defaultLocale: 'zh', editMessages: false, removeMembers: false },
    group: '20741234567@chatroom',
    member: 'wxid_alice01',
    other: 'wxid_bob0002',
    owner: 'wxid_owner01',
  },
  {
    platform: 'console',
    capabilities: {},
    group: 'main',
    member: 'alice',
    other: 'bob',
    owner: 'owner',
  },
];

/** The real bot core and store, with one memory adapter per identity, on a manual clock. */
export class World {
  private seq = 0;

  private constructor(
    readonly bot: Bot,
    readonly store: Store,
    readonly clock: ManualClock,
    readonly dir: string,
    readonly adapters: Map<string, MemoryAdapter>,
  ) {}

  static async create(identities: Identity[], dir?: string): Promise<World> {
    const root = dir ?? (await scratchDir('world'));
    const clock = new ManualClock();
    const store = await Store.open({ dir: root, clock });
    const bot = botOnStore(store, clock, root);
    const adapters = new Map(
      identities.map((i) => [i.platform, new MemoryAdapter(i.platform, i.capabilities, clock)]),
    );
    await bot.start([...adapters.values()]);
    bot.scheduler.stop(); // time moves only when a test moves it
    return new World(bot, store, clock, root, adapters);
  }

  groupOf(identity: Identity): ChatRef {
    return {
      platform: identity.platform,
      chatId: identity.group,
      kind: 'group',
      title: `group ${identity.group}`,
    };
  }

  dmOf(identity: Identity, user: string): ChatRef {
    return this.adapters.get(identity.platform)!.directChat(user);
  }

  /** `user` says text in chat with the given platform role; returns the texts the bot sent because of it. */
  async says(
    identity: Identity,
    chat: ChatRef,
    user: string,
    role: Role,
    text: string,
  ): Promise<MemoryAction[]> {
    const adapter = this.adapters.get(identity.platform)!;
    const before = adapter.actions.length;
    await this.bot.handle(adapter, {
      type: 'message',
      id: `w${++this.seq}`,
      chat,
      sender: { id: user, name: nameOf(user), ...(chat.kind === 'group' ? { role } : {}) },
      text,
    });
    await this.bot.idle();
    return adapter.actions.slice(before);
  }

  async close(keepDir = false): Promise<void> {
    await this.bot.stop();
    if (!keepDir) await rm(this.dir, { recursive: true, force: true });
  }
}

/** Display names that differ from ids, as on real platforms. */
export function nameOf(user: string): string {
  return `N${user.slice(-6).replace(/\W/g, '')}`;
}

/** The text of an action the memory adapter recorded. */
export function textOf(action: MemoryAction): string {
  if (action.kind === 'edit') return action.text;
  if (action.kind === 'remove') return `removed ${action.userId}`;
  return action.out.kind === 'text'
    ? action.out.text
    : (action.out.caption ?? `${action.out.kind}: ${action.out.path}`);
}
