import type { Context, GroupContext } from '../src/core/context.js';
import { scheduledDeals } from '../src/services/deal-starts.js';
import { dealOfMessage, findDeal, openDeals } from '../src/services/deals.js';
import { type DealView, type JielongIntent, parseJielong } from '../src/services/jielong.js';
import { activeLines } from '../src/services/order-lines.js';
import { roster } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { dealText } from './deal-text.js';
import { askWhichDeal, showRosters, takesOrders } from './jielong-which.js';

/**
 * Which deal a 接龙 message is for, and what it says about it: read against each candidate deal,
 * so chatter is never asked about and a message that names an option or a title only one open
 * deal has goes to that deal.
 */

/**
 * What the reader needs to know of a deal. A class, not an object literal with a getter: V8 builds
 * a literal with an accessor on its slow path, once per candidate deal of every message.
 */
class LazyDealView implements DealView {
  readonly no: number;
  readonly title: string;
  readonly options: string[];
  readonly senderName: string;
  private names: string[] | undefined;

  constructor(
    private readonly ctx: Context,
    private readonly deal: Deal,
  ) {
    this.no = deal.no;
    this.title = deal.title;
    this.options = deal.options;
    // As the copy handler names the sender (applyCopy's `me`).
    this.senderName = ctx.member?.name ?? ctx.sender.name;
  }

  // Read only for a copied roster: building it for every `+1` made a burst quadratic.
  get rosterNames(): string[] {
    this.names ??= roster(this.ctx.tables, this.deal).map((o) => o.for ?? o.name);
    return this.names;
  }
}

export function viewOf(ctx: Context, deal: Deal): DealView {
  return new LazyDealView(ctx, deal);
}

/** The view of "no deal": tells an order from chatter when there is nothing to order from. */
const NO_DEAL: DealView = { no: 0, title: '', options: [], rosterNames: [] };

/** A deal that closed in the last day: a late `+1` is told it closed rather than ignored. */
function recentlyClosed(ctx: GroupContext): Deal | undefined {
  const since = ctx.clock.now().getTime() - 86_400_000;
  return ctx.tables.deals
    .by('community', ctx.community.id)
    .filter((d) => d.closedAt && Date.parse(d.closedAt) >= since)
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!))[0];
}

export type Picked = { deal: Deal; intent: JielongIntent } | 'answered' | undefined;

/** Where the message points at a deal: its #code, a quoted card's code, or the card it replies to. */
function namedDeal(
  ctx: GroupContext,
  code: number | undefined,
  quoted: string | undefined,
): number | undefined {
  if (code !== undefined) return code;
  const quotedCode = quoted ? /#(\d{1,6})/.exec(quoted)?.[1] : undefined;
  if (quotedCode !== undefined) return Number(quotedCode);
  const replyTo = ctx.event.type === 'message' ? ctx.event.replyTo : undefined;
  return replyTo ? dealOfMessage(ctx.tables, ctx.community.id, replyTo)?.no : undefined;
}

/**
 * The deal and the reading. undefined: chatter, stay silent. 'answered': the member was asked
 * which deal (one batched line per member) or told the named deal does not exist.
 */
export function pickDeal(
  ctx: GroupContext,
  body: string,
  code: number | undefined,
  quoted: string | undefined,
): Picked {
  const community = ctx.community;
  const named = namedDeal(ctx, code, quoted);
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
  // A `+1` under a quoted member's message agrees with that member; it orders nothing.
  if (quoted !== undefined) return undefined;
  const open = openDeals(ctx.tables, community.id);
  if (open.length === 0) {
    // Only scheduled deals (定时开团): an early `+1` is for the next to open, and told when it does.
    const next = scheduledDeals(ctx.tables, community.id)[0];
    const early = next && parseJielong(body, viewOf(ctx, next));
    if (next && early?.kind === 'order') return { deal: next, intent: early };
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
  // Unreadable whichever deal it is for: one hint, not a question about deals.
  if (readings.every((r) => r.intent.kind === 'unreadable')) return readings[0];
  // `草莓+1`: the title of one open deal; `+1 小份`: an option only one open deal has.
  const titled = readings.filter((r) => r.deal.title && body.includes(r.deal.title));
  if (titled.length === 1) return titled[0];
  const naming = readings.filter((r) => namesOption(r.intent));
  if (naming.length === 1) return naming[0];
  // `不要了`, `改3`, answering "which option?": about a line the member holds in one deal only.
  const mine = readings.filter((r) => activeLines(ctx.tables, r.deal.id, ctx.sender.id).length > 0);
  if (mine.length === 1 && isAboutHeldLine(mine[0]!.intent)) return mine[0];
  if (readings.every((r) => r.intent.kind === 'option')) return undefined;
  // `列表` is never an order: it shows the rosters.
  if (readings.every((r) => r.intent.kind === 'roster')) {
    showRosters(ctx, open);
    return 'answered';
  }
  // A new `+1` naming no deal goes to the only deal that can take it (the others sold out).
  if (readings.every(isNewOrder)) {
    const taking = readings.filter((r) => takesOrders(ctx.tables, r.deal));
    if (taking.length === 1) return taking[0];
  }
  // One question for a burst of bare `+1`s, naming who asked.
  askWhichDeal(ctx, open);
  return 'answered';
}

function namesOption(intent: JielongIntent): boolean {
  if (intent.kind === 'order') return intent.lines.some((l) => l.option !== undefined);
  if (intent.kind === 'option') return true;
  return intent.kind === 'cancel' && intent.option !== undefined;
}

/** A plain order (`+1`, `接龙 2`), not a change of a held line. */
function isNewOrder(r: { intent: JielongIntent }): boolean {
  return r.intent.kind === 'order' && !isAboutHeldLine(r.intent);
}

/** A change or withdrawal is about a line the member already holds. */
function isAboutHeldLine(intent: JielongIntent): boolean {
  return (
    intent.kind === 'cancel' ||
    intent.kind === 'option' ||
    (intent.kind === 'order' && (intent.change === true || intent.lines.some((l) => l.add !== undefined)))
  );
}
