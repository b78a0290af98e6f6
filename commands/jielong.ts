import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { TextHandler } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { openDeals } from '../src/services/deals.js';
import { type JielongIntent, type LineIntent, readEnvelope } from '../src/services/jielong.js';
import { unitPrice } from '../src/services/order-lines.js';
import { chooseLines, linesFromMessage, type OrderRequest } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { dealCard } from './deal-card.js';
import { applyCopy } from './jielong-copy.js';
import { pickDeal } from './jielong-deal.js';
import { hint, takeAwaiting } from './jielong-memory.js';
import { answerOrder, heldLines, problem, showWithdrawn, withdrawLines } from './order-answers.js';
import { orderText } from './order-text.js';
import { linePoint } from './point-words.js';

/**
 * 接龙 in a group chat: the text handler that turns what members write (`+1`, `小份+2`, `改3`,
 * `再来一份`, `不要了`, a copied roster, an edit of an earlier `+1`) into order lines. Reading the
 * words is src/services/jielong.ts; picking the deal is jielong-deal.ts; this file applies them.
 */

/** `+1`, `小份+2`, `接龙 2`, `改3`, `不要了`, `列表`, a copied roster, in a group chat. */
export const jielongHandler: TextHandler = (ctx, text) => {
  if (ctx.chat.kind !== 'group' || !inCommunity(ctx)) return false;
  const envelope = readEnvelope(text);
  if (!envelope) return editedAway(ctx);
  const picked = pickDeal(ctx, envelope.body, envelope.deal, envelope.quoted);
  if (picked === undefined) return editedAway(ctx);
  if (picked === 'answered') return true;
  const { deal, intent } = picked;
  if (quotesPrice(deal, intent)) return editedAway(ctx);
  // An edit is read again only as the lines it sets. Replaying `再来一份` or a copied roster would
  // add or copy a second time (ignored); an edit into anything else that is not an order (`不要了`,
  // a question) withdraws what this message had set, and nothing set since by other messages.
  const edited = ctx.event.type === 'message' && ctx.event.editedAt !== undefined;
  if (edited && (intent.kind === 'copy' || (intent.kind === 'order' && intent.lines.some((l) => l.add))))
    return true;
  if (edited && intent.kind !== 'order') return editedAway(ctx);
  switch (intent.kind) {
    case 'roster':
      ctx.reply(
        dealCard(ctx.locale, ctx.community, deal, ctx.tables, ctx.adapter.capabilities.maxMessageLength),
      );
      return true;
    case 'unreadable':
      hint(ctx, deal);
      return true;
    case 'cancel':
      withdraw(ctx, deal, intent);
      return true;
    case 'copy':
      return applyCopy(ctx, deal, intent);
    case 'option': {
      // `5斤` alone answers "which option?"; without such a question it is chatter.
      const waiting = takeAwaiting(ctx, deal);
      if (!waiting) return false;
      answerOrder(
        ctx,
        deal,
        waiting.map((r) => ({ ...r, option: intent.option })),
      );
      return true;
    }
    case 'order':
      order(ctx, deal, intent);
      return true;
  }
};

/**
 * `大家注意：5斤 59，10斤 109`: an option next to its own price is a price list, not 59 units. A
 * quantity equal to the line's unit price (in whole yuan, 10 or more) is read as chatter.
 */
function quotesPrice(deal: Deal, intent: JielongIntent): boolean {
  if (intent.kind !== 'order') return false;
  // Only beside an option: `+10` on a ¥10 deal is an order of ten.
  return intent.lines.some((l) => {
    if (l.option === undefined) return false;
    const cents = unitPrice(deal, l.option);
    return l.qty >= 10 && cents % 100 === 0 && l.qty === cents / 100;
  });
}

function withdraw(ctx: GroupContext, deal: Deal, intent: Extract<JielongIntent, { kind: 'cancel' }>): void {
  const t = orderText(ctx.locale);
  const name = showName(ctx.member?.name ?? ctx.sender.name);
  const forName = intent.for === undefined ? undefined : proxyName(ctx, deal, intent.for);
  const choice = {
    ...(intent.option ? { option: intent.option } : {}),
    ...(forName ? { for: forName } : {}),
  };
  // The lines and the places on the waitlist the words name; freed units go to the next in line.
  const { outcome, leftWaitlist, refund } = withdrawLines(ctx, deal, ctx.sender.id, name, choice);
  if (leftWaitlist) problem(ctx, deal, leftWaitlist);
  if (outcome.kind === 'closed') {
    if (!leftWaitlist) problem(ctx, deal, t.closed(name));
  } else if (outcome.kind === 'no_order') {
    if (!leftWaitlist) problem(ctx, deal, t.noOrder(name));
  } else if (outcome.kind === 'which') problem(ctx, deal, whichLine(ctx, deal, outcome.lines, '不要了'));
  else {
    // A paid line withdrawn is owed back: the member privately, the admins in the deal's notice.
    const owed = refund();
    if (owed) problem(ctx, deal, owed);
    showWithdrawn(ctx, outcome.deal);
  }
}

function order(ctx: GroupContext, deal: Deal, intent: Extract<JielongIntent, { kind: 'order' }>): void {
  const messageId = ctx.event.type === 'message' ? ctx.event.id : undefined;
  const edited = ctx.event.type === 'message' && ctx.event.editedAt !== undefined;
  // Ordered directly: a "which option?" still pending would turn a later `5斤` into a second order.
  takeAwaiting(ctx, deal);
  const changesHeld = intent.change || intent.lines.some((l) => l.add !== undefined);
  // `帮李姐改2份` changes the line ordered `帮邻居李姐`: the person as the member first wrote them.
  const forName = intent.for !== undefined && changesHeld ? proxyName(ctx, deal, intent.for) : intent.for;
  let lines: LineIntent[] = intent.lines;
  if (changesHeld && lines.length === 1 && lines[0]!.option === undefined) {
    // `改3`, `再来一份` name no option: they mean the member's only line (of the person it is for).
    const held = ownLines(ctx, deal, undefined, forName);
    if (held.length > 1) {
      const verb = intent.change ? `改${lines[0]!.qty}` : '再来一份';
      problem(ctx, deal, whichLine(ctx, deal, held, verb));
      return;
    }
    if (held.length === 1 && held[0]!.option !== undefined)
      lines = [{ ...lines[0]!, option: held[0]!.option }];
  }
  const requests: OrderRequest[] = [];
  for (const line of lines) {
    if (edited && messageId && setLater(ctx, deal, messageId, line.option, forName)) continue;
    // `+1 东门`: the pickup point named in the note (point-words.ts); two points order nothing.
    const point = linePoint(ctx, deal, line.note);
    if (point === 'answered') return;
    let qty = line.qty;
    if (line.add === undefined && !intent.change && !edited) {
      // `+1` from a member who holds ×3 is more likely chatter (`已付款+1`, `谢谢团长+1`) than a
      // wish to take two away: lowering a line takes a word that says so (改1, 少要两份).
      const held = heldLine(ctx, deal, line.option, forName);
      if (held && line.qty < held.qty) {
        problem(ctx, deal, lowerLine(ctx, held, line.qty));
        continue;
      }
    }
    if (line.add !== undefined) {
      // `再来一份` adds to the line; `少要一份` takes from it (to nothing: the line is withdrawn).
      const held = heldLine(ctx, deal, line.option, forName);
      qty = (held?.qty ?? 0) + (line.add === 'more' ? line.qty : -line.qty);
      if (qty <= 0 && held) {
        withdraw(ctx, deal, {
          kind: 'cancel',
          ...(held.option ? { option: held.option } : {}),
          ...(held.for ? { for: held.for } : {}),
        });
        continue;
      }
    }
    // Field by field: spreading `...(x ? { x } : {})` into a literal takes V8's slow path, and
    // this runs for every 接龙 order.
    const request: OrderRequest = { qty };
    if (line.option !== undefined) request.option = line.option;
    if (point) {
      request.pointId = point.pointId;
      if (point.note) request.note = point.note;
    } else if (line.note !== undefined) request.note = line.note;
    if (forName) request.for = forName;
    if (intent.usePoints !== undefined) request.usePoints = intent.usePoints;
    if (messageId !== undefined) request.sourceMessageId = messageId;
    requests.push(request);
  }
  if (requests.length > 0) answerOrder(ctx, deal, requests);
  if (ctx.event.type === 'message' && ctx.event.editedAt && messageId)
    dropEditedOut(ctx, deal, messageId, lines, forName);
}

/** The member's line for an option (or their only line when none is named) and a person. */
function heldLine(ctx: GroupContext, deal: Deal, option: string | undefined, forName: string | undefined) {
  return ownLines(ctx, deal, option, forName)[0];
}

/**
 * The member's lines of an option (any, when none is named) for exactly one person: their own
 * (forName undefined) or those they placed for forName — never the other people's lines.
 */
function ownLines(ctx: GroupContext, deal: Deal, option: string | undefined, forName: string | undefined) {
  return chooseLines(ctx.tables, deal, ctx.sender.id, {
    ...(forName ? { for: forName } : {}),
    ...(option ? { option } : {}),
  }).filter((o) => (o.for ?? '') === (forName ?? ''));
}

/** `✗ alice: you hold ×3 — to change it to ×1, send 改1` */
function lowerLine(
  ctx: GroupContext,
  held: { qty: number; option?: string; for?: string },
  qty: number,
): string {
  const example = `${held.for ? `帮${held.for}` : (held.option ?? '')}改${qty}`;
  return orderText(ctx.locale).lowerNeedsChange(
    showName(ctx.member?.name ?? ctx.sender.name),
    heldLines(ctx.locale, [held]),
    qty,
    example,
  );
}

/**
 * The person a change or withdrawal means, as the member's line names them: `王阿姨` finds the line
 * ordered `帮邻居王阿姨` when it is the only one whose name contains it (or that it contains).
 */
function proxyName(ctx: GroupContext, deal: Deal, written: string): string {
  const people = [
    ...new Set(
      chooseLines(ctx.tables, deal, ctx.sender.id, {})
        .map((o) => o.for)
        .filter((f): f is string => f !== undefined),
    ),
  ];
  if (people.includes(written)) return written;
  const near = people.filter((p) => p.includes(written) || written.includes(p));
  return near.length === 1 ? near[0]! : written;
}

/**
 * An edit of an old `+2` must not undo a later `改5` or a tap: a line set since by another message
 * (or a button, or a command) no longer follows this one.
 */
function setLater(
  ctx: GroupContext,
  deal: Deal,
  messageId: string,
  option: string | undefined,
  forName: string | undefined,
): boolean {
  const held = ownLines(ctx, deal, option, forName);
  return held.length > 0 && held.every((o) => o.sourceMessageId !== messageId);
}

/** An edited message that no longer orders: the lines it set are withdrawn. */
function editedAway(ctx: GroupContext): boolean {
  if (ctx.event.type !== 'message' || !ctx.event.editedAt) return false;
  let changed = false;
  for (const deal of openDeals(ctx.tables, ctx.community.id)) {
    for (const line of linesFromMessage(ctx.tables, deal, ctx.sender.id, ctx.event.id)) {
      if (cancelLine(ctx, deal, line)) changed = true;
    }
  }
  return changed;
}

/** An edit from `+1 小份` to `+1 大份`: the 小份 line the old text set is withdrawn. */
function dropEditedOut(
  ctx: GroupContext,
  deal: Deal,
  messageId: string,
  kept: { option?: string }[],
  forName: string | undefined,
): void {
  // A line is one option for one person: `+1 帮王阿姨` edited into `+1` drops 王阿姨's line. A kept
  // line that names no option (answered by "which option?") keeps that person's lines.
  const keepAll = kept.some((l) => l.option === undefined);
  const keep = new Set(kept.map((l) => `${l.option ?? ''}|${forName ?? ''}`));
  for (const line of linesFromMessage(ctx.tables, deal, ctx.sender.id, messageId)) {
    if ((line.for ?? '') === (forName ?? '') && keepAll) continue;
    if (!keep.has(`${line.option ?? ''}|${line.for ?? ''}`)) cancelLine(ctx, deal, line);
  }
}

function cancelLine(ctx: GroupContext, deal: Deal, line: { option?: string; for?: string }): boolean {
  const { outcome, leftWaitlist, refund } = withdrawLines(
    ctx,
    deal,
    ctx.sender.id,
    showName(ctx.member?.name ?? ctx.sender.name),
    {
      ...(line.option !== undefined ? { option: line.option } : {}),
      ...(line.for !== undefined ? { for: line.for } : {}),
    },
  );
  if (leftWaitlist) problem(ctx, deal, leftWaitlist);
  if (outcome.kind !== 'cancelled') return leftWaitlist !== undefined;
  const owed = refund();
  if (owed) problem(ctx, deal, owed);
  showWithdrawn(ctx, outcome.deal);
  return true;
}

/** `✗ alice: you hold ×1 小份, ×2 大份 — say which, e.g. 小份不要了` */
export function whichLine(
  ctx: GroupContext,
  deal: Deal,
  lines: { qty: number; option?: string; for?: string; name: string }[],
  verb: string,
): string {
  const first = lines[0];
  const example = first?.for ? `帮${first.for}${verb}` : `${first?.option ?? deal.options[0] ?? ''}${verb}`;
  return orderText(ctx.locale).whichLine(
    showName(ctx.member?.name ?? ctx.sender.name),
    heldLines(ctx.locale, lines),
    example,
  );
}
