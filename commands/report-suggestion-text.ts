import { count, defineMessages, type Locale } from '../src/core/i18n/index.js';
import { distinctNames, showName } from '../src/core/names.js';
import type { CommandArg, SuggestedCommand } from '../src/services/insights/index.js';
import { memberNames } from '../src/services/member-names.js';
import { formatMoney } from '../src/services/money.js';
import type { Report, Suggestion } from '../src/services/report.js';
import type { Tables } from '../src/store/tables.js';
import { settingLabel } from './settings.js';

/** 0.25 → `25%`. */
const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * Wording of the suggestions in /report (策略优化建议), both languages: one line per suggestion
 * with its numbers, then the command to type. Commands are written as the group types them: the
 * Chinese keywords and option names in a Chinese group (`复制团购 #3 成团=4`).
 */
export const suggestionText = defineMessages('reportSuggestions', {
  en: {
    title: 'Suggestions',
    header: '💡 Suggestions:',
    none: '💡 No suggestions for this period: no rule found enough evidence.',
    thin: (parts: string) => `💡 Not enough data for suggestions yet: ${parts}.`,
    thinActive: (have: number, need: number) =>
      `${count(have, 'active member', 'active members')} in the period (need ${need})`,
    thinHistory: (have: number, need: number) => `${count(have, 'day', 'days')} of history (need ${need})`,
    postingHours: (hours: string, share: string, messages: number, offPeak: number, opened: number) =>
      `⏰ Members talk most at ${hours} (${share} of ${messages} messages), but ${offPeak} of ${count(opened, 'deal', 'deals')} opened at other hours. Schedule the next one for the busiest hour:`,
    nearMiss: (deal: string, short: number, buyers: number, min: number, hours: number, others: number) =>
      `🔁 ${deal} failed ${count(short, 'buyer', 'buyers')} short (${buyers} of ${min}, open ${hours} h)${others > 1 ? `, one of ${others} such near misses` : ''}. Open it again with the group size it reached (or with a longer deadline, ends=):`,
    conversionFalling: (now: string, before: string, buyers: string, active: string, deal: string) =>
      `📉 Conversion fell from ${before} to ${now} (buyers ${buyers}, active members ${active}). Open the previous period's best seller, ${deal}, again:`,
    marginalGrowing: (before: string, now: string, then: string, later: string, prune: boolean) =>
      `🔻 Marginal members grew from ${before} to ${now} of the group (${then} → ${later}). ${prune ? 'See who a prune would remove (a dry run: nothing changes):' : 'Schedule topic prompts at the busiest hour:'}`,
    /** `gmv` only for admins' eyes (dashboard): a named member's invitees' money is not for the chat. */
    referrerReward: (name: string, buyers: number, gmv: string | undefined, points: number) =>
      `🎁 ${count(buyers, 'member', 'members')} ${name} invited bought in the period${gmv ? ` (GMV ${gmv})` : ''}. Thank them with ${count(points, 'point', 'points')}:`,
    pointsPiling: (now: number, before: number, spent: number, spentBefore: number) =>
      `⭐ Points outstanding grew from ${before} to ${now} ${spent === 0 && spentBefore === 0 ? 'and none were redeemed' : `while points redeemed went from ${spentBefore} to ${spent}`}.`,
    pointsMaxPct: (pct: number, to: number) =>
      `Give points a use: let up to ${to}% of an order be paid with them (now ${pct}%):`,
    pointsValue: (value: number, to: number) =>
      `Give points a use: make each point worth more (${count(to, 'point', 'points')} to 1.00 instead of ${value}):`,
    members: (count: number, of: number) => `${count} of ${of}`,
    awardReason: 'invitees bought',
    startsTomorrow: (hour: string) => `starts="tomorrow ${hour}"`,
    daily: (hour: string) => `daily ${hour}`,
  },
  zh: {
    title: '建议',
    header: '💡 建议：',
    none: '💡 本期暂无建议：没有哪条规则有足够的数据支持。',
    thin: (parts: string) => `💡 数据还不够，暂无建议：${parts}。`,
    thinActive: (have: number, need: number) => `本期活跃成员 ${have} 人（需要 ${need} 人）`,
    thinHistory: (have: number, need: number) => `数据只有 ${have} 天（需要 ${need} 天）`,
    postingHours: (hours: string, share: string, messages: number, offPeak: number, opened: number) =>
      `⏰ 成员在 ${hours} 最活跃（${messages} 条消息中占 ${share}），但 ${opened} 个团购中有 ${offPeak} 个在其他时段开团。下一团定时在最活跃的时段开：`,
    nearMiss: (deal: string, short: number, buyers: number, min: number, hours: number, others: number) =>
      `🔁 ${deal} 差 ${short} 人未成团（${min} 人成团，到了 ${buyers} 人，开团 ${hours} 小时）${others > 1 ? `，本期共 ${others} 个这样差几人的团` : ''}。按已到的人数再开一团（或把截止时间放长，截止=）：`,
    conversionFalling: (now: string, before: string, buyers: string, active: string, deal: string) =>
      `📉 转化率从 ${before} 降到 ${now}（下单人数 ${buyers}，活跃成员 ${active}）。再开一次上期卖得最好的 ${deal}：`,
    marginalGrowing: (before: string, now: string, then: string, later: string, prune: boolean) =>
      `🔻 边缘成员占比从 ${before} 升到 ${now}（${then} → ${later}）。${prune ? '预览清理名单（只预览，不做任何更改）：' : '在最活跃的时段定时发话题：'}`,
    referrerReward: (name: string, buyers: number, gmv: string | undefined, points: number) =>
      `🎁 ${name} 邀请的 ${buyers} 位成员本期下了单${gmv ? `（成交额 ${gmv}）` : ''}。奖励 ${points} 积分以示感谢：`,
    pointsPiling: (now: number, before: number, spent: number, spentBefore: number) =>
      `⭐ 未使用积分从 ${before} 增到 ${now}，${spent === 0 && spentBefore === 0 ? '却没有人兑换' : `兑换的积分却从 ${spentBefore} 变为 ${spent}`}。`,
    pointsMaxPct: (pct: number, to: number) =>
      `给积分找个用处：每单最多可用积分抵扣 ${to}%（现为 ${pct}%）：`,
    pointsValue: (value: number, to: number) =>
      `给积分找个用处：让积分更值钱（${to} 积分抵 1 元，现为 ${value}）：`,
    members: (count: number, of: number) => `${of} 人中 ${count} 人`,
    awardReason: '邀请的成员下了单',
    startsTomorrow: (hour: string) => `开始=明天${hour}`,
    daily: (hour: string) => `每天 ${hour}`,
  },
});

/** How each suggested command is typed: the slash command, or the group's Chinese keyword. */
const COMMAND_WORDS: Record<SuggestedCommand['name'], Record<Locale, string>> = {
  'deal copy': { en: '/deal copy', zh: '复制团购' },
  'topic schedule': { en: '/topic schedule', zh: '话题 定时' },
  prune: { en: '/prune', zh: '清理' },
  award: { en: '/award', zh: '奖励积分' },
  settings: { en: '/settings', zh: '设置' },
};

/** A member's label as every list shows it (`Alice (2)`), with the store at hand. */
type Label = (userId: string, name: string) => string;

function labeller(report: Report, tables: Tables | undefined): Label {
  return (userId, name) => {
    const people = [{ id: userId, name }];
    const names = tables ? memberNames(tables, report.community.id, people) : distinctNames(people);
    return names.get(userId) ?? showName(name);
  };
}

function argText(locale: Locale, arg: CommandArg, label: Label): string {
  const t = suggestionText(locale);
  switch (arg.kind) {
    case 'deal':
      return `#${arg.no}`;
    case 'member': {
      const mention = `@${label(arg.userId, arg.name)}`;
      // A name with a space is one argument only in quotes.
      return /\s/.test(mention) ? `"${mention}"` : mention;
    }
    case 'count':
      return arg.key === undefined ? String(arg.value) : `${locale === 'zh' ? '成团' : arg.key}=${arg.value}`;
    case 'starts_tomorrow':
      return t.startsTomorrow(clock(arg.hour));
    case 'daily':
      return t.daily(clock(arg.hour));
    case 'setting':
      return `${locale === 'zh' ? settingLabel(arg.key, locale) : arg.key}=${arg.value}`;
    case 'reason':
      return t.awardReason;
  }
}

/** The command as the admin types it in the group's language: `/deal copy #3 min=4`, `复制团购 #3 成团=4`. */
export function suggestedCommandText(
  locale: Locale,
  command: SuggestedCommand,
  report: Report,
  tables?: Tables,
): string {
  const label = labeller(report, tables);
  return [COMMAND_WORDS[command.name][locale], ...command.args.map((a) => argText(locale, a, label))].join(
    ' ',
  );
}

/**
 * What a suggestion found, in one sentence ending in a colon (its command follows). `audience`
 * `chat` (the report in the group, the weekly digest): no money of a named member's invitees, only
 * their count; `admin` (the dashboard, admins only) shows all the evidence.
 */
export function suggestionFinding(
  locale: Locale,
  s: Suggestion,
  report: Report,
  tables?: Tables,
  audience: 'chat' | 'admin' = 'chat',
): string {
  const t = suggestionText(locale);
  const money = (cents: number) => formatMoney(cents, report.community.currency);
  switch (s.rule) {
    case 'posting_hours': {
      const e = s.evidence;
      const hours = e.busiestHours.map(clock).join(locale === 'zh' ? '、' : ', ');
      return t.postingHours(hours, pct(e.busiestShare), e.messagesCounted, e.dealsOffPeak, e.dealsOpened);
    }
    case 'near_miss': {
      const e = s.evidence;
      const deal = `#${e.deal} ${showName(e.title)}`;
      return t.nearMiss(deal, e.min - e.buyers, e.buyers, e.min, e.ranHours, e.nearMisses);
    }
    case 'conversion_falling': {
      const e = s.evidence;
      return t.conversionFalling(
        pct(e.conversion),
        pct(e.previousConversion),
        `${e.previousBuyers} → ${e.buyers}`,
        `${e.previousActiveMembers} → ${e.activeMembers}`,
        `#${e.bestDeal} ${showName(e.bestDealTitle)}`,
      );
    }
    case 'marginal_growing': {
      const e = s.evidence;
      return t.marginalGrowing(
        pct(e.shareThen),
        pct(e.shareNow),
        t.members(e.marginalThen, e.membersThen),
        t.members(e.marginalNow, e.membersNow),
        e.topicsScheduled,
      );
    }
    case 'referrer_reward': {
      const e = s.evidence;
      return t.referrerReward(
        labeller(report, tables)(e.userId, e.name),
        e.inviteesWhoBought,
        audience === 'admin' ? money(e.gmvCents) : undefined,
        e.points,
      );
    }
    case 'points_outstanding': {
      const e = s.evidence;
      const arg = s.command.args[0];
      const to = arg?.kind === 'setting' ? arg.value : 0;
      const piling = t.pointsPiling(e.outstanding, e.previousOutstanding, e.redeemed, e.previousRedeemed);
      const use =
        arg?.kind === 'setting' && arg.key === 'points.value'
          ? t.pointsValue(e.pointsPerUnit, to)
          : t.pointsMaxPct(e.maxPct, to);
      return `${piling}${locale === 'zh' ? '' : ' '}${use}`;
    }
  }
}

/**
 * The suggestions block of the summary, one entry per suggestion: its finding and, indented on its
 * own line, the command (so it can be copied as it is), the header before the first; or the
 * thin-data statement; or one line saying no rule fired.
 */
export function suggestionLines(locale: Locale, report: Report, tables?: Tables): string[] {
  const t = suggestionText(locale);
  const section = report.suggestions;
  if (section.kind === 'thin') {
    const { need } = section;
    const parts = [
      ...(need.activeMembers < need.minActiveMembers
        ? [t.thinActive(need.activeMembers, need.minActiveMembers)]
        : []),
      ...(need.historyDays < need.minHistoryDays
        ? [t.thinHistory(need.historyDays, need.minHistoryDays)]
        : []),
    ];
    return [t.thin(parts.join(locale === 'zh' ? '；' : '; '))];
  }
  if (section.items.length === 0) return [t.none];
  // One entry per suggestion (the header with the first): a short message drops whole ones.
  return section.items.map(
    (s, i) =>
      `${i === 0 ? `${t.header}\n` : ''}${suggestionFinding(locale, s, report, tables)}\n   ${suggestedCommandText(locale, s.command, report, tables)}`,
  );
}
