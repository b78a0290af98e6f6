import { count, defineMessages, type Locale } from '../src/core/i18n/index.js';
import { distinctNames, showName } from '../src/core/names.js';
import { splitText } from '../src/core/split-text.js';
import { memberNames } from '../src/services/member-names.js';
import { formatMoney } from '../src/services/money.js';
import type { Metric, Report, ReportOutcome } from '../src/services/report.js';
import type { Tables } from '../src/store/tables.js';
import { incentiveLines } from './report-incentive-lines.js';
import { moneyLines } from './report-money-lines.js';
import { offerLines } from './report-offer-lines.js';
import { pickupLines } from './report-pickup-lines.js';
import { productLines } from './report-product-lines.js';
import { suggestionLines } from './report-suggestion-text.js';

/** A refused date range, as buildReport returns it. */
export type BadRange = Extract<ReportOutcome, { kind: 'bad_range' }>;

/** Wording of /report in both languages, and the compact summary that fits one chat message. */
export const reportText = defineMessages('report', {
  en: {
    periodRolling: (days: number) => `last ${count(days, 'day', 'days')}`,
    periodMonth: (month: string) => month,
    periodRange: (first: string, last: string) => `${first} to ${last}`,
    header: (title: string, period: string, range: string, tz: string, compared: boolean) =>
      `📊 ${title} — ${period} (${range}, ${tz})${compared ? ' · in brackets: previous period, change' : ''}`,
    size: (members: string, joined: string, left: string, removed: string, net: string) =>
      `👥 Members ${members} · joined ${joined} · left ${left} · removed ${removed} · net ${net}`,
    activity: (active: string, messages: string, daily: string) =>
      `💬 Active ${active} · messages ${messages} · daily active ${daily}`,
    tiers: (core: string, ordinary: string, marginal: string, zombie: string) =>
      `🔺 Now: core ${core} · ordinary ${ordinary} · marginal ${marginal} (zombie candidates ${zombie})`,
    deals: (opened: string, succeeded: string, failed: string, rate: string) =>
      `🛒 Deals opened ${opened} · 成团 ${succeeded} · failed ${failed} · 成团率 ${rate}`,
    sales: (gmv: string, orders: string, aov: string) => `💰 GMV ${gmv} · orders ${orders} · 客单价 ${aov}`,
    refunds: (refunds: string, offSales: string, net: string) =>
      `↩️ Refunds ${refunds}, of them off sales ${offSales} · net sales ${net}`,
    aftersales: (opened: string, approved: string, rejected: string, refunded: string) =>
      `🛠 After-sales tickets opened ${opened} · approved ${approved} · rejected or closed without refund ${rejected} · refunded ${refunded}`,
    collected: (collected: string, methods: string) =>
      `💵 Collected ${collected}${methods ? `: ${methods}` : ''}`,
    methodConfirmed: 'confirmed claims',
    methodMarked: 'marked paid',
    methodTelegram: 'paid in Telegram',
    outstanding: (owed: string, owedBy: number, due: string, dueTo: number) =>
      `🧾 Now: still owed ${owed}${owedBy > 0 ? ` by ${count(owedBy, 'member', 'members')}` : ''} · refunds due ${due}${dueTo > 0 ? ` to ${count(dueTo, 'member', 'members')}` : ''}`,
    pickup: (rate: string, arrived: string, picked: string, hours: string | undefined) =>
      `📦 Pickup rate ${rate} · lines arrived ${arrived}, picked up ${picked} · ${hours === undefined ? 'no pickups yet' : `median hours to pickup ${hours}`}`,
    pickupPoint: (point: string, rate: string, arrived: string, hours: string | undefined) =>
      `   ${point}: ${rate} of ${arrived} picked up · ${hours === undefined ? 'no pickups yet' : `median ${hours} h`}`,
    noPoint: 'no point',
    product: (name: string, deals: number, buyers: number, units: number, gmv: string, stars: string) =>
      `🏷 ${name}: ${count(deals, 'deal', 'deals')} · ${count(buyers, 'buyer', 'buyers')} · ${count(units, 'unit', 'units')} · ${gmv}${stars ? ` · ${stars}` : ''}`,
    stars: (average: number, reviews: number) => `★${average} (${count(reviews, 'review', 'reviews')})`,
    buyers: (buyers: string, conversion: string, repeat: string) =>
      `🧺 Buyers ${buyers} · conversion ${conversion} · repeat buyers ${repeat}`,
    topDeals: (list: string) => `🏆 Top deals: ${list}`,
    referrals: (invites: string, joins: string, qualified: string, rejected: string, k: string) =>
      `🤝 Invites ${invites} · referred joins ${joins} · qualified ${qualified} · rejected ${rejected} · K-factor ${k}`,
    referredSales: (buyers: string, gmv: string) => `   Referred buyers ${buyers} · their GMV ${gmv}`,
    rejectedBy: (list: string) => `   Rejected by reason: ${list}`,
    topReferrers: (byQualified: string, byGmv: string) =>
      `   Top referrers: ${byQualified || '—'} · by GMV: ${byGmv || '—'}`,
    points: (issued: string, redeemed: string, outstanding: string, discount: string, perGmv: string) =>
      `⭐ Points issued ${issued} · redeemed ${redeemed} · outstanding ${outstanding} · discounts ${discount} (${perGmv} of GMV)`,
    reason: (code: string) =>
      ({
        self_invite: 'self-invite',
        rejoin: 'rejoin',
        bot: 'bot',
        young_account: 'new account',
        daily_cap: 'daily cap',
        left_during_hold: 'left early',
      })[code] ?? 'other',
    // Chart labels.
    chartTitle: (title: string, period: string) => `${title} — ${period}`,
    chartGmv: 'GMV',
    chartActive: 'Active members',
    chartCollected: 'Collected',
    chartMoney: 'Money',
    chartRefunds: 'Refunds',
    chartTiers: 'Member tiers (now)',
    tierCore: 'Core',
    tierOrdinary: 'Ordinary',
    tierMarginal: 'Marginal',
    tierZombie: 'Zombie candidates',
    // Command replies.
    badPeriod: (text: string) =>
      `Unknown period "${text}": use 7d, 30d, 90d, a month like 2026-11 or days like 2026-11-01..2026-11-15.`,
    futureMonth: (text: string) => `${text} has not started yet.`,
    badRange: (refused: BadRange) => {
      switch (refused.problem) {
        case 'malformed':
          return `"${refused.text}" is not a date range: write its first and last day, both included, like 2026-11-01..2026-11-15.`;
        case 'impossible_date':
          return `${refused.date} is not a day of the calendar; nothing was computed.`;
        case 'start_after_end':
          return `The range ${refused.text} starts after it ends: put the first day first.`;
        case 'start_in_future':
          return `The range ${refused.text} starts after today: there is nothing to report yet.`;
        case 'too_long':
          return `The range ${refused.text} covers ${refused.days} days; a report covers at most ${refused.maxDays}.`;
      }
    },
    jsonCaption: (title: string, period: string) => `Report of ${title}, ${period} (JSON)`,
    chartFailed: 'The chart could not be drawn; the numbers above are complete.',
    percentagePoints: 'pp',
    weeklyHeader: '🗓 Weekly report',
  },
  zh: {
    periodRolling: (days: number) => `近 ${days} 天`,
    periodMonth: (month: string) => month,
    periodRange: (first: string, last: string) => `${first} 至 ${last}`,
    header: (title: string, period: string, range: string, tz: string, compared: boolean) =>
      `📊 ${title} — ${period}（${range}，${tz}）${compared ? '· 括号内：上期、环比' : ''}`,
    size: (members: string, joined: string, left: string, removed: string, net: string) =>
      `👥 成员 ${members} · 新加入 ${joined} · 退出 ${left} · 移除 ${removed} · 净增 ${net}`,
    activity: (active: string, messages: string, daily: string) =>
      `💬 活跃成员 ${active} · 消息 ${messages} · 日均活跃 ${daily}`,
    tiers: (core: string, ordinary: string, marginal: string, zombie: string) =>
      `🔺 当前：核心 ${core} · 普通 ${ordinary} · 边缘 ${marginal}（僵尸候选 ${zombie}）`,
    deals: (opened: string, succeeded: string, failed: string, rate: string) =>
      `🛒 开团 ${opened} · 成团 ${succeeded} · 未成团 ${failed} · 成团率 ${rate}`,
    sales: (gmv: string, orders: string, aov: string) =>
      `💰 成交额 GMV ${gmv} · 订单 ${orders} · 客单价 ${aov}`,
    refunds: (refunds: string, offSales: string, net: string) =>
      `↩️ 退款 ${refunds}，其中冲减销售 ${offSales} · 净销售额 ${net}`,
    aftersales: (opened: string, approved: string, rejected: string, refunded: string) =>
      `🛠 售后单 新增 ${opened} · 同意 ${approved} · 拒绝或关闭未退款 ${rejected} · 售后退款 ${refunded}`,
    collected: (collected: string, methods: string) =>
      `💵 已收款 ${collected}${methods ? `：${methods}` : ''}`,
    methodConfirmed: '确认收款',
    methodMarked: '标记已付',
    methodTelegram: '电报内支付',
    outstanding: (owed: string, owedBy: number, due: string, dueTo: number) =>
      `🧾 当前：待收 ${owed}${owedBy > 0 ? `（${owedBy} 人）` : ' '}· 待退款 ${due}${dueTo > 0 ? `（${dueTo} 人）` : ''}`,
    pickup: (rate: string, arrived: string, picked: string, hours: string | undefined) =>
      `📦 取货率 ${rate} · 到货订单 ${arrived}，已取 ${picked} · ${hours === undefined ? '暂无提货' : `取货用时中位数（小时）${hours}`}`,
    pickupPoint: (point: string, rate: string, arrived: string, hours: string | undefined) =>
      `   ${point}：到货 ${arrived} 单，取货率 ${rate} · ${hours === undefined ? '暂无提货' : `中位用时 ${hours} 小时`}`,
    noPoint: '未选自提点',
    product: (name: string, deals: number, buyers: number, units: number, gmv: string, stars: string) =>
      `🏷 ${name}：开团 ${deals} · 购买 ${buyers} 人 · ${units} 件 · 成交额 ${gmv}${stars ? ` · ${stars}` : ''}`,
    stars: (average: number, reviews: number) => `★${average}（${reviews} 条评价）`,
    buyers: (buyers: string, conversion: string, repeat: string) =>
      `🧺 下单人数 ${buyers} · 转化率 ${conversion} · 复购占比 ${repeat}`,
    topDeals: (list: string) => `🏆 热门团购：${list}`,
    referrals: (invites: string, joins: string, qualified: string, rejected: string, k: string) =>
      `🤝 邀请 ${invites} · 邀请入群 ${joins} · 有效 ${qualified} · 无效 ${rejected} · K 因子 ${k}`,
    referredSales: (buyers: string, gmv: string) => `   被邀请人下单 ${buyers} · 其成交额 ${gmv}`,
    rejectedBy: (list: string) => `   无效原因：${list}`,
    topReferrers: (byQualified: string, byGmv: string) =>
      `   邀请达人：${byQualified || '—'} · 带来成交额：${byGmv || '—'}`,
    points: (issued: string, redeemed: string, outstanding: string, discount: string, perGmv: string) =>
      `⭐ 积分发放 ${issued} · 兑换 ${redeemed} · 未使用 ${outstanding} · 抵扣 ${discount}（占成交额 ${perGmv}）`,
    reason: (code: string) =>
      ({
        self_invite: '自己邀请自己',
        rejoin: '退群重进',
        bot: '机器人',
        young_account: '新注册账号',
        daily_cap: '超过每日上限',
        left_during_hold: '考察期内退出',
      })[code] ?? '其他',
    chartTitle: (title: string, period: string) => `${title} — ${period}`,
    chartGmv: '成交额',
    chartActive: '活跃成员',
    chartCollected: '已收款',
    chartMoney: '金额',
    chartRefunds: '退款',
    chartTiers: '成员分层（当前）',
    tierCore: '核心',
    tierOrdinary: '普通',
    tierMarginal: '边缘',
    tierZombie: '僵尸候选',
    badPeriod: (text: string) =>
      `无法识别的时间段“${text}”：请用 7天、30天、90天、月份（如 2026-11）或日期范围（如 11月1日至11月15日）。`,
    futureMonth: (text: string) => `${text} 还没有开始。`,
    badRange: (refused: BadRange) => {
      switch (refused.problem) {
        case 'malformed':
          return `“${refused.text}”不是日期范围：请写首尾两天（都包含），如 2026-11-01..2026-11-15 或 11月1日至11月15日。`;
        case 'impossible_date':
          return `${refused.date} 不是日历上的日期，未生成报告。`;
        case 'start_after_end':
          return `时间段 ${refused.text} 的开始日期晚于结束日期：请把开始日期写在前面。`;
        case 'start_in_future':
          return `时间段 ${refused.text} 从今天之后才开始，还没有数据。`;
        case 'too_long':
          return `时间段 ${refused.text} 共 ${refused.days} 天；报告最多覆盖 ${refused.maxDays} 天。`;
      }
    },
    jsonCaption: (title: string, period: string) => `${title} 的报告，${period}（JSON）`,
    chartFailed: '图表生成失败；以上数据完整。',
    percentagePoints: '个百分点',
    weeklyHeader: '🗓 每周报告',
  },
});

/** How a value shows: null (no data, or a division by zero) is "—". */
export function formatValue(unit: Metric['unit'] | 'k', value: number | null, currency: string): string {
  if (value === null) return '—';
  switch (unit) {
    case 'cents':
      return formatMoney(Math.round(value), currency);
    case 'ratio':
      return `${Math.round(value * 1000) / 10}%`;
    case 'average':
      // 0.03 members a day is not 0.
      return String(value < 1 ? Math.round(value * 100) / 100 : Math.round(value * 10) / 10);
    case 'k':
      return String(Math.round(value * 100) / 100);
    default:
      return String(value);
  }
}

/** The change: +25% for counts and money, +5 pp (+5个百分点) for ratios, — when it cannot be computed. */
export function formatChange(metric: Metric, locale: Locale = 'en'): string {
  if (metric.change === null) return '—';
  const sign = metric.change > 0 ? '+' : metric.change < 0 ? '−' : '±';
  const abs = Math.abs(metric.change);
  if (metric.unit === 'ratio') {
    const points = reportText(locale).percentagePoints;
    return `${sign}${Math.round(abs * 1000) / 10}${locale === 'zh' ? '' : ' '}${points}`;
  }
  return `${sign}${Math.round(abs * 100)}%`;
}

/** `6 (5, +20%)`: the value, and where there is a previous period, its value and the change. */
export function formatMetric(
  metric: Metric,
  currency: string,
  hasPrevious: boolean,
  unit?: 'k',
  locale: Locale = 'en',
): string {
  const shown = formatValue(unit ?? metric.unit, metric.value, currency);
  if (!hasPrevious) return shown;
  return `${shown} (${formatValue(unit ?? metric.unit, metric.previous, currency)}, ${formatChange(metric, locale)})`;
}

/** The period's name: `last 30 days`, `2026-11` or `2026-11-01 to 2026-11-15`. */
export function periodName(locale: Locale, report: Report): string {
  const t = reportText(locale);
  const { key } = report.period;
  if (/^\d+d$/.test(key)) return t.periodRolling(Number.parseInt(key, 10));
  const range = /^(.+)\.\.(.+)$/.exec(key);
  return range ? t.periodRange(range[1]!, range[2]!) : t.periodMonth(key);
}

/**
 * The summary as lines, most important first; lines marked optional are dropped, last first,
 * when the text would not fit the platform's message limit.
 */
function summaryLines(
  locale: Locale,
  report: Report,
  tables?: Tables,
): { text: string; optional: boolean }[] {
  const t = reportText(locale);
  const cur = report.community.currency;
  const has = report.period.previous !== null;
  const m = (metric: Metric, unit?: 'k') => formatMetric(metric, cur, has, unit, locale);
  const share = (tier: { count: number; share: number | null }) =>
    `${tier.count} (${formatValue('ratio', tier.share, cur)})`;
  const { size, activity, commerce, referrals, points } = report;
  const days = report.daily;
  const range = days.length ? `${days[0]!.day.slice(5)} → ${days.at(-1)!.day.slice(5)}` : '—';
  const reasons = Object.entries(referrals.rejectedByReason)
    .map(([reason, n]) => `${t.reason(reason)} ${n}`)
    .join(' · ');
  const leaders = (list: { userId: string; name: string; value: number }[], money: boolean) => {
    const people = list.map((r) => ({ id: r.userId, name: r.name }));
    // With the community's members at hand, each by the label that names them everywhere (`Alice (2)`).
    const names = tables ? memberNames(tables, report.community.id, people) : distinctNames(people);
    return list
      .map((r) => `${names.get(r.userId)} ${money ? formatValue('cents', r.value, cur) : r.value}`)
      .join(', ');
  };
  const line = (text: string, optional = false) => ({ text, optional });
  return [
    line(
      t.header(
        showName(report.community.title),
        periodName(locale, report),
        range,
        report.community.timezone,
        has,
      ),
    ),
    line(t.size(m(size.members), m(size.joined), m(size.left), m(size.removed), m(size.netGrowth))),
    line(t.activity(m(activity.activeMembers), m(activity.messages), m(activity.dailyActiveAvg))),
    line(
      t.tiers(
        share(activity.tiers.core),
        share(activity.tiers.ordinary),
        share(activity.tiers.marginal),
        String(activity.tiers.zombie.count),
      ),
    ),
    line(
      t.deals(
        m(commerce.dealsOpened),
        m(commerce.dealsSucceeded),
        m(commerce.dealsFailed),
        m(commerce.successRate),
      ),
    ),
    line(t.sales(m(commerce.gmvCents), m(commerce.orders), m(commerce.aovCents))),
    ...moneyLines(t, report, m, (cents) => formatValue('cents', cents, cur)).map((text) => line(text)),
    ...pickupLines(t, report, m, (metric) => formatValue(metric.unit, metric.value, cur)),
    line(t.buyers(m(commerce.buyers), m(commerce.conversion), m(commerce.repeatBuyerShare))),
    line(
      t.referrals(
        m(referrals.invitesCreated),
        m(referrals.referredJoins),
        m(referrals.qualified),
        m(referrals.rejected),
        m(referrals.kFactor, 'k'),
      ),
    ),
    line(t.referredSales(m(referrals.referredBuyers), m(referrals.gmvFromReferredCents))),
    line(
      t.points(
        m(points.issued),
        m(points.redeemed),
        m(points.outstanding),
        m(points.discountCents),
        formatValue('ratio', points.discountPerGmv.value, cur),
      ),
    ),
    ...incentiveLines(locale, report, m),
    ...offerLines(locale, report, m),
    // Optional, and the first optional lines: dropped last on a small message limit.
    ...suggestionLines(locale, report, tables).map((text) => line(text, true)),
    ...(commerce.topDeals.length
      ? [
          line(
            t.topDeals(
              commerce.topDeals
                .map((d) => `#${d.no} ${d.title} ${formatValue('cents', d.gmvCents, cur)}`)
                .join(' · '),
            ),
            true,
          ),
        ]
      : []),
    ...productLines(t, report, (cents) => formatValue('cents', cents, cur)).map((text) => line(text, true)),
    ...(reasons ? [line(t.rejectedBy(reasons), true)] : []),
    ...(referrals.topByQualified.length || referrals.topByGmv.length
      ? [
          line(
            t.topReferrers(leaders(referrals.topByQualified, false), leaders(referrals.topByGmv, true)),
            true,
          ),
        ]
      : []),
  ];
}

/**
 * The compact summary, at most maxLength characters (optional lines dropped first, then cut).
 * `tables`: the store's, for members' names as every list shows them (without: as the report has them).
 */
export function reportSummary(locale: Locale, report: Report, maxLength: number, tables?: Tables): string {
  const lines = summaryLines(locale, report, tables);
  let text = lines.map((l) => l.text).join('\n');
  while (text.length > maxLength && lines.some((l) => l.optional)) {
    const last = lines.map((l) => l.optional).lastIndexOf(true);
    lines.splice(last, 1);
    text = lines.map((l) => l.text).join('\n');
  }
  return text.length > maxLength ? splitText(text, maxLength)[0]! : text;
}
