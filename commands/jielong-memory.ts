import type { Context } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import type { OrderRequest } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { orderText } from './order-text.js';

/**
 * What the 接龙 handler remembers about a member for a few minutes, in memory only (a restart
 * forgets it, which costs at most one more hint or one repeated question): the unreadable-order
 * hint already given, and an order waiting for the member to name its option.
 */

const WINDOW_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

interface Memory {
  /** `${dealId}|${userId}` → when the hint was given. */
  hinted: Map<string, number>;
  /** `${dealId}|${userId}` → the order asked about ("which option?") and when. */
  pending: Map<string, { requests: OrderRequest[]; at: number }>;
}

/** Per bot (by its command registry, one per bot): bots sharing a process remember apart. */
const memories = new WeakMap<Context['registry'], Memory>();

function memoryOf(ctx: Context): Memory {
  const known = memories.get(ctx.registry);
  if (known) return known;
  const memory: Memory = { hinted: new Map(), pending: new Map() };
  memories.set(ctx.registry, memory);
  return memory;
}

function forget<T>(map: Map<string, T>, now: number, at: (v: T) => number): void {
  if (map.size <= MAX_ENTRIES) return;
  for (const [key, value] of map) if (at(value) <= now - WINDOW_MS) map.delete(key);
}

/** One short hint naming the forms that work: at most once per member and deal every 10 minutes. */
export function hint(ctx: Context, deal: Deal): void {
  const now = ctx.clock.now().getTime();
  const key = `${deal.id}|${ctx.sender.id}`;
  const { hinted } = memoryOf(ctx);
  if ((hinted.get(key) ?? Number.NEGATIVE_INFINITY) > now - WINDOW_MS) return;
  forget(hinted, now, (at) => at);
  hinted.set(key, now);
  ctx.reply(
    orderText(ctx.locale).hint(showName(ctx.member?.name ?? ctx.sender.name), deal.no, deal.options[0] ?? ''),
  );
}

/** Remembers an order that was asked "which option?", so `5斤` alone completes it. */
export function awaitOption(ctx: Context, deal: Deal, requests: OrderRequest[]): void {
  const now = ctx.clock.now().getTime();
  const { pending } = memoryOf(ctx);
  forget(pending, now, (p) => p.at);
  pending.set(`${deal.id}|${ctx.sender.id}`, { requests, at: now });
}

/** The order waiting for its option, taken (once), if the member was asked in the last 10 minutes. */
export function takeAwaiting(ctx: Context, deal: Deal): OrderRequest[] | undefined {
  const key = `${deal.id}|${ctx.sender.id}`;
  const { pending } = memoryOf(ctx);
  const waiting = pending.get(key);
  pending.delete(key);
  if (!waiting || waiting.at <= ctx.clock.now().getTime() - WINDOW_MS) return undefined;
  return waiting.requests;
}
