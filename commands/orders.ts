import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { defineCommand, helpText, withDetails } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { coreText } from '../src/core/messages.js';
import { cleanName, showName } from '../src/core/names.js';
import { splitText } from '../src/core/split-text.js';
import { dealCode } from '../src/services/deals.js';
import { moneyState } from '../src/services/money-state.js';
import { markDelivered, type OrderRequest, orderAmount } from '../src/services/orders.js';
import { lineNumbers } from '../src/services/roster-numbers.js';
import { writeExport } from '../src/store/exports.js';
import type { Deal, Order } from '../src/store/schema.js';
import { totalsLine } from './deal-card.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { jielongHandler } from './jielong.js';
import { isOrderText } from './jielong-intent.js';
import { namedMember } from './member-arg.js';
import { moneyOf } from './money-text.js';
import { answerOrder, heldLines, showWithdrawn, withdrawLines } from './order-answers.js';
import { cardButtonHandler } from './order-buttons.js';
import { holderNames, lineOwner, orderText, rosterLine } from './order-text.js';
import { paymentText, stateWord } from './payment-text.js';
import { lineMoney, memberMoneyLines, moneyLines, moneyView } from './payment-views.js';
import { withPickupCode } from './pickup-verify-text.js';
import { payButtonsFor } from './platform-pay-buttons.js';
import { byPoint, withHeadings } from './point-roster.js';
import { commandPoint } from './point-words.js';

export const joinCommand = defineCommand({
  name: 'join',
  keywords: ['参团'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({
    deal: dealCode,
    qty: z.coerce.number().int().min(1).max(999).default(1),
    words: z.string().max(500).optional(),
    use: z.coerce.number().int().min(0).max(10_000_000).optional(),
    for: z.string().trim().min(1).max(32).optional(),
  }),
  positional: ['deal', 'qty', 'words'],
  rest: 'words',
  help: withDetails(
    helpText(
      'order in a deal (again to change it)',
      '参加团购（再发一次即修改）',
      '/join #3 [QTY] [OPTION] [POINT] [note…] [use=POINTS] [for=NAME]',
      [
        '/join #3',
        '/join #3 2 L leave it at the door',
        '/join #3 1 东门',
        '/join #3 1 use=50',
        '/join #3 2 for=王阿姨',
      ],
    ),
    {
      en: 'use=N pays part of the price with N of your points. Admins only: for=NAME orders on behalf of someone.',
      zh: 'use=数字 用积分抵扣；for=名字 替别人代订，仅限管理员。',
    },
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    // A word naming a pickup point is the point (point-words.ts); of the others, where the deal
    // has options the first word picks one; the rest is a note.
    const point = commandPoint(ctx, deal, args.words?.trim() ?? '');
    if (point === 'answered') return;
    const words = point.words;
    const [first, ...rest] = words ? words.split(/\s+/) : [];
    const option = deal.options.length > 0 ? first : undefined;
    const note = (deal.options.length > 0 ? rest.join(' ') : words) || undefined;
    // Only an admin orders on someone else's behalf by command (members write `+1 帮王阿姨`).
    if (args.for !== undefined && ctx.role === 'member')
      return ctx.reply(orderText(ctx.locale).forAdminsOnly);
    // Field by field: `...(x ? { x } : {})` in a literal takes V8's slow path, per /join.
    const request: OrderRequest = { qty: args.qty };
    if (option) request.option = option;
    if (note) request.note = note;
    if (point.pointId) request.pointId = point.pointId;
    if (args.for) request.for = args.for;
    if (args.use !== undefined) request.usePoints = args.use;
    answerOrder(ctx, deal, [request], 'command');
  },
});

export const cancelCommand = defineCommand({
  name: 'cancel',
  keywords: ['取消订单'],
  role: 'member',
  scope: 'group',
  args: z.object({
    deal: dealCode,
    option: z.string().max(20).optional(),
    for: z.string().trim().min(1).max(32).optional(),
  }),
  positional: ['deal', 'option'],
  // `/cancel #3 @bob` is an admin's action on Bob's lines; without @member it is the sender's own order.
  personal: (args) => !args.option?.startsWith('@'),
  help: withDetails(
    helpText(
      'withdraw your order while the deal is open',
      '截团前取消自己的订单',
      '/cancel #3 [OPTION|@member] [for=NAME]',
      ['/cancel #3', '/cancel #3 小份', '/cancel #3 for=王阿姨', '/cancel #3 @bob'],
    ),
    {
      en: 'Name an option to withdraw only that one, for=NAME only the line for that person. Admins only: @member withdraws that member’s order.',
      zh: '写规格只取消该规格，for=名字 只取消替此人代订的那一份；仅限管理员：@成员 取消该成员的订单。',
    },
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = orderText(ctx.locale);
    // An admin withdraws a member's lines (all of them, or the one for=NAME): `/cancel #3 @bob`.
    const target = args.option?.startsWith('@') ? args.option.slice(1) : undefined;
    if (target !== undefined && ctx.role === 'member')
      return ctx.reply(
        coreText(ctx.locale).needsRole({ name: 'cancel @member', keywords: ['取消订单 @成员'] }, 'admin'),
      );
    const named =
      target === undefined
        ? undefined
        : namedMember(ctx, ctx.community.id, target, dealText(ctx.locale).noMember);
    if (target !== undefined && !named) return;
    const member = named?.member;
    const userId = member?.userId ?? ctx.sender.id;
    const name = named?.label ?? showName(ctx.member?.name ?? ctx.sender.name);
    // The lines, and the places on the waitlist, the choice names; freed units go to the next in line.
    const { outcome, leftWaitlist, refund } = withdrawLines(ctx, deal, userId, name, {
      ...(args.option && !member ? { option: args.option } : {}),
      ...(args.for ? { for: args.for } : {}),
      ...(member && !args.for ? { all: true } : {}),
    });
    if (outcome.kind === 'closed') return ctx.reply(leftWaitlist ?? dealText(ctx.locale).notOpen(deal.no));
    if (outcome.kind === 'no_order')
      return ctx.reply(
        leftWaitlist ??
          (named
            ? `${named.label}: ${dealText(ctx.locale).noOrder(deal.no)}`
            : dealText(ctx.locale).noOrder(deal.no)),
      );
    if (outcome.kind === 'which')
      return ctx.reply(
        t.whichLine(name, heldLines(ctx.locale, outcome.lines), cancelExample(deal.no, outcome.lines[0]!)),
      );
    showWithdrawn(ctx, outcome.deal);
    // A paid line withdrawn is owed back: the member is told privately, the admins read it here.
    const owed = refund();
    const withdrew = t.withdrew(name, heldLines(ctx.locale, outcome.orders));
    ctx.reply([withdrew, leftWaitlist, owed].filter(Boolean).join('\n'));
  },
});

/** `/cancel #3 小份`, `/cancel #3 for=王阿姨`: how to name the first of the lines asked about. */
function cancelExample(no: number, line: Order): string {
  return [`/cancel #${no}`, line.option, line.for ? `for=${line.for}` : undefined].filter(Boolean).join(' ');
}

/** A line's money state as lists show it (`owing ¥45.00`, `failed · nothing to pay`): payment-views.ts. */
function orderState(ctx: GroupContext, order: Order): string {
  const deal = ctx.tables.deals.get(order.dealId)!;
  return lineMoney(ctx.locale, ctx.tables, order, deal, moneyOf(ctx.community));
}

export const myOrdersCommand = defineCommand({
  name: 'myorders',
  keywords: ['我的订单'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: helpText('your orders in this group', '我在本群的订单', '/myorders'),
  run(ctx) {
    const t = dealText(ctx.locale);
    const community = ctx.community;
    // Withdrawn lines too where money was paid: they are owed a refund, or were refunded.
    const orders = memberMoneyLines(ctx.tables, community.id, ctx.sender.id).slice(0, 30);
    if (orders.length === 0) return ctx.reply(t.myOrdersNone);
    const money = moneyOf(community);
    // Under the pickup point each line goes to, where lines have one (point-roster.ts).
    const grouped = byPoint(ctx.locale, ctx.tables, orders);
    const lines = grouped.orders.map((o) => {
      const deal = ctx.tables.deals.get(o.dealId)!;
      const title = o.for ? `${deal.title} · ${lineOwner(ctx.locale, o)}` : deal.title;
      return t.orderLine(
        deal.no,
        title,
        o.qty,
        o.option ?? '',
        money(orderAmount(o)),
        // The pickup code once goods arrived (核销码), to show at the point: never in the group.
        withPickupCode(ctx.locale, o, orderState(ctx, o), ctx.chat.kind === 'direct'),
      );
    });
    const text = [t.myOrdersHeader, ...withHeadings(lines, grouped.headings)].join('\n');
    // Where the platform takes payments: a Pay button per deal still owing (platform-pay-buttons.ts).
    const deals = orders.map((o) => ctx.tables.deals.get(o.dealId)!);
    const capabilities = ctx.adapter.capabilities;
    const pay = capabilities.payments
      ? payButtonsFor(capabilities, ctx.tables, community, ctx.sender.id, deals)
      : [];
    if (pay.length > 0) ctx.send({ kind: 'text', text, buttons: pay });
    else ctx.reply(text);
  },
});

/** CSV column names and status words in the community's language (a leader's spreadsheet). */
const CSV_HEADERS = {
  en: [
    'line',
    'member',
    'ordered for',
    'quantity',
    'option',
    'unit price',
    'amount',
    'paid',
    'refunded',
    'note',
    'payment',
    'delivered',
    'time',
  ],
  zh: [
    '序号',
    '成员',
    '代订给',
    '数量',
    '规格',
    '单价',
    '金额',
    '已付',
    '已退',
    '备注',
    '付款状态',
    '提货',
    '下单时间',
  ],
} as const;

async function writeCsv(ctx: GroupContext, deal: Deal, orders: Order[]): Promise<string> {
  const now = ctx.clock.now();
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = `deal-${deal.communityId.replace(/[^\w-]/g, '_')}-${deal.no}-${stamp}.csv`;
  const tz = ctx.community.timezone;
  // Names and notes as written, without the controls that would turn a cell's text around.
  // The line numbers of the card, /orders and the sheet (none for withdrawn lines).
  const numbers = lineNumbers(ctx.tables, deal);
  const rows = orders.map((o) => {
    const m = moneyState(o, deal);
    return [
      numbers.get(o.id) ?? '',
      cleanName(o.name),
      cleanName(o.for ?? ''),
      o.qty,
      o.option ?? '',
      (o.unitPriceCents / 100).toFixed(2),
      (orderAmount(o) / 100).toFixed(2),
      (m.paidCents / 100).toFixed(2),
      (m.refundedCents / 100).toFixed(2),
      cleanName(o.note ?? ''),
      // A withdrawn line (listed for its money) says so first: its quantity is not to be packed.
      o.status === 'cancelled'
        ? `${paymentText(ctx.locale).withdrawnWord} · ${stateWord(ctx.locale, m.state)}`
        : stateWord(ctx.locale, m.state),
      o.deliveredAt ? formatTime(o.deliveredAt, tz) : '',
      formatTime(o.createdAt, tz),
    ];
  });
  // A byte-order mark so spreadsheet programs read the Chinese names as UTF-8. A cell starting
  // with = + - @ gets a quote mark first: a name like `=HYPERLINK(…)` stays text, not a formula.
  const csv = stringify([[...CSV_HEADERS[ctx.locale]], ...rows], { bom: true, escape_formulas: true });
  return writeExport(ctx.dataDir, name, csv, now);
}

export const ordersCommand = defineCommand({
  name: 'orders',
  keywords: ['订单'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, view: z.enum(['csv', 'unpaid', 'claimed', 'refunds']).optional() }),
  positional: ['deal', 'view'],
  help: helpText(
    "a deal's orders and payment states: roster, CSV, who owes, claims, refunds",
    '团购订单及付款状态：名单、CSV、未付款、待确认、退款',
    '/orders #3 [csv|unpaid|claimed|refunds]',
    ['/orders #3', '/orders #3 csv', '/orders #3 unpaid', '/orders #3 claimed', '/orders #3 refunds'],
  ),
  async run(ctx, args) {
    const t = dealText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const orders = moneyLines(ctx.tables, deal);
    const money = moneyOf(ctx.community);
    const max = ctx.adapter.capabilities.maxMessageLength;
    if (args.view === 'csv') {
      const file = await writeCsv(ctx, deal, orders);
      const caption = t.csvWritten(deal.no, orders.length);
      // A member who never opened a private chat with the bot gets it when they do (hold).
      if (ctx.adapter.capabilities.files)
        ctx.dm({ kind: 'file', path: file, caption }, { onUnreachable: 'hold' });
      else ctx.dm({ kind: 'text', text: `${caption}\n${file}` }, { onUnreachable: 'hold' });
      return;
    }
    if (args.view !== undefined) return moneyView(ctx, deal, args.view);
    if (orders.length === 0) return ctx.reply(t.rosterEmpty(deal.no));
    const names = holderNames(ctx.tables, orders);
    // Under the pickup point each line goes to, where lines have one (point-roster.ts).
    const grouped = byPoint(ctx.locale, ctx.tables, orders);
    // Numbered as on the card (withdrawn lines listed for their money have no number).
    const numbers = lineNumbers(ctx.tables, deal);
    const lines = grouped.orders.map((o) => {
      const no = numbers.get(o.id);
      const line = rosterLine(ctx.locale, o, no === undefined ? undefined : no - 1, names);
      return `${line} — ${money(orderAmount(o))} · ${orderState(ctx, o)}`;
    });
    const active = orders.filter((o) => o.status === 'active');
    const text = [
      `#${deal.no} ${deal.title}`,
      ...withHeadings(lines, grouped.headings),
      totalsLine(ctx.locale, deal, active, money),
    ].join('\n');
    for (const piece of splitText(text, max)) ctx.reply(piece);
  },
});

// `/paid` (a member's claim, an admin's mark) is in commands/payments.ts.
export const deliveredCommand = defineCommand({
  name: 'delivered',
  keywords: ['已提货'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, member: z.string().min(1).max(64) }),
  positional: ['deal', 'member'],
  help: helpText("mark a member's order delivered", '标记成员订单为已提货', '/delivered #3 @member', [
    '/delivered #3 @alice',
  ]),
  run(ctx, args) {
    const t = dealText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const named = namedMember(ctx, ctx.community.id, args.member, t.noMember);
    if (!named) return;
    // Handed over by the admin, as a checked pickup code is by its checker (/audit says who).
    const outcome = ctx.mutate((tx) =>
      markDelivered(tx, deal, named.member.userId, ctx.sender.id, ctx.clock.now()),
    );
    const name = named.label;
    if (outcome.kind === 'no_order') return ctx.reply(`${name}: ${t.noOrder(deal.no)}`);
    if (outcome.kind === 'already') return ctx.reply(t.alreadyMarked(name, deal.no, t.delivered));
    ctx.reply(t.marked(name, deal.no, t.delivered));
  },
});

export const ordersFeature: Feature = {
  name: 'orders',
  commands: [joinCommand, cancelCommand, myOrdersCommand, ordersCommand, deliveredCommand],
  onText: [jielongHandler],
  isOrder: isOrderText,
  onButton: [cardButtonHandler],
  messages: [orderText],
};
