import type { Locale } from '../../src/core/i18n/index.js';

/** A figure the overview shows with its 环比, by its path in `/report json` (`commerce.gmvCents`). */
export type FigurePath =
  | 'size.members'
  | 'size.joined'
  | 'size.left'
  | 'size.removed'
  | 'size.netGrowth'
  | 'activity.activeMembers'
  | 'activity.messages'
  | 'activity.dailyActiveAvg'
  | 'commerce.dealsOpened'
  | 'commerce.dealsSucceeded'
  | 'commerce.dealsFailed'
  | 'commerce.dealsCancelled'
  | 'commerce.successRate'
  | 'commerce.gmvCents'
  | 'commerce.orders'
  | 'commerce.aovCents'
  | 'commerce.buyers'
  | 'commerce.conversion'
  | 'commerce.repeatBuyerShare'
  | 'money.refundsCents'
  | 'money.salesRefundsCents'
  | 'money.netSalesCents'
  | 'money.collectedCents'
  | 'money.collectedByMethod.confirmed'
  | 'money.collectedByMethod.marked'
  | 'money.collectedByMethod.telegram'
  | 'money.aftersales.opened'
  | 'money.aftersales.approved'
  | 'money.aftersales.rejected'
  | 'money.aftersales.refundedCents'
  | 'pickup.linesArrived'
  | 'pickup.linesPickedUp'
  | 'pickup.pickupRate'
  | 'pickup.medianHoursToPickup'
  | 'referrals.invitesCreated'
  | 'referrals.referredJoins'
  | 'referrals.qualified'
  | 'referrals.rejected'
  | 'referrals.referredBuyers'
  | 'referrals.gmvFromReferredCents'
  | 'referrals.kFactor'
  | 'points.issued'
  | 'points.redeemed'
  | 'points.deducted'
  | 'points.outstanding'
  | 'points.discountCents'
  | 'points.discountPerGmv'
  | 'offers.sent'
  | 'offers.reached'
  | 'offers.refused'
  | 'offers.ordered';

/** The overview page's words. */
export interface OverviewText {
  title: string;
  presets: { d7: string; d30: string; d90: string; thisMonth: string; lastMonth: string };
  presetsLabel: string;
  from: string;
  to: string;
  show: string;
  /** `Nov 1 – Nov 15 (Asia/Shanghai)`: the period's first and last local day. */
  period: (name: string, first: string, last: string, timezone: string) => string;
  comparedWith: (first: string, last: string) => string;
  noPrevious: string;
  previous: string;
  change: string;
  bothDates: string;
  sections: {
    members: string;
    deals: string;
    sales: string;
    money: string;
    aftersales: string;
    pickup: string;
    referrals: string;
    points: string;
    offers: string;
    now: string;
    chart: string;
    topDeals: string;
    products: string;
    referrers: string;
    pickupPoints: string;
  };
  figures: Record<FigurePath, string>;
  now: {
    core: string;
    ordinary: string;
    marginal: string;
    zombie: string;
    owed: (members: number) => string;
    refundDue: (members: number) => string;
  };
  columns: {
    deal: string;
    product: string;
    deals: string;
    orders: string;
    buyers: string;
    units: string;
    gmv: string;
    stars: string;
    member: string;
    qualified: string;
    point: string;
    arrived: string;
    rate: string;
    hours: string;
  };
  noPoint: string;
  nothing: string;
  chartNote: string;
}

const en: OverviewText = {
  title: 'Overview',
  presets: { d7: '7 days', d30: '30 days', d90: '90 days', thisMonth: 'This month', lastMonth: 'Last month' },
  presetsLabel: 'Period',
  from: 'First day',
  to: 'Last day',
  show: 'Show',
  // A date range is named by its own days: say them once.
  period: (name, first, last, timezone) =>
    name.includes(first) && name.includes(last)
      ? `${name} (${timezone})`
      : `${name}: ${first} to ${last} (${timezone})`,
  comparedWith: (first, last) => `Compared with ${first} to ${last} (环比: change against that period).`,
  noPrevious: 'No previous period: the bot did not know the group yet, so there is no 环比.',
  previous: 'before',
  change: 'change',
  bothDates: 'Give both the first and the last day of the period.',
  sections: {
    members: 'Members and activity',
    deals: 'Deals',
    sales: 'Sales',
    money: 'Money',
    aftersales: 'After-sales',
    pickup: 'Pickup',
    referrals: 'Referrals',
    points: 'Points',
    offers: 'Private offers',
    now: 'Now',
    chart: 'Per day, and member tiers now',
    topDeals: 'Top deals',
    products: 'By product',
    referrers: 'Top referrers',
    pickupPoints: 'Pickup by point',
  },
  figures: {
    'size.members': 'Members',
    'size.joined': 'Joined',
    'size.left': 'Left',
    'size.removed': 'Removed',
    'size.netGrowth': 'Net growth',
    'activity.activeMembers': 'Active members',
    'activity.messages': 'Messages',
    'activity.dailyActiveAvg': 'Daily active (average)',
    'commerce.dealsOpened': 'Deals opened',
    'commerce.dealsSucceeded': 'Deals formed (成团)',
    'commerce.dealsFailed': 'Deals failed',
    'commerce.dealsCancelled': 'Deals cancelled',
    'commerce.successRate': '成团率 (success rate)',
    'commerce.gmvCents': 'GMV',
    'commerce.orders': 'Orders',
    'commerce.aovCents': '客单价 (average order)',
    'commerce.buyers': 'Buyers',
    'commerce.conversion': 'Conversion',
    'commerce.repeatBuyerShare': 'Repeat buyers',
    'money.refundsCents': 'Refunds',
    'money.salesRefundsCents': 'Refunds off sales',
    'money.netSalesCents': 'Net sales',
    'money.collectedCents': 'Collected',
    'money.collectedByMethod.confirmed': 'Collected: confirmed claims',
    'money.collectedByMethod.marked': 'Collected: marked paid',
    'money.collectedByMethod.telegram': 'Collected: paid in Telegram',
    'money.aftersales.opened': 'Tickets opened',
    'money.aftersales.approved': 'Tickets approved',
    'money.aftersales.rejected': 'Rejected or closed without refund',
    'money.aftersales.refundedCents': 'Refunded on tickets',
    'pickup.linesArrived': 'Lines arrived',
    'pickup.linesPickedUp': 'Picked up',
    'pickup.pickupRate': 'Pickup rate',
    'pickup.medianHoursToPickup': 'Median hours to pickup',
    'referrals.invitesCreated': 'Invites',
    'referrals.referredJoins': 'Referred joins',
    'referrals.qualified': 'Qualified',
    'referrals.rejected': 'Rejected',
    'referrals.referredBuyers': 'Referred buyers',
    'referrals.gmvFromReferredCents': 'Their GMV',
    'referrals.kFactor': 'K-factor',
    'points.issued': 'Points issued',
    'points.redeemed': 'Points redeemed',
    'points.deducted': 'Points deducted',
    'points.outstanding': 'Points outstanding',
    'points.discountCents': 'Points discounts',
    'points.discountPerGmv': 'Discounts per GMV',
    'offers.sent': 'Offers sent',
    'offers.reached': 'Reached',
    'offers.refused': 'Refused by the platform',
    'offers.ordered': 'Reached, then ordered',
  },
  now: {
    core: 'Core',
    ordinary: 'Ordinary',
    marginal: 'Marginal',
    zombie: 'Zombie candidates',
    owed: (n) => `Still owed (${n === 1 ? '1 member' : `${n} members`})`,
    refundDue: (n) => `Refunds due (${n === 1 ? '1 member' : `${n} members`})`,
  },
  columns: {
    deal: 'Deal',
    product: 'Product',
    deals: 'Deals',
    orders: 'Orders',
    buyers: 'Buyers',
    units: 'Units',
    gmv: 'GMV',
    stars: 'Stars',
    member: 'Member',
    qualified: 'Qualified',
    point: 'Point',
    arrived: 'Arrived',
    rate: 'Picked up',
    hours: 'Median hours',
  },
  noPoint: 'No point',
  nothing: 'None in this period.',
  chartNote: 'GMV and refunds (bars), money collected and active members (lines) per day.',
};

const zh: OverviewText = {
  title: '概览',
  presets: { d7: '7天', d30: '30天', d90: '90天', thisMonth: '本月', lastMonth: '上月' },
  presetsLabel: '时间段',
  from: '开始日期',
  to: '结束日期',
  show: '查看',
  period: (name, first, last, timezone) =>
    name.includes(first) && name.includes(last)
      ? `${name}（${timezone}）`
      : `${name}：${first} 至 ${last}（${timezone}）`,
  comparedWith: (first, last) => `与 ${first} 至 ${last} 比较（环比）。`,
  noPrevious: '没有上期：那时机器人还不认识本群，所以没有环比。',
  previous: '上期',
  change: '环比',
  bothDates: '请同时填写开始日期和结束日期。',
  sections: {
    members: '成员与活跃',
    deals: '团购',
    sales: '销售',
    money: '收款与退款',
    aftersales: '售后',
    pickup: '提货',
    referrals: '邀请裂变',
    points: '积分',
    offers: '私信优惠',
    now: '当前',
    chart: '每日走势与当前成员分层',
    topDeals: '热门团购',
    products: '按商品',
    referrers: '邀请达人',
    pickupPoints: '各自提点取货',
  },
  figures: {
    'size.members': '成员',
    'size.joined': '新加入',
    'size.left': '退出',
    'size.removed': '移除',
    'size.netGrowth': '净增',
    'activity.activeMembers': '活跃成员',
    'activity.messages': '消息',
    'activity.dailyActiveAvg': '日均活跃',
    'commerce.dealsOpened': '开团',
    'commerce.dealsSucceeded': '成团',
    'commerce.dealsFailed': '未成团',
    'commerce.dealsCancelled': '已取消',
    'commerce.successRate': '成团率',
    'commerce.gmvCents': '成交额',
    'commerce.orders': '订单',
    'commerce.aovCents': '客单价',
    'commerce.buyers': '下单人数',
    'commerce.conversion': '转化率',
    'commerce.repeatBuyerShare': '复购占比',
    'money.refundsCents': '退款',
    'money.salesRefundsCents': '冲减销售的退款',
    'money.netSalesCents': '净销售额',
    'money.collectedCents': '已收款',
    'money.collectedByMethod.confirmed': '已收款：确认收款',
    'money.collectedByMethod.marked': '已收款：标记已付',
    'money.collectedByMethod.telegram': '已收款：电报内支付',
    'money.aftersales.opened': '售后单新增',
    'money.aftersales.approved': '同意',
    'money.aftersales.rejected': '拒绝或关闭未退款',
    'money.aftersales.refundedCents': '售后退款',
    'pickup.linesArrived': '到货订单',
    'pickup.linesPickedUp': '已取',
    'pickup.pickupRate': '取货率',
    'pickup.medianHoursToPickup': '取货用时中位数（小时）',
    'referrals.invitesCreated': '邀请',
    'referrals.referredJoins': '邀请入群',
    'referrals.qualified': '有效',
    'referrals.rejected': '无效',
    'referrals.referredBuyers': '被邀请人下单',
    'referrals.gmvFromReferredCents': '被邀请人成交额',
    'referrals.kFactor': 'K 因子',
    'points.issued': '积分发放',
    'points.redeemed': '积分兑换',
    'points.deducted': '积分扣除',
    'points.outstanding': '未使用积分',
    'points.discountCents': '积分抵扣',
    'points.discountPerGmv': '抵扣占成交额',
    'offers.sent': '私信优惠发出',
    'offers.reached': '送达',
    'offers.refused': '被平台拒绝',
    'offers.ordered': '送达后下单',
  },
  now: {
    core: '核心',
    ordinary: '普通',
    marginal: '边缘',
    zombie: '僵尸候选',
    owed: (n) => `待收（${n} 人）`,
    refundDue: (n) => `待退款（${n} 人）`,
  },
  columns: {
    deal: '团购',
    product: '商品',
    deals: '开团',
    orders: '订单',
    buyers: '购买人数',
    units: '件数',
    gmv: '成交额',
    stars: '评分',
    member: '成员',
    qualified: '有效邀请',
    point: '自提点',
    arrived: '到货',
    rate: '取货率',
    hours: '中位用时（小时）',
  },
  noPoint: '未选自提点',
  nothing: '本期没有。',
  chartNote: '每日成交额和退款（柱）、已收款和活跃成员（线）。',
};

/** The overview's words in the community's language. */
export function overviewText(locale: Locale): OverviewText {
  return locale === 'zh' ? zh : en;
}
