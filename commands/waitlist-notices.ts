import type { Adapter } from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import type { Context, GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { DeliveryHandler } from '../src/core/outbox.js';
import type { Grant, PlaceOutcome, Settled } from '../src/services/waitlist.js';
import type { Community, Deal, Order, WaitEntry } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { codeLabel, pickupWindow } from './goods-words.js';
import { type MemberNote, tellPrivatelyOrInGroup } from './notice-delivery.js';
import { heldLines } from './order-answers.js';
import type { Send } from './payment-notices.js';
import { waitlistText } from './waitlist-text.js';

/**
 * Telling members about the waitlist: units given to them (or taken back, unpaid) are told
 * privately where the platform lets the bot write to them, else in one group message naming them
 * (also when the platform refuses that member's private chat, through a named delivery handler so
 * a restart in between loses nothing). Usable from commands, jobs and other helpers' sweeps.
 */

/** A private chat was refused: the group message in args.text goes to community args.community. */
export const WAITLIST_UNREACHABLE = 'waitlist.unreachable';

/** How a notice is sent (Context.sendTo, JobContext.sendTo, …): the one of payment-notices.ts. */
export type { Send };

/** `×2 大份（王阿姨）`: what an entry is for. */
export function entryHeld(locale: Locale, entry: Pick<WaitEntry, 'qty' | 'option' | 'for'>): string {
  return heldLines(locale, [entry]);
}

/** One member told privately, or (no private chat here, or refused) in the group by name. */
function tell(
  adapter: Adapter | undefined,
  community: Community,
  deal: Deal,
  note: MemberNote,
  send: Send,
): void {
  const args = { community: community.id, text: note.group };
  tellPrivatelyOrInGroup(adapter, community, deal, note, { name: WAITLIST_UNREACHABLE, args }, send);
}

/**
 * Tells each member who got units from the waitlist what they got and by when to pay; where the
 * goods are already at the member's point (the line got its pickup code), that too, with when to
 * pick up and, privately only, the code.
 */
export function tellGrants(
  adapter: Adapter | undefined,
  community: Community,
  grants: readonly Grant[],
  send: Send,
  tables: Tables,
): void {
  const t = waitlistText(community.locale);
  const gap = community.locale === 'zh' ? '' : ' ';
  for (const { entry, deal, units, order } of grants) {
    const held = entryHeld(community.locale, { ...entry, qty: units });
    const deadline = formatTime(entry.payBy!, community.timezone);
    const name = showName(entry.name);
    const goods = grantGoods(tables, community, deal, order, entry);
    tell(
      adapter,
      community,
      deal,
      {
        userId: entry.userId,
        dm: [t.granted(deal.no, deal.title, held, deadline), ...(goods ? [goods.dm] : [])].join(gap),
        group: [
          t.grantedGroup(name, deal.no, deal.title, held, deadline),
          ...(goods ? [goods.group] : []),
        ].join(gap),
      },
      send,
    );
  }
}

/** What a grant says of goods already at the member's point: privately with the code, in the group without. */
function grantGoods(
  tables: Tables,
  community: Community,
  deal: Deal,
  order: Order,
  entry: WaitEntry,
): { dm: string; group: string } | undefined {
  if (!order.pickupCode) return undefined;
  const t = waitlistText(community.locale);
  const pointId = order.pointId ?? '';
  const point = pointId ? showName(tables.pickupPoints.get(pointId)?.name ?? pointId) : '';
  const at = new Date(entry.grantedAt ?? entry.updatedAt);
  const window = pickupWindow(tables, community, deal, pointId, at);
  return {
    dm: t.grantedArrived(point, codeLabel(community.locale, order), window),
    group: t.grantedArrivedGroup(point),
  };
}

/** Tells a member that units given to them went to the next in line, unpaid. */
export function tellExpired(
  adapter: Adapter | undefined,
  community: Community,
  settled: Settled & { kind: 'expired' },
  send: Send,
): void {
  const t = waitlistText(community.locale);
  const { entry, deal } = settled;
  const held = entryHeld(community.locale, { ...entry, qty: settled.units });
  const deadline = formatTime(entry.payBy!, community.timezone);
  tell(
    adapter,
    community,
    deal,
    {
      userId: entry.userId,
      dm: t.expired(deal.no, deal.title, held, deadline),
      group: t.expiredGroup(showName(entry.name), deal.no, deal.title, held, deadline),
    },
    send,
  );
}

/** tellGrants from a command or tap in the group. */
export function tellGrantsHere(ctx: GroupContext, grants: readonly Grant[]): void {
  if (grants.length === 0) return;
  tellGrants(
    ctx.adapter,
    ctx.community,
    grants,
    (chat, out, opts) => ctx.sendTo(chat, out, opts),
    ctx.tables,
  );
}

/** `✗ bob: 大份 sold out — you are 3rd on the waitlist (×1 大份); …`: the answer to an order that joined it. */
export function waitlistedLine(
  ctx: Context,
  outcome: PlaceOutcome & { kind: 'waitlisted' },
  name: string,
): string {
  const t = waitlistText(ctx.locale);
  const { entry, place } = outcome;
  const say = outcome.again ? t.again : t.joined;
  return say(name, entry.option ?? '', entryHeld(ctx.locale, entry), place);
}

/** `↩ bob: off the waitlist (×1 大份, ×2 小份)`, or undefined when the member was on none. */
export function leftLine(locale: Locale, name: string, left: readonly WaitEntry[]): string | undefined {
  if (left.length === 0) return undefined;
  return waitlistText(locale).left(name, heldLines(locale, [...left]));
}

export const waitlistDeliveryHandlers: Record<string, DeliveryHandler> = {
  [WAITLIST_UNREACHABLE]: (ctx, args) => {
    const community = ctx.tables.communities.get(args.community ?? '');
    if (!community || !args.text) return;
    ctx.send(
      chatOf(community),
      { kind: 'text', text: args.text },
      args.thread !== undefined ? { origin: { threadId: args.thread } } : {},
    );
  },
};
