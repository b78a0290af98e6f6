import type { Context, GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import type { OrderRequest } from '../src/services/orders.js';
import type { Deal, PickupPoint } from '../src/store/schema.js';
import { pickupText } from './pickup-text.js';

/**
 * "Which pickup point?": the question an order gets in a deal with several points when nothing
 * says which, asked once and remembered for 10 minutes in memory (a restart forgets it: at most
 * one question again). The answers that complete it are in point-answers.ts.
 */

const WINDOW_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/** An order asked "which point?": its deal, what it asked for, and when. */
export interface Pending {
  dealId: string;
  requests: OrderRequest[];
  at: number;
}

/** Per bot (by its command registry), `${communityId}|${userId}` → the order waiting for its point. */
const memories = new WeakMap<Context['registry'], Map<string, Pending>>();

function memoryOf(ctx: Context): Map<string, Pending> {
  let memory = memories.get(ctx.registry);
  if (!memory) {
    memory = new Map();
    memories.set(ctx.registry, memory);
  }
  return memory;
}

const keyOf = (ctx: GroupContext) => `${ctx.community.id}|${ctx.sender.id}`;

/**
 * Remembers orders that were asked "which point?". True when this is a new question (not one
 * already pending for the same deal), so a burst of bare `+1`s is asked about once.
 */
export function awaitPoint(ctx: GroupContext, deal: Deal, requests: OrderRequest[]): boolean {
  const memory = memoryOf(ctx);
  const now = ctx.clock.now().getTime();
  if (memory.size > MAX_ENTRIES)
    for (const [key, p] of memory) if (p.at <= now - WINDOW_MS) memory.delete(key);
  const key = keyOf(ctx);
  const before = memory.get(key);
  memory.set(key, { dealId: deal.id, requests, at: now });
  return !before || before.dealId !== deal.id || before.at <= now - WINDOW_MS;
}

/** An order of the deal was taken: a question still pending about it is answered. */
export function dropPointQuestion(ctx: GroupContext, deal: Deal): void {
  const memory = memories.get(ctx.registry);
  if (!memory || memory.size === 0) return;
  if (memory.get(keyOf(ctx))?.dealId === deal.id) memory.delete(keyOf(ctx));
}

/** The order waiting for a point (of `dealId` when given), taken once, if asked in the last 10 minutes. */
export function takePending(ctx: GroupContext, dealId?: string): Pending | undefined {
  const memory = memories.get(ctx.registry);
  if (!memory || memory.size === 0) return undefined;
  const key = keyOf(ctx);
  const pending = memory.get(key);
  if (!pending || (dealId !== undefined && pending.dealId !== dealId)) return undefined;
  memory.delete(key);
  return pending.at > ctx.clock.now().getTime() - WINDOW_MS ? pending : undefined;
}

/** `1 东门驿站, 2 西门`: points as lists name them. */
export function pointList(ctx: Context, points: readonly PickupPoint[]): string {
  return points.map((p) => `${p.no} ${showName(p.name)}`).join(ctx.locale === 'zh' ? '、' : ', ');
}

/** `东门驿站、西门`: the points a member may name. */
function pointNames(ctx: Context, points: readonly PickupPoint[]): string {
  return points.map((p) => showName(p.name)).join(ctx.locale === 'zh' ? '、' : ', ');
}

/** The problem line of an order that needs a point, or named one the deal does not deliver to. */
export function pointProblem(
  ctx: Context,
  deal: Deal,
  outcome:
    | { kind: 'point_required'; points: PickupPoint[] }
    | { kind: 'point_not_offered'; point: PickupPoint; points: PickupPoint[] },
  request: OrderRequest,
  name: string,
  via: 'text' | 'command' | 'tap',
): string {
  const t = pickupText(ctx.locale);
  const points = pointNames(ctx, outcome.points);
  if (outcome.kind === 'point_not_offered')
    return t.pointNotOffered(name, deal.no, showName(outcome.point.name), points);
  const first = showName(outcome.points[0]?.name ?? '');
  if (via !== 'command') return t.pointRequired(name, points, first);
  const example = [`/join #${deal.no}`, request.qty, request.option, first].filter(Boolean).join(' ');
  return t.pointRequiredCommand(name, points, example);
}

/** The order waiting for a point, without taking it (the answer is read first). */
export function pendingPoint(ctx: GroupContext): Pending | undefined {
  const memory = memories.get(ctx.registry);
  return memory && memory.size > 0 ? memory.get(keyOf(ctx)) : undefined;
}
