import type { Locale } from '../../src/core/i18n/index.js';
import type { DealFilter, DealSort } from '../../src/services/deal-table.js';

/** The Deals pages' words: the list, a deal's page, and the create / edit / copy / close / cancel forms. */
export interface DealsText {
  title: string;
  newDeal: string;
  filter: string;
  filters: Record<DealFilter, string>;
  sort: string;
  sorts: Record<DealSort, string>;
  search: string;
  show: string;
  badFilter: string;
  badSort: string;
  badPage: string;
  page: (n: number, of: number) => string;
  newer: string;
  older: string;
  empty: string;
  noMatch: string;
  col: {
    deal: string;
    status: string;
    buyers: string;
    stock: string;
    ends: string;
    ordered: string;
    paid: string;
    owed: string;
    refundDue: string;
  };
  total: string;
  missing: (n: number) => string;
  formed: string;
  unlimited: string;
  left: (time: string) => string;
  soldOut: string;
  waiting: (n: number) => string;
  // A deal's page
  allDeals: string;
  facts: {
    price: string;
    groupSize: string;
    stock: string;
    limit: string;
    unit: string;
    starts: string;
    ends: string;
    pickup: string;
    points: string;
    created: string;
    closed: string;
  };
  money: {
    heading: string;
    ordered: string;
    due: string;
    paid: string;
    claimed: string;
    owed: string;
    refundDue: string;
    refunded: string;
  };
  options: { heading: string; option: string; price: string; stock: string; sold: string; left: string };
  perPoint: {
    heading: string;
    point: string;
    lines: string;
    units: string;
    pickedUp: string;
    amount: string;
  };
  perOption: { heading: string; option: string; units: string; amount: string; owed: string };
  noPoint: string;
  noOption: string;
  allPoints: string;
  roster: {
    heading: string;
    no: string;
    member: string;
    option: string;
    qty: string;
    amount: string;
    money: string;
  };
  pickedUp: string;
  noOrders: string;
  ordersOfDeal: string;
  actions: { edit: string; copy: string; close: string; cancel: string };
}

const en: DealsText = {
  title: 'Deals',
  newDeal: 'New deal',
  filter: 'Which deals',
  filters: {
    all: 'All deals',
    active: 'Not over (scheduled, open, formed)',
    scheduled: 'Scheduled',
    open: 'Taking orders',
    closed: 'Closed (成团)',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  sort: 'Sort',
  sorts: {
    newest: 'Newest first',
    oldest: 'Oldest first',
    ends: 'Deadline, soonest first',
    ordered: 'Most ordered',
  },
  search: 'Title contains',
  show: 'Show',
  badFilter: 'There is no such filter; showing all deals.',
  badSort: 'There is no such order; showing the newest first.',
  badPage: 'There is no such page; showing the first.',
  page: (n, of) => `Page ${n} of ${of}`,
  newer: '← Previous',
  older: 'Next →',
  empty: 'No deals yet. Open one here or with /deal new in the group.',
  noMatch: 'No deal matches.',
  col: {
    deal: 'Deal',
    status: 'Status',
    buyers: 'Buyers / group size',
    stock: 'Sold / stock',
    ends: 'Ends',
    ordered: 'Ordered',
    paid: 'Paid',
    owed: 'To collect',
    refundDue: 'To refund',
  },
  total: 'Total',
  missing: (n) => `${n} more to 成团`,
  formed: 'group formed',
  unlimited: 'no limit',
  left: (time) => `${time} left`,
  soldOut: 'sold out',
  waiting: (n) => `${n} waiting`,
  allDeals: '← All deals',
  facts: {
    price: 'Price',
    groupSize: 'Buyers / group size',
    stock: 'Sold / stock',
    limit: 'Limit per member',
    unit: 'Unit',
    starts: 'Opens',
    ends: 'Ends',
    pickup: 'Pickup note',
    points: 'Pickup points',
    created: 'Created',
    closed: 'Closed',
  },
  money: {
    heading: 'Money',
    ordered: 'Ordered',
    due: 'Due now',
    paid: 'Paid (confirmed)',
    claimed: 'Claimed, to confirm',
    owed: 'To collect',
    refundDue: 'To refund',
    refunded: 'Refunded',
  },
  options: {
    heading: 'Options',
    option: 'Option',
    price: 'Price',
    stock: 'Own stock',
    sold: 'Ordered',
    left: 'Left',
  },
  perPoint: {
    heading: 'Per pickup point',
    point: 'Point',
    lines: 'Lines',
    units: 'Units',
    pickedUp: 'Picked up',
    amount: 'Amount',
  },
  perOption: {
    heading: 'Per option (what to order)',
    option: 'Option',
    units: 'Units',
    amount: 'Amount',
    owed: 'To collect',
  },
  noPoint: 'No pickup point',
  noOption: '(no option)',
  allPoints: 'all of the group’s points',
  roster: {
    heading: 'Roster',
    no: 'No.',
    member: 'Member',
    option: 'Option',
    qty: 'Units',
    amount: 'Amount',
    money: 'Payment',
  },
  pickedUp: 'picked up',
  noOrders: 'No orders yet.',
  ordersOfDeal: 'Orders of this deal (filter, confirm payments, export) →',
  actions: { edit: 'Edit', copy: 'Open again (copy)', close: 'Close now', cancel: 'Cancel deal' },
};

const zh: DealsText = {
  title: '团购',
  newDeal: '开新团',
  filter: '筛选',
  filters: {
    all: '全部团购',
    active: '未结束（未开始、拼团中、已成团）',
    scheduled: '未开始',
    open: '接单中',
    closed: '已截团（成团）',
    failed: '未成团',
    cancelled: '已取消',
  },
  sort: '排序',
  sorts: { newest: '最新在前', oldest: '最早在前', ends: '截止时间由近到远', ordered: '下单金额由高到低' },
  search: '标题包含',
  show: '显示',
  badFilter: '没有这个筛选，已显示全部团购。',
  badSort: '没有这种排序，已按最新在前显示。',
  badPage: '没有这一页，已显示第一页。',
  page: (n, of) => `第 ${n} / ${of} 页`,
  newer: '← 上一页',
  older: '下一页 →',
  empty: '还没有团购。可以在这里开团，或在群里发“开团”。',
  noMatch: '没有符合条件的团购。',
  col: {
    deal: '团购',
    status: '状态',
    buyers: '人数 / 成团人数',
    stock: '已售 / 库存',
    ends: '截止',
    ordered: '下单金额',
    paid: '已收',
    owed: '待收',
    refundDue: '待退',
  },
  total: '合计',
  missing: (n) => `还差 ${n} 人成团`,
  formed: '已成团',
  unlimited: '不限',
  left: (time) => `还剩 ${time}`,
  soldOut: '已售罄',
  waiting: (n) => `${n} 人候补`,
  allDeals: '← 全部团购',
  facts: {
    price: '价格',
    groupSize: '人数 / 成团人数',
    stock: '已售 / 库存',
    limit: '每人限购',
    unit: '单位',
    starts: '开团时间',
    ends: '截止时间',
    pickup: '自提说明',
    points: '自提点',
    created: '创建时间',
    closed: '结束时间',
  },
  money: {
    heading: '款项',
    ordered: '下单金额',
    due: '当前应收',
    paid: '已确认收款',
    claimed: '已报付款，待确认',
    owed: '待收',
    refundDue: '待退',
    refunded: '已退',
  },
  options: { heading: '规格', option: '规格', price: '价格', stock: '规格库存', sold: '已订', left: '剩余' },
  perPoint: {
    heading: '按自提点',
    point: '自提点',
    lines: '订单数',
    units: '件数',
    pickedUp: '已提货',
    amount: '金额',
  },
  perOption: {
    heading: '按规格（向供应商订货）',
    option: '规格',
    units: '件数',
    amount: '金额',
    owed: '待收',
  },
  noPoint: '未选自提点',
  noOption: '（无规格）',
  allPoints: '本群全部自提点',
  roster: {
    heading: '接龙名单',
    no: '序号',
    member: '成员',
    option: '规格',
    qty: '件数',
    amount: '金额',
    money: '付款状态',
  },
  pickedUp: '已提货',
  noOrders: '还没有订单。',
  ordersOfDeal: '本团订单（筛选、确认收款、导出）→',
  actions: { edit: '修改', copy: '再开一团（复制）', close: '立即截团', cancel: '取消团购' },
};

/** The Deals pages' words in the community's language. */
export function dealsText(locale: Locale): DealsText {
  return locale === 'zh' ? zh : en;
}
