import type { GroupContext } from '../src/core/context.js';
import { dealIsDead, moneyState, paidOn } from '../src/services/money-state.js';
import { memberLines } from '../src/services/payments.js';
import type { Deal, Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { statusName } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { sendPrivately } from './notice-delivery.js';
import { holderNames } from './order-text.js';
import { refundsOwed, sendVia } from './payment-notices.js';
import { paymentText } from './payment-text.js';

/**
 * Money owed back because a paid line came to cost less while the deal goes ahead: the member
 * withdrew it (`不要了`, /cancel, the card's Withdraw), lowered it (`改1`), or an admin cut the price
 * of lines already paid (`/deal edit … reprice=all`) — or because an admin confirmed a claim on a
 * line that no longer costs anything (withdrawn, or the deal died, after the member said they paid). The member is told privately what is owed
 * back and why; the admins read it in what the group sees anyway (the deal's batched notice, or the
 * answer to the command), which also names the member where the private message cannot go — so it
 * never costs a group message per member. A deal that failed or was cancelled says it in its
 * announcement instead (payment-notices.ts).
 *
 * Usage: `const before = owedBack(tables, deal, who)` before the change, then
 * `tellOwedBack(ctx, deal, who, before)` after it, which returns the admins' line (or undefined);
 * or `withOwedBack(ctx, deal, who, change)`, which does the reading before for the caller.
 */

/** Whose refunds a change can touch: one member's (a withdrawal, a change), or the whole deal's (a re-price). */
export type Whose = { userId: string } | 'all';

/** What members are owed back in a deal now: cents by user id (a member owed nothing may be absent). */
export function owedBack(tables: Tables, deal: Deal, who: Whose): Map<string, number> {
  const current = tables.deals.get(deal.id) ?? deal;
  if (who === 'all') return new Map(refundsOwed(tables, current).map((r) => [r.userId, r.cents]));
  let cents = 0;
  // Only money paid can be owed back: a line nothing was paid on is not even looked at (every
  // order of a flash sale comes through here).
  for (const o of tables.orders.by('dealBuyer', `${deal.id}|${who.userId}`))
    if (paidOn(o) > 0) cents += moneyState(o, current).refundDueCents;
  return new Map([[who.userId, cents]]);
}

/**
 * Runs `change` with what was owed back read before it: its result, and `tell` (tellOwedBack with
 * that reading) for the caller to call where its answer says it, if at all.
 */
export function withOwedBack<T>(
  ctx: GroupContext,
  deal: Deal,
  who: Whose,
  change: () => T,
): { result: T; tell: () => string | undefined } {
  const before = owedBack(ctx.tables, deal, who);
  return { result: change(), tell: () => tellOwedBack(ctx, deal, who, before) };
}

/**
 * After a change: each member now owed more back than `before` (owedBack, read before the change)
 * is told privately, in the community's language, what is owed back now and why. Returns the
 * admins' line naming them with those amounts (`Refunds due: @alice ¥45.00. Admins: …`, in the
 * reader's language), for the caller to say where the group sees it; undefined when nobody is owed
 * more. `repriced`: the change was a price cut.
 */
export function tellOwedBack(
  ctx: GroupContext,
  deal: Deal,
  who: Whose,
  before: ReadonlyMap<string, number>,
  repriced = false,
): string | undefined {
  const owed = owedBackNotice(ctx, deal, who, before, repriced);
  owed?.tell();
  return owed?.line;
}

/**
 * tellOwedBack in two steps, for a caller whose answer goes first and whose own private notices
 * come before these (a confirmation, then what it makes owed back): the admins' line now, the
 * private notices when `tell` is called. Undefined when nobody is owed more than `before`.
 */
export function owedBackNotice(
  ctx: GroupContext,
  deal: Deal,
  who: Whose,
  before: ReadonlyMap<string, number>,
  repriced = false,
): { line: string; tell: () => void } | undefined {
  const after = owedBack(ctx.tables, deal, who);
  const more = [...after].filter(([userId, cents]) => cents > (before.get(userId) ?? 0));
  if (more.length === 0) return undefined;
  const current = ctx.tables.deals.get(deal.id) ?? deal;
  const money = moneyOf(ctx.community);
  // Names as the roster tells look-alikes apart, over all the lines of those named.
  const lines = more.flatMap(([userId]) => memberLines(ctx.tables, deal.id, userId));
  const names = holderNames(ctx.tables, lines);
  const list = more.map(([userId, cents]) => `@${names.get(userId) ?? userId} ${money(cents)}`);
  return {
    line: paymentText(ctx.locale).refundsDue(deal.no, list.join(ctx.locale === 'zh' ? '、' : ', ')),
    // Only where a private chat exists: the admins' line names the member in the group anyway.
    tell: () =>
      sendPrivately(
        ctx.adapter,
        more.map(([userId, cents]) => ({
          userId,
          text: owedBackText(
            ctx,
            current,
            lines.filter((o) => o.userId === userId),
            cents,
            repriced,
          ),
        })),
        sendVia(ctx),
      ),
  };
}

/** `↩ #3 Mangoes: your order now costs ¥45.00, less than the ¥90.00 you paid, so …`, in the community's language. */
function owedBackText(
  ctx: GroupContext,
  deal: Deal,
  lines: Order[],
  cents: number,
  repriced: boolean,
): string {
  const { community } = ctx;
  const money = moneyOf(community);
  const tell = paymentText(community.locale);
  // A claim confirmed after the deal died: owed back because it did not go ahead.
  if (dealIsDead(deal))
    return tell.tellRefundDue(deal.no, deal.title, statusName(community.locale, deal), money(cents));
  const states = lines.map((o) => moneyState(o, deal));
  const cost = states.reduce((sum, m) => sum + m.dueCents, 0);
  const paid = states.reduce((sum, m) => sum + m.paidCents - m.refundedCents, 0);
  const why =
    cost === 0
      ? tell.owedBackWithdrawn
      : repriced
        ? tell.owedBackRepriced(money(cost), money(paid))
        : tell.owedBackLowered(money(cost), money(paid));
  return tell.tellOwedBack(deal.no, deal.title, why, money(cents));
}
