import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { Feature, TextHandler } from '../src/core/feature.js';
import { formatTime, splitText } from '../src/core/format.js';
import { dealCode, dealOfMessage, openDeals } from '../src/services/deals.js';
import { parseJielong } from '../src/services/jielong.js';
import { findMemberByName } from '../src/services/members.js';
import { formatMoney } from '../src/services/money.js';
import {
  cancelOrder,
  markOrder,
  type OrderRequest,
  orderAmount,
  ordersOf,
  placeOrder,
  roster,
} from '../src/services/orders.js';
import type { Deal, Order } from '../src/store/schema.js';
import { dealCard, dealText, rosterLine } from './deal-text.js';
import { dealOrReply, refreshCard } from './deals.js';

/** Places an order and answers: batched acknowledgement + roster edit, or one reply for a mistake. */
function order(ctx: Context, deal: Deal, request: OrderRequest) {
  const t = dealText(ctx.locale);
  const community = ctx.community!;
  const name = ctx.member?.name ?? ctx.sender.name;
  const currency = community.settings.currency ?? '¥';
  const outcome = ctx.mutate((tx) =>
    placeOrder(tx, deal, { userId: ctx.sender.id, name }, request, ctx.clock.now()),
  );
  const ack = (line: string) => ctx.acknowledge(`ack:${deal.id}`, t.ackHeader(deal.no, deal.title), line);
  switch (outcome.kind) {
    case 'ordered':
      ack(
        t.ackOrdered(name, outcome.order.qty, outcome.order.option) +
          (outcome.order.pointsUsed > 0
            ? t.ackPoints(outcome.order.pointsUsed, formatMoney(outcome.order.discountCents, currency))
            : ''),
      );
      refreshCard(ctx, community, outcome.deal);
      if (outcome.formed) {
        ctx.reply(
          t.formed(deal.no, deal.title, outcome.deal.buyers, formatTime(deal.endsAt, community.timezone)),
        );
      }
      return;
    case 'unchanged':
      return ack(t.ackUnchanged(name, outcome.order.qty));
    case 'closed':
      return ack(t.ackClosed(name));
    case 'sold_out':
      return outcome.left > 0 ? ctx.reply(t.onlyLeft(deal.no, outcome.left)) : ack(t.ackSoldOut(name));
    case 'over_limit':
      return ctx.reply(t.overLimit(deal.no, outcome.limit));
    case 'bad_qty':
      return ctx.reply(t.badQty);
    case 'option_required':
      return ctx.reply(t.optionRequired(deal.no, deal.options.join(', ')));
    case 'unknown_option':
      return ctx.reply(t.unknownOption(deal.no, outcome.option, deal.options.join(', ')));
    case 'not_enough_points':
      return ctx.reply(t.notEnoughPoints(outcome.balance));
  }
}

function withdraw(ctx: Context, deal: Deal) {
  const t = dealText(ctx.locale);
  const outcome = ctx.mutate((tx) => cancelOrder(tx, deal, ctx.sender.id, ctx.clock.now()));
  if (outcome.kind === 'closed') return ctx.reply(t.notOpen(deal.no));
  if (outcome.kind === 'no_order') return ctx.reply(t.noOrder(deal.no));
  ctx.acknowledge(`ack:${deal.id}`, t.ackHeader(deal.no, deal.title), t.ackCancelled(outcome.order.name));
  refreshCard(ctx, ctx.community!, outcome.deal);
}

/**
 * Which deal a 接龙 text means: its #code, else the deal whose message it replies to, else the one
 * open deal. Several open deals: a short question. No open deal: not for us (undefined, silent).
 */
function pickDeal(ctx: Context, code: number | undefined): Deal | 'answered' | undefined {
  const community = ctx.community!;
  if (code !== undefined) return dealOrReply(ctx, code) ?? 'answered';
  const replyTo = ctx.event.type === 'message' ? ctx.event.replyTo : undefined;
  const replied = replyTo ? dealOfMessage(ctx.tables, community.id, replyTo) : undefined;
  if (replied) return replied;
  const open = openDeals(ctx.tables, community.id);
  if (open.length === 0) return recentlyClosed(ctx);
  if (open.length === 1) return open[0];
  const list = open.map((d) => `#${d.no} ${d.title}`).join(', ');
  ctx.reply(dealText(ctx.locale).whichDeal(list, open[0]!.no));
  return 'answered';
}

/** A deal that closed in the last day: a late `+1` is told it closed rather than ignored. */
function recentlyClosed(ctx: Context): Deal | undefined {
  const since = ctx.clock.now().getTime() - 86_400_000;
  return ctx.tables.deals
    .by('community', ctx.community!.id)
    .filter((d) => d.closedAt && Date.parse(d.closedAt) >= since)
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!))[0];
}

/** `+1`, `+2 L`, `接龙 2`, `-1`, `列表` in a group chat. */
export const jielongHandler: TextHandler = (ctx, text) => {
  if (ctx.chat.kind !== 'group' || !ctx.community) return false;
  const intent = parseJielong(text);
  if (!intent) return false;
  const deal = pickDeal(ctx, intent.deal);
  if (deal === undefined) return false;
  if (deal === 'answered') return true;
  if (intent.kind === 'roster') {
    ctx.reply(
      dealCard(
        ctx.locale,
        ctx.community,
        deal,
        roster(ctx.tables, deal),
        ctx.adapter.capabilities.maxMessageLength,
      ),
    );
  } else if (intent.kind === 'cancel') {
    withdraw(ctx, deal);
  } else {
    // A trailing word is an option only where the deal has options; elsewhere it is chatter.
    if (intent.word !== undefined && deal.options.length === 0) return false;
    order(ctx, deal, {
      qty: intent.qty,
      ...(intent.word ? { option: intent.word } : {}),
      ...(intent.usePoints !== undefined ? { usePoints: intent.usePoints } : {}),
    });
  }
  return true;
};

export const joinCommand = defineCommand({
  name: 'join',
  keywords: ['参团'],
  role: 'member',
  scope: 'group',
  args: z.object({
    deal: dealCode,
    qty: z.coerce.number().int().min(1).max(999).default(1),
    words: z.string().max(500).optional(),
    use: z.coerce.number().int().min(0).max(10_000_000).optional(),
  }),
  positional: ['deal', 'qty', 'words'],
  rest: 'words',
  help: helpText(
    'order in a deal (again to change your order); use=N spends points',
    '参加团购（再发一次即修改）；use=N 用积分抵扣',
    '/join #3 [QTY] [OPTION] [note…] [use=POINTS]',
    ['/join #3', '/join #3 2 L leave it at the door', '/join #3 1 use=50'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const words = args.words?.trim() ?? '';
    // Where the deal has options the first word picks one; the rest is a note.
    const [first, ...rest] = words ? words.split(/\s+/) : [];
    const option = deal.options.length > 0 ? first : undefined;
    const note = (deal.options.length > 0 ? rest.join(' ') : words) || undefined;
    order(ctx, deal, {
      qty: args.qty,
      ...(option ? { option } : {}),
      ...(note ? { note } : {}),
      ...(args.use !== undefined ? { usePoints: args.use } : {}),
    });
  },
});

export const cancelCommand = defineCommand({
  name: 'cancel',
  keywords: ['取消订单'],
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('withdraw your order while the deal is open', '取消自己的订单（截团前）', '/cancel #3'),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (deal) withdraw(ctx, deal);
  },
});

function orderState(ctx: Context, order: Order): string {
  const t = dealText(ctx.locale);
  return order.deliveredAt ? t.delivered : order.paidAt ? t.paid : t.unpaid;
}

export const myOrdersCommand = defineCommand({
  name: 'myorders',
  keywords: ['我的订单'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText('your orders in this group', '我在本群的订单', '/myorders'),
  run(ctx) {
    const t = dealText(ctx.locale);
    const community = ctx.community!;
    const orders = ordersOf(ctx.tables, community.id, ctx.sender.id).slice(0, 20);
    if (orders.length === 0) return ctx.reply(t.myOrdersNone);
    const currency = community.settings.currency ?? '¥';
    const lines = orders.map((o) => {
      const deal = ctx.tables.deals.get(o.dealId)!;
      return t.orderLine(
        deal.no,
        deal.title,
        o.qty,
        o.option ?? '',
        formatMoney(orderAmount(o), currency),
        orderState(ctx, o),
      );
    });
    ctx.reply([t.myOrdersHeader, ...lines].join('\n'));
  },
});

async function writeCsv(ctx: Context, deal: Deal, orders: Order[]): Promise<string> {
  const dir = join(ctx.dataDir, 'exports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `deal-${deal.communityId.replace(/[^\w-]/g, '_')}-${deal.no}-${stamp}.csv`);
  const tz = ctx.community!.timezone;
  const rows = orders.map((o) => ({
    member: o.name,
    quantity: o.qty,
    option: o.option ?? '',
    note: o.note ?? '',
    status: o.deliveredAt ? 'delivered' : o.paidAt ? 'paid' : 'unpaid',
    time: formatTime(o.createdAt, tz),
    amount: (orderAmount(o) / 100).toFixed(2),
  }));
  // A byte-order mark so spreadsheet programs read the Chinese names as UTF-8.
  await writeFile(file, stringify(rows, { header: true, bom: true }), { mode: 0o600 });
  return file;
}

export const ordersCommand = defineCommand({
  name: 'orders',
  keywords: ['订单'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, view: z.enum(['csv', 'unpaid']).optional() }),
  positional: ['deal', 'view'],
  help: helpText(
    "a deal's orders: roster, CSV file, or who still owes",
    '团购订单：名单、CSV 文件或未付款名单',
    '/orders #3 [csv|unpaid]',
    ['/orders #3', '/orders #3 csv', '/orders #3 unpaid'],
  ),
  async run(ctx, args) {
    const t = dealText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const orders = roster(ctx.tables, deal);
    const currency = ctx.community!.settings.currency ?? '¥';
    const max = ctx.adapter.capabilities.maxMessageLength;
    if (args.view === 'csv') {
      const file = await writeCsv(ctx, deal, orders);
      const caption = t.csvWritten(deal.no, orders.length);
      if (ctx.adapter.capabilities.files) ctx.dm({ kind: 'file', path: file, caption });
      else ctx.dm({ kind: 'text', text: `${caption}\n${file}` });
      return;
    }
    if (args.view === 'unpaid') {
      const unpaid = orders.filter((o) => !o.paidAt);
      if (unpaid.length === 0) return ctx.reply(t.unpaidNone(deal.no));
      const total = unpaid.reduce((sum, o) => sum + orderAmount(o), 0);
      const lines = unpaid.map((o, i) => `${rosterLine(o, i)} — ${formatMoney(orderAmount(o), currency)}`);
      for (const piece of splitText(
        [t.unpaidHeader(deal.no, unpaid.length, formatMoney(total, currency)), ...lines].join('\n'),
        max,
      ))
        ctx.reply(piece);
      return;
    }
    if (orders.length === 0) return ctx.reply(t.rosterEmpty(deal.no));
    const lines = orders.map(
      (o, i) => `${rosterLine(o, i)} — ${formatMoney(orderAmount(o), currency)} · ${orderState(ctx, o)}`,
    );
    for (const piece of splitText([`#${deal.no} ${deal.title}`, ...lines].join('\n'), max)) ctx.reply(piece);
  },
});

function markCommand(what: 'paid' | 'delivered', keyword: string, zh: string) {
  return defineCommand({
    name: what,
    keywords: [keyword],
    role: 'admin',
    scope: 'group',
    args: z.object({ deal: dealCode, member: z.string().min(1).max(64) }),
    positional: ['deal', 'member'],
    help: helpText(`mark a member's order ${what}`, `标记成员订单为${zh}`, `/${what} #3 @member`, [
      `/${what} #3 @alice`,
    ]),
    run(ctx, args) {
      const t = dealText(ctx.locale);
      const deal = dealOrReply(ctx, args.deal);
      if (!deal) return;
      const member = findMemberByName(ctx.tables, ctx.community!.id, args.member);
      if (!member) return ctx.reply(t.noMember(args.member));
      const outcome = ctx.mutate((tx) => markOrder(tx, deal, member.userId, what, ctx.clock.now()));
      const label = what === 'paid' ? t.paid : t.delivered;
      if (outcome.kind === 'no_order') return ctx.reply(`${member.name}: ${t.noOrder(deal.no)}`);
      if (outcome.kind === 'already') return ctx.reply(t.alreadyMarked(member.name, deal.no, label));
      ctx.reply(t.marked(member.name, deal.no, label));
    },
  });
}

export const paidCommand = markCommand('paid', '已付款', '已付款');
export const deliveredCommand = markCommand('delivered', '已提货', '已提货');

export const ordersFeature: Feature = {
  name: 'orders',
  commands: [joinCommand, cancelCommand, myOrdersCommand, ordersCommand, paidCommand, deliveredCommand],
  onText: [jielongHandler],
};
