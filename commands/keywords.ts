import type { CommandSpec } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';

/**
 * Chinese keywords for commands whose declarations are being rewritten elsewhere (deals, orders).
 * They belong in each command's own `keywords`; until they are there, the feature list adds them.
 * A keyword the declaration already has is not added twice, so moving it there breaks nothing.
 */
export const EXTRA_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  'deal new': ['开团', '团购 新建'],
  'deal edit': ['改团', '团购 修改'],
  'deal close': ['截团', '团购 截团'],
  'deal cancel': ['取消团购', '团购 取消'],
  deal: ['查看团购', '团购 查看'],
  deals: ['团购', '团购列表'],
  join: ['参团'],
  cancel: ['取消订单'],
  myorders: ['我的订单'],
  orders: ['订单'],
  paid: ['已付款'],
  delivered: ['已提货'],
};

/** The feature with each command's keywords completed from `extra` (a new spec; the original is untouched). */
export function withKeywords(
  feature: Feature,
  extra: Readonly<Record<string, readonly string[]>> = EXTRA_KEYWORDS,
): Feature {
  if (!feature.commands) return feature;
  const commands = feature.commands.map((spec): CommandSpec => {
    const more = (extra[spec.name] ?? []).filter((k) => !spec.keywords?.includes(k));
    return more.length ? { ...spec, keywords: [...(spec.keywords ?? []), ...more] } : spec;
  });
  return { ...feature, commands };
}
