/**
 * The words of command arguments in Chinese: option names (`价格=39.9` is `price=39.9`), the fixed
 * words some arguments take (`确认` is `confirm`), and how an argument is named in a refusal.
 * A Chinese group types these; the commands still see one canonical (English) value.
 */
import type { Locale } from './index.js';

/**
 * Chinese option names and the declared option each stands for. Only names a leader or member
 * would type in a group; technical settings keep their dotted names (`ref.join=5`).
 */
export const OPTION_KEYS_ZH: Readonly<Record<string, string>> = {
  标题: 'title',
  价格: 'price',
  改价: 'reprice',
  单价: 'price',
  成团人数: 'min',
  成团: 'min',
  库存: 'stock',
  限购: 'limit',
  截止: 'ends',
  截止时间: 'ends',
  // When a scheduled deal opens (定时开团): `开始=周五20:00`.
  开始: 'starts',
  开始时间: 'starts',
  开团时间: 'starts',
  单位: 'unit',
  规格: 'options',
  自提点: 'pickup',
  自提: 'pickup',
  // A deal's pickup points (`提货点=东门,西门`) and a point's own fields (`自提点 添加 东门 时间=…`).
  提货点: 'points',
  // A deal's categories (`分类=水果,生鲜`): members subscribe to them (src/services/categories.ts).
  分类: 'category',
  类别: 'category',
  // `开团 模板=芒果`: a new deal from a saved template (src/services/templates.ts).
  模板: 'from',
  名称: 'name',
  时间: 'times',
  开放时间: 'times',
  自提时间: 'times',
  负责人: 'keeper',
  用积分: 'use',
  积分: 'use',
  代订: 'for',
  兴趣: 'interests',
  地区: 'area',
  时区: 'tz',
  货币: 'currency',
  付款提醒: 'pay.remind',
  再次付款提醒: 'pay.remind_again',
  未付款自动取消: 'orders.unpaid_cancel',
  取货提醒: 'pickup.remind',
  缺货规则: 'pickup.shortage',
  // After-sales (`售后 #3 "坏了2个" 金额=10 序号=2`) and its settings.
  金额: 'amount',
  序号: 'line',
  售后期限: 'aftersale.window',
  售后提醒: 'aftersale.remind',
  // A deal's photos: `改团 #3 图片` (send them next), `改团 #3 图片=无` (remove them).
  图片: 'photo',
  照片: 'photo',
  // A shared deal in linked groups: `开团 "芒果" 价格=39 群=全部` (or `群=二群,三群`).
  群: 'groups',
};

/** Fixed argument words in Chinese and the value the command declares (`订单 #3 未付款`). */
export const VALUE_WORDS_ZH: Readonly<Record<string, string>> = {
  确认: 'confirm',
  关闭: 'off',
  未付款: 'unpaid',
  // `订单 #3 待确认`, `订单 #3 退款`: the money views of /orders.
  待确认: 'claimed',
  已报付款: 'claimed',
  退款: 'refunds',
  导出: 'csv',
  表格: 'csv',
  本周: 'week',
  本月: 'month',
  全部: 'all',
  // `/deal edit #3 price=… reprice=new`: only orders taken from now on pay the new price.
  新单: 'new',
  仅新单: 'new',
  开: 'on',
  开启: 'on',
  关: 'off',
  中文: 'zh',
  // `缺货规则=按比例`: the values of pickup.shortage.
  后单先缺: 'first',
  按比例: 'prorata',
  手动: 'manual',
  英文: 'en',
  // `设置 时区=北京`: Beijing time, as `时区 北京` (/tz) takes it.
  北京: 'Asia/Shanghai',
  北京时间: 'Asia/Shanghai',
};

/** How a declared value is shown to a Chinese group (the first Chinese word for it). */
export function valueWordZh(value: string): string {
  if (value === 'csv' || value === 'json') return value.toUpperCase();
  return Object.entries(VALUE_WORDS_ZH).find(([, v]) => v === value)?.[0] ?? value;
}

const LABELS: Record<Locale, Readonly<Record<string, string>>> = {
  en: {
    no: 'number',
    line: 'roster number',
    ticket: 'ticket number',
    rest: 'amount and note',
    min: 'group size',
    starts: 'start',
    use: 'points to use',
    words: 'option or note',
    view: 'view',
    for: 'ordered for',
    point: 'pickup point',
    goods: 'pickup point and units',
    // `/verify CODE|#3 [POINT] [confirm]`
    check: 'pickup code or deal',
    detail: 'point or confirm',
    from: 'template',
    action: 'on or off',
    purpose: 'use',
  },
  zh: {
    deal: '团号',
    qty: '数量',
    title: '标题',
    price: '价格',
    min: '成团人数',
    stock: '库存',
    limit: '限购',
    ends: '截止时间',
    starts: '开团时间',
    unit: '单位',
    options: '规格',
    option: '规格',
    reprice: '改价方式',
    photo: '图片',
    pickup: '自提点',
    point: '自提点',
    goods: '自提点和到货数量',
    points: '提货点',
    groups: '群',
    // A deal's categories (`分类=水果`) and the ones a member subscribes to (`订阅 水果`).
    category: '分类',
    categories: '分类',
    name: '名称',
    times: '开放时间',
    keeper: '负责人',
    member: '成员',
    amount: '积分数',
    reason: '原因',
    page: '页码',
    period: '时间段',
    code: '邀请码',
    text: '内容',
    stars: '星级',
    no: '编号',
    when: '时间',
    locale: '语言',
    view: '查看方式',
    confirm: '确认',
    off: '关闭',
    interests: '兴趣',
    area: '地区',
    use: '抵扣积分',
    words: '规格或备注',
    command: '命令名',
    payload: '参数',
    format: '格式',
    for: '代订人',
    note: '备注',
    tz: '时区',
    currency: '货币',
    'pay.remind': '付款提醒',
    'pay.remind_again': '再次付款提醒',
    'orders.unpaid_cancel': '未付款自动取消',
    'pickup.remind': '取货提醒',
    'pickup.shortage': '缺货规则',
    check: '核销码或团号',
    detail: '自提点或确认',
    from: '模板',
    // After-sales (`售后 #3 "坏了2个" 序号=2`, `售后 同意 T3 8 已补发`).
    line: '序号',
    ticket: '售后单号',
    rest: '金额和备注',
    // `隐私 开启 推荐` (commands/consent.ts).
    action: '开启或关闭',
    purpose: '用途',
  },
};

/** An argument's name as a refusal says it: `qty` → `数量` / `quantity`; unknown names as declared. */
export function argLabel(arg: string, locale: Locale): string {
  return LABELS[locale][arg] ?? arg;
}

/** True when a Chinese label exists for the argument (the keyword test checks every command's). */
export function hasZhLabel(arg: string): boolean {
  return arg in LABELS.zh;
}
