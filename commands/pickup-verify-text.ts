import { count, defineMessages, type Locale } from '../src/core/i18n/index.js';
import type { Order } from '../src/store/schema.js';

/**
 * Wording of pickup codes checked at a point (核销): the answers the checker gets, the receipt the
 * member gets, verifiers, and the code as /myorders shows it. Placeholders: `code` a pickup code,
 * `holder` the line's holder as lists show them, `line` `#3 Mangoes ×2 L`, `point` a point's name.
 */
export const verifyText = defineMessages('pickup-verify', {
  en: {
    notChecker:
      'Only admins and the verifiers of a pickup point check pickup codes. Show your code to the person handing out at your point.',
    badCode: (code: string) =>
      `${code} is not a pickup code: codes are 6 letters and digits, without 0, O, 1, I or L (e.g. K7PQ2M). Nothing was changed.`,
    unknownCode: (code: string) =>
      `No order in this group has pickup code ${code}. Check it with the member (/myorders shows theirs). Nothing was changed.`,
    noSuchPoint: (point: string, pointList: string) =>
      `There is no pickup point ${point} here.${pointList ? ` Points: ${pointList}.` : ''} Nothing was changed.`,
    pickedUp: (code: string, holder: string, line: string, point: string) =>
      `✓ ${code} picked up: hand ${holder} ${line}${point ? ` at ${point}` : ''}. Wrong code? /unverify ${code} within 10 minutes.`,
    pickedUpUnpaid: (code: string, holder: string, line: string, owed: string) =>
      `✓ ${code} handed over unpaid (${owed} still owed, noted): ${holder} ${line}. Wrong code? /unverify ${code} within 10 minutes.`,
    unpaid: (code: string, holder: string, line: string, state: string) =>
      `⚠ ${code}: ${holder} ${line} — ${state}. Not handed over yet. Collect the money first, or send /verify ${code} confirm to hand it over anyway.`,
    owing: (amount: string) => `unpaid ${amount}`,
    claimed: (amount: string) => `says they paid ${amount}, not confirmed yet`,
    already: (code: string, holder: string, line: string, at: string, by: string) =>
      `${code} was already picked up on ${at}${by ? ` (checked by ${by})` : ''}: ${holder} ${line}. Do not hand it over again.`,
    wrongPoint: (code: string, point: string, pointList: string) =>
      `${code} is picked up at ${point}, not ${pointList}. Send the member there. Nothing was changed.`,
    noPoint: (code: string) => `${code} has no pickup point: an admin checks it. Nothing was changed.`,
    notActive: (code: string, holder: string, line: string) =>
      `${code}: ${holder} ${line} was withdrawn or the deal did not go ahead. Nothing to hand over.`,
    undone: (code: string, holder: string, line: string) =>
      `↩ ${code} is waiting again: ${holder} ${line} is not picked up. The code still works.`,
    notPickedUp: (code: string) => `${code} has not been picked up, so there is nothing to undo.`,
    tooLate: (code: string, at: string) =>
      `${code} was picked up on ${at}, more than 10 minutes ago: it stays picked up. Nothing was changed.`,
    /** `/verify #3` without `all`: how to check a whole point. */
    batchHow: (no: number) =>
      `To mark every line of #${no} at a point picked up: /verify #${no} all POINT. One code: /verify CODE.`,
    whichPoint: (no: number, pointList: string) =>
      `Which point? ${pointList}. E.g. /verify #${no} all ${pointList.split(', ')[0] ?? ''}`.trimEnd(),
    notReady: (no: number) =>
      `#${no} is not closed, or did not go ahead: there is nothing to hand over yet. Nothing was changed.`,
    batchDone: (no: number, point: string, n: number) =>
      `✓ #${no}${point ? ` at ${point}` : ''}: ${count(n, 'line', 'lines')} marked picked up.`,
    batchUnpaid: (n: number, who: string, command: string) =>
      `⚠ ${count(n, 'line is', 'lines are')} unpaid and not handed over: ${who}. Send ${command} to hand them over too.`,
    batchBefore: (n: number) => `${count(n, 'line was', 'lines were')} picked up before.`,
    batchHeld: (n: number, who: string) =>
      `⏳ ${count(n, 'line', 'lines')} arrived short and wait for /short before they are handed over: ${who}.`,
    batchNone: (no: number, point: string) =>
      `#${no}${point ? ` at ${point}` : ''} has no lines to hand over.`,
    receipt: (no: number, title: string, line: string, point: string, at: string) =>
      `✓ Your #${no} ${title} ${line} ${point ? `was picked up at ${point}` : 'was handed over'} on ${at}. Not you? Tell the organiser.`,
    /** /myorders: a line's code while it waits to be picked up. */
    code: (code: string) => `pickup code ${code}`,
    codePrivately: 'pickup code: send /myorders to the bot privately',
    /** /audit lines. */
    auditPickedUp: (line: string) => `${line} picked up`,
    auditPickedUpUnpaid: (line: string, owed: string) => `${line} handed over unpaid (${owed} owed)`,
    auditUndone: (line: string) => `${line} pickup undone`,
    // Verifiers
    noPoints: 'This group has no pickup points yet: an admin adds one with /pickup add first.',
    whichPointFor: (pointList: string) =>
      `Which point? ${pointList}. E.g. /verifier add @member ${pointList.split(', ')[0]}`,
    verifierAdded: (name: string, point: string) =>
      `✓ ${name} now checks pickup codes at ${point}: they send /verify CODE (privately to the bot works best).`,
    verifierAlready: (name: string, point: string) => `${name} already checks pickup codes at ${point}.`,
    verifierRemoved: (name: string, pointList: string) =>
      `✓ ${name} no longer checks pickup codes at ${pointList}.`,
    notVerifier: (name: string) => `${name} is not a verifier here. Nothing was changed.`,
    verifiersHeader: 'Who checks pickup codes (admins check at every point):',
    verifiersLine: (point: string, name: string, who: string) =>
      `• ${point}: ${name ? `keeper ${name}` : 'no keeper'}; ${who ? `verifiers ${who}` : 'no verifiers'}`,
  },
  zh: {
    notChecker: '只有管理员和自提点核销员可以核销。请到你的自提点向负责人出示核销码。',
    badCode: (code: string) =>
      `${code} 不是核销码：核销码为 6 位字母和数字，不含 0、O、1、I、L（如 K7PQ2M）。未做任何更改。`,
    unknownCode: (code: string) =>
      `本群没有核销码为 ${code} 的订单。请与成员核对（成员发“我的订单”可查看）。未做任何更改。`,
    noSuchPoint: (point: string, pointList: string) =>
      `本群没有自提点 ${point}。${pointList ? `现有自提点：${pointList}。` : ''}未做任何更改。`,
    pickedUp: (code: string, holder: string, line: string, point: string) =>
      `✓ ${code} 已核销：请将 ${line} 交给 ${holder}${point ? `（${point}）` : ''}。核销错了？10 分钟内发送“撤销核销 ${code}”。`,
    pickedUpUnpaid: (code: string, holder: string, line: string, owed: string) =>
      `✓ ${code} 已在未付款情况下交货（仍欠 ${owed}，已记录）：${holder} ${line}。核销错了？10 分钟内发送“撤销核销 ${code}”。`,
    unpaid: (code: string, holder: string, line: string, state: string) =>
      `⚠ ${code}：${holder} ${line}——${state}。尚未核销。请先收款，或发送“核销 ${code} 确认”照常交货。`,
    owing: (amount: string) => `未付款 ${amount}`,
    claimed: (amount: string) => `已申报付款 ${amount}，尚未确认`,
    already: (code: string, holder: string, line: string, at: string, by: string) =>
      `${code} 已于 ${at} 核销${by ? `（核销人 ${by}）` : ''}：${holder} ${line}。请勿重复交货。`,
    wrongPoint: (code: string, point: string, pointList: string) =>
      `${code} 应在 ${point} 提货，不在 ${pointList}。请让成员到 ${point} 提货。未做任何更改。`,
    noPoint: (code: string) => `${code} 没有指定自提点，需由管理员核销。未做任何更改。`,
    notActive: (code: string, holder: string, line: string) =>
      `${code}：${holder} ${line} 已取消，或该团购未成团。无需交货。`,
    undone: (code: string, holder: string, line: string) =>
      `↩ 已撤销核销 ${code}：${holder} ${line} 恢复为待提货，核销码仍有效。`,
    notPickedUp: (code: string) => `${code} 尚未核销，无需撤销。`,
    tooLate: (code: string, at: string) =>
      `${code} 已于 ${at} 核销，已超过 10 分钟，不能撤销。未做任何更改。`,
    batchHow: (no: number) => `整点核销 #${no}：核销 #${no} 全部 自提点。单个核销码：核销 核销码。`,
    whichPoint: (no: number, pointList: string) =>
      `请指明自提点：${pointList}。例如：核销 #${no} 全部 ${pointList.split('、')[0] ?? ''}`.trimEnd(),
    notReady: (no: number) => `#${no} 尚未截团或未成团，暂无可交的货。未做任何更改。`,
    batchDone: (no: number, point: string, n: number) =>
      `✓ #${no}${point ? ` ${point}` : ''}：已核销 ${n} 份订单。`,
    batchUnpaid: (n: number, who: string, command: string) =>
      `⚠ ${n} 份订单未付款，未核销：${who}。如需一并交货，请发送“${command}”。`,
    batchBefore: (n: number) => `此前已核销 ${n} 份。`,
    batchHeld: (n: number, who: string) => `⏳ ${n} 份订单到货不足，待团长用“缺货”处理后再交货：${who}。`,
    batchNone: (no: number, point: string) => `#${no}${point ? ` ${point}` : ''} 没有待交货的订单。`,
    receipt: (no: number, title: string, line: string, point: string, at: string) =>
      `✓ 你在 #${no} ${title} 的 ${line} 已于 ${at} ${point ? `在 ${point} ` : ''}提货。如非本人提货，请联系团长。`,
    code: (code: string) => `核销码 ${code}`,
    codePrivately: '核销码请私聊机器人发送“我的订单”查看',
    auditPickedUp: (line: string) => `${line} 已核销提货`,
    auditPickedUpUnpaid: (line: string, owed: string) => `${line} 未付款交货（欠 ${owed}）`,
    auditUndone: (line: string) => `${line} 撤销核销`,
    noPoints: '本群还没有自提点：请管理员先发送“自提点 添加 名称”添加。',
    whichPointFor: (pointList: string) =>
      `请指明自提点：${pointList}。例如：核销员 添加 @成员 ${pointList.split('、')[0]}`,
    verifierAdded: (name: string, point: string) =>
      `✓ ${name} 现在可以在 ${point} 核销：发送“核销 核销码”即可（私聊机器人最方便）。`,
    verifierAlready: (name: string, point: string) => `${name} 已经是 ${point} 的核销员。`,
    verifierRemoved: (name: string, pointList: string) => `✓ ${name} 不再担任 ${pointList} 的核销员。`,
    notVerifier: (name: string) => `${name} 不是本群的核销员。未做任何更改。`,
    verifiersHeader: '核销员（管理员可在所有自提点核销）：',
    verifiersLine: (point: string, name: string, who: string) =>
      `• ${point}：${name ? `负责人 ${name}` : '无负责人'}；${who ? `核销员 ${who}` : '无核销员'}`,
  },
});

/**
 * A line's state in /myorders with its pickup code while the goods wait at the point:
 * `paid ¥45.00 · pickup code K7M4QX`. Said in a group, anyone there could read the code and take
 * the goods, so there it only says where to see it. The state alone for other lines.
 */
export function withPickupCode(
  locale: Locale,
  order: Pick<Order, 'pickupCode' | 'deliveredAt' | 'status'>,
  state: string,
  privately: boolean,
): string {
  if (!order.pickupCode || order.deliveredAt || order.status !== 'active') return state;
  const t = verifyText(locale);
  return `${state} · ${privately ? t.code(order.pickupCode) : t.codePrivately}`;
}
