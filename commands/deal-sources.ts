import type { GroupContext } from '../src/core/context.js';
import type { DealInput } from '../src/services/deals.js';
import { findTemplate, listTemplates, templateInput } from '../src/services/templates.js';
import { toInput } from './deal-args.js';
import { dealText } from './deal-text.js';
import { templateText } from './template-text.js';

/** The fields an admin types on `/deal new` and `/deal copy` (deal-args.ts reads them). */
export type TypedDeal = NonNullable<Parameters<typeof toInput>[1]>;

/** A new deal's deadline when nothing else gives one. */
const DEFAULT_ENDS = '48h';

/**
 * The one place a new deal's input is made: a source (a template, `from=`; a deal, `/deal copy`)
 * gives every field, each typed field overrides it, and without a source the defaults stand
 * (group of 1, 48 h). Refusals (no title, no price, a deadline past, a bad field) are answered
 * here and give `undefined`.
 */
export function newDealInput(ctx: GroupContext, typed: TypedDeal, source?: DealInput): DealInput | undefined {
  const t = dealText(ctx.locale);
  const given = toInput(ctx, source || typed.ends !== undefined ? typed : { ...typed, ends: DEFAULT_ENDS });
  if (!given) return undefined;
  const input: Partial<DealInput> = { min: 1, ...source, ...given };
  // A source's length counts from a typed start (定时开团), as a typed `ends=48h` would.
  if (source && given.startsAt && given.endsAt === undefined)
    input.endsAt = new Date(given.startsAt.getTime() + source.endsAt.getTime() - ctx.clock.now().getTime());
  if (!input.title) {
    ctx.reply(templateText(ctx.locale).titleRequired);
    return undefined;
  }
  if (input.priceCents === undefined) {
    ctx.reply(t.priceRequired);
    return undefined;
  }
  if (input.endsAt!.getTime() <= ctx.clock.now().getTime()) {
    ctx.reply(t.endsInPast);
    return undefined;
  }
  return input as DealInput;
}

/** A new deal's input from the template an admin names (`from=芒果`), or a reply listing the templates. */
export function templateSource(ctx: GroupContext, name: string): DealInput | undefined {
  const template = findTemplate(ctx.tables, ctx.community.id, name);
  if (template) return templateInput(template, ctx.clock.now());
  ctx.reply(unknownTemplate(ctx, name));
  return undefined;
}

/** "No template called X" with the names there are. */
export function unknownTemplate(ctx: GroupContext, name: string): string {
  const names = listTemplates(ctx.tables, ctx.community.id).map((x) => x.name);
  return templateText(ctx.locale).unknown(name.trim(), names.join(ctx.locale === 'zh' ? '、' : ', '));
}
