import type { Locale } from '../../src/core/i18n/index.js';

/** The deal forms' words: create, edit and copy (pages/deal-forms.ts), close and cancel confirmations. */
export interface DealFormsText {
  newTitle: string;
  editTitle: (no: number) => string;
  copyTitle: (no: number) => string;
  fields: {
    title: string;
    price: string;
    min: string;
    stock: string;
    limit: string;
    ends: string;
    starts: string;
    unit: string;
    options: string;
    pickup: string;
    points: string;
    category: string;
    from: string;
    reprice: string;
  };
  hints: {
    price: string;
    min: string;
    ends: (forms: string) => string;
    starts: string;
    options: string;
    points: string;
    category: string;
    from: string;
    reprice: string;
  };
  noTemplate: string;
  repriceAsk: string;
  repriceAll: string;
  repriceNew: string;
  editHint: string;
  copyHint: (no: number, length: string) => string;
  photosNote: (no: number) => string;
  submitNew: string;
  submitEdit: string;
  submitCopy: string;
  created: (no: number) => string;
  changed: (no: number) => string;
  /** The chat's reprice question, answered by the form's menu instead of a command. */
  repriceChoose: (no: number, lines: number) => string;
  // Confirmations
  closeTitle: (no: number) => string;
  closeAsk: (buyers: number, min: number) => string;
  cancelTitle: (no: number) => string;
  cancelAsk: (buyers: number, paid: string) => string;
  confirmClose: string;
  confirmCancel: string;
  goBack: string;
  notConfirmed: string;
}

const en: DealFormsText = {
  newTitle: 'New deal',
  editTitle: (no) => `Edit deal #${no}`,
  copyTitle: (no) => `Open deal #${no} again`,
  fields: {
    title: 'Title',
    price: 'Price',
    min: 'Group size (buyers for 成团)',
    stock: 'Stock',
    limit: 'Limit per member',
    ends: 'Ends',
    starts: 'Opens at (scheduled start)',
    unit: 'Unit',
    options: 'Options',
    pickup: 'Pickup note',
    points: 'Pickup points',
    category: 'Categories',
    from: 'From template',
    reprice: 'Existing orders at a new price',
  },
  hints: {
    price: 'e.g. 39.9',
    min: 'empty: 1',
    ends: (forms) => `e.g. ${forms}; empty: 48h`,
    starts: 'empty: open now',
    options: 'S,M,L or with prices and stock: 5斤:59,10斤:109:20',
    points: 'names or numbers, comma separated; empty: all points',
    category: 'e.g. 水果,生鲜: members subscribed to one hear of the deal privately; none clears them',
    from: 'a saved template gives every field left empty',
    reprice: 'asked when the deal has orders',
  },
  noTemplate: '— none —',
  repriceAsk: 'Ask me first',
  repriceAll: 'All orders take the new price',
  repriceNew: 'Only new orders',
  editHint: 'Only the fields you change are sent, as /deal edit; a field you empty stays as it was.',
  copyHint: (no, length) =>
    `Every field left empty is taken from #${no} (as /deal copy); the deadline is then ${length} from now, as long as #${no} ran.`,
  photosNote: (no) => `Photos are sent in the chat: /deal edit #${no} photo, then the pictures.`,
  submitNew: 'Open the deal',
  submitEdit: 'Save changes',
  submitCopy: 'Open the copy',
  created: (no) => `Deal #${no} is open; its card is posted in the group.`,
  changed: (no) => `Deal #${no} was changed; its card in the group is updated.`,
  repriceChoose: (no, lines) =>
    `${lines} ${lines === 1 ? 'order' : 'orders'} in #${no} ${lines === 1 ? 'was' : 'were'} taken at the old price, so nothing was saved yet. Choose under “Existing orders at a new price” below whether they take the new price or keep theirs, then save again.`,
  closeTitle: (no) => `Close deal #${no} now?`,
  closeAsk: (buyers, min) =>
    buyers >= min
      ? `It has ${buyers} of ${min} buyers: it closes as formed (成团) and takes no more orders. The group is told.`
      : `It has ${buyers} of ${min} buyers: it closes as failed, and every buyer is told. Anyone who paid is owed a refund.`,
  cancelTitle: (no) => `Cancel deal #${no}?`,
  cancelAsk: (buyers, paid) =>
    buyers === 0
      ? 'Nobody has ordered yet; the group is told it is cancelled. This cannot be undone.'
      : `Its ${buyers} buyers are told in the group that it is cancelled. ${paid} was paid on it: each payer is owed that back and told so. This cannot be undone.`,
  confirmClose: 'Yes, close it',
  confirmCancel: 'Yes, cancel it',
  goBack: 'No, go back',
  notConfirmed: 'Nothing was done: confirm on the page that asks.',
};

const zh: DealFormsText = {
  newTitle: '开新团',
  editTitle: (no) => `修改团购 #${no}`,
  copyTitle: (no) => `再开一团：复制 #${no}`,
  fields: {
    title: '标题',
    price: '价格',
    min: '成团人数',
    stock: '库存',
    limit: '每人限购',
    ends: '截止时间',
    starts: '定时开团',
    unit: '单位',
    options: '规格',
    pickup: '自提说明',
    points: '自提点',
    category: '分类',
    from: '使用模板',
    reprice: '改价时，已下的订单',
  },
  hints: {
    price: '例如 39.9',
    min: '不填为 1',
    ends: (forms) => `例如 ${forms}；不填为 48 小时`,
    starts: '不填则立即开团',
    options: '大,中,小；或带价格和库存：5斤:59,10斤:109:20',
    points: '自提点名称或编号，用逗号分隔；不填为全部自提点',
    category: '例如 水果,生鲜：订阅了其中一个分类的成员会收到私信；写“无”清除',
    from: '未填写的内容取自所选模板',
    reprice: '只在改价格、且团里已有订单时用到',
  },
  noTemplate: '— 不使用 —',
  repriceAsk: '先问我',
  repriceAll: '全部订单按新价',
  repriceNew: '仅新订单按新价',
  editHint: '只提交你改动的内容（同“改团”）；清空的内容保持原样。',
  copyHint: (no, length) =>
    `未填写的内容取自 #${no}（同“复制团购”）；截止时间为从现在起 ${length}，与 #${no} 时长相同。`,
  photosNote: (no) => `图片请在群里发送：先发“改团 #${no} 图片”，再发图片。`,
  submitNew: '开团',
  submitEdit: '保存修改',
  submitCopy: '再开一团',
  created: (no) => `团购 #${no} 已开，团购卡片已发到群里。`,
  changed: (no) => `团购 #${no} 已修改，群里的团购卡片已更新。`,
  repriceChoose: (no, lines) =>
    `#${no} 已有 ${lines} 笔订单按原价下单，暂未保存。请在下方“改价时，已下的订单”中选择这些订单按新价还是保持原价，然后再次保存。`,
  closeTitle: (no) => `立即截团 #${no}？`,
  closeAsk: (buyers, min) =>
    buyers >= min
      ? `现有 ${buyers} / ${min} 人：截团后成团，不再接单，并在群里通知。`
      : `现有 ${buyers} / ${min} 人：截团后未成团，会通知每位买家；已付款的需要退款。`,
  cancelTitle: (no) => `取消团购 #${no}？`,
  cancelAsk: (buyers, paid) =>
    buyers === 0
      ? '还没有人下单；会在群里通知团购已取消。取消后无法恢复。'
      : `会在群里通知 ${buyers} 位买家团购已取消。已收款 ${paid}，付过款的人都会被告知将退款。取消后无法恢复。`,
  confirmClose: '确定截团',
  confirmCancel: '确定取消',
  goBack: '不了，返回',
  notConfirmed: '未执行：请在确认页面上确认。',
};

/** The deal forms' words in the community's language. */
export function dealFormsText(locale: Locale): DealFormsText {
  return locale === 'zh' ? zh : en;
}
