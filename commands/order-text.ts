import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';
import { showName } from '../src/core/names.js';
import { memberNames } from '../src/services/member-names.js';
import type { Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';

/**
 * Wording of order lines: the roster line, the problems an order can meet (each one line, batched
 * per deal: a burst of sold-outs is one message), the hint for an order that could not be read,
 * and re-pricing. Deal-level wording (cards, 成团, closing) is in deal-text.ts.
 */
export const orderText = defineMessages('orders', {
  en: {
    soldOut: (name: string, option: string) => `✗ ${name}: ${option ? `${option} ` : ''}sold out`,
    onlyLeft: (name: string, left: number, example: string) =>
      `✗ ${name}: only ${left} left — send ${example} to take ${left === 1 ? 'it' : 'them'}`,
    overLimit: (name: string, limit: number) =>
      `✗ ${name}: the limit is ${limit} per member (all your lines together)`,
    badQty: (name: string) => `✗ ${name}: the quantity must be a whole number from 1 to 999`,
    optionRequired: (name: string, options: string, example: string) =>
      `✗ ${name}: which option? ${options} — reply with the option, e.g. ${example}`,
    unknownOption: (name: string, option: string, options: string) =>
      options ? `✗ ${name}: no option "${option}"; choose ${options}` : `✗ ${name}: this deal has no options`,
    closed: (name: string) => `✗ ${name}: the deal is closed`,
    notEnoughPoints: (name: string, balance: number) =>
      `✗ ${name}: you have only ${count(balance, 'point', 'points')}; nothing was ordered`,
    whichLine: (name: string, lines: string, example: string) =>
      `✗ ${name}: you hold ${lines} — say which, e.g. ${example}`,
    noOrder: (name: string) => `✗ ${name}: you have no order here`,
    withdrew: (name: string, what: string) => `↩ ${name}: ${what} withdrawn`,
    // The deal card's buttons, and the private answers to a tap on them.
    orderButton: 'Order +1',
    optionButton: (option: string) => `+1 ${option}`,
    withdrawButton: 'Withdraw',
    tapOrdered: (no: number, title: string, held: string) => `✓ #${no} ${title}: you have ${held}`,
    tapWithdrew: (no: number, what: string) => `↩ #${no}: ${what} withdrawn`,
    hint: (name: string, no: number, option: string) =>
      `${name}: I could not read that as an order for #${no}, so nothing was ordered. Send +2, 2份${option ? `, ${option}+1` : ''}, 改3 or 不要了 (or /join #${no} 2).`,
    proxyOf: (forName: string, by: string) => `${forName} (ordered by ${by})`,
    repriceAsk: (no: number, lines: number, command: string) =>
      `${lines} ${lines === 1 ? 'order' : 'orders'} in #${no} ${lines === 1 ? 'was' : 'were'} taken at the old price. Nothing changed yet: send ${command} reprice=all to charge them the new price too, or ${command} reprice=new to keep their price (only new orders pay the new one).`,
    repriced: (no: number, lines: number) =>
      `Deal #${no} updated; ${lines} existing ${lines === 1 ? 'order takes' : 'orders take'} the new price.`,
    kept: (no: number, lines: number) =>
      `Deal #${no} updated; ${lines} existing ${lines === 1 ? 'order keeps its' : 'orders keep their'} price, new orders pay the new one.`,
    optionInUse: (no: number, option: string) =>
      `Option "${option}" of #${no} has orders, so it cannot be removed.`,
    optionStockBelowSold: (no: number, option: string, sold: number) =>
      `Option "${option}" of #${no} already sold ${sold}; its stock cannot be lower.`,
    badOptions:
      'Invalid options: list NAME or NAME:PRICE or NAME:PRICE:STOCK, separated by commas, e.g. options="5斤:59,10斤:109:20".',
    optionsPriced: (no: number) =>
      `Every option of #${no} has its own price, so price= changes nothing: change the options' prices with options="NAME:PRICE,…".`,
    noPay: 'nothing to pay',
    lowerNeedsChange: (name: string, held: string, qty: number, example: string) =>
      `✗ ${name}: you hold ${held}; nothing changed — to make it ×${qty}, send ${example}`,
    optionsAfterOrders: (no: number) =>
      `#${no} already has orders without an option, so options cannot be added; open a new deal with them.`,
    forAdminsOnly: 'Only admins order for someone else by command; members write +1 帮NAME.',
    total: 'Total',
    units: (n: number) => count(n, 'unit', 'units'),
  },
  zh: {
    soldOut: (name: string, option: string) => `✗ ${name}：${option ? `${option} ` : ''}已售罄`,
    onlyLeft: (name: string, left: number, example: string) =>
      `✗ ${name}：只剩 ${left} 件，发送 ${example} 即可拍下`,
    overLimit: (name: string, limit: number) => `✗ ${name}：每人限购 ${limit} 件（所有规格合计）`,
    badQty: (name: string) => `✗ ${name}：数量必须是 1 到 999 的整数`,
    optionRequired: (name: string, options: string, example: string) =>
      `✗ ${name}：要哪个规格？${options}，直接回复规格即可，例如 ${example}`,
    unknownOption: (name: string, option: string, options: string) =>
      options ? `✗ ${name}：没有规格"${option}"，可选：${options}` : `✗ ${name}：这个团没有规格`,
    closed: (name: string) => `✗ ${name}：已截团`,
    notEnoughPoints: (name: string, balance: number) => `✗ ${name}：你只有 ${balance} 积分，未下单`,
    whichLine: (name: string, lines: string, example: string) =>
      `✗ ${name}：你有 ${lines}，请说明是哪一份，例如 ${example}`,
    noOrder: (name: string) => `✗ ${name}：你在这个团没有订单`,
    withdrew: (name: string, what: string) => `↩ ${name}：已取消 ${what}`,
    orderButton: '下单 +1',
    optionButton: (option: string) => `+1 ${option}`,
    withdrawButton: '取消',
    tapOrdered: (no: number, title: string, held: string) => `✓ #${no} ${title}：你已订 ${held}`,
    tapWithdrew: (no: number, what: string) => `↩ #${no}：已取消 ${what}`,
    hint: (name: string, no: number, option: string) =>
      `${name}：没看懂这条接龙，未下单。可以发：+2、2份${option ? `、${option}+1` : ''}、改3、不要了（或 参团 #${no} 2）。`,
    proxyOf: (forName: string, by: string) => `${forName}（${by} 代订）`,
    repriceAsk: (no: number, lines: number, command: string) =>
      `#${no} 已有 ${lines} 笔订单按原价下单，暂未修改。发送 ${command} 改价=全部 让这些订单也按新价，或 ${command} 改价=新单 保持原价（只有新订单按新价）。`,
    repriced: (no: number, lines: number) => `团购 #${no} 已更新，${lines} 笔已有订单改按新价。`,
    kept: (no: number, lines: number) => `团购 #${no} 已更新，${lines} 笔已有订单保持原价，新订单按新价。`,
    optionInUse: (no: number, option: string) => `#${no} 的规格"${option}"已有订单，不能删除。`,
    optionStockBelowSold: (no: number, option: string, sold: number) =>
      `#${no} 的规格"${option}"已售出 ${sold} 件，库存不能更少。`,
    badOptions:
      '规格无效：用逗号分隔，每项写 名称、名称:价格 或 名称:价格:库存，例如 options="5斤:59,10斤:109:20"。',
    optionsPriced: (no: number) =>
      `#${no} 的每个规格都有自己的价格，改 价格= 不会生效：请用 规格="名称:价格,…" 修改规格价格。`,
    noPay: '无需付款',
    lowerNeedsChange: (name: string, held: string, qty: number, example: string) =>
      `✗ ${name}：你已有 ${held}，未做更改；要改成 ×${qty} 请发 ${example}`,
    optionsAfterOrders: (no: number) => `#${no} 已有不分规格的订单，不能再加规格；请带规格另开一团。`,
    forAdminsOnly: '只有管理员能用命令代订；成员请发 +1 帮某某。',
    total: '合计',
    units: (n: number) => `${n} 件`,
  },
});

/** `×2 小份`: quantity and option of a line. */
export function lineLabel(order: Pick<Order, 'qty' | 'option'>): string {
  return `×${order.qty}${order.option ? ` ${order.option}` : ''}`;
}

/**
 * Shown names of the people who hold a list of lines (of one community), by user id: look-alike
 * names told apart, each by the label that names that member everywhere (`Alice (2)`: memberNames).
 */
export function holderNames(tables: Tables, orders: readonly Order[]): Map<string, string> {
  const first = orders[0];
  if (!first) return new Map();
  return memberNames(
    tables,
    first.communityId,
    orders.map((o) => ({ id: o.userId, name: o.name })),
  );
}

/**
 * Who a line is for as the roster shows it: the orderer, or `王阿姨（alice 代订）`; names fenced
 * (showName). `names`: the list's holderNames, so look-alikes on one list stay apart.
 */
export function lineOwner(locale: Locale, order: Order, names?: ReadonlyMap<string, string>): string {
  const name = names?.get(order.userId) ?? showName(order.name);
  return order.for ? orderText(locale).proxyOf(showName(order.for), name) : name;
}

/**
 * `3. 阿强 ×2 小份（周六来拿）`: a roster line (the note in the group's brackets); `index` undefined
 * for a withdrawn line listed for its money, which has no number (`– 阿强 ×2 小份`).
 */
export function rosterLine(
  locale: Locale,
  order: Order,
  index: number | undefined,
  names?: ReadonlyMap<string, string>,
): string {
  const note = order.note
    ? locale === 'zh'
      ? `（${showName(order.note)}）`
      : ` (${showName(order.note)})`
    : '';
  const no = index === undefined ? '–' : `${index + 1}.`;
  return `${no} ${lineOwner(locale, order, names)} ${lineLabel(order)}${note}`;
}
