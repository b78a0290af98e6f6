import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { activeAt } from '../src/services/fulfilment.js';
import {
  type ArrivalOutcome,
  type Count,
  MAX_ARRIVED,
  type OptionCount,
} from '../src/services/goods-arrival.js';
import type { Deal } from '../src/store/schema.js';
import { cutLine, owedBackList, pointName } from './fulfilment-notices.js';
import { arrivedExample } from './fulfilment-points.js';
import { refuseStep } from './fulfilment-replies.js';
import { fulfilmentText } from './fulfilment-text.js';
import { holderNames } from './order-text.js';

/**
 * How `/arrived` reads what the keeper counted (`大份=18 小份=10`, `18`, `all`), answers a count it
 * cannot take, and the group's announcement of an arrival with its shortages.
 */

const ALL = /^(?:all|全部|全到|到齐|齐了?)$/i;
/** Measure words written after a count (`18份`, `大份=18件`). */
const MEASURE = /(?:份|件|个|箱|盒|斤|袋|瓶|只|包|pcs?)$/i;

/**
 * The counts in `words`: none or `all` is everything as ordered; else `OPTION=N` per option, or
 * `N` in a deal without options. Undefined after answering a word that is not a count.
 */
export function readCounts(
  ctx: GroupContext,
  deal: Deal,
  words: readonly string[],
): Count[] | 'all' | undefined {
  if (words.length === 0 || (words.length === 1 && ALL.test(words[0]!))) return 'all';
  const counts: Count[] = [];
  for (const word of words) {
    const typed = word.normalize('NFKC');
    const pair = /^(.+?)[=:](.*)$/.exec(typed);
    let digits = pair ? pair[2]! : typed;
    digits =
      deal.unit && digits.endsWith(deal.unit)
        ? digits.slice(0, -deal.unit.length)
        : digits.replace(MEASURE, '');
    const units = /^\d{1,6}$/.test(digits) ? Number(digits) : Number.NaN;
    if (!(units <= MAX_ARRIVED)) {
      ctx.reply(fulfilmentText(ctx.locale).badUnits(showName(word), MAX_ARRIVED));
      return undefined;
    }
    counts.push(pair ? { option: pair[1]!, units } : { units });
  }
  return counts;
}

/** `/arrived #3 东门 大份=20 小份=10`: the command with what the point's lines hold (for refusals). */
function example(ctx: GroupContext, deal: Deal, pointId: string): string {
  const held = new Map<string, number>();
  for (const o of activeAt(ctx.tables, deal, pointId))
    held.set(o.option ?? '', (held.get(o.option ?? '') ?? 0) + o.qty);
  const counts = [...held].map(([option, n]) => (option ? `${option}=${n}` : String(n)));
  return [arrivedExample(ctx, deal, pointId), ...counts].join(' ');
}

/** Answers an arrival that was not recorded. */
export function arrivalRefusal(
  ctx: GroupContext,
  deal: Deal,
  pointId: string,
  outcome: Exclude<ArrivalOutcome, { kind: 'arrived' }>,
): void {
  if (outcome.kind === 'not_closed' || outcome.kind === 'already' || outcome.kind === 'not_arrived') {
    refuseStep(ctx, deal, outcome, example(ctx, deal, pointId));
    return;
  }
  ctx.reply(countRefusal(ctx, deal, pointId, outcome));
}

/** Why the counts of an arrival were not taken, as the group reads it. */
function countRefusal(
  ctx: GroupContext,
  deal: Deal,
  pointId: string,
  outcome: Exclude<ArrivalOutcome, { kind: 'arrived' | 'not_closed' | 'already' | 'not_arrived' }>,
): string {
  const t = fulfilmentText(ctx.locale);
  switch (outcome.kind) {
    case 'no_lines':
      return t.noLines(deal.no, pointName(ctx.tables, pointId));
    case 'unknown_option':
      return t.unknownOption(
        deal.no,
        showName(outcome.option),
        deal.options.join(ctx.locale === 'zh' ? '、' : ', '),
      );
    case 'needs_option':
      return t.needsOption(deal.no, example(ctx, deal, pointId));
    case 'twice':
      return t.twice(outcome.option);
    case 'bad_units':
      return t.badUnits(String(outcome.units), MAX_ARRIVED);
    case 'missing_option':
      return t.missingOption(outcome.option, outcome.ordered, example(ctx, deal, pointId));
  }
}

/** `大份、小份`: options held back short ('' in a deal without options: none to name). */
export function heldList(deal: Deal, options: readonly string[], sep: string): string {
  return deal.options.length > 0 ? options.filter(Boolean).join(sep) : '';
}

/** `大份 ×2`, or `×2` without options: an option's units as lists show them. */
const unitsOf = (o: OptionCount, n: number, sign: string) => `${o.option ? `${o.option} ` : ''}${sign}${n}`;

/**
 * The group's announcement of an arrival: what came of what was ordered, what was short and how it
 * was shared (or that nothing changed, under `manual`), more than ordered, money now owed back,
 * when to pick up, and that codes went out privately.
 */
export function arrivalText(
  ctx: GroupContext,
  deal: Deal,
  outcome: ArrivalOutcome & { kind: 'arrived' },
  window: string,
): string {
  const { community } = ctx;
  const t = fulfilmentText(community.locale);
  const sep = community.locale === 'zh' ? '、' : ', ';
  const short = outcome.options.filter((o) => o.arrived < o.ordered);
  const extra = outcome.options.filter((o) => o.arrived > o.ordered);
  const shortList = short.map((o) => unitsOf(o, o.ordered - o.arrived, '×')).join(sep);
  const names = holderNames(
    ctx.tables,
    outcome.shorted.map((s) => s.before),
  );
  const owed = owedBackList(ctx.tables, community, deal, outcome.shorted);
  const tally = outcome.options
    .map((o) => `${o.option ? `${o.option} ` : ''}${o.arrived}/${o.ordered}`)
    .join(sep);
  return [
    t.arrived(deal.no, deal.title, pointName(ctx.tables, outcome.fulfilment.pointId)),
    t.tally(tally),
    ...(short.length > 0 && outcome.rule === 'manual'
      ? [t.manualShort(shortList, deal.no, heldList(deal, outcome.fulfilment.held ?? [], sep))]
      : []),
    ...(outcome.shorted.length > 0
      ? [
          t.shortage(
            shortList,
            outcome.rule === 'prorata' ? t.ruleProrata : t.ruleFirst,
            outcome.shorted.map((s) => cutLine(community.locale, s, names)).join(sep),
          ),
        ]
      : []),
    ...(extra.length > 0
      ? [t.surplus(extra.map((o) => unitsOf(o, o.arrived - o.ordered, '+')).join(sep))]
      : []),
    ...(owed ? [t.owedBack(owed, deal.no)] : []),
    ...(window && outcome.lines.length > 0 ? [t.pickupAt(window)] : []),
    ...(outcome.lines.length > 0 ? [outcome.held.length > 0 ? t.codesSentRest : t.codesSent] : []),
  ].join('\n');
}
