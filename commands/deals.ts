import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import { parseDuration } from '../src/core/duration.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
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
import { roster } from '../src/services/orders.js';
import { matchesProfile } from '../src/services/privacy.js';
import type { Community, Deal } from '../src/store/schema.js';
import { closingAnnouncement } from './deal-jobs.js';
import { dealCard, dealText, progress } from './deal-text.js';

/** `2026-12-01T20:00` or `2026-12-01 20:00` in the group's timezone, a date (end of that day), or `48h`. */
export function parseEnds(text: string, timezone: string, now: Date): Date | undefined {
  const duration = parseDuration(text);
  if (duration !== undefined) return new Date(now.getTime() + duration);
  const iso = text.trim().replace(' ', 'T');
  const parsed = DateTime.fromISO(iso, { zone: timezone });
  if (!parsed.isValid) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? parsed.endOf('day') : parsed;
  return at.toJSDate();
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
const optionList = z
  .string()
  .max(200)
  .transform((s) =>
    s
      .split(/[,，、/]/)
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(20)).max(20));

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
    return dealCard(
      ctx.locale,
      community,
      current,
      roster(ctx.tables, current),
      ctx.adapter.capabilities.maxMessageLength,
    );
  };
  ctx.live(`deal:${deal.id}`, card, {
    ...(deal.rosterMessageId ? { messageId: deal.rosterMessageId } : {}),
    onSent: (messageId) => ctx.mutate((tx) => markRosterMessage(tx, deal, messageId)),
  });
}

/** The deal named by a code, or a reply saying there is none. */
export function dealOrReply(ctx: Context, no: number): Deal | undefined {
  const deal = findDeal(ctx.tables, ctx.community!.id, no);
  if (!deal) ctx.reply(dealText(ctx.locale).unknownDeal(no));
  return deal;
}

function toInput(
  ctx: Context,
  args: Partial<{
    title: string;
    price: number;
    min: number;
    stock: number;
    limit: number;
    ends: string;
    unit: string;
    options: string[];
    pickup: string;
  }>,
): Partial<DealInput> | undefined {
  const { ends, price, ...rest } = args;
  const input: Partial<DealInput> = { ...rest, ...(price !== undefined ? { priceCents: price } : {}) };
  if (ends !== undefined) {
    const endsAt = parseEnds(ends, ctx.community!.timezone, ctx.clock.now());
    if (!endsAt) {
      ctx.reply(dealText(ctx.locale).badEnds);
      return undefined;
    }
    input.endsAt = endsAt;
  }
  return input;
}

export const dealNew = defineCommand({
  name: 'deal new',
  keywords: ['开团'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    title: z.string().min(1).max(100),
    price: dealFields.price,
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
    '/deal new "TITLE" price=39.9 [min=10] [stock=100] [limit=5] [ends=2026-12-01T20:00|48h] [unit=box] [options="S,M,L"] [pickup="…"]',
    [
      '/deal new "Fresh mangoes" price=39.9 min=10 stock=100 limit=5 ends=48h unit=box',
      '开团 "赣南脐橙" price=59 min=20 options="5斤,10斤"',
    ],
  ),
  run(ctx, args) {
    const community = ctx.community!;
    const input = toInput(ctx, args);
    if (!input) return;
    if (input.endsAt!.getTime() <= ctx.clock.now().getTime())
      return ctx.reply(dealText(ctx.locale).endsInPast);
    const deal = ctx.mutate((tx) =>
      createDeal(tx, community, input as DealInput, ctx.sender.id, ctx.clock.now()),
    );
    refreshCard(ctx, community, deal);
  },
});

export const dealEdit = defineCommand({
  name: 'deal edit',
  role: 'admin',
  scope: 'group',
  args: z
    .object({ deal: dealCode, title: z.string().min(1).max(100), ...dealFields })
    .partial()
    .required({ deal: true }),
  positional: ['deal'],
  help: helpText('change a deal', '修改团购', '/deal edit #3 key=value…', [
    '/deal edit #3 stock=50 ends=2026-12-02T20:00',
  ]),
  run(ctx, args) {
    const t = dealText(ctx.locale);
    const { deal: no, ...fields } = args;
    if (Object.keys(fields).length === 0) return ctx.reply(t.noChanges);
    const deal = dealOrReply(ctx, no);
    const input = deal && toInput(ctx, fields);
    if (!deal || !input) return;
    const outcome = ctx.mutate((tx) => editDeal(tx, deal, input, ctx.clock.now()));
    if (outcome.kind === 'not_open') return ctx.reply(t.notOpen(no));
    if (outcome.kind === 'stock_below_sold') return ctx.reply(t.stockBelowSold(no, deal.sold));
    if (outcome.kind === 'ends_in_past') return ctx.reply(t.endsInPast);
    ctx.reply(t.edited(no));
    refreshCard(ctx, ctx.community!, outcome.deal);
  },
});

export const dealClose = defineCommand({
  name: 'deal close',
  keywords: ['截团'],
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
    ctx.reply(
      closingAnnouncement(ctx.locale, ctx.community!, outcome.deal, roster(ctx.tables, outcome.deal)),
    );
    refreshCard(ctx, ctx.community!, outcome.deal);
  },
});

export const dealCancel = defineCommand({
  name: 'deal cancel',
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
    const names = buyers.map((o) => `@${o.name}`).join(' ');
    ctx.reply(dealText(ctx.locale).cancelled(deal.no, deal.title, names));
    refreshCard(ctx, ctx.community!, outcome.deal);
  },
});

export const dealShow = defineCommand({
  name: 'deal',
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('show a deal with its roster', '查看团购详情和接龙名单', '/deal #3'),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    ctx.reply(
      dealCard(
        ctx.locale,
        ctx.community!,
        deal,
        roster(ctx.tables, deal),
        ctx.adapter.capabilities.maxMessageLength,
      ),
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
    const community = ctx.community!;
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

export const dealsFeature: Feature = { name: 'deals', commands: dealCommands };
