import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { optionLeft } from '../src/services/order-lines.js';
import { shareView } from '../src/services/shared-deals.js';
import type { Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { dealCard } from './deal-card.js';
import { dealText } from './deal-text.js';

/**
 * What a 接龙 message that names no deal gets when several are open: `列表` shows the rosters, a
 * `+1` is asked which deal in one question per burst (edited to name each asker).
 */

/** Up to this many open deals `列表` shows every card; more, and it asks whose roster. */
const ROSTERS_SHOWN = 3;

/** `列表` / `list` naming no deal: the open deals' cards, or with many the question whose roster. */
export function showRosters(ctx: GroupContext, open: Deal[]): void {
  if (open.length > ROSTERS_SHOWN) {
    ctx.reply(dealText(ctx.locale).whichRoster(dealList(ctx, open), open[0]!.no));
    return;
  }
  const max = ctx.adapter.capabilities.maxMessageLength;
  for (const deal of open) ctx.reply(dealCard(ctx.locale, ctx.community, deal, ctx.tables, max));
}

/**
 * Whether a deal can take a new order: not when its stock, or every option's, is sold out (a
 * waitlist place is not what a `+1` naming no deal asks for when another deal has stock).
 */
export function takesOrders(tables: Tables, given: Deal): boolean {
  // A deal shared by linked groups sells one stock: what is left is the share's.
  const deal = given.shareId ? shareView(tables, given, false) : given;
  const left = deal.stock === undefined ? undefined : deal.stock - deal.sold;
  if (left !== undefined && left <= 0) return false;
  if (deal.options.length === 0) return true;
  return deal.options.some((option) => (optionLeft(deal, option) ?? 1) > 0);
}

/**
 * A question still taking askers: askers within QUESTION_MS of its first post are added to it (an
 * edit) instead of each getting a message; later, a new question is posted, never an edit far up
 * the chat. Kept in memory per bot (its tables) and community: after a restart a new one starts.
 */
const QUESTION_MS = 5 * 60_000;
interface Question {
  /** The live message's key (one per question). */
  key: string;
  /** When it was first asked (ms). */
  since: number;
  /** Who was asked, as shown. */
  names: string[];
}
const questions = new WeakMap<object, Map<string, Question>>();

/** "Which deal?" naming the open deals, with the sender added to the burst's one question. */
export function askWhichDeal(ctx: GroupContext, open: Deal[]): void {
  const now = ctx.clock.now().getTime();
  const byCommunity = questions.get(ctx.tables) ?? new Map<string, Question>();
  questions.set(ctx.tables, byCommunity);
  let question = byCommunity.get(ctx.community.id);
  if (!question || now - question.since > QUESTION_MS) {
    question = { key: `which:${ctx.community.id}:${now}`, since: now, names: [] };
    byCommunity.set(ctx.community.id, question);
  }
  const name = showName(ctx.member?.name ?? ctx.sender.name);
  if (!question.names.includes(name)) question.names.push(name);
  // Named as asked, not refused (no ✗, which reads as "hank did something wrong").
  const text = [
    dealText(ctx.locale).whichDeal(dealList(ctx, open), open[0]!.no),
    ...question.names.map((n) => `· ${n}`),
  ].join('\n');
  ctx.live(question.key, text);
}

function dealList(ctx: GroupContext, open: Deal[]): string {
  return open.map((d) => `#${d.no} ${d.title}`).join(ctx.locale === 'zh' ? '、' : ', ');
}
