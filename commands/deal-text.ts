import { formatDuration } from '../src/core/duration.js';
import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';
import { ambiguityOf, WHEN_FORMS } from '../src/core/when.js';
import type { Deal } from '../src/store/schema.js';
import { AMBIGUITY } from './when-text.js';

/** Wording of deals and orders in both languages, and the deal card with its roster. */
export const dealText = defineMessages('deals', {
  en: {
    created: (no: number) => `Deal #${no} is open. Order with +1 (or /join #${no}).`,
    edited: (no: number) => `Deal #${no} updated.`,
    notOpen: (no: number) => `Deal #${no} is no longer open.`,
    stockBelowSold: (no: number, sold: number) => `Deal #${no} already sold ${sold}; stock cannot be lower.`,
    endsInPast: 'The deadline must be in the future.',
    endsUnreadable: (value: string) =>
      `I cannot read ends=${value} as a deadline. Write it like ${WHEN_FORMS.en} (group timezone; quote it if it has a space: ends="fri 20:00").`,
    endsAmbiguous: (value: string) =>
      `ends=${value} could mean more than one time (${AMBIGUITY.en[ambiguityOf(value)]}). Write it like ${WHEN_FORMS.en}.`,
    endsPast: (value: string) =>
      `ends=${value} is already past. Give a future deadline, e.g. ${WHEN_FORMS.en}.`,
    badPrice: 'Invalid price: use an amount like 39.9.',
    priceRequired: 'Give a price (price=39.9), or a price for every option (options="5斤:59,10斤:109").',
    noChanges: 'Nothing to change: give key=value pairs, e.g. /deal edit #3 stock=50.',
    unknownDeal: (no: number) => `There is no deal #${no} in this group. /deals lists the open ones.`,
    noOpenDeals: 'No open deals right now.',
    whichDeal: (list: string, no: number) =>
      `Which deal? ${list}. Send +1 #${no}, or reply to the deal's message. Asked by:`,
    whichRoster: (list: string, no: number) => `Which deal's roster? ${list}. Send list #${no}.`,
    openDealsHeader: 'Open deals:',
    dealLine: (no: number, title: string, progress: string, ends: string) =>
      `#${no} ${title} — ${progress} · ends ${ends}`,
    formed: (no: number, title: string, buyers: number, ends: string) =>
      `🎉 #${no} ${title} reached ${buyers} buyer${buyers === 1 ? '' : 's'}: 成团! Orders stay open until ${ends} or until sold out.`,
    reminder: (no: number, title: string, left: string, missing: number) =>
      missing > 0
        ? `⏰ #${no} ${title} closes in ${left}: ${missing} more buyer${missing === 1 ? '' : 's'} to 成团!`
        : `⏰ #${no} ${title} closes in ${left}. It is 成团 already: last chance to join.`,
    closed: (no: number, title: string, buyers: number, units: number, total: string) =>
      `✅ #${no} ${title} closed: 成团 with ${count(buyers, 'buyer', 'buyers')}, ${count(units, 'unit', 'units')}, total ${total}.`,
    failed: (no: number, title: string, buyers: number, min: number) =>
      `❌ #${no} ${title} did not reach ${count(min, 'buyer', 'buyers')} (${buyers}) by the deadline. No one needs to pay.`,
    cancelled: (no: number, title: string, buyers: string) =>
      `🚫 #${no} ${title} was cancelled by the organiser.${buyers ? ` ${buyers}: no one needs to pay.` : ''}`,
    ackHeader: (no: number, title: string) => `#${no} ${title}:`,
    noOrder: (no: number) => `You have no order in #${no}.`,
    myOrdersNone: 'You have no open orders in this group.',
    myOrdersHeader: 'Your orders:',
    orderLine: (no: number, title: string, qty: number, option: string, amount: string, state: string) =>
      `#${no} ${title} ×${qty}${option ? ` ${option}` : ''} — ${amount} · ${state}`,
    paid: 'paid',
    unpaid: 'unpaid',
    delivered: 'delivered',
    noMember: (name: string) => `No member called ${name} in this group.`,
    marked: (name: string, no: number, what: string) => `${name}'s order in #${no} is marked ${what}.`,
    alreadyMarked: (name: string, no: number, what: string) =>
      `${name}'s order in #${no} was already ${what}.`,
    rosterEmpty: (no: number) => `No orders in #${no} yet.`,
    unpaidNone: (no: number) => `Everyone in #${no} has paid.`,
    unpaidHeader: (no: number, count: number, total: string) =>
      `#${no}: ${count} unpaid, ${total} outstanding:`,
    csvWritten: (no: number, rows: number) => `Orders of #${no} (${count(rows, 'row', 'rows')}) as CSV.`,
  },
  zh: {
    created: (no: number) => `团购 #${no} 已开团，发送 +1（或「参团 #${no}」）即可下单。`,
    edited: (no: number) => `团购 #${no} 已更新。`,
    notOpen: (no: number) => `团购 #${no} 已结束。`,
    stockBelowSold: (no: number, sold: number) => `团购 #${no} 已售出 ${sold} 件，库存不能更少。`,
    endsInPast: '截止时间必须在将来。',
    endsUnreadable: (value: string) =>
      `看不懂截止时间 截止=${value}。可以这样写：${WHEN_FORMS.zh}（按本群时区；含空格时请加引号，如 截止="周五 20:00"）。`,
    endsAmbiguous: (value: string) =>
      `截止时间 截止=${value} 有多种理解（${AMBIGUITY.zh[ambiguityOf(value)]}），请写明确，例如：${WHEN_FORMS.zh}。`,
    endsPast: (value: string) =>
      `截止时间 截止=${value} 已经过去了，请写一个将来的时间，例如：${WHEN_FORMS.zh}。`,
    badPrice: '价格无效：请填写金额，如 39.9。',
    priceRequired: '请填写价格（价格=39.9），或为每个规格填写价格（规格="5斤:59,10斤:109"）。',
    noChanges: '没有要修改的内容：请写 键=值，例如 改团 #3 库存=50。',
    unknownDeal: (no: number) => `本群没有团购 #${no}。发送「团购」查看进行中的团购。`,
    noOpenDeals: '目前没有进行中的团购。',
    whichDeal: (list: string, no: number) =>
      `要参加哪个团？${list}。请发送 +1 #${no}，或回复该团购消息。以下成员请注明：`,
    whichRoster: (list: string, no: number) => `要看哪个团的名单？${list}。请发送 列表 #${no}。`,
    openDealsHeader: '进行中的团购：',
    dealLine: (no: number, title: string, progress: string, ends: string) =>
      `#${no} ${title} — ${progress} · 截止 ${ends}`,
    formed: (no: number, title: string, buyers: number, ends: string) =>
      `🎉 #${no} ${title} 已有 ${buyers} 人参团，成团啦！截止 ${ends} 或售罄前仍可下单。`,
    reminder: (no: number, title: string, left: string, missing: number) =>
      missing > 0
        ? `⏰ #${no} ${title} 还有 ${left} 截团，还差 ${missing} 人成团！`
        : `⏰ #${no} ${title} 还有 ${left} 截团，已成团，最后机会！`,
    closed: (no: number, title: string, buyers: number, units: number, total: string) =>
      `✅ #${no} ${title} 已截团：${buyers} 人成团，共 ${units} 件，合计 ${total}。`,
    failed: (no: number, title: string, buyers: number, min: number) =>
      `❌ #${no} ${title} 截止时未达到 ${min} 人（仅 ${buyers} 人），未成团，无需付款。`,
    cancelled: (no: number, title: string, buyers: string) =>
      `🚫 #${no} ${title} 已被团长取消。${buyers ? `${buyers}：无需付款。` : ''}`,
    ackHeader: (no: number, title: string) => `#${no} ${title}：`,
    noOrder: (no: number) => `你在 #${no} 没有订单。`,
    myOrdersNone: '你在本群没有进行中的订单。',
    myOrdersHeader: '你的订单：',
    orderLine: (no: number, title: string, qty: number, option: string, amount: string, state: string) =>
      `#${no} ${title} ×${qty}${option ? ` ${option}` : ''} — ${amount} · ${state}`,
    paid: '已付款',
    unpaid: '未付款',
    delivered: '已提货',
    noMember: (name: string) => `本群没有叫 ${name} 的成员。`,
    marked: (name: string, no: number, what: string) => `${name} 在 #${no} 的订单已标记为${what}。`,
    alreadyMarked: (name: string, no: number, what: string) => `${name} 在 #${no} 的订单早已是${what}。`,
    rosterEmpty: (no: number) => `#${no} 还没有人下单。`,
    unpaidNone: (no: number) => `#${no} 的订单都已付款。`,
    unpaidHeader: (no: number, count: number, total: string) => `#${no}：${count} 人未付款，共 ${total}：`,
    csvWritten: (no: number, rows: number) => `#${no} 的订单（${rows} 行）CSV 文件。`,
  },
});

const STATUS = {
  en: {
    scheduled: 'not started yet',
    open: 'open',
    succeeded: '成团 (formed)',
    closed: 'closed (成团)',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  zh: {
    scheduled: '未开始',
    open: '拼团中',
    succeeded: '已成团',
    closed: '已截团（成团）',
    failed: '未成团',
    cancelled: '已取消',
  },
} as const;

export function statusName(locale: Locale, deal: Deal): string {
  return STATUS[locale][deal.status];
}

export function progress(locale: Locale, deal: Deal): string {
  const zh = locale === 'zh';
  const buyers = zh ? `${deal.buyers}/${deal.min} 人` : `${deal.buyers}/${deal.min} buyers`;
  const sold =
    deal.stock !== undefined
      ? zh
        ? ` · 已售 ${deal.sold}/${deal.stock}`
        : ` · ${deal.sold}/${deal.stock} sold`
      : '';
  return buyers + sold;
}

/** Time until the deal's deadline, in the reader's language (`2h 5m`, `2小时5分`). */
export function timeLeft(locale: Locale, deal: Deal, now: Date): string {
  return formatDuration(Date.parse(deal.endsAt) - now.getTime(), locale);
}
