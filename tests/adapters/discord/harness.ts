import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAdapter } from '../../../adapters/discord/index.js';
import type { AdapterProblem } from '../../../src/core/adapter.js';
import type { Bot } from '../../../src/core/bot.js';
import { SystemClock } from '../../../src/core/clock.js';
import type { BotEvent } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/logger.js';
import { Store } from '../../../src/store/store.js';
import { botOnStore } from '../../helpers/bot.js';
import { APP_ID, FakeDiscord, type RestCall } from './fake-discord.js';

/** Polls until check() passes (or returns a value), failing with `what` after the deadline. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The real bot, store on a temp dir, and the Discord adapter talking to a fresh fake Discord. */
export class DiscordHarness {
  private constructor(
    readonly fake: FakeDiscord,
    readonly bot: Bot,
    readonly store: Store,
    readonly adapter: DiscordAdapter,
    readonly dir: string,
    /** Every event the adapter handed the bot, and every problem it reported, in order. */
    readonly events: BotEvent[],
    readonly problems: (AdapterProblem & { chat?: string })[],
  ) {}

  static async create(setup: (fake: FakeDiscord) => void = () => {}): Promise<DiscordHarness> {
    const fake = new FakeDiscord();
    await fake.start();
    setup(fake);
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-discord-'));
    const clock = new SystemClock();
    const store = await Store.open({ dir, clock });
    const bot = botOnStore(store, clock, dir);
    const events: BotEvent[] = [];
    const problems: (AdapterProblem & { chat?: string })[] = [];
    const handle = bot.handle.bind(bot);
    const problem = bot.problem.bind(bot);
    bot.handle = (adapter, event) => {
      events.push(event);
      return handle(adapter, event);
    };
    bot.problem = (adapter, chat, found) => {
      problems.push({ ...found, ...(chat ? { chat: chat.chatId } : {}) });
      problem(adapter, chat, found);
    };
    const adapter = new DiscordAdapter({
      token: 'fake-token',
      appId: APP_ID,
      apiRoot: fake.apiRoot,
      log: silentLogger,
      clock,
      // The fake answers at once: a join racing a read of the invite list reaches the bot within this.
      inviteSettleMs: 100,
    });
    await bot.start([adapter]);
    bot.scheduler.stop();
    return new DiscordHarness(fake, bot, store, adapter, dir, events, problems);
  }

  /** The calls matching method and a path pattern. */
  calls(method: string, path: RegExp): RestCall[] {
    return this.fake.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Waits for the first call matching method and path that arrived after `after` calls. */
  waitForCall(method: string, path: RegExp, after = 0): Promise<RestCall> {
    return waitFor(
      () => this.fake.calls.slice(after).find((c) => c.method === method && path.test(c.path)),
      `${method} ${path}`,
    );
  }

  /** The texts the bot posted to channels or as slash-command answers, after `after` calls. */
  posted(after = 0): string[] {
    return this.fake.calls
      .slice(after)
      .filter(
        (c) => /^\/(channels\/\d+\/messages|webhooks\/.+@original)$/.test(c.path) && c.method !== 'DELETE',
      )
      .map((c) => String((c.body as { content?: string } | undefined)?.content ?? ''));
  }

  async close(): Promise<void> {
    await this.bot.stop();
    await this.fake.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
