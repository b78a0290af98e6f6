import { formatDuration } from '../src/core/duration.js';
import { formatTime } from '../src/core/format.js';
import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { formatMoney } from '../src/services/money.js';
import type { Community, Deal, Order } from '../src/store/schema.js';

/** Wording of deals and orders in both languages, and the deal card with its roster. */
export const dealText = defineMessages('deals', {
  en: {
    created: (no: number) => `Deal #${no} is open. Order with +1 (or /join #${no}).`,
    edited: (no: number) => `Deal #${no} updated.`,
    notOpen: (no: number) => `Deal #${no} is no longer open.`,
    stockBelowSold: (no: number, sold: number) => `Deal #${no} already sold ${sold}; stock cannot be lower.`,
    endsInPast: 'The deadline must be in the future.',
    badEnds: 'Invalid ends: use a date like 2026-12-01T20:00 (group timezone) or a duration like 48h.',
    badPrice: 'Invalid price: use an amount like 39.9.',
    noChanges: 'Nothing to change: give key=value pairs, e.g. /deal edit #3 stock=50.',
    unknownDeal: (no: number) => `There is no deal #${no} in this group. /deals lists the open ones.`,
    noOpenDeals: 'No open deals right now.',
    whichDeal: (list: string, no: number) =>
      `Which deal? ${list}. Send +1 #${no}, or reply to the deal's message.`,
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
      `✅ #${no} ${title} closed: 成团 with ${buyers} buyers, ${units} units, total ${total}.`,
    failed: (no: number, title: string, buyers: number, min: number) =>
      `❌ #${no} ${title} did not reach ${min} buyers (${buyers}) by the deadline. No one needs to pay.`,
    cancelled: (no: number, title: string, buyers: string) =>
      `🚫 #${no} ${title} was cancelled by the organiser.${buyers ? ` ${buyers}: no one needs to pay.` : ''}`,
    ackHeader: (no: number, title: string) => `#${no} ${title}:`,
    ackOrdered: (name: string, qty: number, option?: string) =>
      `✓ ${name} ×${qty}${option ? ` ${option}` : ''}`,
    ackUnchanged: (name: string, qty: number) => `✓ ${name} ×${qty} (unchanged)`,
    ackPoints: (points: number, discount: string) => ` −${discount} (${points} points)`,
    notEnoughPoints: (balance: number) =>
      `You have only ${balance} points; nothing was ordered. /points shows your balance.`,
    ackCancelled: (name: string) => `↩ ${name} cancelled`,
    ackSoldOut: (name: string) => `✗ ${name}: sold out`,
    ackClosed: (name: string) => `✗ ${name}: deal closed`,
    onlyLeft: (no: number, left: number) => `Only ${left} left in #${no}: send +${left} #${no} to take them.`,
    overLimit: (no: number, limit: number) => `The limit is ${limit} per member for #${no}.`,
    badQty: 'The quantity must be a whole number from 1 to 999.',
    optionRequired: (no: number, options: string) =>
      `Pick an option for #${no}: ${options}, e.g. +1 ${options.split(', ')[0]}.`,
    unknownOption: (no: number, option: string, options: string) =>
      options
        ? `#${no} has no option "${option}": choose ${options}.`
        : `#${no} has no options; send just +1.`,
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
    csvWritten: (no: number, rows: number) => `Orders of #${no} (${rows} rows) as CSV.`,
  },
  zh: {
    created: (no: number) => `团购 #${no} 已开团，发送 +1（或 /join #${no}）即可下单。`,
    edited: (no: number) => `团购 #${no} 已更新。`,
    notOpen: (no: number) => `团购 #${no} 已结束。`,
    stockBelowSold: (no: number, sold: number) => `团购 #${no} 已售出 ${sold} 件，库存不能更少。`,
    endsInPast: '截止时间必须在将来。',
    badEnds: 'ends 无效：请用 2026-12-01T20:00（按本群时区）或时长如 48h。',
    badPrice: 'price 无效：请填写金额，如 39.9。',
    noChanges: '没有要修改的内容：请用 key=value，例如 /deal edit #3 stock=50。',
    unknownDeal: (no: number) => `本群没有团购 #${no}。发送 /deals 查看进行中的团购。`,
    noOpenDeals: '目前没有进行中的团购。',
    whichDeal: (list: string, no: number) => `要参加哪个团？${list}。请发送 +1 #${no}，或回复该团购消息。`,
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
    ackOrdered: (name: string, qty: number, option?: string) =>
      `✓ ${name} ×${qty}${option ? ` ${option}` : ''}`,
    ackUnchanged: (name: string, qty: number) => `✓ ${name} ×${qty}（未变）`,
    ackPoints: (points: number, discount: string) => ` −${discount}（${points} 积分）`,
    notEnoughPoints: (balance: number) => `你只有 ${balance} 积分，未下单。发送 /points 查看余额。`,
    ackCancelled: (name: string) => `↩ ${name} 已取消`,
    ackSoldOut: (name: string) => `✗ ${name}：已售罄`,
    ackClosed: (name: string) => `✗ ${name}：已截团`,
    onlyLeft: (no: number, left: number) => `#${no} 只剩 ${left} 件，发送 +${left} #${no} 即可拍下。`,
    overLimit: (no: number, limit: number) => `#${no} 每人限购 ${limit} 件。`,
    badQty: '数量必须是 1 到 999 的整数。',
    optionRequired: (no: number, options: string) =>
      `请为 #${no} 选择规格：${options}，例如 +1 ${options.split(', ')[0]}。`,
    unknownOption: (no: number, option: string, options: string) =>
      options ? `#${no} 没有规格"${option}"，可选：${options}。` : `#${no} 没有规格，直接发送 +1 即可。`,
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
    open: 'open',
    succeeded: '成团 (formed)',
    closed: 'closed (成团)',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  zh: {
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

export function rosterLine(order: Order, index: number): string {
  return `${index + 1}. ${order.name} ×${order.qty}${order.option ? ` ${order.option}` : ''}${order.note ? ` (${order.note})` : ''}`;
}

/** The deal card with its roster, cut to fit one message of the platform. */
export function dealCard(
  locale: Locale,
  community: Community,
  deal: Deal,
  orders: Order[],
  maxLength: number,
): string {
  const zh = locale === 'zh';
  const currency = community.settings.currency ?? '¥';
  const price = `${formatMoney(deal.priceCents, currency)}${deal.unit ? `/${deal.unit}` : ''}`;
  const ends = formatTime(deal.endsAt, community.timezone);
  const missing = Math.max(0, deal.min - deal.buyers);
  const limit = deal.limit ? (zh ? ` · 每人限 ${deal.limit}` : ` · limit ${deal.limit} each`) : '';
  const soldOut = deal.stock !== undefined && deal.sold >= deal.stock;
  let state = statusName(locale, deal);
  if (deal.status === 'open') state += zh ? `，还差 ${missing} 人成团` : `: ${missing} more to 成团`;
  if (soldOut && (deal.status === 'open' || deal.status === 'succeeded'))
    state += zh ? ' · 已售罄' : ' · SOLD OUT';
  const head = [
    `🛒 #${deal.no} ${deal.title} — ${price}`,
    zh
      ? `${deal.min} 人成团 · ${progress(locale, deal)}${limit}`
      : `Group of ${deal.min} · ${progress(locale, deal)}${limit}`,
    ...(deal.options.length
      ? [zh ? `规格：${deal.options.join(', ')}` : `Options: ${deal.options.join(', ')}`]
      : []),
    ...(deal.pickup ? [zh ? `自提点：${deal.pickup}` : `Pickup: ${deal.pickup}`] : []),
    zh ? `截止：${ends}（${community.timezone}）` : `Ends: ${ends} (${community.timezone})`,
    zh ? `状态：${state}` : `Status: ${state}`,
  ];
  if (deal.status === 'open' || deal.status === 'succeeded') {
    const example = deal.options.length ? `+1 ${deal.options[0]}` : '+1';
    head.push(zh ? `下单：发送 ${example} · 取消：-1` : `Order: send ${example} · cancel: -1`);
  }
  return fitLines(head.join('\n'), orders.map(rosterLine), maxLength, (more) =>
    zh
      ? `……还有 ${more} 人（/orders #${deal.no} 查看全部）`
      : `… and ${more} more (/orders #${deal.no} for all)`,
  );
}

/** head + as many lines as fit in maxLength, then a "… and N more" line. */
export function fitLines(
  head: string,
  lines: string[],
  maxLength: number,
  more: (n: number) => string,
): string {
  let text = head;
  for (let i = 0; i < lines.length; i++) {
    const tail = more(lines.length - i);
    if (text.length + 1 + lines[i]!.length + 1 + tail.length > maxLength) return `${text}\n${tail}`;
    text += `\n${lines[i]}`;
  }
  return text;
}

export function timeLeft(deal: Deal, now: Date): string {
  return formatDuration(Date.parse(deal.endsAt) - now.getTime());
}
