import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.js';
import { createDeal, type DealInput } from '../../src/services/deals.js';
import type { Community, Deal } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import type { Tx } from '../../src/store/tx.js';

const HOUR = 3_600_000;

/** A store on a temp dir with one English community and one deal in it, for service tests. */
export interface DealStore {
  store: Store;
  clock: ManualClock;
  community: Community;
  /** The deal as created; read the current one from store.tables.deals. */
  deal: Deal;
  close(): Promise<void>;
}

/** What to change in the community, and what to write before the deal is created (pickup points…). */
export interface DealStoreSetup {
  /** Its id, platform and chat (default `memory:g`, memory, `g`). */
  community?: Partial<Pick<Community, 'id' | 'platform' | 'chatId'>>;
  /** Runs in a transaction after the community is written and before the deal is. */
  before?: (t: Tx, community: Community, now: Date) => void;
}

/**
 * Opens a DealStore at 2026-11-25T08:00:00Z: community `memory:g`, and a deal "Mangoes" at ¥45.00
 * for a group of 2, ending in 48 h, with `deal` overriding any of that (stock, options…).
 */
export async function openDealStore(
  deal: Partial<DealInput> = {},
  setup: DealStoreSetup = {},
): Promise<DealStore> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-deal-'));
  const clock = new ManualClock('2026-11-25T08:00:00Z');
  const store = await Store.open({ dir, clock });
  const now = clock.now();
  const community = store.transact((t) =>
    t.put('communities', {
      id: 'memory:g',
      platform: 'memory',
      chatId: 'g',
      title: 'g',
      locale: 'en',
      timezone: 'Asia/Shanghai',
      createdAt: now.toISOString(),
      settings: {},
      ...setup.community,
    }),
  ).value;
  const { before } = setup;
  if (before) store.transact((t) => before(t, community, now));
  const input: DealInput = {
    title: 'Mangoes',
    priceCents: 4500,
    min: 2,
    endsAt: new Date(now.getTime() + 48 * HOUR),
    ...deal,
  };
  const created = store.transact((t) => createDeal(t, community, input, 'owner', now)).value;
  return {
    store,
    clock,
    community,
    deal: created,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
