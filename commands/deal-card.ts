import type { Capabilities } from '../src/core/adapter.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { LiveContent } from '../src/core/outbox.js';
import { optionLeft, optionTotals, unitPrice } from '../src/services/order-lines.js';
import { roster } from '../src/services/orders.js';
import { hasPoints } from '../src/services/pickup-choice.js';
import { pointsOfDeal } from '../src/services/pickup-points.js';
import { shareView } from '../src/services/shared-deals.js';
import { waitingCounts } from '../src/services/waitlist.js';
import type { Community, Deal, Order, PickupPoint } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { categoryText } from './category-text.js';
import { dealButtons } from './deal-buttons.js';
import { cardPhoto, photoContent } from './deal-card-photo.js';
import { opensLine } from './deal-start-text.js';
import { progress, statusName } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { holderNames, lineLabel, orderText, rosterLine } from './order-text.js';
import { cardPaidLine, cardPayHint } from './pay-hint.js';
import { pickupText } from './pickup-text.js';
import { byPoint, withHeadings } from './point-roster.js';
import { ratingLine } from './review-list.js';
import { shareLine } from './shared-deal-text.js';
import { waitlistText } from './waitlist-text.js';

/**
 * The deal card: price, options with their prices and what is left, progress, deadline, the
 * roster and per-option totals (what the leader orders from the supplier). It is the members'
 * acknowledgement, edited in place, so it must always fit one message: when the roster does not,
 * the card keeps the totals and shows the latest lines (everyone's own line stays in /myorders).
 */
export function dealCard(
  locale: Locale,
  community: Community,
  deal: Deal,
  tables: Tables,
  maxLength: number,
  /** The time now: a scheduled deal's card then counts down to its start. */
  now?: Date,
  /** The deal's pickup points, where the caller already read them (cardContent: also for its buttons). */
  points: readonly PickupPoint[] = cardPoints(tables, community, deal),
): string {
  const orders = roster(tables, deal);
  // A shared deal (linked groups): its counters are the share's; the roster stays this group's.
  const share = deal.shareId ? shareLine(locale, tables, deal) : undefined;
  if (deal.shareId) deal = shareView(tables, deal);
  const zh = locale === 'zh';
  const money = moneyOf(community);
  const per = deal.unit ? `/${deal.unit}` : '';
  const prices = new Set(deal.options.map((o) => unitPrice(deal, o)));
  const fromPrice = prices.size > 1 ? (zh ? '起' : ' and up') : '';
  const lowest = deal.options.length ? Math.min(...prices) : deal.priceCents;
  const ends = formatTime(deal.endsAt, community.timezone);
  const missing = Math.max(0, deal.min - deal.buyers);
  const limit = deal.limit ? (zh ? ` · 每人限 ${deal.limit}` : ` · limit ${deal.limit} each`) : '';
  const taking = deal.status === 'open' || deal.status === 'succeeded';
  const soldOut = deal.stock !== undefined && deal.sold >= deal.stock;
  let state = statusName(locale, deal);
  if (deal.status === 'open') state += zh ? `，还差 ${missing} 人成团` : `: ${missing} more to 成团`;
  if (soldOut && taking) state += zh ? ' · 已售罄' : ' · SOLD OUT';
  // How many wait (候补), where something is sold out: a leader sees the demand left unmet.
  const waits = waitingCounts(tables, deal.id);
  const waiting = [...waits.values()].reduce((sum, n) => sum + n, 0);
  if (soldOut && waiting > 0) state += ` · ${waitlistText(locale).waiting(waiting)}`;
  // The deal's pickup points (自提点) with their times (`points`): the words members order with.
  const p = pickupText(locale);
  // The product's reviews (a deal made from a template): `★ 4.6 (23 reviews)`.
  const rating = ratingLine(locale, tables, deal);
  const pointsLine = points
    .map((x) => `${showName(x.name)}${x.times ? (zh ? `（${x.times}）` : ` (${x.times})`) : ''}`)
    .join(' · ');
  // Where the card must be short (a photo's caption), the pickup note may be left to /deal #3.
  const pickupLine = (short: boolean) =>
    short
      ? zh
        ? `自提点：详见“查看团购 #${deal.no}”`
        : `Pickup: see /deal #${deal.no}`
      : zh
        ? `自提点：${deal.pickup}`
        : `Pickup: ${deal.pickup}`;
  const headOf = (short: boolean) => [
    `🛒 #${deal.no} ${deal.title} — ${money(lowest)}${per}${fromPrice}`,
    ...(rating ? [rating] : []),
    zh
      ? `${deal.min} 人成团 · ${progress(locale, deal)}${limit}`
      : `Group of ${deal.min} · ${progress(locale, deal)}${limit}`,
    ...(share ? [share] : []),
    ...(deal.options.length ? [optionsLine(locale, deal, money, waits)] : []),
    ...(deal.pickup ? [pickupLine(short)] : []),
    ...(points.length ? [p.pointsLine(pointsLine)] : []),
    // What members subscribe to (`分类：水果`): one short line, only where the deal has categories.
    ...(deal.categories?.length
      ? [categoryText(locale).cardLine(deal.categories.join(zh ? '、' : ', '))]
      : []),
    // Scheduled (定时开团): when it opens, before when it ends.
    ...(deal.status === 'scheduled' ? [opensLine(locale, community, deal, now)] : []),
    zh ? `截止：${ends}（${community.timezone}）` : `Ends: ${ends} (${community.timezone})`,
    zh ? `状态：${state}` : `Status: ${state}`,
  ];
  const tailOfHead: string[] = [];
  if (taking) {
    const example = deal.options.length ? `+1 ${deal.options[0]}` : '+1';
    // With several points the example names one: a `+1` alone would be asked which.
    tailOfHead.push(p.orderExample(points.length > 1 ? `${example} ${showName(points[0]!.name)}` : example));
  }
  // Formed and someone paid: how far the collection (收款) went, a count, nobody named (pay-hint.ts).
  const paid = cardPaidLine(locale, tables, deal);
  if (paid) tailOfHead.push(paid);
  // Formed, with payment instructions set up: how members pay (commands/pay-hint.ts).
  const payHint = cardPayHint(locale, tables, community, deal);
  if (payHint) tailOfHead.push(payHint);
  const totals = orders.length ? totalsLine(locale, deal, orders, money) : '';
  const names = holderNames(tables, orders);
  // Grouped by pickup point where lines have one, numbered in the order shown.
  const grouped = byPoint(locale, tables, orders);
  const lines = grouped.orders.map((o, i) => rosterLine(locale, o, i, names));
  const card = (short: boolean) =>
    fitLatest(
      [...headOf(short), ...tailOfHead].join('\n'),
      lines,
      totals,
      maxLength,
      grouped.headings,
      (earlier) =>
        zh
          ? `……前面还有 ${earlier} 条（发送「订单 #${deal.no}」查看全部，「我的订单」查看自己的）`
          : `… ${earlier} earlier ${earlier === 1 ? 'line' : 'lines'} (/orders #${deal.no} for all, /myorders for yours)`,
    );
  const full = card(false);
  // Longer than the message takes even with the roster cut (a caption's 1,024): the note goes.
  return full.length > maxLength && deal.pickup ? card(true) : full;
}

/** The deal's pickup points (自提点), none where the community has none. */
function cardPoints(tables: Tables, community: Community, deal: Deal): PickupPoint[] {
  return hasPoints(tables, community.id) ? pointsOfDeal(tables, deal) : [];
}

/**
 * What the deal's live card shows now: its text and the buttons that go with the deal's state (none
 * once it closed, none for a sold-out option). The one place a card is rendered: on an order, at a
 * deadline, and when a restart re-renders a card still owed.
 */
export function cardContent(
  tables: Tables,
  community: Community,
  deal: Deal,
  locale: Locale,
  maxLength: number,
  /** The platform's, where it is running here: what it can do decides some buttons (Pay). */
  capabilities?: Capabilities,
  now?: Date,
  /** Where the deal's photos are: given, a card with a photo is that picture's caption (deal-card-photo.ts). */
  dataDir?: string,
): LiveContent {
  // Read once for the card's text (once or twice, below) and its buttons.
  const points = cardPoints(tables, community, deal);
  let photo = cardPhoto(dataDir, deal, capabilities, maxLength);
  let text = dealCard(locale, community, deal, tables, photo.maxLength, now, points);
  // Even shortened, the card's head does not fit a caption: the card stays a text, whole.
  if (photo.image && text.length > photo.maxLength) {
    photo = { maxLength };
    text = dealCard(locale, community, deal, tables, maxLength, now, points);
  }
  // A shared deal's buttons follow the share's stock (an option sold out in another group is sold out here).
  const buttons = dealButtons(
    locale,
    deal.shareId ? shareView(tables, deal, false) : deal,
    capabilities,
    points,
  );
  const shown = buttons ? { text, buttons } : { text };
  return dataDir ? { ...shown, ...photoContent(locale, deal, photo.image, dataDir) } : shown;
}

/** `规格：5斤 ¥59.00（剩 12）· 10斤 ¥109.00（售罄 · 2 人候补）` */
function optionsLine(
  locale: Locale,
  deal: Deal,
  money: (cents: number) => string,
  waits: ReadonlyMap<string, number>,
): string {
  const zh = locale === 'zh';
  const parts = deal.options.map((o) => {
    const left = deal.optionStock[o] === undefined ? undefined : optionLeft(deal, o);
    const waiting = waits.get(o) ? ` · ${waitlistText(locale).waiting(waits.get(o)!)}` : '';
    const stock =
      left === undefined
        ? ''
        : left <= 0
          ? zh
            ? `（售罄${waiting}）`
            : ` (sold out${waiting})`
          : zh
            ? `（剩 ${left}）`
            : ` (${left} left)`;
    return `${o} ${money(unitPrice(deal, o))}${stock}`;
  });
  return zh ? `规格：${parts.join(' · ')}` : `Options: ${parts.join(' · ')}`;
}

/** `合计：5斤 ×12 · 10斤 ×5；共 17 件，¥1,253.00` */
export function totalsLine(
  locale: Locale,
  deal: Deal,
  orders: Order[],
  money: (cents: number) => string,
): string {
  const t = orderText(locale);
  const totals = optionTotals(deal, orders);
  const units = totals.reduce((n, x) => n + x.units, 0);
  const cents = totals.reduce((n, x) => n + x.cents, 0);
  const perOption =
    deal.options.length > 0
      ? `${totals
          .filter((x) => x.units > 0)
          .map((x) => `${x.option} ${lineLabel({ qty: x.units })}`)
          .join(' · ')}${locale === 'zh' ? '；' : '; '}`
      : '';
  return `${t.total}${locale === 'zh' ? '：' : ': '}${perOption}${t.units(units)}${locale === 'zh' ? '，' : ', '}${money(cents)}`;
}

/**
 * head, then the latest lines that fit with the totals, then the totals; a line says how many were
 * left out. `headings`: each line's pickup point heading (point-roster.ts), shown once per group kept.
 */
function fitLatest(
  head: string,
  lines: string[],
  totals: string,
  maxLength: number,
  headings: string[] | undefined,
  earlier: (n: number) => string,
): string {
  const tail = totals ? `\n${totals}` : '';
  const shown = withHeadings(lines, headings);
  const all = `${head}${shown.length ? `\n${shown.join('\n')}` : ''}${tail}`;
  if (all.length <= maxLength) return all;
  let kept = 0;
  let size = head.length + tail.length + 1 + earlier(lines.length).length;
  for (let i = lines.length - 1; i >= 0; i--) {
    // A group's heading counts with the first of its lines kept (groups are contiguous).
    const heading = headings && headings[i] !== headings[i + 1] ? 1 + headings[i]!.length : 0;
    if (size + 1 + lines[i]!.length + heading > maxLength) break;
    size += 1 + lines[i]!.length + heading;
    kept++;
  }
  const from = lines.length - kept;
  const latest = withHeadings(lines.slice(from), headings?.slice(from));
  return [head, earlier(from), ...latest].join('\n') + tail;
}
