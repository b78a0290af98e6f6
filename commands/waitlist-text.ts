import { defineMessages } from '../src/core/i18n/index.js';

const ordinalRules = new Intl.PluralRules('en', { type: 'ordinal' });
const SUFFIX: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
/** `1st`, `2nd`, `3rd`, `11th`: English ordinals by the language's own rules. */
export function ordinal(n: number): string {
  return `${n}${SUFFIX[ordinalRules.select(n)] ?? 'th'}`;
}

/**
 * Wording of the waitlist (候补): the answer to an order that joined it, leaving it, units given
 * from it (told privately, or in the group where the platform refuses the private chat), units
 * taken back when unpaid, the admin's /waitlist view, and the card's buttons and count.
 * `held`: what a line holds as heldLines writes it (`×2 大份`).
 */
export const waitlistText = defineMessages('waitlist', {
  en: {
    joined: (name: string, option: string, held: string, n: number) =>
      `✗ ${name}: ${option ? `${option} ` : ''}sold out — you are ${ordinal(n)} on the waitlist (${held}); you will be told privately if it frees up`,
    again: (name: string, option: string, held: string, n: number) =>
      `✗ ${name}: ${option ? `${option} ` : ''}still sold out — you are already ${ordinal(n)} on the waitlist (${held})`,
    left: (name: string, held: string) => `↩ ${name}: off the waitlist (${held})`,
    granted: (no: number, title: string, held: string, deadline: string) =>
      `🎉 #${no} ${title}: ${held} freed up and is yours from the waitlist (it is on your order now). Please pay by ${deadline}; unpaid by then, it goes to the next in line.`,
    grantedGroup: (name: string, no: number, title: string, held: string, deadline: string) =>
      `@${name}: #${no} ${title} — ${held} freed up and is yours from the waitlist. Please pay by ${deadline}; unpaid by then, it goes to the next in line.`,
    grantedArrived: (point: string, code: string, window: string) =>
      `The goods have arrived${point ? ` at ${point}` : ''}: your pickup code is ${code}${window ? `; pick up ${window}` : ''}.`,
    grantedArrivedGroup: (point: string) =>
      `The goods have arrived${point ? ` at ${point}` : ''}: send /myorders to the bot privately for your pickup code.`,
    expired: (no: number, title: string, held: string, deadline: string) =>
      `#${no} ${title}: ${held} from the waitlist was not paid by ${deadline}, so it was taken off your order (and offered to the next in line, if anyone waits).`,
    expiredGroup: (name: string, no: number, title: string, held: string, deadline: string) =>
      `@${name}: #${no} ${title} — ${held} from the waitlist was not paid by ${deadline}, so it was taken off your order (and offered to the next in line, if anyone waits).`,
    header: (no: number, title: string) => `Waitlist of #${no} ${title}, first in line first:`,
    nobodyWaits: (no: number, title: string) => `Nobody waits for #${no} ${title} now.`,
    optionHeader: (option: string, n: number) => `${option || 'Deal'} — ${n} waiting`,
    since: (at: string) => `since ${at}`,
    grantedHeader: 'Given from the waitlist, to be paid:',
    payBy: (deadline: string) => `pay by ${deadline}`,
    empty: (no: number) => `Nobody is on the waitlist of #${no}.`,
    button: (option: string) => `Waitlist ${option}`,
    dealButton: 'Join waitlist',
    waiting: (n: number) => `${n} waiting`,
  },
  zh: {
    joined: (name: string, option: string, held: string, n: number) =>
      `✗ ${name}：${option ? `${option} ` : ''}已售罄，已为你候补（${held}），排第 ${n} 位；有货时会私信通知你`,
    again: (name: string, option: string, held: string, n: number) =>
      `✗ ${name}：${option ? `${option} ` : ''}仍已售罄，你已在候补（${held}），排第 ${n} 位`,
    left: (name: string, held: string) => `↩ ${name}：已退出候补（${held}）`,
    granted: (no: number, title: string, held: string, deadline: string) =>
      `🎉 #${no} ${title}：候补成功，${held} 已加入你的订单。请在 ${deadline} 前付款，逾期未付将转给下一位候补。`,
    grantedGroup: (name: string, no: number, title: string, held: string, deadline: string) =>
      `@${name}：#${no} ${title} 候补成功，${held} 已加入你的订单。请在 ${deadline} 前付款，逾期未付将转给下一位候补。`,
    grantedArrived: (point: string, code: string, window: string) =>
      `货已到${point ? ` ${point}` : ''}：你的提货码 ${code}${window ? `，提货时间 ${window}` : ''}。`,
    grantedArrivedGroup: (point: string) =>
      `货已到${point ? ` ${point}` : ''}：请私聊机器人发送 我的订单 查看提货码。`,
    expired: (no: number, title: string, held: string, deadline: string) =>
      `#${no} ${title}：候补得到的 ${held} 未在 ${deadline} 前付款，已从你的订单中取消（如有下一位候补，将转给对方）。`,
    expiredGroup: (name: string, no: number, title: string, held: string, deadline: string) =>
      `@${name}：#${no} ${title} 候补得到的 ${held} 未在 ${deadline} 前付款，已从你的订单中取消（如有下一位候补，将转给对方）。`,
    header: (no: number, title: string) => `#${no} ${title} 候补名单（按先后顺序）：`,
    nobodyWaits: (no: number, title: string) => `#${no} ${title} 目前无人候补。`,
    optionHeader: (option: string, n: number) => `${option || '本团'}：${n} 人候补`,
    since: (at: string) => `${at} 起`,
    grantedHeader: '候补已下单、待付款：',
    payBy: (deadline: string) => `${deadline} 前付款`,
    empty: (no: number) => `#${no} 暂无候补。`,
    button: (option: string) => `候补 ${option}`,
    dealButton: '候补',
    waiting: (n: number) => `${n} 人候补`,
  },
});
