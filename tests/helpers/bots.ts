import { afterEach } from 'vitest';
import { TestBot, type TestBotOptions } from './chat.js';

/** Opens TestBots for the tests of one describe block; call it inside the block. */
export interface BotsPerTest {
  /** A TestBot with the block's defaults, `options` over them; closed after the test. */
  bot(options?: TestBotOptions): Promise<TestBot>;
  /** What to undo after each test (bots, temp dirs…), run last first. */
  cleanup: (() => Promise<void>)[];
}

/**
 * Registers an afterEach in the calling describe block that closes every bot it opened (and runs
 * whatever else was pushed to `cleanup`), so no store is left open between tests.
 */
export function botsPerTest(defaults: TestBotOptions): BotsPerTest {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  return {
    cleanup,
    async bot(options = {}) {
      const t = await TestBot.create({ ...defaults, ...options });
      cleanup.push(() => t.close());
      return t;
    },
  };
}
