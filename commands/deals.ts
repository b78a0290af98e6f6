import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Context, GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import type { LiveOptions } from '../src/core/outbox.js';
import { readWhen, type WhenOutcome } from '../src/core/when.js';
import {
  cancelDeal,
  closeDeal,
  createDeal,
  type DealInput,
  dealCode,
  editDeal,
  findDeal,
  markRosterMessage,
  openDeals,
} from '../src/services/deals.js';
import { parseMoney } from '../src/services/money.js';
import { linesAtOtherPrices, repriceOrders, roster } from '../src/services/orders.js';
import { matchesProfile } from '../src/services/privacy.js';
import type { Community, Deal } from '../src/store/schema.js';
import { cardContent, dealCard } from './deal-card.js';
import { closingAnnouncement } from './deal-jobs.js';
import { dealText, progress } from './deal-text.js';
import { holderNames, orderText } from './order-text.js';

/**
 * Reads `ends=` in the group's timezone: every form `readWhen` knows (`12月5日`, `明天20:00`,
 * `周五 20:00`, `2026-12-05 20:00`, `48h`, `3天`…); past, ambiguous or unreadable values are
 * refused with their reason, never read as something else.
 */
export function parseEnds(text: string, timezone: string, now: Date): WhenOutcome {
  return readWhen(text, timezone, now);
}

const money = z.string().transform((s, ctx) => {
  const cents = parseMoney(s);
  if (cents === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected an amount like 39.9' });
    return z.NEVER;
  }
  return cents;
});
const count = z.coerce.number().int().min(1).max(1_000_000);
/** Options as an admin types them: `S,M,L`, or with own prices and stock `5斤:59,10斤:109:20`. */
export interface OptionTerms {
  names: string[];
  prices: Record<string, number>;
  stock: Record<string, number>;
}

const OPTION = /^([^:：]{1,20})(?:[:：]([^:：]+?))?(?:[:：](\d{1,7}))?$/;

const optionList = z
  .string()
  .max(400)
  .transform((s, ctx): OptionTerms => {
    const terms: OptionTerms = { names: [], prices: {}, stock: {} };
    for (const raw of s.split(/[,，、/]/)) {
      const item = raw.trim();
      if (!item) continue;
      const match = OPTION.exec(item);
      const name = match?.[1]?.trim();
      const cents = match?.[2] === undefined ? undefined : parseMoney(match[2]);
      const stock = match?.[3] === undefined ? undefined : Number(match[3]);
      if (
        !match ||
        !name ||
        (match[2] !== undefined && cents === undefined) ||
        stock === 0 ||
        terms.names.includes(name)
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected NAME, NAME:PRICE or NAME:PRICE:STOCK, e.g. 5斤:59,10斤:109:20',
        });
        return z.NEVER;
      }
      terms.names.push(name);
      if (cents !== undefined) terms.prices[name] = cents;
      if (stock !== undefined) terms.stock[name] = stock;
    }
    if (terms.names.length === 0 || terms.names.length > 20) {
      ctx.addIssue({ code: 'custom', message: 'expected 1 to 20 options' });
      return z.NEVER;
    }
    return terms;
  });

const dealFields = {
  price: money,
  min: count,
  stock: count,
  limit: z.coerce.number().int().min(1).max(999),
  ends: z.string().max(40),
  unit: z.string().max(10),
  options: optionList,
  pickup: z.string().max(200),
};

/** Shows (or updates in place) the deal's card with its roster. */
export function refreshCard(ctx: Context, community: Community, deal: Deal): void {
  // Rendered when the edit goes out (at most every few seconds), from the state at that moment:
  // rendering the whole roster on every order made a burst quadratic.
  const card = () => {
    const current = ctx.tables.deals.get(deal.id) ?? deal;
    return cardContent(ctx.tables, community, current, ctx.locale, ctx.adapter.capabilities.maxMessageLength);
  };
  // Options set one by one rather than spread in (`...(x ? { x } : {})` takes V8's slow path):
  // every order refreshes its deal's card.
  const opts: LiveOptions = {
    onSent: (messageId) => ctx.mutate((tx) => markRosterMessage(tx, deal, messageId)),
  };
  if (deal.rosterMessageId) opts.messageId = deal.rosterMessageId;
  if (deal.threadId !== undefined) opts.threadId = deal.threadId;
  ctx.live(`deal:${deal.id}`, card, opts);
}

/**
 * A message about a deal (成团, closed, cancelled) where the deal lives: the topic or thread it was
 * opened in. Said where the deal lives, it replies to the message that caused it; said elsewhere
 * (another topic, a tap on the card), it is posted in the deal's place, and `alsoHere` answers
 * the command where it was given as well.
 */
export function announce(ctx: Context, deal: Deal, text: string, opts: { alsoHere?: boolean } = {}): void {
  const here = ctx.event.type === 'message' ? ctx.event.threadId : undefined;
  if (ctx.event.type === 'message' && deal.threadId === here) {
    ctx.reply(text);
    return;
  }
  ctx.sendTo(
    ctx.chat,
    { kind: 'text', text },
    deal.threadId !== undefined ? { origin: { threadId: deal.threadId } } : {},
  );
  if (opts.alsoHere) ctx.reply(text);
}

/** The deal named by a code, or a reply saying there is none. */
export function dealOrReply(ctx: GroupContext, no: number): Deal | undefined {
  const deal = findDeal(ctx.tables, ctx.community.id, no);
  if (!deal) ctx.reply(dealText(ctx.locale).unknownDeal(no));
  return deal;
}

function toInput(
  ctx: GroupContext,
  args: Partial<{
    title: string;
    price: number;
    min: number;
    stock: number;
    limit: number;
    ends: string;
    unit: string;
    options: OptionTerms;
    pickup: string;
  }>,
): Partial<DealInput> | undefined {
  const { ends, price, options, ...rest } = args;
  const input: Partial<DealInput> = { ...rest, ...(price !== undefined ? { priceCents: price } : {}) };
  if (options) {
    input.options = options.names;
    input.optionPrices = options.prices;
    input.optionStock = options.stock;
    // Every option priced and no deal price: the card shows the lowest as "from".
    if (price === undefined && options.names.every((o) => options.prices[o] !== undefined))
      input.priceCents = Math.min(...Object.values(options.prices));
  }
  if (ends !== undefined) {
    const when = parseEnds(ends, ctx.community.timezone, ctx.clock.now());
    if (when.kind !== 'ok') {
      const t = dealText(ctx.locale);
      const why = { past: t.endsPast, ambiguous: t.endsAmbiguous, unreadable: t.endsUnreadable }[when.kind];
      ctx.reply(why(ends));
      return undefined;
    }
    input.endsAt = when.at;
  }
  return input;
}

export const dealNew = defineCommand({
  name: 'deal new',
  keywords: ['开团', '团购 新建'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    title: z.string().min(1).max(100),
    price: dealFields.price.optional(),
    min: count.default(1),
    stock: dealFields.stock.optional(),
    limit: dealFields.limit.optional(),
    ends: dealFields.ends.default('48h'),
    unit: dealFields.unit.optional(),
    options: dealFields.options.optional(),
    pickup: dealFields.pickup.optional(),
  }),
  positional: ['title'],
  help: helpText(
    'open a group-buy deal',
    '开一个新团购',
    '/deal new "TITLE" price=39.9 [min=10] [stock=100] [limit=5] [ends="12月5日 20:00"|48h] [unit=box] [options="S,M,L" | options="5斤:59,10斤:109:20"] [pickup="…"]',
    [
      '/deal new "Fresh mangoes" price=39.9 min=10 stock=100 limit=5 ends=48h unit=box',
      '开团 "赣南脐橙" min=20 options="5斤:59,10斤:109:20" ends=明天20:00',
    ],
  ),
  run(ctx, args) {
    const community = ctx.community;
    const input = toInput(ctx, args);
    if (!input) return;
    if (input.priceCents === undefined) return ctx.reply(dealText(ctx.locale).priceRequired);
    if (input.endsAt!.getTime() <= ctx.clock.now().getTime())
      return ctx.reply(dealText(ctx.locale).endsInPast);
    // Opened in a forum topic or thread: the card lives there, whoever orders from wherever.
    const threadId = ctx.event.type === 'message' ? ctx.event.threadId : undefined;
    const deal = ctx.mutate((tx) =>
      createDeal(
        tx,
        community,
        { ...(input as DealInput), ...(threadId !== undefined ? { threadId } : {}) },
        ctx.sender.id,
        ctx.clock.now(),
      ),
    );
    refreshCard(ctx, community, deal);
  },
});

export const dealEdit = defineCommand({
  name: 'deal edit',
  keywords: ['改团', '团购 修改'],
  role: 'admin',
  scope: 'group',
  args: z
    .object({
      deal: dealCode,
      title: z.string().min(1).max(100),
      ...dealFields,
      reprice: z.enum(['all', 'new']),
    })
    .partial()
    .required({ deal: true }),
  positional: ['deal'],
  help: helpText(
    'change a deal; a new price on a deal with orders asks whether they take it (reprice=all|new)',
    '修改团购；已有订单时改价会先询问已有订单是否按新价（改价=全部|新单）',
    '/deal edit #3 key=value… [reprice=all|new]',
    ['/deal edit #3 stock=50 ends=2026-12-02T20:00', '/deal edit #3 price=45 reprice=new'],
  ),
  run(ctx, args) {
    const t = dealText(ctx.locale);
    const o = orderText(ctx.locale);
    const { deal: no, reprice, ...fields } = args;
    if (Object.keys(fields).length === 0) return ctx.reply(t.noChanges);
    const deal = dealOrReply(ctx, no);
    const input = deal && toInput(ctx, fields);
    if (!deal || !input) return;
    const now = ctx.clock.now();
    const optionPrices = input.optionPrices ?? deal.optionPrices;
    const options = input.options ?? deal.options;
    // Only an explicit price= (toInput also derives one from the options' prices).
    if (
      fields.price !== undefined &&
      options.length > 0 &&
      options.every((o) => optionPrices[o] !== undefined)
    )
      return ctx.reply(o.optionsPriced(no));
    const priced = input.priceCents !== undefined || input.optionPrices !== undefined;
    if (priced && reprice === undefined) {
      // What the lines would cost at the new prices: asked about, never changed silently.
      const preview = {
        ...deal,
        ...input,
        optionPrices: input.optionPrices ?? deal.optionPrices,
      } as typeof deal;
      const affected = linesAtOtherPrices(ctx.tables, preview).length;
      if (affected > 0) return ctx.reply(o.repriceAsk(no, affected, commandEcho(ctx)));
    }
    const outcome = ctx.mutate((tx) => {
      const edited = editDeal(tx, deal, input, now);
      const repriced =
        edited.kind === 'edited' && reprice === 'all' ? repriceOrders(tx, edited.deal, now) : 0;
      return { edited, repriced };
    });
    const { edited, repriced } = outcome;
    if (edited.kind === 'not_open') return ctx.reply(t.notOpen(no));
    if (edited.kind === 'stock_below_sold')
      return ctx.reply(
        edited.option
          ? o.optionStockBelowSold(no, edited.option, edited.sold)
          : t.stockBelowSold(no, edited.sold),
      );
    if (edited.kind === 'option_in_use') return ctx.reply(o.optionInUse(no, edited.option));
    if (edited.kind === 'options_after_orders') return ctx.reply(o.optionsAfterOrders(no));
    if (edited.kind === 'ends_in_past') return ctx.reply(t.endsInPast);
    if (reprice === 'all') ctx.reply(o.repriced(no, repriced));
    else if (reprice === 'new' && priced) ctx.reply(o.kept(no, roster(ctx.tables, edited.deal).length));
    else ctx.reply(t.edited(no));
    refreshCard(ctx, ctx.community, edited.deal);
  },
});

/** The admin's own command as they typed it, without any reprice= (to suggest adding one). */
function commandEcho(ctx: Context): string {
  const text = ctx.event.type === 'message' ? ctx.event.text.trim() : '/deal edit';
  return text.replace(/\s+(?:reprice|改价)[=＝]\S*/g, '');
}

export const dealClose = defineCommand({
  name: 'deal close',
  keywords: ['截团', '团购 截团'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText(
    'close a deal now (成团 if enough buyers, else failed)',
    '立即截团（人数够则成团，否则未成团）',
    '/deal close #3',
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const outcome = ctx.mutate((tx) => closeDeal(tx, deal, ctx.clock.now()));
    if (outcome.kind === 'not_open') return ctx.reply(dealText(ctx.locale).notOpen(args.deal));
    const closing = closingAnnouncement(
      ctx.locale,
      ctx.community,
      outcome.deal,
      roster(ctx.tables, outcome.deal),
    );
    announce(ctx, outcome.deal, closing, { alsoHere: true });
    refreshCard(ctx, ctx.community, outcome.deal);
  },
});

export const dealCancel = defineCommand({
  name: 'deal cancel',
  keywords: ['取消团购', '团购 取消'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('cancel a deal; every buyer is told', '取消团购，通知所有买家', '/deal cancel #3'),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const buyers = roster(ctx.tables, deal);
    const outcome = ctx.mutate((tx) => cancelDeal(tx, deal, ctx.clock.now()));
    if (outcome.kind === 'not_open') return ctx.reply(dealText(ctx.locale).notOpen(args.deal));
    // Each buyer once, fenced, look-alikes told apart (see names.ts).
    const names = [...holderNames(ctx.tables, buyers).values()].map((name) => `@${name}`).join(' ');
    announce(ctx, outcome.deal, dealText(ctx.locale).cancelled(deal.no, deal.title, names), {
      alsoHere: true,
    });
    refreshCard(ctx, ctx.community, outcome.deal);
  },
});

export const dealShow = defineCommand({
  name: 'deal',
  keywords: ['查看团购', '团购 查看'],
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('show a deal with its roster', '查看团购详情和接龙名单', '/deal #3'),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    ctx.reply(
      dealCard(ctx.locale, ctx.community, deal, ctx.tables, ctx.adapter.capabilities.maxMessageLength),
    );
  },
});

export const dealsList = defineCommand({
  name: 'deals',
  keywords: ['团购', '团购列表'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText('open deals and their progress', '进行中的团购及进度', '/deals'),
  run(ctx) {
    const t = dealText(ctx.locale);
    const community = ctx.community;
    const deals = openDeals(ctx.tables, community.id);
    if (deals.length === 0) return ctx.reply(t.noOpenDeals);
    // ★ marks deals that match the member's own profile tags, and only when they set some.
    const lines = deals.map(
      (d) =>
        `${matchesProfile(ctx.member, `${d.title} ${d.pickup ?? ''}`) ? '★ ' : ''}${t.dealLine(d.no, d.title, progress(ctx.locale, d), formatTime(d.endsAt, community.timezone))}`,
    );
    ctx.reply([t.openDealsHeader, ...lines].join('\n'));
  },
});

export const dealCommands = [dealNew, dealEdit, dealClose, dealCancel, dealShow, dealsList];

export const dealsFeature: Feature = { name: 'deals', commands: dealCommands, messages: [dealText] };
