import type { GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import { showName } from '../src/core/names.js';
import { actorLabel } from '../src/core/persona.js';
import { memberId } from '../src/services/members.js';
import type { MoneyState } from '../src/services/money-state.js';
import { readCode } from '../src/services/pickup-codes.js';
import { activePoints, findPoint, matchPoint } from '../src/services/pickup-points.js';
import { type Checker, pointsCheckedBy } from '../src/services/pickup-verify.js';
import type { Deal, Order, PickupPoint } from '../src/store/schema.js';
import { moneyOf } from './money-text.js';
import { heldLines } from './order-answers.js';
import { holderNames, lineLabel, lineOwner } from './order-text.js';
import { verifyText } from './pickup-verify-text.js';
import { reviewInvite } from './review-list.js';

/**
 * What checking pickup codes says and reads (pickup-verify.ts, pickup-verify-batch.ts): who checks,
 * the words after a code, the answers to the checker (privately), and how lines and points read.
 */

/** `all` in English or Chinese: every line of the deal at the point. */
const ALL = /^(?:all|全部|所有)$/i;
/** The checker's say-so to hand over a line still owed money. */
const CONFIRM = /^(?:confirm|yes|确认|确定)$/i;

/** The sender as a checker of pickup lines: their user id and whether they are an admin here. */
export const checkerOf = (ctx: GroupContext): Checker => ({
  userId: ctx.sender.id,
  admin: ctx.role !== 'member',
});

/**
 * Answers the checker: privately when they wrote in the group (kept for them until they open a
 * private chat with the bot where the platform needs that), as a reply where they wrote privately
 * or are an anonymous admin (who has no private chat).
 */
export function tellChecker(ctx: GroupContext, text: string): void {
  if (ctx.chat.kind === 'direct' || ctx.sender.persona) ctx.reply(text);
  else ctx.dm({ kind: 'text', text }, { onUnreachable: 'hold' });
}

/**
 * The member's receipt for lines handed over (one member's, at one point, at once): privately only
 * (a group message per pickup is noise), and not to the checker who handed over their own.
 */
export function sendReceipt(ctx: GroupContext, deal: Deal, lines: readonly Order[]): void {
  const first = lines[0];
  if (!first?.deliveredAt || first.userId === ctx.sender.id) return;
  const direct = ctx.adapter.directChat?.(first.userId);
  if (!direct) return;
  const community = ctx.community;
  const text = verifyText(community.locale).receipt(
    deal.no,
    deal.title,
    heldLines(community.locale, [...lines]),
    pointName(ctx, first.pointId),
    formatTime(first.deliveredAt, community.timezone),
  );
  // In the same private message, once the goods are theirs: how to review (none if they did).
  const invite = reviewInvite(community.locale, ctx.tables, deal, first.userId);
  ctx.sendTo(direct, { kind: 'text', text: invite ? `${text}\n${invite}` : text }, { userId: first.userId });
}

/** `#3 Mangoes ×2 L`. */
export function lineText(deal: Deal, order: Order): string {
  return `#${deal.no} ${deal.title} ${lineLabel(order)}`;
}

/** The line's holder as lists show them (look-alikes told apart, `王阿姨（alice 代订）`). */
export function holder(ctx: GroupContext, order: Order): string {
  return lineOwner(ctx.locale, order, holderNames(ctx.tables, [order]));
}

/** A point's name as shown, '' for no point or an unknown id. */
export function pointName(ctx: GroupContext, pointId: string | undefined): string {
  const point = pointId ? ctx.tables.pickupPoints.get(pointId) : undefined;
  return point ? showName(point.name) : '';
}

/** Who checked, as the group reads them (an anonymous admin in the group's language). */
export function actorName(ctx: GroupContext, userId: string | undefined): string {
  if (!userId) return '';
  const member = ctx.tables.members.get(memberId(ctx.community.id, userId));
  return actorLabel(ctx.locale, userId) ?? (member ? showName(member.name) : userId);
}

/** `unpaid ¥45.00`, `says they paid ¥45.00, not confirmed yet`. */
export function owedText(ctx: GroupContext, money: MoneyState): string {
  const t = verifyText(ctx.locale);
  const amount = moneyOf(ctx.community);
  return money.state === 'claimed' ? t.claimed(amount(money.claimedCents)) : t.owing(amount(money.owedCents));
}

/** The words after the code or deal: `all`, `confirm`, and the rest naming a point. */
export function readWords(words: string[]): { all: boolean; confirm: boolean; point: string } {
  return {
    all: words.some((w) => ALL.test(w)),
    confirm: words.some((w) => CONFIRM.test(w)),
    point: words.filter((w) => !ALL.test(w) && !CONFIRM.test(w)).join(' '),
  };
}

/**
 * The point a word names (an active one first, else one removed since: its lines are still handed
 * out there), or undefined after saying there is none such.
 */
export function pointOrReply(ctx: GroupContext, word: string): PickupPoint | undefined {
  const point =
    findPoint(ctx.tables, ctx.community.id, word) ??
    matchPoint(ctx.tables.pickupPoints.by('community', ctx.community.id), word);
  if (!point) {
    const names = pointsOfCommunity(ctx);
    tellChecker(ctx, verifyText(ctx.locale).noSuchPoint(showName(word), names));
  }
  return point;
}

function pointsOfCommunity(ctx: GroupContext): string {
  return activePoints(ctx.tables, ctx.community.id)
    .map((p) => showName(p.name))
    .join(ctx.locale === 'zh' ? '、' : ', ');
}

/** A plain member who checks codes nowhere is refused before anything is looked up. */
export function refusedChecker(ctx: GroupContext): boolean {
  if (ctx.role !== 'member' || pointsCheckedBy(ctx.tables, ctx.community.id, ctx.sender.id).length > 0)
    return false;
  ctx.reply(verifyText(ctx.locale).notChecker);
  return true;
}

/** `K7M 4QX` typed with a space: the code and the words left. */
export function codeAndWords(what: string, words: string[]): { code: string | undefined; rest: string[] } {
  const code = readCode(what);
  if (code || words.length === 0) return { code, rest: words };
  const joined = readCode(`${what}${words[0]}`);
  return joined ? { code: joined, rest: words.slice(1) } : { code: undefined, rest: words };
}

/** Where the line is picked up, said to a checker who is elsewhere (or may not check there). */
export function wrongPointText(
  ctx: GroupContext,
  code: string,
  point: PickupPoint | undefined,
  at?: PickupPoint,
): string {
  const t = verifyText(ctx.locale);
  if (!point) return t.noPoint(code);
  // Where the checker stands: the point they named, else where they check (a verifier who names
  // the line's own point where they do not check is told where they do).
  const here = at && at.id !== point.id ? [at] : pointsCheckedBy(ctx.tables, ctx.community.id, ctx.sender.id);
  const names = here.map((p) => showName(p.name)).join(ctx.locale === 'zh' ? '、' : ', ');
  return t.wrongPoint(code, showName(point.name), names);
}
