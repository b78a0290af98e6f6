import { chatOf } from '../src/core/bot.js';
import type { GroupContext } from '../src/core/context.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { DeliveryHandler } from '../src/core/outbox.js';
import { splitText } from '../src/core/split-text.js';
import { activeAt, settleArrivalNotice } from '../src/services/fulfilment.js';
import type { ArrivalOutcome } from '../src/services/goods-arrival.js';
import { isHeld } from '../src/services/held-goods.js';
import type { Shortened } from '../src/services/shortage.js';
import type { Community, Deal, Fulfilment, Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { inDealTopic } from './deal-jobs.js';
import { announce } from './deal-replies.js';
import { fulfilmentText } from './fulfilment-text.js';
import { codeLabel, codesOf } from './goods-words.js';
import { moneyOf } from './money-text.js';
import { noticeDeliveryHandlers, sendNotice, sendPrivately } from './notice-delivery.js';
import { heldLines } from './order-answers.js';
import { holderNames, lineLabel, lineOwner } from './order-text.js';
import { namesIn } from './pay-delivery.js';
import { sendVia } from './payment-notices.js';
import { writePickupQr } from './pickup-qr.js';
import { owedBack } from './refund-notices.js';

/**
 * Who hears what as goods move: ONE group message per step (the deal's thread), and privately each
 * buyer of the point concerned. The arrival's private message carries the member's pickup codes
 * (and, where the platform shows images, their QR), so members it cannot reach privately are
 * mentioned in one group message once every private message has an outcome (notice-delivery.ts,
 * the fulfilment record keeping what is awaited). Other steps' private messages only repeat the
 * group's news: one refused is not said again.
 */

/** The arrival's private message was accepted / refused for good. args: `notice` (fulfilment id), `user`. */
export const GOODS_DELIVERED = 'goods.delivered';
export const GOODS_UNREACHABLE = 'goods.unreachable';
const ROUTES = { delivered: GOODS_DELIVERED, unreachable: GOODS_UNREACHABLE };

/** What stands between two sentences: a space in English, nothing after a Chinese full stop. */
export function gap(locale: Locale): string {
  return locale === 'zh' ? '' : ' ';
}

/** A point's name as messages show it; '' for lines with no point (messages then name no place). */
export function pointName(tables: Tables, pointId: string): string {
  return pointId ? showName(tables.pickupPoints.get(pointId)?.name ?? pointId) : '';
}

/**
 * The step's message in the group, once: said in the group it answers the command there (in the
 * deal's thread); said privately (a keeper at the point), it goes to the group and the keeper
 * reads it too.
 */
export function announceGoods(ctx: GroupContext, deal: Deal, text: string): void {
  for (const piece of splitText(text, ctx.adapter.capabilities.maxMessageLength)) {
    if (ctx.chat.kind === 'group') {
      announce(ctx, deal, piece);
      continue;
    }
    ctx.sendTo(chatOf(ctx.community), { kind: 'text', text: piece }, inDealTopic(deal));
    ctx.reply(piece);
  }
}

/** Lines grouped by the member who holds them (and is told), in roster order. */
export function byMember(lines: readonly Order[]): Map<string, Order[]> {
  const members = new Map<string, Order[]>();
  for (const o of lines) members.set(o.userId, [...(members.get(o.userId) ?? []), o]);
  return members;
}

/** Tells members privately where the platform lets the bot start a private chat (no fallback: the group heard it). */
export function tellPrivately(ctx: GroupContext, members: readonly { userId: string; text: string }[]): void {
  sendPrivately(ctx.adapter, members, sendVia(ctx));
}

/** A shortened line as the group reads it: `bob ×2 大份 → ×1`. */
export function cutLine(locale: Locale, s: Shortened, names: ReadonlyMap<string, string>): string {
  const t = fulfilmentText(locale);
  const who = lineOwner(locale, s.before, names);
  return s.after.status === 'active'
    ? t.cut(who, lineLabel(s.before), s.after.qty)
    : t.cutAll(who, lineLabel(s.before));
}

/** What a member is told about their lines shortened (and money now owed back), privately. */
export function yourShortage(
  tables: Tables,
  community: Community,
  deal: Deal,
  shortened: readonly Shortened[],
): string {
  const t = fulfilmentText(community.locale);
  const money = moneyOf(community);
  const parts = shortened.map((s) =>
    s.after.status === 'active'
      ? t.yourCut(lineLabel(s.before), s.after.qty, money(s.cents))
      : t.yourCutAll(lineLabel(s.before), money(s.cents)),
  );
  const userId = shortened[0]?.before.userId;
  const due = userId ? (owedBack(tables, deal, { userId }).get(userId) ?? 0) : 0;
  if (due > 0) parts.push(t.yourRefund(money(due)));
  return parts.join(gap(community.locale));
}

/** `bob ¥45.00, carol ¥12.00`: members shortened who are now owed money back; '' for none. */
export function owedBackList(
  tables: Tables,
  community: Community,
  deal: Deal,
  shortened: readonly Shortened[],
): string {
  const money = moneyOf(community);
  const names = holderNames(
    tables,
    shortened.map((s) => s.before),
  );
  const owed = [...new Set(shortened.map((s) => s.before.userId))].flatMap((userId) => {
    const due = owedBack(tables, deal, { userId }).get(userId) ?? 0;
    return due > 0 ? [`${names.get(userId) ?? userId} ${money(due)}`] : [];
  });
  return owed.join(community.locale === 'zh' ? '、' : ', ');
}

/**
 * The arrival's private messages: to every member with lines at the point (codes, when to pick
 * up, what was short and owed back), and to those whose lines were all shortened away. The
 * members awaited are kept on the fulfilment, in the same write.
 */
export function tellArrival(
  ctx: GroupContext,
  deal: Deal,
  outcome: ArrivalOutcome & { kind: 'arrived' },
  window: string,
): void {
  const { community } = ctx;
  const t = fulfilmentText(community.locale);
  const point = pointName(ctx.tables, outcome.fulfilment.pointId);
  const coded = byMember(outcome.lines);
  // Held back short under the manual rule: told it came short, with no code and no time to come.
  const held = byMember(outcome.held);
  // Each member once, in the order of their first line on the roster.
  const lines = [...outcome.lines, ...outcome.shorted.map((s) => s.before), ...outcome.held];
  const userIds = [...new Set(lines.sort((a, b) => a.line - b.line).map((o) => o.userId))];
  const members = userIds.map((userId) => {
    const mine = outcome.shorted.filter((s) => s.before.userId === userId);
    const codes = codesOf(community.locale, coded.get(userId) ?? []);
    const waits = held.get(userId);
    const text = [
      t.arrivedDm(community.title, deal.no, deal.title, point),
      ...(mine.length > 0 ? [yourShortage(ctx.tables, community, deal, mine)] : []),
      ...(codes ? [t.yourCodes(codes)] : []),
      ...(codes && window ? [t.pickupAt(window)] : []),
      ...(waits ? [t.yourHeld(heldLines(community.locale, waits))] : []),
    ].join(gap(community.locale));
    return { userId, text };
  });
  const groupText = (who: string[]) =>
    t.unreached(namesIn(ctx.tables, deal, who), deal.no, deal.title, point);
  const pending = sendNotice(
    ctx.adapter,
    community,
    deal,
    outcome.fulfilment.id,
    members,
    ROUTES,
    groupText,
    sendVia(ctx),
  );
  // Written with the messages: the last outcome awaited mentions those refused (goodsDeliveryHandlers).
  ctx.mutate((tx) => {
    const current = tx.get('fulfilments', outcome.fulfilment.id) ?? outcome.fulfilment;
    tx.put('fulfilments', { ...current, pending, unreachable: [] });
  });
}

/**
 * The QR image of each pickup code, privately after the codes (where the platform shows images
 * and can open a private chat). Call it once the arrival and its messages are on disk
 * (ctx.durable()): the files are written after that, so a crash in between loses only pictures of
 * codes the member already has in text, and an image that cannot be written (a full disk) is left
 * out rather than failing the command whose arrival is already recorded.
 */
export async function sendCodeImages(ctx: GroupContext, lines: readonly Order[]): Promise<void> {
  if (!ctx.adapter.capabilities.images) return;
  for (const order of lines) {
    const chat = order.pickupCode ? ctx.adapter.directChat?.(order.userId) : undefined;
    if (!chat) continue;
    const path = await writePickupQr(ctx.dataDir, order, ctx.clock.now()).catch(() => undefined);
    if (!path) continue;
    ctx.sendTo(
      chat,
      { kind: 'image', path, caption: codeLabel(ctx.community.locale, order) },
      { userId: order.userId },
    );
  }
}

/**
 * Members of the point refused privately who still have something to pick up there (a line held
 * back short has no code to see yet: its member is told when it is settled).
 */
function stillWaiting(tables: Tables, deal: Deal, notice: Fulfilment, refused: string[]): string[] {
  const waiting = new Set(
    activeAt(tables, deal, notice.pointId)
      .filter((o) => !o.deliveredAt && !isHeld(tables, o))
      .map((o) => o.userId),
  );
  return refused.filter((u) => waiting.has(u));
}

export const goodsDeliveryHandlers: Record<string, DeliveryHandler> = noticeDeliveryHandlers<Fulfilment>(
  ROUTES,
  {
    settle: settleArrivalNotice,
    stillConcerned: stillWaiting,
    groupText: (tables, community, deal, notice, who) =>
      fulfilmentText(community.locale).unreached(
        namesIn(tables, deal, who),
        deal.no,
        deal.title,
        pointName(tables, notice.pointId),
      ),
  },
);
