import type { Locale } from '../src/core/i18n/index.js';

/**
 * What each number of the report means, as data, in English and Chinese: the dashboard shows these
 * on hover. The source is README.md's "Report metrics" table: each row's English text here is that
 * row's definition without Markdown (tests/commands/report-definitions.test.ts holds them together),
 * so a change to a metric changes the README, this file and its Chinese in one go.
 */

/** Each metric (by its path in the report's JSON, or a period rule) and the README row defining it. */
export const DEFINITION_ROWS = {
  'period.rolling': 'period 7d / 30d / 90d',
  'period.month': 'period YYYY-MM',
  'period.range': 'period YYYY-MM-DD..YYYY-MM-DD',
  'period.previous': 'no previous period',
  change: 'change (环比)',
  'size.members': 'members',
  'size.joined': 'joined / left / removed / net',
  'size.left': 'joined / left / removed / net',
  'size.removed': 'joined / left / removed / net',
  'size.netGrowth': 'joined / left / removed / net',
  'activity.activeMembers': 'active members',
  'activity.messages': 'messages',
  'activity.dailyActiveAvg': 'daily active average',
  'activity.tiers': 'tiers (core / ordinary / marginal)',
  'activity.tiers.zombie': 'zombie candidates',
  'commerce.dealsOpened': 'deals opened',
  'commerce.dealsSucceeded': 'deals succeeded (成团)',
  'commerce.dealsFailed': 'deals failed / cancelled',
  'commerce.dealsCancelled': 'deals failed / cancelled',
  'commerce.successRate': '成团率 success rate',
  'commerce.orders': 'orders',
  'commerce.gmvCents': 'GMV',
  'commerce.buyers': 'buyers',
  'commerce.conversion': '转化率 conversion',
  'commerce.aovCents': '客单价 average order value',
  'commerce.repeatBuyerShare': 'repeat-buyer share',
  'commerce.topDeals': 'top deals',
  'products.products': 'by product (🏷)',
  'money.refundsCents': 'refunds',
  'money.salesRefundsCents': 'refunds off sales',
  'money.netSalesCents': 'net sales (净销售额)',
  'money.collectedCents': 'collected (已收款)',
  'money.collectedByMethod': 'collected (已收款)',
  'money.owedNow': 'still owed (待收), now',
  'money.refundDueNow': 'refunds due (待退款), now',
  'money.aftersales.opened': 'after-sales opened (售后单 新增)',
  'money.aftersales.approved': 'after-sales approved / rejected',
  'money.aftersales.rejected': 'after-sales approved / rejected',
  'money.aftersales.refundedCents': 'after-sales refunded (售后退款)',
  'pickup.linesArrived': 'lines arrived (到货订单)',
  'pickup.linesPickedUp': 'picked up (已取)',
  'pickup.pickupRate': '取货率 pickup rate',
  'pickup.medianHoursToPickup': 'median hours to pickup',
  'referrals.invitesCreated': 'invites',
  'referrals.referredJoins': 'referred joins',
  'referrals.qualified': 'qualified / rejected',
  'referrals.rejected': 'qualified / rejected',
  'referrals.rejectedByReason': 'qualified / rejected',
  'referrals.referredBuyers': 'referred buyers / their GMV',
  'referrals.gmvFromReferredCents': 'referred buyers / their GMV',
  'referrals.kFactor': 'K-factor',
  'referrals.topByQualified': 'top referrers',
  'referrals.topByGmv': 'top referrers',
  'points.issued': 'points issued',
  'points.redeemed': 'points redeemed',
  'points.deducted': 'points deducted',
  'points.outstanding': 'points outstanding',
  'points.discountCents': 'discounts / discount per GMV',
  'points.discountPerGmv': 'discounts / discount per GMV',
  'incentives.sources.checkin': 'incentive: check-ins (签到)',
  'incentives.sources.referral': 'incentive: referrals (邀请)',
  'incentives.sources.topic': 'incentive: topics (话题)',
  'incentives.sources.award': 'incentive: awards (奖励)',
  'incentives.sources.order': 'incentive: per order (下单积分)',
  'incentives.total': 'incentives in all (合计)',
  'incentives.total.points': 'incentive points issued',
  'incentives.total.archivedPoints': 'archived incentive points',
  'incentives.total.earners': 'earners',
  'incentives.total.earnersGmvCents': "earners' GMV",
  'incentives.total.gmvPerPointCents': 'GMV per point',
  'offers.sent': 'offers sent (私信优惠)',
  'offers.reached': 'offers reached / refused',
  'offers.refused': 'offers reached / refused',
  'offers.ordered': 'offers ordered',
} as const;

/** A metric the report shows: its path in `/report json` (`commerce.gmvCents`), or `period.*` / `change`. */
export type ReportMetricKey = keyof typeof DEFINITION_ROWS;
/** A row of README.md's "Report metrics" table, by its first cell without Markdown. */
export type DefinitionRow = (typeof DEFINITION_ROWS)[ReportMetricKey];

/** Each README row's definition, in each language. */
export const ROW_DEFINITIONS: Record<Locale, Record<DefinitionRow, string>> = {
  en: {
    'period 7d / 30d / 90d':
      'today up to and including now, and the 6 / 29 / 89 local days before it; previous period: the 7 / 30 / 90 local days before that',
    'period YYYY-MM':
      'that calendar month from its first local midnight (the current month: up to now); previous period: the month before. A month not begun yet is refused',
    'period YYYY-MM-DD..YYYY-MM-DD':
      "those local days, the first and the last included, from the first one's local midnight (a last day of today or later: up to now); previous period: as many local days just before the first as the period covers. At most 366 days; a first day after the last or after today, or a day not in the calendar, is refused",
    'no previous period':
      'when the previous period ended before the bot first saw the group: previous values and changes are "—"',
    'change (环比)':
      'counts, money and averages: (this − previous) ÷ |previous|, shown in %, "—" when previous is 0; rates: the difference in percentage points (pp)',
    members:
      'members in the group at the end of the period: joined (or first seen, for those there before the bot) before the end, and not left or removed before it',
    'joined / left / removed / net':
      'members whose latest join / leave / removal falls in the period (a member who left and came back counts only as joined); net = joined − left − removed',
    'active members':
      'distinct members who sent a message on a local day of the period or placed an order line (any order, even one cancelled later) in it',
    messages:
      'messages sent on the local days of the period, commands and button taps included; an edit of a message is not a new one',
    'daily active average':
      'for each day, members who sent a message or placed an order that day, summed and divided by the days of the period (today counts as a day)',
    'tiers (core / ordinary / marginal)':
      'current members by tier now, by the tier rule (tier.* settings): core = ordered within tier.core_days or wrote tier.core_messages in them; marginal = no message, order or join for tier.marginal_days; share = of current members',
    'zombie candidates':
      'members /prune would list now (prune.* settings, exemptions; never admins); mostly marginal members, counted on their own',
    'deals opened':
      'deals opened in the period (a scheduled deal at its start; one cancelled before it never opened)',
    'deals succeeded (成团)':
      'deals that formed and did not fail: status 成团-and-open or closed after 成团; by the moment they formed',
    'deals failed / cancelled':
      'deals that closed below the group size / were cancelled; by their closing time',
    '成团率 success rate': 'succeeded ÷ (succeeded + failed) in the period',
    orders:
      'order lines still active (not withdrawn) in succeeded deals, by the time they were placed; an order in a deal that forms later is counted once it forms',
    GMV: 'sum over those orders of quantity × unit price − points discount (gross: refunds are not deducted; see net sales)',
    buyers: 'distinct members with at least one such order',
    '转化率 conversion': 'buyers ÷ active members',
    '客单价 average order value': 'GMV ÷ orders, rounded to the cent',
    'repeat-buyer share': 'buyers with two or more such orders in the period ÷ buyers',
    'top deals': "the three deals with the most GMV from the period's orders",
    'by product (🏷)':
      'per template (the deals made from it across weeks, see Templates and copies), and per title for deals without a template: deals opened in the period, buyers (distinct members with a counted order placed in the period), units and GMV of those orders (as in GMV), and the average stars of the reviews written in the period that the group sees (not hidden, and made public by their writers with reviews on, as /reviews counts them; the report is posted in the group). Current period only; the five with the most GMV in the summary, all in the JSON',
    refunds:
      'refunds recorded in the period (/refund), whatever their cause: all money given back, by when it was recorded (not when the order was placed)',
    'refunds off sales':
      'the part of those refunds that lowered what a line counted in GMV costs (goods short, after-sales); the rest (failed or cancelled deal, withdrawn line, lower price) gave back money GMV never counted',
    'net sales (净销售额)':
      "GMV − refunds off sales; below 0 when refunds on earlier sales outweigh the period's GMV",
    'collected (已收款)':
      'payments recorded in the period, in all and by way: confirmed claims (/confirm), marked paid by an admin (/paid #3 @alice), paid in Telegram. Lines marked paid before amounts were kept have no record and are not in it',
    'still owed (待收), now':
      'what lines of deals that formed (成团) still owe as the records stand when the report is made (also with --at), and how many members owe it; a deal still gathering buyers owes nothing yet',
    'refunds due (待退款), now':
      'what is still to give back on any line (failed or cancelled deals, withdrawn lines, lower prices), as the records stand now; a line marked paid before amounts were kept counts as paid its amount',
    'after-sales opened (售后单 新增)': 'after-sales tickets opened in the period (by when they were opened)',
    'after-sales approved / rejected':
      'tickets answered in the period, by when they were answered; a ticket rejected, reopened and then approved counts as approved, once; an open ticket an admin closed counts as rejected',
    'after-sales refunded (售后退款)':
      'the refunds approved tickets recorded, by when they were approved (also counted in refunds and, as they lower what a line costs, in refunds off sales)',
    'lines arrived (到货订单)':
      'active order lines whose goods arrived at their pickup point in the period, by the arrival recorded for that deal and point (/arrived); lines with no point count under "no point"',
    'picked up (已取)':
      'those of them picked up (a pickup code checked, or marked delivered), as the records stand when the report is made (also with --at): a week that ended earlier has had longer to be picked up',
    '取货率 pickup rate': 'picked up ÷ lines arrived, overall and per point',
    'median hours to pickup':
      'the median time from the arrival to the pickup of the lines picked up, in hours (the mean of the two middle ones for an even count; a line handed over before the arrival was recorded counts 0)',
    invites: 'personal invites (links and codes) members created in the period',
    'referred joins': 'joins credited to an inviter in the period, whatever became of them',
    'qualified / rejected':
      'referrals that qualified / were rejected, by the time of the decision; rejections also by reason code',
    'referred buyers / their GMV':
      'invitees of referrals not rejected who are buyers in the period, and the GMV of their orders',
    'K-factor': 'qualified referrals ÷ active members',
    'top referrers':
      'by qualified referrals in the period; and by the GMV their (not rejected) invitees bought in the period',
    'points issued':
      'points earned in the period: check-ins, streaks, referral rewards, welcomes, topics, orders, awards',
    'points redeemed': 'points spent on discounts minus points refunded for withdrawn or failed orders',
    'points deducted': 'points taken back by admins (/deduct)',
    'points outstanding': 'the sum of all balances at the end of the period',
    'discounts / discount per GMV':
      'points discounts on the orders counted in GMV, and that ÷ GMV: what the points programme costs per unit of sales',
    'incentive: check-ins (签到)':
      'points for daily check-ins and streak bonuses (ledger reasons checkin, streak)',
    'incentive: referrals (邀请)':
      "points of the referral programme: the inviter's for a qualified join and for the invitee's first order, and the invitee's welcome bonus (referral_join, referral_order, welcome)",
    'incentive: topics (话题)': 'points for replying to a topic prompt (topic)',
    'incentive: awards (奖励)': 'points admins gave with /award (award)',
    'incentive: per order (下单积分)':
      'points per order in a formed deal (points.per_order; order): their earners are buyers by definition',
    'incentives in all (合计)':
      'the five sources together, each earner counted once: the same points as points issued. Not incentives: points spent on discounts and given back (redeem, refund), /deduct, and rewards taken back after a refund (reversal)',
    'incentive points issued':
      "points of that source earned in the period, by the entry's time (archived days: by their local day)",
    'archived incentive points':
      'the part of those points on archived days (entries older than 60 days, JSON store): day totals keep no member, so their earners are unknown and are left out of earners, their GMV and GMV per point',
    earners:
      'distinct members who earned points of that source in the period; a member who earned from two sources counts in both',
    "earners' GMV":
      'the GMV (as in GMV) of the orders those earners placed in the same period; what members bought without earning points is in no row',
    'GMV per point':
      'earners\' GMV ÷ the points whose earners are known (issued − archived), in money per point; "—" when there are none',
    'offers sent (私信优惠)':
      'private offers sent in the period: one per member and deal, when a deal of a category they subscribed to opened (/subscribe; at most offers.daily_cap a day)',
    'offers reached / refused':
      'of those, the ones the platform accepted, and the ones it refused (the member never opened a private chat with the bot, or blocked it): refused offers never count as reached',
    'offers ordered': 'members an offer reached who then placed an order line in that deal, still ordered',
  },
  zh: {
    'period 7d / 30d / 90d':
      '今天（截至现在）及之前的 6 / 29 / 89 个本地日；上期：再往前的 7 / 30 / 90 个本地日',
    'period YYYY-MM':
      '该自然月，从当月第一天的本地零点起（本月：截至现在）；上期：上一个月。尚未开始的月份不予统计',
    'period YYYY-MM-DD..YYYY-MM-DD':
      '所选的本地日，首尾两天都包含，从第一天的本地零点起（最后一天是今天或以后：截至现在）；上期：紧挨在第一天之前、天数相同的本地日。最多 366 天；开始日期晚于结束日期或晚于今天、日历上没有的日期，不予统计',
    'no previous period': '上期结束时机器人还没有见到本群：上期数值和环比显示为“—”',
    'change (环比)':
      '人数、金额和平均值：（本期 − 上期）÷ |上期|，以百分比显示，上期为 0 时显示“—”；比率：两期相差的百分点',
    members:
      '本期结束时在群里的成员：在结束前加入（机器人来之前就在群里的，按首次见到的时间），且结束前没有退出或被移除',
    'joined / left / removed / net':
      '最近一次加入 / 退出 / 被移除发生在本期的成员（退出后又回来的只算加入）；净增 = 新加入 − 退出 − 移除',
    'active members': '本期内某个本地日发过消息、或下过订单（任何订单，之后取消的也算）的成员人数（去重）',
    messages: '本期各本地日发送的消息数，含命令和按钮点击；编辑消息不算新消息',
    'daily active average': '每天发过消息或下过订单的成员数，逐日相加后除以本期天数（今天也算一天）',
    'tiers (core / ordinary / marginal)':
      '按分层规则（分层设置）统计的当前成员：核心 = 在设定天数内下过单或发够设定条数的消息；边缘 = 在设定天数内没有消息、订单或入群；占比 = 占当前成员的比例',
    'zombie candidates':
      '清理命令现在会列出的成员（按清理设置和豁免名单；从不包括管理员）；大多是边缘成员，单独计数',
    'deals opened': '本期开团的团购（定时开团按开团时间计；开团前取消的不算开过团）',
    'deals succeeded (成团)': '已成团且没有失败的团购：成团后仍在接单或成团后已截单；按成团时间计',
    'deals failed / cancelled': '截单时人数不足的团购 / 被取消的团购；按结束时间计',
    '成团率 success rate': '本期 成团数 ÷（成团数 + 未成团数）',
    orders: '已成团团购中仍有效（未撤回）的订单行，按下单时间计；之后才成团的团购，其订单在成团后计入',
    GMV: '上述订单的 数量 × 单价 − 积分抵扣 之和（毛额：不扣退款；见净销售额）',
    buyers: '至少有一笔上述订单的成员人数（去重）',
    '转化率 conversion': '下单人数 ÷ 活跃成员',
    '客单价 average order value': '成交额 ÷ 订单数，四舍五入到分',
    'repeat-buyer share': '本期有两笔或以上上述订单的下单人数 ÷ 下单人数',
    'top deals': '本期订单成交额最高的三个团购',
    'by product (🏷)':
      '按模板（由同一模板开的各期团购，见“模板与复制”）统计，没有模板的团购按标题统计：本期开团数、下单人数（本期有计入订单的成员，去重）、这些订单的件数和成交额（同成交额口径），以及本期群里能看到的评价的平均星级（未被隐藏、且作者已开启公开评价，与“查看评价”的口径相同；报告会发到群里）。只统计本期；摘要显示成交额最高的五个，导出数据中全部列出',
    refunds: '本期记录的退款（退款命令），不论原因：所有退还的钱，按记录时间计（不是下单时间）',
    'refunds off sales':
      '上述退款中降低了订单行计入成交额部分的那一部分（缺货、售后）；其余（未成团或取消的团购、撤回的订单行、降价）退还的是成交额从未计入的钱',
    'net sales (净销售额)': '成交额 − 冲减销售的退款；以前的销售退款超过本期成交额时可能低于 0',
    'collected (已收款)':
      '本期记录的收款，合计及按方式：确认收款（确认收款命令）、管理员标记已付、电报内支付。在开始记录金额之前就标记为已付的订单行没有记录，不计入',
    'still owed (待收), now':
      '已成团团购的订单行在生成报告时仍欠的金额，以及欠款人数；仍在凑人数的团购还不欠款',
    'refunds due (待退款), now':
      '任何订单行仍需退还的金额（未成团或取消的团购、撤回的订单行、降价），按当前记录；在开始记录金额之前标记为已付的订单行按其金额算作已付',
    'after-sales opened (售后单 新增)': '本期新开的售后单（按开单时间计）',
    'after-sales approved / rejected':
      '本期处理的售后单，按处理时间计；被拒绝、重新打开后又同意的算同意，只算一次；管理员关闭的未处理售后单算拒绝',
    'after-sales refunded (售后退款)':
      '同意的售后单所记录的退款，按同意时间计（也计入退款；因为降低了订单行金额，也计入冲减销售的退款）',
    'lines arrived (到货订单)':
      '本期货物到达其自提点的有效订单行，按该团购和自提点记录的到货时间（到货命令）；没有自提点的订单行计在“未选自提点”下',
    'picked up (已取)':
      '其中已取货的（核销码已核销，或已标记交付），按生成报告时的记录：较早结束的一周有更长的时间取货',
    '取货率 pickup rate': '已取 ÷ 到货订单，总体及按自提点',
    'median hours to pickup':
      '已取货订单行从到货到取货用时的中位数，单位小时（数量为偶数时取中间两个的平均；到货记录之前就交付的算 0）',
    invites: '本期成员创建的个人邀请（链接和邀请码）',
    'referred joins': '本期记在邀请人名下的入群，不论后来结果如何',
    'qualified / rejected': '判定为有效 / 无效的邀请，按判定时间计；无效的也按原因统计',
    'referred buyers / their GMV': '未被判无效的邀请所带来的、本期下过单的新成员人数，及其订单成交额',
    'K-factor': '有效邀请数 ÷ 活跃成员',
    'top referrers': '按本期有效邀请数排名；以及按其（未被判无效的）被邀请人本期购买的成交额排名',
    'points issued': '本期获得的积分：签到、连续签到、邀请奖励、入群欢迎、话题、订单、奖励',
    'points redeemed': '用于抵扣的积分，减去因撤回或未成团订单而退回的积分',
    'points deducted': '管理员扣除的积分（扣分命令）',
    'points outstanding': '本期结束时所有成员积分余额之和',
    'discounts / discount per GMV':
      '计入成交额的订单上的积分抵扣金额，以及它 ÷ 成交额：积分计划每单位销售的成本',
    'incentive: check-ins (签到)': '每日签到和连续签到奖励的积分',
    'incentive: referrals (邀请)':
      '邀请计划的积分：邀请人在邀请有效时、被邀请人首次下单时获得的积分，以及被邀请人的入群欢迎积分',
    'incentive: topics (话题)': '回复话题获得的积分',
    'incentive: awards (奖励)': '管理员用奖励积分命令发放的积分',
    'incentive: per order (下单积分)': '已成团团购中每笔订单获得的积分（每单积分设置）：获得者必然是下单的人',
    'incentives in all (合计)':
      '五个来源合计，每位获得者只算一次：与积分发放相同。不算激励的：用于抵扣和退回的积分、管理员扣除的积分、因退款收回的奖励',
    'incentive points issued': '本期该来源获得的积分，按记录时间计（已归档的日子按其本地日期计）',
    'archived incentive points':
      '上述积分中已归档日子的部分（超过 60 天的记录，文件存储）：按日汇总不保留成员，获得者不可知，不计入获得人数、其成交额和每积分成交额',
    earners: '本期获得该来源积分的成员人数（去重）；从两个来源获得积分的成员两边都算',
    "earners' GMV": '这些获得者本期所下订单的成交额（同成交额口径）；没有获得积分的成员的购买不计入任何一行',
    'GMV per point':
      '获得者成交额 ÷ 获得者可知的积分（发放 − 已归档），即每分积分对应的金额；没有积分时显示“—”',
    'offers sent (私信优惠)':
      '本期发出的私信优惠：成员订阅的分类开团时，每人每团一条（订阅命令；每天最多为每日私信优惠上限）',
    'offers reached / refused':
      '其中平台接收的条数，以及被平台拒绝的条数（成员从未私聊过机器人，或已屏蔽）：被拒绝的不算送达',
    'offers ordered': '收到私信优惠后在该团下单（订单仍有效）的成员人数',
  },
};

/**
 * Every metric's definition in the locale, as one plain string (no Markdown), keyed by
 * ReportMetricKey: `reportDefinitions('zh')['commerce.gmvCents']`.
 */
export function reportDefinitions(locale: Locale): Record<ReportMetricKey, string> {
  const rows = ROW_DEFINITIONS[locale];
  return Object.fromEntries(Object.entries(DEFINITION_ROWS).map(([key, row]) => [key, rows[row]])) as Record<
    ReportMetricKey,
    string
  >;
}
