import { count, defineMessages } from '../src/core/i18n/index.js';
import { distinctNames } from '../src/core/names.js';

/** `@alice @bob`: members mentioned, look-alike names told apart. */
const mentions = (list: string[]) =>
  [...distinctNames(list.map((name, i) => ({ id: String(i), name }))).values()].map((n) => `@${n}`).join(' ');

/**
 * Wording of the money notices members get after a deal (src/services/pay-reminders.ts): payment
 * reminders, privately or (where the platform refuses that) in one group message mentioning them,
 * and the cancellation of lines still unpaid, with the admins' summary. A Chinese group reads the
 * Chinese keywords (`已付 #3`, `付款方式`), never the English slash forms.
 */
export const payReminderText = defineMessages('pay-reminders', {
  en: {
    remindDm: (group: string, no: number, title: string, held: string, amount: string, deadline?: string) =>
      `💰 ${group}: #${no} ${title} is on (成团) and you owe ${amount} (${held}). Send /pay in the group to see how to pay; once paid, send 已付 #${no} there (a screenshot helps).${deadline ? ` Orders still unpaid at ${deadline} are cancelled.` : ''}`,
    remindAgainDm: (
      group: string,
      no: number,
      title: string,
      held: string,
      amount: string,
      deadline?: string,
    ) =>
      `⏰ ${group}: #${no} ${title} has closed and you still owe ${amount} (${held}). Send /pay in the group to see how to pay; once paid, send 已付 #${no} there.${deadline ? ` Orders still unpaid at ${deadline} are cancelled.` : ''}`,
    remindGroup: (who: string[], no: number, title: string, deadline?: string) =>
      `${mentions(who)}: you still owe for #${no} ${title}. Send /pay to see how to pay; once paid, send 已付 #${no}.${deadline ? ` Orders still unpaid at ${deadline} are cancelled.` : ''}`,
    howToPay: (text: string) => `How to pay: ${text}`,
    cancelledDm: (group: string, no: number, title: string, held: string, deadline: string, points: number) =>
      `🚫 ${group}: your order in #${no} ${title} (${held}) was cancelled: it was still unpaid at ${deadline}.${points > 0 ? ` The ${count(points, 'point', 'points')} you used are back.` : ''} If you did pay, tell the organiser.`,
    cancelledGroup: (who: string[], no: number, title: string, deadline: string) =>
      `${mentions(who)}: your unpaid orders in #${no} ${title} were cancelled (still unpaid at ${deadline}).`,
    cancelledLine: (name: string, held: string, amount: string) => `${name} ${held} (${amount})`,
    cancelledAdmins: (no: number, title: string, deadline: string, list: string, units: number) =>
      `🚫 Still unpaid at ${deadline}, so cancelled in #${no} ${title}: ${list}. ${count(units, 'unit', 'units')} freed. /audit lists them.`,
  },
  zh: {
    remindDm: (group: string, no: number, title: string, held: string, amount: string, deadline?: string) =>
      `💰 ${group}：#${no} ${title} 已成团，你需付款 ${amount}（${held}）。在群里发送 付款方式 查看怎么付；付款后在群里发送 已付 #${no}（可附截图）。${deadline ? `${deadline} 仍未付款的订单将被取消。` : ''}`,
    remindAgainDm: (
      group: string,
      no: number,
      title: string,
      held: string,
      amount: string,
      deadline?: string,
    ) =>
      `⏰ ${group}：#${no} ${title} 已截团，你还需付款 ${amount}（${held}）。在群里发送 付款方式 查看怎么付；付款后在群里发送 已付 #${no}。${deadline ? `${deadline} 仍未付款的订单将被取消。` : ''}`,
    remindGroup: (who: string[], no: number, title: string, deadline?: string) =>
      `${mentions(who)}：你们在 #${no} ${title} 还未付款。发送 付款方式 查看怎么付；付款后发送 已付 #${no}。${deadline ? `${deadline} 仍未付款的订单将被取消。` : ''}`,
    howToPay: (text: string) => `付款方式：${text}`,
    cancelledDm: (group: string, no: number, title: string, held: string, deadline: string, points: number) =>
      `🚫 ${group}：你在 #${no} ${title} 的订单（${held}）到 ${deadline} 仍未付款，已被取消。${points > 0 ? `使用的 ${points} 积分已退回。` : ''}如已付款，请联系团长。`,
    cancelledGroup: (who: string[], no: number, title: string, deadline: string) =>
      `${mentions(who)}：你们在 #${no} ${title} 的未付款订单已取消（到 ${deadline} 仍未付款）。`,
    cancelledLine: (name: string, held: string, amount: string) => `${name} ${held}（${amount}）`,
    cancelledAdmins: (no: number, title: string, deadline: string, list: string, units: number) =>
      `🚫 #${no} ${title} 到 ${deadline} 仍未付款的订单已取消：${list}。释放 ${units} 件。发送 审计 查看记录。`,
  },
});
