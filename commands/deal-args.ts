/** Deal arguments as admins type them: amounts, counts, options, `ends=`, and their reading into a DealInput. */
import { z } from 'zod';
import type { GroupContext } from '../src/core/context.js';
import { readWhen, type WhenOutcome } from '../src/core/when.js';
import { MAX_CATEGORY, MAX_DEAL_CATEGORIES, parseCategories } from '../src/services/categories.js';
import type { DealInput } from '../src/services/deals.js';
import { halfWidth, parseMoney } from '../src/services/money.js';
import type { Deal } from '../src/store/schema.js';
import { categoryText } from './category-text.js';
import { dealPoints, pickupAsPoints } from './deal-points.js';
import { dealStartText } from './deal-start-text.js';
import { dealText } from './deal-text.js';

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
/** A whole number as typed, full-width digits too (`库存=２０`), as input methods type them. */
const whole = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? halfWidth(v) : v), z.coerce.number().int().min(1).max(max));
export const count = whole(1_000_000);
/** Options as an admin types them: `S,M,L`, or with own prices and stock `5斤:59,10斤:109:20`. */
export interface OptionTerms {
  names: string[];
  prices: Record<string, number>;
  stock: Record<string, number>;
}

const OPTION = /^([^:：]{1,20})(?:[:：]([^:：]+?))?(?:[:：]([0-9０-９]{1,7}))?$/;

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
      const stock = match?.[3] === undefined ? undefined : Number(halfWidth(match[3]));
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

export const dealFields = {
  price: money,
  min: count,
  stock: count,
  limit: whole(999),
  ends: z.string().max(40),
  /** When a scheduled deal opens for orders (定时开团), read like `ends=`. */
  starts: z.string().max(40),
  unit: z.string().max(10),
  options: optionList,
  pickup: z.string().max(200),
  /** The pickup points the deal delivers to: names or numbers, `all` (deal-points.ts). */
  points: z.string().trim().min(1).max(400),
  /** Categories members subscribe to (`水果,生鲜`; `none`/`无` clears them on /deal edit). */
  category: z.string().max(200),
};

/** `category=` as typed: its categories, none for `none`/`无` (clearing them), undefined when refused. */
function readCategories(text: string): string[] | undefined {
  if (/^(?:none|无)$/iu.test(text.trim())) return [];
  return parseCategories(text);
}

/** The typed fields as a DealInput; a bad `ends=` is answered and gives `undefined`. */
export function toInput(
  ctx: GroupContext,
  args: Partial<{
    title: string;
    price: number;
    min: number;
    stock: number;
    limit: number;
    ends: string;
    starts: string;
    unit: string;
    options: OptionTerms;
    pickup: string;
    points: string;
    category: string;
  }>,
  /** The deal being edited: while it is scheduled, a relative `ends=` counts from its start. */
  deal?: Deal,
): Partial<DealInput> | undefined {
  const { ends, starts, price, options, points, category, ...rest } = args;
  const input: Partial<DealInput> = { ...rest, ...(price !== undefined ? { priceCents: price } : {}) };
  if (category !== undefined) {
    const categories = readCategories(category);
    if (!categories) {
      ctx.reply(categoryText(ctx.locale).badCategory(category.trim(), MAX_CATEGORY, MAX_DEAL_CATEGORIES));
      return undefined;
    }
    input.categories = categories;
  }
  if (points !== undefined) {
    const ids = dealPoints(ctx, points);
    if (!ids) return undefined;
    input.points = ids;
  } else if (rest.pickup !== undefined) {
    // `自提点=东门,西门` naming the community's points: the deal's points, not a free-text note.
    const ids = pickupAsPoints(ctx, rest.pickup);
    if (ids) {
      input.points = ids;
      delete input.pickup;
    }
  }
  if (options) {
    input.options = options.names;
    input.optionPrices = options.prices;
    input.optionStock = options.stock;
    // Every option priced and no deal price: the card shows the lowest as "from".
    if (price === undefined && options.names.every((o) => options.prices[o] !== undefined))
      input.priceCents = Math.min(...Object.values(options.prices));
  }
  if (starts !== undefined) {
    const when = parseEnds(starts, ctx.community.timezone, ctx.clock.now());
    if (when.kind !== 'ok') {
      const s = dealStartText(ctx.locale);
      const why = { past: s.startsPast, ambiguous: s.startsAmbiguous, unreadable: s.startsUnreadable }[
        when.kind
      ];
      ctx.reply(why(starts));
      return undefined;
    }
    // On a whole minute (`starts=2h` is read to the millisecond): the scheduler ticks each minute.
    input.startsAt = new Date(Math.ceil(when.at.getTime() / 60_000) * 60_000);
  }
  // A scheduled deal's deadline is read as of its start: `ends=2h` is two hours after it opens.
  const start =
    input.startsAt ?? (deal?.status === 'scheduled' && deal.startsAt ? new Date(deal.startsAt) : undefined);
  if (ends !== undefined) {
    const when = parseEnds(ends, ctx.community.timezone, start ?? ctx.clock.now());
    if (when.kind !== 'ok') {
      const t = dealText(ctx.locale);
      const past = start ? dealStartText(ctx.locale).endsBeforeStart : t.endsPast;
      const why = { past, ambiguous: t.endsAmbiguous, unreadable: t.endsUnreadable }[when.kind];
      ctx.reply(why(ends));
      return undefined;
    }
    input.endsAt = when.at;
  }
  return input;
}
