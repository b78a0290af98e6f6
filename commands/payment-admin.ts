import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { dealCode } from '../src/services/deals.js';
import type { NamedMember } from '../src/services/member-names.js';
import { readAmountWord } from '../src/services/money.js';
import { moneyState, paidOn } from '../src/services/money-state.js';
import { confirmClaims, memberLines, recordRefund, rejectClaim } from '../src/services/payments.js';
import type { Deal, Order } from '../src/store/schema.js';
import { paidShown, refreshIfPaidChanged } from './card-paid.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { namedMember } from './member-arg.js';
import { moneyOf } from './money-text.js';
import { holderNames } from './order-text.js';
import { sendVia, tellMember } from './payment-notices.js';
import { paymentText } from './payment-text.js';
import { memberStates } from './payment-views.js';
import { owedBack, owedBackNotice } from './refund-notices.js';

/**
 * An admin's answers to money: confirm members' claims (`/confirm #3 @alice @bob`, `/confirm #3
 * all`), reject one with a reason (`/reject`), record a refund (`/refund #3 @alice [amount]
 * [reason]`). Each member is told privately (payment-notices.ts); bad input changes nothing.
 */

/** `all` in English or Chinese: every claimed line of the deal. */
const ALL = /^(?:all|全部|所有人?|全体)$/i;

/** `@Alice Wang @bob` → [`@Alice Wang`, `@bob`]; names without `@` are one word each. */
function splitNames(text: string): string[] {
  const parts = /[@＠]/.test(text) ? text.split(/\s+(?=[@＠])/) : text.split(/\s+/);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export const confirmCommand = defineCommand({
  name: 'confirm',
  keywords: ['确认收款', '确认付款'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, member: z.string().max(1000).optional() }),
  positional: ['deal', 'member'],
  rest: 'member',
  help: helpText(
    "confirm members' payment claims: one, several or all (/confirm #3 all); each is told privately",
    '确认付款申报：一人、多人或全部；私信告知成员',
    '/confirm #3 @member [@member…]',
    ['/confirm #3 @alice', '/confirm #3 @alice @bob', '/confirm #3 all', '确认收款 #3 全部'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = paymentText(ctx.locale);
    const who = args.member?.trim();
    if (!who) return ctx.reply(t.confirmWho(deal.no));
    let named: NamedMember[] | undefined;
    if (!ALL.test(who)) {
      named = [];
      for (const typedName of splitNames(who)) {
        const found = namedMember(ctx, ctx.community.id, typedName, dealText(ctx.locale).noMember);
        if (!found) return; // nothing is confirmed when one name is wrong
        if (!named.some((n) => n.member.userId === found.member.userId)) named.push(found);
      }
    }
    // What each line had been paid, to tell each member what this confirmation paid.
    const before = new Map(ctx.tables.orders.by('deal', deal.id).map((o) => [o.id, paidOn(o)]));
    // A claim on a line withdrawn since (or in a deal that died) is owed back once confirmed.
    const owed = owedBack(ctx.tables, deal, 'all');
    const now = ctx.clock.now();
    const paidBefore = paidShown(ctx, deal);
    const results = ctx.mutate((tx) =>
      named === undefined
        ? [{ named: undefined, outcome: confirmClaims(tx, deal, 'all', ctx.sender.id, now) }]
        : named.map((n) => ({
            named: n,
            outcome: confirmClaims(tx, deal, { userId: n.member.userId }, ctx.sender.id, now),
          })),
    );
    const confirmed = results.flatMap((r) => (r.outcome.kind === 'confirmed' ? r.outcome.orders : []));
    const paid = paidByMember(confirmed, before);
    const replies: string[] = [];
    if (paid.size > 0) replies.push(confirmedLine(ctx, deal, confirmed, paid, named));
    for (const { named: n, outcome } of results) {
      if (outcome.kind === 'confirmed') continue;
      if (!n) replies.push(t.noClaims(deal.no));
      else {
        const states = memberStates(ctx, deal, n.member.userId);
        replies.push(states ? t.notClaimed(n.label, deal.no, states) : t.noOrderOf(n.label, deal.no));
      }
    }
    const refund = owedBackNotice(ctx, deal, 'all', owed);
    ctx.reply([...replies, ...(refund ? [refund.line] : [])].join('\n'));
    const notices = paymentText(ctx.community.locale);
    const money = moneyOf(ctx.community);
    const current = ctx.tables.deals.get(deal.id) ?? deal;
    for (const [userId, { name, cents }] of paid) {
      // A line raised after the claim still owes the rest: the member hears it with the thanks.
      const owed = memberLines(ctx.tables, deal.id, userId).reduce(
        (sum, o) => sum + moneyState(o, current).owedCents,
        0,
      );
      const notice =
        owed > 0
          ? notices.tellConfirmedOwing(deal.no, deal.title, money(cents), money(owed))
          : notices.tellConfirmed(deal.no, deal.title, money(cents));
      tellMember(ctx.adapter, ctx.community, deal, { userId, name }, notice, sendVia(ctx));
    }
    refund?.tell();
    refreshIfPaidChanged(ctx, ctx.community, deal, paidBefore);
  },
});

/** What a confirmation paid per member (cents), from each line's payments `before` it. */
function paidByMember(
  orders: Order[],
  before: ReadonlyMap<string, number>,
): Map<string, { name: string; cents: number }> {
  const byMember = new Map<string, { name: string; cents: number }>();
  for (const order of orders) {
    const cents = paidOn(order) - (before.get(order.id) ?? 0);
    const seen = byMember.get(order.userId);
    if (seen) seen.cents += cents;
    else byMember.set(order.userId, { name: order.name, cents });
  }
  return byMember;
}

/** `✓ #3: payment confirmed for alice ¥45.00, bob ¥90.00 (¥135.00 in all)`. */
function confirmedLine(
  ctx: GroupContext,
  deal: Deal,
  orders: Order[],
  paid: ReadonlyMap<string, { cents: number }>,
  named: NamedMember[] | undefined,
): string {
  const money = moneyOf(ctx.community);
  const labels = holderNames(ctx.tables, orders);
  for (const n of named ?? []) labels.set(n.member.userId, n.label);
  const list = [...paid].map(([userId, { cents }]) => `${labels.get(userId)} ${money(cents)}`);
  const total = [...paid.values()].reduce((sum, m) => sum + m.cents, 0);
  return paymentText(ctx.locale).confirmed(
    deal.no,
    list.join(ctx.locale === 'zh' ? '、' : ', '),
    money(total),
  );
}

export const rejectCommand = defineCommand({
  name: 'reject',
  keywords: ['驳回', '驳回付款'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    deal: dealCode,
    member: z.string().min(1).max(64),
    reason: z.string().trim().min(1).max(300),
  }),
  positional: ['deal', 'member', 'reason'],
  rest: 'reason',
  help: helpText(
    "reject a member's payment claim with a reason (told privately); they owe it again",
    '驳回付款申报并说明原因（私信告知）',
    '/reject #3 @member REASON',
    ['/reject #3 @alice no transfer received', '驳回 #3 @alice 没有收到转账'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const named = namedMember(ctx, ctx.community.id, args.member, dealText(ctx.locale).noMember);
    if (!named) return;
    const t = paymentText(ctx.locale);
    const { member, label } = named;
    const paid = paidShown(ctx, deal);
    const outcome = ctx.mutate((tx) =>
      rejectClaim(tx, deal, member.userId, args.reason, ctx.sender.id, ctx.clock.now()),
    );
    if (outcome.kind === 'not_claimed') {
      const states = memberStates(ctx, deal, member.userId);
      return ctx.reply(states ? t.notClaimed(label, deal.no, states) : t.noOrderOf(label, deal.no));
    }
    ctx.reply(t.rejected(label, deal.no, args.reason));
    const notice = paymentText(ctx.community.locale).tellRejected(deal.no, deal.title, args.reason);
    tellMember(ctx.adapter, ctx.community, deal, member, notice, sendVia(ctx));
    refreshIfPaidChanged(ctx, ctx.community, deal, paid);
  },
});

/** `[AMOUNT] [REASON]`: the amount in cents (absent: everything owed back), or the word that is not one. */
function readRefund(words: string | undefined): { cents?: number; reason?: string } | { bad: string } {
  const text = words?.trim() ?? '';
  if (!text) return {};
  const [first, ...rest] = text.split(/\s+/);
  const amount = readAmountWord(first!);
  if (amount === undefined) return { reason: text };
  if ('bad' in amount || amount.cents <= 0) return { bad: first! };
  const cents = amount.cents;
  const reason = rest.join(' ');
  return reason ? { cents, reason } : { cents };
}

export const refundCommand = defineCommand({
  name: 'refund',
  keywords: ['退款'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    deal: dealCode,
    member: z.string().min(1).max(64),
    reason: z.string().max(300).optional(),
  }),
  positional: ['deal', 'member', 'reason'],
  rest: 'reason',
  help: helpText(
    'record a refund you made: all owed back by default, or an amount (never more than paid), with a reason',
    '记录退款：默认退全部应退金额，也可写金额（不超过实付）和原因',
    '/refund #3 @member [AMOUNT] [REASON]',
    ['/refund #3 @alice', '/refund #3 @alice 10 two bad mangoes', '退款 #3 @alice 10 坏了两个'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = paymentText(ctx.locale);
    const asked = readRefund(args.reason);
    if ('bad' in asked) return ctx.reply(t.badAmount(asked.bad));
    const named = namedMember(ctx, ctx.community.id, args.member, dealText(ctx.locale).noMember);
    if (!named) return;
    const { member, label } = named;
    const money = moneyOf(ctx.community);
    const paid = paidShown(ctx, deal);
    const outcome = ctx.mutate((tx) =>
      recordRefund(tx, deal, member.userId, asked.cents, asked.reason, ctx.sender.id, ctx.clock.now()),
    );
    if (outcome.kind === 'no_order') return ctx.reply(t.noOrderOf(label, deal.no));
    if (outcome.kind === 'nothing_paid') {
      // Paid once and all given back is not "paid nothing": say so, with what was paid.
      const paid = memberLines(ctx.tables, deal.id, member.userId).reduce((sum, o) => sum + paidOn(o), 0);
      return ctx.reply(
        paid > 0 ? t.refundAllDone(label, deal.no, money(paid)) : t.refundNothingPaid(label, deal.no),
      );
    }
    if (outcome.kind === 'too_much') return ctx.reply(t.refundTooMuch(label, money(outcome.maxCents)));
    const gap = ctx.locale === 'zh' ? '' : ' ';
    const still = outcome.stillDueCents > 0 ? `${gap}${t.refundStillDue(money(outcome.stillDueCents))}` : '';
    ctx.reply(`${t.refundRecorded(label, deal.no, money(outcome.cents))}${still}`);
    const notice = paymentText(ctx.community.locale).tellRefunded(
      deal.no,
      deal.title,
      money(outcome.cents),
      asked.reason ?? '',
    );
    tellMember(ctx.adapter, ctx.community, deal, member, notice, sendVia(ctx));
    refreshIfPaidChanged(ctx, ctx.community, deal, paid);
  },
});
