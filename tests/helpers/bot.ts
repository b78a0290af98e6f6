import { features } from '../../commands/index.js';
import { Bot } from '../../src/core/bot.js';
import type { Clock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { communityRecords } from '../../src/services/community-records.js';
import type { BotStore } from '../../src/store/contract.js';

/** The bot as the adapter and hardening tests run it: every feature, no owners, UTC, silent logs. */
export function botOnStore(store: BotStore, clock: Clock, dataDir: string): Bot {
  return new Bot(
    store,
    clock,
    { ownerIds: [], timezone: 'UTC', dataDir },
    silentLogger,
    communityRecords,
  ).use(...features);
}
