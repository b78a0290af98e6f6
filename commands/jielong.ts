import type { Context } from '../src/core/context.js';
import type { TextHandler } from '../src/core/feature.js';
import { dealOfMessage, findDeal, openDeals } from '../src/services/deals.js';
import { type DealView, type JielongIntent, parseJielong, readEnvelope } from '../src/services/jielong.js';
import { activeLines } from '../src/services/order-lines.js';
import { cancelOrder, chooseLines, linesFromMessage, roster } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { dealCard } from './deal-card.js';
import { dealText } from './deal-text.js';
import { answerOrder, problem, showWithdrawn } from './order-answers.js';
import { orderText } from './order-text.js';

/**
 * 接龙 in a group chat: the text handler that turns what members write (`+1`, `小份+2`, `改3`,
 * `不要了`, a copied roster, an edit of an earlier `+1`) into order lines. Reading the words is
 * src/services/jielong.ts; this file decides which deal they mean and applies them.
 */

/** What the reader needs to know of a deal. */
function viewOf(ctx: Context, deal: Deal): DealView {
  return {
    no: deal.no,
    title: deal.title,
    options: deal.options,
    rosterNames: roster(ctx.tables, deal).map((o) => o.for ?? o.name),
  };
}

/** The view of "no deal": tells an order from chatter when there is nothing to order from. */
const NO_DEAL: DealView = { no: 0, title: '', options: [], rosterNames: [] };

/** A deal that closed in the last day: a late `+1` is told it closed rather than ignored. */
function recentlyClosed(ctx: Context): Deal | undefined {
  const since = ctx.clock.now().getTime() - 86_400_000;
  return ctx.tables.deals
    .by('community', ctx.community!.id)
    .filter((d) => d.closedAt && Date.parse(d.closedAt) >= since)
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!))[0];
}

type Picked = { deal: Deal; intent: JielongIntent } | 'answered' | undefined;

/**
 * Which deal the text means, and what it says: its #code, a quoted or replied-to deal card, else
 * the one open deal. With several open deals, the one whose options the text names; otherwise a
 * short question. Chatter is never asked about: it is read against every open deal first.
 */
function pickDeal(ctx: Context, body: string, code: number | undefined, quoted: string | undefined): Picked {
  const community = ctx.community!;
  const quotedCode = quoted ? /#(\d{1,6})/.exec(quoted)?.[1] : undefined;
  const replyTo = ctx.event.type === 'message' ? ctx.event.replyTo : undefined;
  const named =
    code ??
    (quotedCode === undefined ? undefined : Number(quotedCode)) ??
    (replyTo ? dealOfMessage(ctx.tables, community.id, replyTo)?.no : undefined);
  if (named !== undefined) {
    const deal = findDeal(ctx.tables, community.id, named);
    const intent = parseJielong(body, deal ? viewOf(ctx, deal) : { ...NO_DEAL, no: named });
    if (!intent) return undefined;
    if (!deal) {
      ctx.reply(dealText(ctx.locale).unknownDeal(named));
      return 'answered';
    }
    return { deal, intent };
  }
  const open = openDeals(ctx.tables, community.id);
  if (open.length === 0) {
    const closed = recentlyClosed(ctx);
    const intent = parseJielong(body, closed ? viewOf(ctx, closed) : NO_DEAL);
    return closed && intent && intent.kind === 'order' ? { deal: closed, intent } : undefined;
  }
  if (open.length === 1) {
    const intent = parseJielong(body, viewOf(ctx, open[0]!));
    return intent ? { deal: open[0]!, intent } : undefined;
  }
  const readings = open
    .map((deal) => ({ deal, intent: parseJielong(body, viewOf(ctx, deal)) }))
    .filter((r): r is { deal: Deal; intent: JielongIntent } => r.intent !== undefined);
  if (readings.length === 0) return undefined;
  // `+1 小份` when only one open deal has 小份; `不要了` when the member is in only one deal.
  const naming = readings.filter((r) => namesOption(r.intent));
  if (naming.length === 1) return naming[0];
  const mine = readings.filter((r) => activeLines(ctx.tables, r.deal.id, ctx.sender.id).length > 0);
  if (mine.length === 1 && isAboutHeldLine(mine[0]!.intent)) return mine[0];
  const list = open.map((d) => `#${d.no} ${d.title}`).join(', ');
  ctx.reply(dealText(ctx.locale).whichDeal(list, open[0]!.no));
  return 'answered';
}

function namesOption(intent: JielongIntent): boolean {
  if (intent.kind === 'order') return intent.lines.some((l) => l.option !== undefined);
  return intent.kind === 'cancel' && intent.option !== undefined;
}

/** A change or withdrawal is about a line the member already holds. */
function isAboutHeldLine(intent: JielongIntent): boolean {
  return intent.kind === 'cancel' || (intent.kind === 'order' && intent.change === true);
}

/** Unreadable-order hints already given, by community|member|deal → when (one per 10 minutes). */
const hinted = new Map<string, number>();
const HINT_EVERY_MS = 10 * 60_000;

function hint(ctx: Context, deal: Deal): void {
  const now = ctx.clock.now().getTime();
  const key = `${deal.id}|${ctx.sender.id}`;
  if ((hinted.get(key) ?? Number.NEGATIVE_INFINITY) > now - HINT_EVERY_MS) return;
  if (hinted.size > 10_000) for (const [k, at] of hinted) if (at <= now - HINT_EVERY_MS) hinted.delete(k);
  hinted.set(key, now);
  ctx.reply(orderText(ctx.locale).hint(ctx.member?.name ?? ctx.sender.name, deal.no));
}

/** An edited message that no longer orders: the lines it set are withdrawn. */
function editedAway(ctx: Context): boolean {
  if (ctx.event.type !== 'message' || !ctx.event.editedAt) return false;
  const messageId = ctx.event.id;
  let changed = false;
  for (const deal of openDeals(ctx.tables, ctx.community!.id)) {
    for (const line of linesFromMessage(ctx.tables, deal, ctx.sender.id, messageId)) {
      const outcome = ctx.mutate((tx) =>
        cancelOrder(tx, deal, ctx.sender.id, ctx.clock.now(), {
          ...(line.option !== undefined ? { option: line.option } : {}),
          ...(line.for !== undefined ? { for: line.for } : {}),
        }),
      );
      if (outcome.kind === 'cancelled') {
        showWithdrawn(ctx, outcome.deal, outcome.orders);
        changed = true;
      }
    }
  }
  return changed;
}

/** `+1`, `小份+2`, `接龙 2`, `改3`, `不要了`, `列表`, a copied roster, in a group chat. */
export const jielongHandler: TextHandler = (ctx, text) => {
  if (ctx.chat.kind !== 'group' || !ctx.community) return false;
  const envelope = readEnvelope(text);
  if (!envelope) return editedAway(ctx);
  const picked = pickDeal(ctx, envelope.body, envelope.deal, envelope.quoted);
  if (picked === undefined) return editedAway(ctx);
  if (picked === 'answered') return true;
  const { deal, intent } = picked;
  const t = orderText(ctx.locale);
  const name = ctx.member?.name ?? ctx.sender.name;
  switch (intent.kind) {
    case 'roster':
      ctx.reply(
        dealCard(
          ctx.locale,
          ctx.community,
          deal,
          roster(ctx.tables, deal),
          ctx.adapter.capabilities.maxMessageLength,
        ),
      );
      return true;
    case 'unreadable':
      hint(ctx, deal);
      return true;
    case 'cancel': {
      const outcome = ctx.mutate((tx) =>
        cancelOrder(tx, deal, ctx.sender.id, ctx.clock.now(), intent.option ? { option: intent.option } : {}),
      );
      if (outcome.kind === 'closed') problem(ctx, deal, t.closed(name));
      else if (outcome.kind === 'no_order') problem(ctx, deal, t.noOrder(name));
      else if (outcome.kind === 'which') problem(ctx, deal, whichLine(ctx, deal, outcome.lines, '不要了'));
      else showWithdrawn(ctx, outcome.deal, outcome.orders);
      return true;
    }
    case 'order': {
      const messageId = ctx.event.type === 'message' ? ctx.event.id : undefined;
      let lines = intent.lines;
      if (intent.change && lines.length === 1 && lines[0]!.option === undefined) {
        // `改3` names no option: it means the member's only line (of the person it is for).
        const held = chooseLines(ctx.tables, deal, ctx.sender.id, intent.for ? { for: intent.for } : {});
        if (held.length > 1) {
          problem(ctx, deal, whichLine(ctx, deal, held, `改${lines[0]!.qty}`));
          return true;
        }
        if (held.length === 1 && held[0]!.option !== undefined)
          lines = [{ ...lines[0]!, option: held[0]!.option }];
      }
      answerOrder(
        ctx,
        deal,
        lines.map((l) => ({
          qty: l.qty,
          ...(l.option !== undefined ? { option: l.option } : {}),
          ...(l.note !== undefined ? { note: l.note } : {}),
          ...(intent.for !== undefined ? { for: intent.for } : {}),
          ...(intent.usePoints !== undefined ? { usePoints: intent.usePoints } : {}),
          ...(messageId !== undefined ? { sourceMessageId: messageId } : {}),
        })),
      );
      if (ctx.event.type === 'message' && ctx.event.editedAt && messageId)
        dropEditedOut(ctx, deal, messageId, lines);
      return true;
    }
  }
};

/** An edit from `+1 小份` to `+1 大份`: the 小份 line the old text set is withdrawn. */
function dropEditedOut(ctx: Context, deal: Deal, messageId: string, kept: { option?: string }[]): void {
  const keep = new Set(kept.map((l) => l.option ?? ''));
  for (const line of linesFromMessage(ctx.tables, deal, ctx.sender.id, messageId)) {
    if (keep.has(line.option ?? '')) continue;
    const current = ctx.tables.deals.get(deal.id) ?? deal;
    const outcome = ctx.mutate((tx) =>
      cancelOrder(tx, current, ctx.sender.id, ctx.clock.now(), {
        ...(line.option !== undefined ? { option: line.option } : {}),
        ...(line.for !== undefined ? { for: line.for } : {}),
      }),
    );
    if (outcome.kind === 'cancelled') showWithdrawn(ctx, outcome.deal, outcome.orders);
  }
}

/** `✗ alice: you hold ×1 小份, ×2 大份 — name the option, e.g. 不要了 小份` */
function whichLine(
  ctx: Context,
  deal: Deal,
  lines: { qty: number; option?: string }[],
  verb: string,
): string {
  const t = orderText(ctx.locale);
  const held = lines.map((l) => `×${l.qty}${l.option ? ` ${l.option}` : ''}`).join(', ');
  const example = `${lines[0]?.option ?? deal.options[0] ?? ''}${verb}`;
  return t.whichLine(ctx.member?.name ?? ctx.sender.name, held, example);
}
