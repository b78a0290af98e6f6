import type { BotStore } from './contract.js';

/**
 * Forgets processed event ids older than ttlMs (the redelivery window: platforms redeliver within
 * minutes to hours, 7 days by default). Not awaited by callers: a lost deletion only means
 * remembering an id a little longer.
 */
export function forgetOldSeen(store: Pick<BotStore, 'tables' | 'transact'>, now: Date, ttlMs: number): void {
  const cutoff = now.getTime() - ttlMs;
  const old = [...store.tables.seen.values()].filter((s) => Date.parse(s.at) < cutoff);
  if (old.length === 0) return;
  store
    .transact((tx) => {
      for (const s of old) tx.delete('seen', s.id);
    })
    .committed.catch(() => {});
}
