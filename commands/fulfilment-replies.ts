import type { GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { GoodsState, StepRefusal } from '../src/services/fulfilment.js';
import type { AuditEntry, Community, Deal, Fulfilment } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { pointName } from './fulfilment-notices.js';
import { fulfilmentText } from './fulfilment-text.js';
import { moneyOf } from './money-text.js';
import { paymentText } from './payment-text.js';

/** How goods commands answer a step refused, name a point's state and when it was reached, and audit shortages. */

/** A step's state as the group reads it. */
export function stateWord(locale: GroupContext['locale'], state: GoodsState): string {
  const t = fulfilmentText(locale);
  return {
    closed: t.stateClosed,
    shipped: t.stateShipped,
    arrived: t.stateArrived,
    picking: t.statePicking,
    done: t.stateDone,
  }[state];
}

/** When the point's goods reached their state, as the group reads it ('' before any step). */
export function stepTime(ctx: GroupContext, f: Fulfilment): string {
  const at = {
    closed: undefined,
    shipped: f.shippedAt,
    arrived: f.arrivedAt,
    picking: f.pickingAt,
    done: f.doneAt,
  }[f.state];
  return at ? formatTime(at, ctx.community.timezone) : '';
}

/** Answers a refused step; `example`: the command that would come first (`/arrived #3 东门 …`). */
export function refuseStep(ctx: GroupContext, deal: Deal, refusal: StepRefusal, example: string): void {
  const t = fulfilmentText(ctx.locale);
  if (refusal.kind === 'not_closed') {
    const open = refusal.deal.status === 'open' || refusal.deal.status === 'succeeded';
    ctx.reply(open ? t.stillOpen(deal.no) : t.didNotGoAhead(deal.no));
    return;
  }
  const { fulfilment } = refusal;
  const point = pointName(ctx.tables, fulfilment.pointId);
  ctx.reply(
    refusal.kind === 'not_arrived'
      ? t.notArrived(deal.no, point, example)
      : t.already(deal.no, point, fulfilment.state, stepTime(ctx, fulfilment)),
  );
}

/**
 * A shortage of `/audit` as one line, worded like money's: `2026-11-28 10:05 #3 L: 1 short (¥45.00
 * less) · bob — by kim`; undefined for other actions. `at`, `by`: as the group reads them.
 */
export function shortAuditLine(
  locale: Locale,
  tables: Tables,
  community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (entry.action !== 'shorted') return undefined;
  const order = entry.ref === undefined ? undefined : tables.orders.get(entry.ref);
  const deal = order && tables.deals.get(order.dealId);
  const line = [deal ? `#${deal.no}` : '', order?.option ?? ''].filter(Boolean).join(' ');
  const what = fulfilmentText(locale).auditShorted(
    line,
    Number(entry.reason ?? 0),
    moneyOf(community)(entry.cents ?? 0),
  );
  return paymentText(locale).audit(at, what, showName(entry.name), by);
}
