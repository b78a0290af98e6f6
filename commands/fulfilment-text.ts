import { defineMessages } from '../src/core/i18n/index.js';
import type { GoodsState } from '../src/services/fulfilment.js';

/** A step refused because the goods are at it or past it, in English: `pickup is already over`. */
const ALREADY_EN: Record<GoodsState, string> = {
  closed: 'not shipped yet',
  shipped: 'already shipped',
  arrived: 'already arrived',
  picking: 'pickup is already open',
  done: 'pickup is already over',
};

/** A state's name in Chinese (`/goods`, and `的货已是「提货结束」` for a step refused). */
const STATE_ZH: Record<GoodsState, string> = {
  closed: '未发货',
  shipped: '已发货',
  arrived: '已到货',
  picking: '提货中',
  done: '提货结束',
};

/**
 * Wording of goods on their way to members (发货 → 到货 → 提货): the group's announcements, what
 * each buyer is told privately, shortages, and the refusals. `point`: a pickup point's name, ''
 * for lines with no point (then no place is said); `places`: several points as `东门, 西门`;
 * `held`: a line as `×2 大份`; `window`: when to pick up, as the point's times read.
 */
export const fulfilmentText = defineMessages('fulfilment', {
  en: {
    shipped: (no: number, title: string, places: string, note: string) =>
      `🚚 #${no} ${title} has shipped${places ? ` to ${places}` : ''}.${note ? ` Note: ${note}` : ''}`,
    arrived: (no: number, title: string, point: string) =>
      `📦 #${no} ${title} has arrived${point ? ` at ${point}` : ''}.`,
    tally: (tally: string) => `Arrived of ordered: ${tally}.`,
    pickupAt: (window: string) => `Pick up: ${window}.`,
    codesSent: 'Each buyer got their pickup code privately (also in /myorders).',
    codesSentRest: 'Buyers of what arrived in full got their pickup code privately (also in /myorders).',
    shortage: (short: string, rule: string, cuts: string) => `Short ${short} (${rule}): ${cuts}.`,
    ruleFirst: 'last orders first',
    ruleProrata: 'shared in proportion',
    cut: (name: string, held: string, qty: number) => `${name} ${held} → ×${qty}`,
    cutAll: (name: string, held: string) => `${name} ${held} → none arrived, withdrawn`,
    owedBack: (list: string, no: number) =>
      `Owed back: ${list}. Record each refund with /refund #${no} @member once paid back.`,
    surplus: (extra: string) => `More than ordered: ${extra} (recorded; no order changed).`,
    manualShort: (short: string, no: number, options: string) =>
      `Short ${short}: no order was changed (pickup.shortage=manual). Take units off with /short #${no} @member [option] N; ${options ? `the buyers of ${options}` : 'the buyers'} get their pickup codes once their orders fit what arrived.`,
    settled: (options: string, point: string) =>
      `${options || 'The goods'}${point ? ` at ${point}` : ''} now fits what arrived: its buyers got their pickup codes privately.`,
    picking: (no: number, title: string, point: string, window: string) =>
      `🛍 #${no} ${title}: pickup${point ? ` at ${point}` : ''} is open now${window ? ` (${window})` : ''}. Show your pickup code when you collect.`,
    done: (no: number, title: string, point: string, picked: number, total: number) =>
      `✅ #${no} ${title}: pickup${point ? ` at ${point}` : ''} is over. Picked up: ${picked} of ${total}.`,
    notPicked: (list: string) => `Not picked up: ${list}.`,
    shortReply: (no: number, cut: string, amount: string) => `✂️ #${no}: ${cut} (${amount} less).`,

    shippedDm: (group: string, no: number, title: string, note: string) =>
      `🚚 ${group}: #${no} ${title} has shipped.${note ? ` Note: ${note}` : ''} You will be told when it arrives.`,
    arrivedDm: (group: string, no: number, title: string, point: string) =>
      `📦 ${group}: #${no} ${title} has arrived${point ? ` at ${point}` : ''}.`,
    yourCodes: (codes: string) => `Your pickup code: ${codes}.`,
    yourHeld: (held: string) =>
      `Fewer arrived than were ordered of your ${held}: the organiser will tell you how many you get, and your pickup code for it comes then.`,
    readyDm: (group: string, no: number, title: string, point: string) =>
      `📦 ${group}: #${no} ${title}${point ? ` at ${point}` : ''}: the shortage is settled and your order is ready to pick up.`,
    yourCut: (held: string, qty: number, amount: string) =>
      `Fewer arrived than ordered: your ${held} is now ×${qty} (${amount} less).`,
    yourCutAll: (held: string, amount: string) =>
      `None of your ${held} arrived: that order is withdrawn (${amount} less).`,
    yourRefund: (refund: string) => `${refund} will be refunded to you.`,
    yourOwed: (owed: string) => `You now owe ${owed}.`,
    shortDm: (group: string, no: number, title: string) => `✂️ ${group}: #${no} ${title}.`,
    pickingDm: (group: string, no: number, title: string, point: string, window: string) =>
      `🛍 ${group}: pickup of #${no} ${title}${point ? ` at ${point}` : ''} is open now${window ? ` (${window})` : ''}.`,
    doneDm: (group: string, no: number, title: string, point: string, held: string) =>
      `⌛ ${group}: pickup of #${no} ${title}${point ? ` at ${point}` : ''} is over and your ${held} was not picked up. Please contact the organiser.`,
    unreached: (who: string[], no: number, title: string, point: string) =>
      `${who.map((w) => `@${w}`).join(' ')}: #${no} ${title} has arrived${point ? ` at ${point}` : ''}, and I could not message you privately. Send /myorders to see your pickup code.`,

    stillOpen: (no: number) =>
      `#${no} still takes orders: goods are recorded once it has closed (/deal close #${no}). Nothing changed.`,
    didNotGoAhead: (no: number) => `#${no} did not go ahead: there are no goods to deliver. Nothing changed.`,
    unknownPoint: (no: number, word: string, places: string) =>
      `#${no} has no pickup point "${word}"; its points: ${places}. Nothing changed.`,
    notInDeal: (no: number, point: string, places: string) =>
      `${point} is not a pickup point of #${no} (it delivers to ${places}). Nothing changed.`,
    whichPoint: (no: number, places: string, example: string) =>
      `Which pickup point? #${no} delivers to ${places}, e.g. ${example}. Nothing changed.`,
    keeperOnly: (point: string) =>
      `Only an admin or the keeper of ${point} can record that. Nothing changed.`,
    adminOnly: 'Only an admin can record goods of orders without a pickup point. Nothing changed.',
    already: (no: number, point: string, state: GoodsState, at: string) =>
      `Goods of #${no}${point ? ` at ${point}` : ''}: ${ALREADY_EN[state]} (${at}). Nothing changed.`,
    notArrived: (no: number, point: string, example: string) =>
      `Goods of #${no} have not arrived${point ? ` at ${point}` : ''} yet: record the arrival first (${example}). Nothing changed.`,
    noLines: (no: number, point: string) =>
      `Nobody has an order of #${no}${point ? ` for ${point}` : ''}: nothing to record.`,
    unknownOption: (no: number, option: string, options: string) =>
      `#${no} has no option ${option} (options: ${options}). Nothing recorded.`,
    needsOption: (no: number, example: string) =>
      `#${no} has options: count each one, e.g. ${example}. Nothing recorded.`,
    twice: (option: string) => `${option || 'The units'} counted twice. Nothing recorded.`,
    badUnits: (word: string, max: number) =>
      `"${word}" is not a count of units that arrived (0 to ${max} per option, e.g. 18 or L=18). Nothing recorded.`,
    missingOption: (option: string, qty: number, example: string) =>
      `How many ${option} arrived (${qty} ordered)? Count every option, e.g. ${example}. Nothing recorded.`,
    noLineOf: (name: string, no: number) => `${name} has no order in #${no}. Nothing changed.`,
    whichLine: (name: string, no: number, held: string) =>
      `${name} has several orders in #${no} (${held}): name the option, e.g. /short #${no} @${name} OPTION 1. Nothing changed.`,
    tooMany: (name: string, held: string) =>
      `${name} holds ${held}: that is the most that can be taken off. Nothing changed.`,
    badQty: (no: number) =>
      `Say how many units to take off (1 or more), e.g. /short #${no} @member 1. Nothing changed.`,

    stateClosed: 'not shipped yet',
    stateShipped: 'shipped',
    stateArrived: 'arrived',
    statePicking: 'open for pickup',
    stateDone: 'pickup over',
    noPoint: 'no pickup point',
    allOrders: 'all orders',
    goodsHeader: (no: number, title: string) => `#${no} ${title} — goods by pickup point:`,
    goodsLine: (point: string, state: string, at: string, picked: number, total: number) =>
      `• ${point}: ${state}${at ? ` (${at})` : ''} · picked up ${picked} of ${total}`,
    goodsNone: (no: number) => `#${no} has no orders to deliver.`,
    auditShorted: (line: string, units: number, amount: string) => `${line}: ${units} short (${amount} less)`,
  },
  zh: {
    shipped: (no: number, title: string, places: string, note: string) =>
      `🚚 #${no} ${title} 已发货${places ? `（${places}）` : ''}。${note ? `备注：${note}` : ''}`,
    arrived: (no: number, title: string, point: string) =>
      `📦 #${no} ${title} ${point ? `已到 ${point}` : '已到货'}。`,
    tally: (tally: string) => `到货/订购：${tally}。`,
    pickupAt: (window: string) => `提货时间：${window}。`,
    codesSent: '提货码已私信发给每位买家（发送 我的订单 也能查看）。',
    codesSentRest: '到货齐全的买家已私信收到提货码（发送 我的订单 也能查看）。',
    shortage: (short: string, rule: string, cuts: string) => `缺货 ${short}（${rule}）：${cuts}。`,
    ruleFirst: '后下单的先缺',
    ruleProrata: '按比例分配',
    cut: (name: string, held: string, qty: number) => `${name} ${held} → ×${qty}`,
    cutAll: (name: string, held: string) => `${name} ${held} → 全部缺货，已取消`,
    owedBack: (list: string, no: number) => `需退款：${list}。退款后发送 退款 #${no} @成员 记录。`,
    surplus: (extra: string) => `多到：${extra}（已记录，订单不变）。`,
    manualShort: (short: string, no: number, options: string) =>
      `缺货 ${short}：订单未改动（缺货规则=手动）。请发送 缺货 #${no} @成员 [规格] 数量 扣减；${options ? `${options} 的买家` : '买家'}在订单与到货数一致后收到提货码。`,
    settled: (options: string, point: string) =>
      `${point ? `${point} 的 ` : ''}${options || '货'} 已与到货数一致，提货码已私信发给买家。`,
    picking: (no: number, title: string, point: string, window: string) =>
      `🛍 #${no} ${title}：${point ? `${point} ` : ''}现在开始提货${window ? `（${window}）` : ''}。取货时请出示提货码。`,
    done: (no: number, title: string, point: string, picked: number, total: number) =>
      `✅ #${no} ${title}：${point ? `${point} ` : ''}提货结束。已提货 ${picked}/${total}。`,
    notPicked: (list: string) => `未提货：${list}。`,
    shortReply: (no: number, cut: string, amount: string) => `✂️ #${no}：${cut}（少 ${amount}）。`,

    shippedDm: (group: string, no: number, title: string, note: string) =>
      `🚚 ${group}：#${no} ${title} 已发货。${note ? `备注：${note}。` : ''}到货后会通知你。`,
    arrivedDm: (group: string, no: number, title: string, point: string) =>
      `📦 ${group}：#${no} ${title} ${point ? `已到 ${point}` : '已到货'}。`,
    yourCodes: (codes: string) => `你的提货码：${codes}。`,
    yourHeld: (held: string) => `你的 ${held} 到货不足：团长确定你能拿到的数量后会通知你，届时再发提货码。`,
    readyDm: (group: string, no: number, title: string, point: string) =>
      `📦 ${group}：#${no} ${title}${point ? ` ${point}` : ''} 缺货已处理，你的订单可以提货了。`,
    yourCut: (held: string, qty: number, amount: string) =>
      `到货不足：你的 ${held} 改为 ×${qty}（少 ${amount}）。`,
    yourCutAll: (held: string, amount: string) => `你的 ${held} 全部缺货，该订单已取消（少 ${amount}）。`,
    yourRefund: (refund: string) => `将退还你 ${refund}。`,
    yourOwed: (owed: string) => `现在需付 ${owed}。`,
    shortDm: (group: string, no: number, title: string) => `✂️ ${group}：#${no} ${title}。`,
    pickingDm: (group: string, no: number, title: string, point: string, window: string) =>
      `🛍 ${group}：#${no} ${title} ${point ? `${point} ` : ''}现在开始提货${window ? `（${window}）` : ''}。`,
    doneDm: (group: string, no: number, title: string, point: string, held: string) =>
      `⌛ ${group}：#${no} ${title} ${point ? `${point} ` : ''}提货已结束，你的 ${held} 还没有提。请联系团长。`,
    unreached: (who: string[], no: number, title: string, point: string) =>
      `${who.map((w) => `@${w}`).join(' ')}：#${no} ${title} ${point ? `已到 ${point}` : '已到货'}，无法私信你们。发送 我的订单 查看提货码。`,

    stillOpen: (no: number) => `#${no} 还在接单：截团后才能记录发货和到货（截团 #${no}）。未做任何更改。`,
    didNotGoAhead: (no: number) => `#${no} 未成团或已取消，没有需要配送的货。未做任何更改。`,
    unknownPoint: (no: number, word: string, places: string) =>
      `#${no} 没有自提点「${word}」；它的自提点：${places}。未做任何更改。`,
    notInDeal: (no: number, point: string, places: string) =>
      `${point} 不是 #${no} 的自提点（送到 ${places}）。未做任何更改。`,
    whichPoint: (no: number, places: string, example: string) =>
      `哪个自提点？#${no} 送到 ${places}，例如 ${example}。未做任何更改。`,
    keeperOnly: (point: string) => `只有管理员或 ${point} 的负责人可以记录。未做任何更改。`,
    adminOnly: '没有自提点的订单只有管理员可以记录到货。未做任何更改。',
    already: (no: number, point: string, state: GoodsState, at: string) =>
      `#${no}${point ? ` ${point}` : ''} 的货已是「${STATE_ZH[state]}」（${at}）。未做任何更改。`,
    notArrived: (no: number, point: string, example: string) =>
      `#${no} 的货还没有到${point ? ` ${point}` : ''}：请先记录到货（${example}）。未做任何更改。`,
    noLines: (no: number, point: string) => `#${no}${point ? ` 在 ${point}` : ''} 没有订单，无需记录。`,
    unknownOption: (no: number, option: string, options: string) =>
      `#${no} 没有规格 ${option}（规格：${options}）。未记录。`,
    needsOption: (no: number, example: string) =>
      `#${no} 有多个规格：请分别写数量，例如 ${example}。未记录。`,
    twice: (option: string) => `${option || '数量'} 写了两次。未记录。`,
    badUnits: (word: string, max: number) =>
      `「${word}」不是到货数量（每个规格 0 到 ${max}，例如 18 或 大份=18）。未记录。`,
    missingOption: (option: string, qty: number, example: string) =>
      `${option} 到了多少（订了 ${qty}）？请写出每个规格，例如 ${example}。未记录。`,
    noLineOf: (name: string, no: number) => `${name} 在 #${no} 没有订单。未做任何更改。`,
    whichLine: (name: string, no: number, held: string) =>
      `${name} 在 #${no} 有多个订单（${held}）：请写明规格，例如 缺货 #${no} @${name} 规格 1。未做任何更改。`,
    tooMany: (name: string, held: string) => `${name} 只有 ${held}，不能扣减更多。未做任何更改。`,
    badQty: (no: number) => `请写明扣减几件（至少 1），例如 缺货 #${no} @成员 1。未做任何更改。`,

    stateClosed: STATE_ZH.closed,
    stateShipped: STATE_ZH.shipped,
    stateArrived: STATE_ZH.arrived,
    statePicking: STATE_ZH.picking,
    stateDone: STATE_ZH.done,
    noPoint: '未选自提点',
    allOrders: '全部订单',
    goodsHeader: (no: number, title: string) => `#${no} ${title} 各自提点到货情况：`,
    goodsLine: (point: string, state: string, at: string, picked: number, total: number) =>
      `• ${point}：${state}${at ? `（${at}）` : ''} · 已提货 ${picked}/${total}`,
    goodsNone: (no: number) => `#${no} 没有需要配送的订单。`,
    auditShorted: (line: string, units: number, amount: string) => `${line}：缺货 ${units}（少 ${amount}）`,
  },
});
