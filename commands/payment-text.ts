import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import type { MoneyState, MoneyStateName } from '../src/services/money-state.js';

/**
 * Wording of money in both languages: the state of an order line (owing, claimed, paid,
 * cancelled, refund due, refunded), a member's claim, an admin's confirmation, rejection, mark
 * and refund, the private notices members get, and the money lines of `/audit`. A Chinese group
 * is shown the Chinese keywords (`已付 #3`, `确认收款`, `退款`), never the English slash forms.
 */
export const paymentText = defineMessages('payments', {
  en: {
    // The state of a line, as one word (CSV) or with its amount.
    owingWord: 'owing',
    claimedWord: 'claimed',
    paidWord: 'paid',
    cancelledWord: 'cancelled',
    refundDueWord: 'refund due',
    refundedWord: 'refunded',
    nothingToPay: 'nothing to pay',
    refundedOf: (amount: string, paid: string) => `refunded ${amount} of ${paid}`,
    withReason: (text: string, reason: string) => `${text} (${reason})`,
    deliveredWord: 'delivered',
    withdrawnWord: 'withdrawn',
    // The deal card's money buttons, and the private answer to "My order".
    myOrderButton: 'My order',
    paidButton: 'I paid',
    payHint: (no: number) => `Paid? Tap "I paid" or send 已付 #${no}.`,
    // A member's claim: `已付 #3`, `/paid #3`, the card's "I paid".
    claimed: (no: number, title: string, amount: string) =>
      `✓ #${no} ${title}: noted that you paid ${amount}. The organiser will confirm it.`,
    claimedLine: (name: string, amount: string) => `✓ ${name}: paid ${amount}, to be confirmed`,
    alreadyClaimed: (no: number, amount: string) =>
      `You already said you paid ${amount} for #${no}; the organiser has not confirmed it yet.`,
    nothingOwed: (no: number, state: string) => `Nothing to pay in #${no}: ${state}.`,
    claimDead: (no: number, title: string, state: string) =>
      `#${no} ${title} did not go ahead (${state}): there is nothing to pay. If you already paid, you will be refunded.`,
    whichClaim: (list: string, no: number) => `Which deal did you pay for? ${list}. Send 已付 #${no}.`,
    nothingToClaim: 'You owe nothing in this group right now.',
    // An admin's actions.
    noOrderOf: (name: string, no: number) => `${name} has no order in #${no}.`,
    markedPaid: (name: string, no: number, amount: string) =>
      `${name}'s order in #${no} is marked paid (${amount}).`,
    alreadyPaid: (name: string, no: number, state: string) => `${name} owes nothing in #${no} (${state}).`,
    deadNoPay: (no: number, state: string) =>
      `#${no} did not go ahead (${state}): nobody owes anything. Record money given back with /refund #${no} @member.`,
    confirmed: (no: number, list: string, amount: string) =>
      `✓ #${no}: payment confirmed for ${list} (${amount} in all).`,
    notClaimed: (name: string, no: number, state: string) =>
      `${name} has no payment claim to confirm in #${no} (${state}).`,
    noClaims: (no: number) => `Nobody in #${no} is waiting for a payment confirmation.`,
    confirmWho: (no: number) =>
      `Confirm whom? /confirm #${no} @member, several (@alice @bob), or /confirm #${no} all.`,
    rejected: (name: string, no: number, reason: string) =>
      `${name}'s payment claim in #${no} is rejected (${reason}). They are told, and owe it again.`,
    refundRecorded: (name: string, no: number, amount: string) =>
      `Recorded: ${amount} refunded to ${name} in #${no}.`,
    refundStillDue: (amount: string) => `Still owed back: ${amount}.`,
    refundTooMuch: (name: string, amount: string) =>
      `Nothing recorded: ${name} has ${amount} paid and not yet refunded, and a refund cannot be more.`,
    refundNothingPaid: (name: string, no: number) => `Nothing recorded: ${name} has paid nothing in #${no}.`,
    refundAllDone: (name: string, no: number, paid: string) =>
      `Nothing recorded: ${name} was already refunded all ${paid} paid in #${no}.`,
    badAmount: (value: string) =>
      `Nothing recorded: "${value}" is not an amount. Write it like 12.5 (more than 0, at most 2 decimals).`,
    // Private notices to the member (or, where that is refused, a group message mentioning them).
    tellConfirmed: (no: number, title: string, amount: string) =>
      `✓ Your payment of ${amount} for #${no} ${title} is confirmed. Thank you!`,
    tellConfirmedOwing: (no: number, title: string, amount: string, owed: string) =>
      `✓ Your payment of ${amount} for #${no} ${title} is confirmed. You still owe ${owed}: once paid, send 已付 #${no}.`,
    tellRejected: (no: number, title: string, reason: string) =>
      `✗ Your payment for #${no} ${title} was not confirmed: ${reason}. Please check, pay, and send 已付 #${no} again.`,
    tellRefunded: (no: number, title: string, amount: string, reason: string) =>
      `↩ The organiser refunded ${amount} to you for #${no} ${title}${reason ? ` (${reason})` : ''}.`,
    tellRefundDue: (no: number, title: string, state: string, amount: string) =>
      `#${no} ${title} did not go ahead (${state}): the organiser owes you a refund of ${amount}, and will tell you here once it is made.`,
    // A paid line that now costs less (withdrawn, lowered, re-priced): what is owed back, and why.
    tellOwedBack: (no: number, title: string, why: string, amount: string) =>
      `↩ #${no} ${title}: ${why}, so the organiser owes you ${amount} back. You will be told here once it is refunded.`,
    owedBackWithdrawn: 'your order was withdrawn after you paid',
    owedBackLowered: (cost: string, paid: string) =>
      `your order now costs ${cost}, less than the ${paid} you paid`,
    owedBackRepriced: (cost: string, paid: string) =>
      `the price went down: your order now costs ${cost}, less than the ${paid} you paid`,
    tellMarkedPaid: (no: number, title: string, amount: string) =>
      `✓ The organiser marked your order in #${no} ${title} paid (${amount}). Thank you!`,
    // A deal that failed or was cancelled, as announced in the group.
    refundsDue: (no: number, list: string) =>
      `Refunds due: ${list}. Admins: /orders #${no} refunds lists them; record each with /refund #${no} @member.`,
    claimsToCheck: (no: number, list: string) =>
      `Said they paid, not confirmed yet: ${list}. Admins: if the money came, /confirm #${no} @member, then record the refund with /refund #${no} @member; if not, /reject #${no} @member REASON.`,
    // A deal that closed (成团) while claims wait: once, in the close announcement.
    claimsWaiting: (no: number, list: string) =>
      `Said they paid, not confirmed yet: ${list}. Admins: /orders #${no} claimed lists them; /confirm #${no} @member (or all) once the money is there.`,
    andMore: (list: string, n: number) => `${list} and ${n} more`,
    // `/orders #3 claimed`, `/orders #3 refunds`.
    nothingOwedDeal: (no: number, state: string) => `Nobody owes anything in #${no} (${state}).`,
    unpaidFooter: (no: number) =>
      `Claimed lines wait for /confirm #${no} @member (or /reject #${no} @member REASON).`,
    claimedHeader: (no: number, count: number, amount: string) =>
      `#${no}: ${count} waiting for confirmation, ${amount}:`,
    claimedFooter: (no: number) =>
      `Confirm with /confirm #${no} @member or /confirm #${no} all; reject with /reject #${no} @member REASON.`,
    refundsNone: (no: number) => `No refunds due or made in #${no}.`,
    refundsDueHeader: (no: number, count: number, amount: string) =>
      `#${no} refunds due (${count}), ${amount} in all:`,
    refundsDoneHeader: (no: number, count: number, amount: string) =>
      `#${no} refunded (${count}), ${amount} in all:`,
    refundsFooter: (no: number) => `Record each refund with /refund #${no} @member [AMOUNT] [REASON].`,
    paidWas: (amount: string) => `paid ${amount}`,
    // `/audit`: money actions.
    audit: (at: string, what: string, name: string, by: string) => `${at} ${what} · ${name} — by ${by}`,
    auditClaimed: (amount: string) => `claimed payment of ${amount}`,
    auditConfirmed: (amount: string) => `payment confirmed ${amount}`,
    auditRejected: (reason: string) => `claim rejected (${reason})`,
    auditPaid: (amount: string) => `marked paid ${amount}`,
    auditPaidPlatform: (amount: string) => `paid in the chat ${amount}`,
    auditRefunded: (amount: string) => `refunded ${amount}`,
    auditUnpaidCancelled: 'cancelled unpaid',
    byAuto: 'auto',
    byPlatform: 'the payment platform',
  },
  zh: {
    owingWord: '待付款',
    claimedWord: '已报付款',
    paidWord: '已付款',
    cancelledWord: '已取消',
    refundDueWord: '待退款',
    refundedWord: '已退款',
    nothingToPay: '无需付款',
    refundedOf: (amount: string, paid: string) => `已付 ${paid}，已退 ${amount}`,
    withReason: (text: string, reason: string) => `${text}（${reason}）`,
    deliveredWord: '已提货',
    withdrawnWord: '订单已取消',
    myOrderButton: '我的订单',
    paidButton: '我已付款',
    payHint: (no: number) => `付好了？点「我已付款」或发送 已付 #${no}。`,
    claimed: (no: number, title: string, amount: string) =>
      `✓ #${no} ${title}：已记下你付款 ${amount}，等团长确认。`,
    claimedLine: (name: string, amount: string) => `✓ ${name}：已付 ${amount}，待团长确认`,
    alreadyClaimed: (no: number, amount: string) => `你已报过 #${no} 付款 ${amount}，团长尚未确认。`,
    nothingOwed: (no: number, state: string) => `#${no} 无需再付款：${state}。`,
    claimDead: (no: number, title: string, state: string) =>
      `#${no} ${title} 未能成行（${state}），无需付款；如已付款，团长会退款给你。`,
    whichClaim: (list: string, no: number) => `你付的是哪个团？${list}。请发送 已付 #${no}。`,
    nothingToClaim: '你目前在本群没有待付款的订单。',
    noOrderOf: (name: string, no: number) => `${name} 在 #${no} 没有订单。`,
    markedPaid: (name: string, no: number, amount: string) =>
      `${name} 在 #${no} 的订单已标记为已付款（${amount}）。`,
    alreadyPaid: (name: string, no: number, state: string) => `${name} 在 #${no} 无需再付款（${state}）。`,
    deadNoPay: (no: number, state: string) =>
      `#${no} 未能成行（${state}），无人需要付款。退款后请发送 退款 #${no} @成员 记录。`,
    confirmed: (no: number, list: string, amount: string) => `✓ #${no}：已确认收款 ${list}（共 ${amount}）。`,
    notClaimed: (name: string, no: number, state: string) =>
      `${name} 在 #${no} 没有待确认的付款（${state}）。`,
    noClaims: (no: number) => `#${no} 没有待确认的付款。`,
    confirmWho: (no: number) =>
      `确认谁的付款？发送 确认收款 #${no} @成员，可写多人（@甲 @乙），或 确认收款 #${no} 全部。`,
    rejected: (name: string, no: number, reason: string) =>
      `已驳回 ${name} 在 #${no} 的付款申报（${reason}），已通知对方，需重新付款。`,
    refundRecorded: (name: string, no: number, amount: string) => `已记录：#${no} 退给 ${name} ${amount}。`,
    refundStillDue: (amount: string) => `仍待退款：${amount}。`,
    refundTooMuch: (name: string, amount: string) =>
      `未记录：${name} 已付且未退的只有 ${amount}，退款不能超过此数。`,
    refundNothingPaid: (name: string, no: number) => `未记录：${name} 在 #${no} 没有付过款。`,
    refundAllDone: (name: string, no: number, paid: string) =>
      `未记录：${name} 在 #${no} 已付的 ${paid} 已全部退还。`,
    badAmount: (value: string) => `未记录："${value}"不是金额。请写成 12.5 这样（大于 0，最多两位小数）。`,
    tellConfirmed: (no: number, title: string, amount: string) =>
      `✓ 你在 #${no} ${title} 的付款 ${amount} 已确认，谢谢！`,
    tellConfirmedOwing: (no: number, title: string, amount: string, owed: string) =>
      `✓ 你在 #${no} ${title} 的付款 ${amount} 已确认，还需付 ${owed}，付款后请发送 已付 #${no}。`,
    tellRejected: (no: number, title: string, reason: string) =>
      `✗ 你在 #${no} ${title} 的付款未被确认：${reason}。请核对并付款后，再发送 已付 #${no}。`,
    tellRefunded: (no: number, title: string, amount: string, reason: string) =>
      `↩ 团长已退给你 #${no} ${title} 的 ${amount}${reason ? `（${reason}）` : ''}。`,
    tellRefundDue: (no: number, title: string, state: string, amount: string) =>
      `#${no} ${title} 未能成行（${state}）：团长应退给你 ${amount}，退款后会再通知你。`,
    tellOwedBack: (no: number, title: string, why: string, amount: string) =>
      `↩ #${no} ${title}：${why}，团长应退你 ${amount}，退款后会再通知你。`,
    owedBackWithdrawn: '你的订单已在付款后取消',
    owedBackLowered: (cost: string, paid: string) => `你的订单现为 ${cost}，少于你已付的 ${paid}`,
    owedBackRepriced: (cost: string, paid: string) => `团购降价，你的订单现为 ${cost}，少于你已付的 ${paid}`,
    tellMarkedPaid: (no: number, title: string, amount: string) =>
      `✓ 团长已将你在 #${no} ${title} 的订单标记为已付款（${amount}），谢谢！`,
    refundsDue: (no: number, list: string) =>
      `待退款：${list}。管理员：发送 订单 #${no} 退款 查看，退款后发送 退款 #${no} @成员 记录。`,
    claimsToCheck: (no: number, list: string) =>
      `已报付款、尚未确认：${list}。管理员：如已收到，请发送 确认收款 #${no} @成员，再发送 退款 #${no} @成员 记录退款；未收到请发送 驳回 #${no} @成员 原因。`,
    claimsWaiting: (no: number, list: string) =>
      `已报付款、尚未确认：${list}。管理员：发送 订单 #${no} 待确认 查看，收到款后发送 确认收款 #${no} @成员（或 全部）。`,
    andMore: (list: string, n: number) => `${list}等另外 ${n} 人`,
    nothingOwedDeal: (no: number, state: string) => `#${no} 无人需要付款（${state}）。`,
    unpaidFooter: (no: number) => `已报付款的订单请发送 确认收款 #${no} @成员（或 驳回 #${no} @成员 原因）。`,
    claimedHeader: (no: number, count: number, amount: string) =>
      `#${no}：${count} 人待确认收款，共 ${amount}：`,
    claimedFooter: (no: number) =>
      `确认请发送 确认收款 #${no} @成员 或 确认收款 #${no} 全部；驳回请发送 驳回 #${no} @成员 原因。`,
    refundsNone: (no: number) => `#${no} 没有待退款或已退款的订单。`,
    refundsDueHeader: (no: number, count: number, amount: string) =>
      `#${no} 待退款（${count} 笔），共 ${amount}：`,
    refundsDoneHeader: (no: number, count: number, amount: string) =>
      `#${no} 已退款（${count} 笔），共 ${amount}：`,
    refundsFooter: (no: number) => `每笔退款后请发送 退款 #${no} @成员 [金额] [原因] 记录。`,
    paidWas: (amount: string) => `已付 ${amount}`,
    audit: (at: string, what: string, name: string, by: string) => `${at} ${what} · ${name} — 操作人 ${by}`,
    auditClaimed: (amount: string) => `报付款 ${amount}`,
    auditConfirmed: (amount: string) => `确认收款 ${amount}`,
    auditRejected: (reason: string) => `驳回付款（${reason}）`,
    auditPaid: (amount: string) => `标记已付款 ${amount}`,
    auditPaidPlatform: (amount: string) => `群内支付 ${amount}`,
    auditRefunded: (amount: string) => `退款 ${amount}`,
    auditUnpaidCancelled: '未付款取消',
    byAuto: '自动',
    byPlatform: '支付平台',
  },
});

type PaymentText = ReturnType<typeof paymentText>;

/** The one word for a money state, in the reader's language (`owing`, `待付款`): the CSV's state column. */
export function stateWord(locale: Locale, state: MoneyStateName): string {
  const t = paymentText(locale);
  const words: Record<MoneyStateName, string> = {
    owing: t.owingWord,
    claimed: t.claimedWord,
    paid: t.paidWord,
    cancelled: t.cancelledWord,
    refund_due: t.refundDueWord,
    refunded: t.refundedWord,
  };
  return words[state];
}

/**
 * A line's money state with the amounts that are still open, as the member and the admin read it:
 * `owing ¥45.00`, `claimed`, `paid`, `nothing to pay`, `refund due ¥45.00`, `refunded ¥10.00 of
 * ¥45.00 (bad fruit)`. `reason`: the last refund's reason, if any. Amounts in cents.
 */
export function moneyWords(
  locale: Locale,
  m: MoneyState,
  money: (cents: number) => string,
  reason?: string,
): string {
  const t: PaymentText = paymentText(locale);
  const word = stateWord(locale, m.state);
  switch (m.state) {
    case 'owing':
      return `${word} ${money(m.owedCents)}`;
    case 'claimed':
    case 'paid':
      return word;
    case 'cancelled':
      return t.nothingToPay;
    case 'refund_due':
      return `${word} ${money(m.refundDueCents)}`;
    case 'refunded': {
      const text =
        m.refundedCents < m.paidCents
          ? t.refundedOf(money(m.refundedCents), money(m.paidCents))
          : `${word} ${money(m.refundedCents)}`;
      return reason ? t.withReason(text, reason) : text;
    }
  }
}
