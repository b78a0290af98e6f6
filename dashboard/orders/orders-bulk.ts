import { cleanName } from '../../src/core/names.js';
import { moneyState, paidOn } from '../../src/services/money-state.js';
import { MAX_PAGE_SIZE } from '../../src/services/order-table.js';
import { lineNumbers } from '../../src/services/roster-numbers.js';
import type { Deal, Order } from '../../src/store/schema.js';
import { runCommand } from '../actions.js';
import type { DashboardDeps } from '../deps.js';
import type { Notice } from '../layout.js';
import { ordersText } from '../text/orders.js';
import type { PageView } from '../view.js';

/**
 * Bulk actions on checked order lines, each through the chat command an admin would type, so the
 * command's own checks, answers, notices to members and card updates all happen as in the chat:
 * confirm payments (`/confirm #3 @member` for claimed lines, `/paid #3 @member` for lines paid in
 * cash that nobody claimed), record refunds (`/refund #3 @member`: everything owed
 * back), verify pickups (`/verify CODE`). Confirming and refunding act on a member's lines of a
 * deal together, so checked lines of one member in one deal make one call.
 */

export const BULK_ACTIONS = ['confirm', 'refund', 'verify'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Why a bulk request was refused before anything ran. */
export type BulkRefusal =
  | { kind: 'bad_action' }
  | { kind: 'no_rows' }
  | { kind: 'too_many'; max: number }
  /** An id that is no order line of the session's community (forged, or another group's). */
  | { kind: 'not_yours' };

/**
 * The checked lines, all of the session's community, or why not (nothing runs then). At most
 * MAX_PAGE_SIZE: a page never shows more.
 */
export function checkedLines(
  view: PageView,
  action: string | undefined,
  ids: readonly string[],
): { kind: 'lines'; action: BulkAction; lines: { order: Order; deal: Deal }[] } | BulkRefusal {
  const known = (BULK_ACTIONS as readonly string[]).includes(action ?? '');
  if (!known) return { kind: 'bad_action' };
  if (ids.length === 0) return { kind: 'no_rows' };
  if (ids.length > MAX_PAGE_SIZE) return { kind: 'too_many', max: MAX_PAGE_SIZE };
  const lines: { order: Order; deal: Deal }[] = [];
  for (const id of new Set(ids)) {
    const order = view.tables.orders.get(id);
    const deal = order && view.tables.deals.get(order.dealId);
    if (!order || !deal || order.communityId !== view.community.id || deal.communityId !== view.community.id)
      return { kind: 'not_yours' };
    lines.push({ order, deal });
  }
  return { kind: 'lines', action: action as BulkAction, lines };
}

/**
 * Runs the action on the lines, one command after the other (each durable before the next, as
 * messages typed one by one), and says what each answered: one notice per call, headed by the
 * lines it was about.
 */
export async function runBulk(
  deps: DashboardDeps,
  view: PageView,
  action: BulkAction,
  lines: readonly { order: Order; deal: Deal }[],
  /** Verify: hand over lines still owing money too (`/verify CODE confirm`). */
  handOverUnpaid = false,
): Promise<Notice[]> {
  const t = ordersText(view.locale);
  const numbers = new Map<string, Map<string, number>>();
  const label = (deal: Deal, orders: readonly Order[]) => {
    if (!numbers.has(deal.id)) numbers.set(deal.id, lineNumbers(view.tables, deal));
    const nos = orders.map((o) => numbers.get(deal.id)!.get(o.id)?.toString() ?? t.withdrawn);
    return t.rowLabel(deal.no, nos.join(', '), cleanName(orders[0]!.name));
  };
  const notices: Notice[] = [];
  if (action === 'verify') {
    for (const { order, deal } of lines) {
      const heading = label(deal, [order]);
      if (!order.pickupCode) {
        notices.push({ ok: false, heading: '', lines: [t.noCode(heading)] });
        continue;
      }
      const args = { check: order.pickupCode, ...(handOverUnpaid ? { detail: 'confirm' } : {}) };
      const wasHandedOver = order.deliveredAt !== undefined;
      const result = await runCommand(deps, view, 'verify', args);
      // Done only when handed over now: a line held back for its money is answered, not changed.
      const handedOver = !wasHandedOver && view.tables.orders.get(order.id)?.deliveredAt !== undefined;
      notices.push({ ok: result.ok && handedOver, heading, lines: result.said });
    }
    return notices;
  }
  for (const { deal, orders } of byMemberAndDeal(lines)) {
    // By user id: a name several members go by would be asked back, as in the chat.
    const args = { deal: String(deal.no), member: `@${orders[0]!.userId}` };
    // Confirming: a claim (已付) is confirmed; lines nobody claimed were paid in cash, and are
    // marked paid, as `/paid #3 @member` does in the chat.
    const claimedOnly = orders.every((o) => moneyState(o, deal).state === 'claimed');
    const command = action === 'confirm' && !claimedOnly ? 'paid' : action;
    const before = orders.map(moneyMoved);
    const result = await runCommand(deps, view, command, args);
    // A command answers also when it changes nothing (already confirmed, nothing to give back):
    // done only when some line's money moved.
    const after = orders.map((o) => moneyMoved(view.tables.orders.get(o.id) ?? o));
    const moved = after.some((money, i) => money !== before[i]);
    notices.push({ ok: result.ok && moved, heading: label(deal, orders), lines: result.said });
  }
  return notices;
}

/** What confirming or refunding changes on a line: cents confirmed paid and cents refunded. */
function moneyMoved(order: Order): string {
  return `${paidOn(order)}/${order.refundedCents ?? 0}`;
}

/**
 * The lines by member and deal, in the order first met: confirming and refunding act on all of a
 * member's lines of a deal at once, so each group is one command.
 */
export function byMemberAndDeal(
  lines: readonly { order: Order; deal: Deal }[],
): { deal: Deal; orders: Order[] }[] {
  const groups = new Map<string, { deal: Deal; orders: Order[] }>();
  for (const { order, deal } of lines) {
    const key = `${deal.id}|${order.userId}`;
    const group = groups.get(key) ?? { deal, orders: [] };
    group.orders.push(order);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** What a refused bulk request is told. */
export function bulkRefusalText(
  view: PageView,
  refusal: Exclude<BulkRefusal, { kind: 'not_yours' }>,
): string {
  const t = ordersText(view.locale);
  switch (refusal.kind) {
    case 'bad_action':
      return t.badAction;
    case 'no_rows':
      return t.noRows;
    case 'too_many':
      return t.tooManyRows(refusal.max);
  }
}
