import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';
import { shareDeals } from '../src/services/network.js';
import { roster } from '../src/services/orders.js';
import { shareCounts } from '../src/services/shared-deals.js';
import type { Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { holderNames, rosterLine } from './order-text.js';

/** Wording of shared deals (one deal in several linked groups, `/deal new … groups=all`). */
export const sharedDealText = defineMessages('shared-deals', {
  en: {
    notLinked:
      'This group is not linked with another group, so groups= has nowhere to open the deal. Link the groups first (/network add here, then /network join CODE there), or open it here without groups=.',
    unknownGroups: (names: string, linked: string) =>
      `No linked group is called ${names}. Linked groups: ${linked}. Write groups=all, or their names as shown (groups=NAME,NAME).`,
    noOtherGroup: (groups: string) =>
      `groups= must name at least one other linked group; nothing was opened. Linked groups: ${groups}. Write groups=all, or their names (groups=NAME,NAME).`,
    ambiguousGroup: (name: string, groups: string) =>
      `Several linked groups are called ${name}: ${groups}. Which one? Nothing was opened: write groups=all, or give the groups different names first.`,
    opened: (no: number, where: string) =>
      `Deal #${no} is open in ${where}: one stock and one group size for all of them. Edits, /deal close and /deal cancel here act on every group.`,
    shareLine: (others: number, sold: number, left: number | undefined) =>
      `Shared with ${others} other ${others === 1 ? 'group' : 'groups'} · ${sold} sold in all${left === undefined ? '' : ` · ${left} left`}`,
    groupHeading: (title: string, no: number, units: number) =>
      `— ${title} #${no}: ${count(units, 'unit', 'units')} —`,
    closedInAll: (groups: number, buyers: number, units: number) =>
      ` In all ${groups} linked groups: ${count(buyers, 'buyer', 'buyers')}, ${count(units, 'unit', 'units')}.`,
    bookTitle: (no: number, title: string, groups: number, sold: number, buyers: number) =>
      `#${no} ${title}: every order of the ${count(groups, 'group', 'groups')} sharing it (${sold} sold, ${count(buyers, 'buyer', 'buyers')})`,
    noLines: '(no orders yet)',
    supplierAll: (groups: number, parts: string, units: number, per: string) =>
      `For the supplier, all ${count(groups, 'linked group', 'linked groups')}: ${parts ? `${parts}; ` : ''}${count(units, 'unit', 'units')} (${per})`,
  },
  zh: {
    notLinked:
      '本群还没有和其他群联营，“群=”没有可开团的群。请先在本群发送“联营 添加”，再在另一个群发送“联营 加入 邀请码”；或去掉“群=”只在本群开团。',
    unknownGroups: (names: string, linked: string) =>
      `没有叫 ${names} 的联营群。已联营的群：${linked}。请写“群=全部”，或按显示的群名写“群=群名,群名”。`,
    noOtherGroup: (groups: string) =>
      `“群=”至少要写一个其他联营群，未开团。已联营的群：${groups}。请写“群=全部”，或写群名“群=群名,群名”。`,
    ambiguousGroup: (name: string, groups: string) =>
      `有多个联营群都叫 ${name}：${groups}。是哪一个？未开团：请写“群=全部”，或先给这些群改成不同的群名。`,
    opened: (no: number, where: string) =>
      `团购 #${no} 已在 ${where} 同步开团：各群共用一个库存、一起计算成团人数。在这里改团、截团、取消团购会作用于所有群。`,
    shareLine: (others: number, sold: number, left: number | undefined) =>
      `${others + 1} 个群同步开团 · 共已售 ${sold}${left === undefined ? '' : ` · 剩 ${left}`}`,
    groupHeading: (title: string, no: number, units: number) => `—— ${title} #${no}：${units} 件 ——`,
    closedInAll: (groups: number, buyers: number, units: number) =>
      `${groups} 个联营群合计：${buyers} 人，${units} 件。`,
    bookTitle: (no: number, title: string, groups: number, sold: number, buyers: number) =>
      `#${no} ${title}：${groups} 个群同步开团的全部订单（共已售 ${sold}，${buyers} 人）`,
    noLines: '（暂无订单）',
    supplierAll: (groups: number, parts: string, units: number, per: string) =>
      `供应商汇总（${groups} 个联营群合计）：${parts ? `${parts}；` : ''}共 ${units} 件（${per}）`,
  },
});

/**
 * The share's whole order book, grouped by group (for the admins: each group's members see only
 * their own roster on their card): a heading per group with its units, then its roster lines.
 */
export function shareBook(locale: Locale, tables: Tables, deal: Deal): string {
  const t = sharedDealText(locale);
  const deals = shareDeals(tables, deal);
  const counts = shareCounts(tables, deal);
  const lines = [t.bookTitle(deal.no, deal.title, deals.length, counts.sold, counts.buyers)];
  for (const d of deals) {
    const orders = roster(tables, d);
    const title = tables.communities.get(d.communityId)?.title ?? d.communityId;
    lines.push(t.groupHeading(title, d.no, d.sold));
    const names = holderNames(tables, orders);
    lines.push(...(orders.length ? orders.map((o, i) => rosterLine(locale, o, i, names)) : [t.noLines]));
  }
  return lines.join('\n');
}

/**
 * The packing sheet's line for a shared deal: what to order from the supplier for every group of
 * the share (per option, in all, and per group), since each group's sheet counts its own lines only.
 */
export function shareSupplierLine(locale: Locale, tables: Tables, deal: Deal): string | undefined {
  if (!deal.shareId) return undefined;
  const deals = shareDeals(tables, deal);
  if (deals.length < 2) return undefined;
  const { sold, optionSold } = shareCounts(tables, deal, false);
  const parts = deal.options
    .filter((o) => (optionSold[o] ?? 0) > 0)
    .map((o) => `${o} ×${optionSold[o]}`)
    .join(' · ');
  const per = deals
    .map((d) => `${tables.communities.get(d.communityId)?.title ?? d.communityId} ×${d.sold}`)
    .join(' · ');
  return sharedDealText(locale).supplierAll(deals.length, parts, sold, per);
}

/**
 * What a shared deal's closing announcement adds to its group's own figures: the share's buyers and
 * units in all its groups (a group's `成团 with 1 buyer` reads as a failure otherwise); none for others.
 */
export function shareClosedNote(locale: Locale, tables: Tables, deal: Deal): string {
  if (!deal.shareId) return '';
  const groups = shareDeals(tables, deal).length;
  if (groups < 2) return '';
  const { buyers, sold } = shareCounts(tables, deal);
  return sharedDealText(locale).closedInAll(groups, buyers, sold);
}

/** The card's line for a deal of a share (`Shared with 2 other groups · 37 sold in all · 63 left`); none for others. */
export function shareLine(locale: Locale, tables: Tables, deal: Deal): string | undefined {
  if (!deal.shareId) return undefined;
  const others = shareDeals(tables, deal).length - 1;
  if (others < 1) return undefined;
  const { sold } = shareCounts(tables, deal);
  const left = deal.stock === undefined ? undefined : Math.max(0, deal.stock - sold);
  return sharedDealText(locale).shareLine(others, sold, left);
}
