import type { Context } from '../src/core/context.js';
import { count, defineMessages } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { lookupMember, type NamedMember } from '../src/services/member-names.js';

/** How many look-alikes an ambiguous name lists; the rest are counted. */
const LISTED = 10;

/** Wording of a member named in a command that several members go by. */
export const memberArgText = defineMessages('member-arg', {
  en: {
    ambiguous: (name: string, n: number) =>
      `${count(n, 'member goes', 'members go')} by ${name}, so nothing was changed. Name one of them:`,
    way: (label: string, userId: string) => `• @${label} or @${userId}`,
    more: (n: number) => `… and ${n} more: name them by user id`,
  },
  zh: {
    ambiguous: (name: string, n: number) => `有 ${n} 位成员都叫 ${name}，未做任何更改。请指明是哪一位：`,
    way: (label: string, userId: string) => `• @${label} 或 @${userId}`,
    more: (n: number) => `……还有 ${n} 位：请用用户编号指明`,
  },
});

/**
 * The member a command names (`@Alice`, `@Alice (2)` as lists show them, `@5002`), with their
 * label; undefined after answering why not: `unknown(typed)` when nobody goes by it, and when
 * several do, each of them with the two ways to name them. The command changes nothing then.
 */
export function namedMember(
  ctx: Context,
  communityId: string,
  typed: string,
  unknown: (typed: string) => string,
): NamedMember | undefined {
  const lookup = lookupMember(ctx.tables, communityId, typed);
  if (lookup.kind === 'found') return lookup;
  if (lookup.kind === 'unknown') {
    ctx.reply(unknown(typed));
    return undefined;
  }
  const t = memberArgText(ctx.locale);
  const { matches } = lookup;
  const shown = showName(typed.trim().replace(/^[@＠]/u, ''));
  ctx.reply(
    [
      t.ambiguous(shown, matches.length),
      ...matches.slice(0, LISTED).map((m) => t.way(m.label, m.member.userId)),
      ...(matches.length > LISTED ? [t.more(matches.length - LISTED)] : []),
    ].join('\n'),
  );
  return undefined;
}
