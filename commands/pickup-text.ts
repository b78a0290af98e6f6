import { defineMessages } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';

/**
 * Wording of pickup points (自提点): the admins' /pickup list and changes, a member's usual point
 * (/mypoint), the question "which point?" when an order names none, the card's points line,
 * point buttons and the headings rosters are grouped under. `list`: points as `1 东门驿站, 2 西门`.
 */
export const pickupText = defineMessages('pickup', {
  en: {
    listHeader: 'Pickup points:',
    listLine: (no: number, name: string, times: string, keeper: string) =>
      `${no}. ${name}${times ? ` — ${times}` : ''}${keeper ? ` · keeper ${keeper}` : ''}`,
    listFoot: (example: string) =>
      `Name one when you order (+1 ${example}), or set your usual point once: /mypoint ${example}`,
    none: 'No pickup points yet. An admin adds one: /pickup add "东门驿站" times="周六 10:00-12:00" keeper=@alice',
    added: (no: number, name: string) => `Pickup point ${no} ${name} added.`,
    edited: (no: number, name: string) => `Pickup point ${no} ${name} updated.`,
    timesUnread:
      'Its times are shown as written; reminders need a day and a time range, e.g. 周六 10:00-12:00 or Sat 10:00-12:00.',
    removed: (no: number, name: string, lines: number) =>
      `Pickup point ${no} ${name} removed: it takes no new orders.${lines ? ` Open deals still have ${count(lines, 'line', 'lines')} there.` : ''}`,
    nameTaken: (name: string, no: number) =>
      `There is already a pickup point ${no} ${name}; nothing changed.`,
    badName: 'A pickup point’s name is 1 to 40 characters and not only a number; nothing changed.',
    unknownPoint: (word: string, list: string) =>
      list
        ? `No pickup point "${word}"; the points are ${list}. Nothing changed.`
        : `No pickup point "${word}": this group has none yet (/pickup add). Nothing changed.`,
    noChanges: 'Nothing to change: give name=, times= or keeper= (keeper=off clears it).',
    myPoint: (name: string, times: string) =>
      `Your usual pickup point: ${name}${times ? ` (${times})` : ''}. Your orders go there unless you name another. Change it: /mypoint NAME · clear it: /mypoint off`,
    myPointNone: (list: string, example: string) =>
      `You have no usual pickup point. Points: ${list}. Choose one: /mypoint ${example}`,
    myPointSet: (name: string) =>
      `Your usual pickup point is now ${name}: orders go there unless you name another point in them.`,
    myPointCleared: 'Your usual pickup point is cleared.',
    noPoints: 'This group has no pickup points.',
    pointRequired: (name: string, points: string, example: string) =>
      `✗ ${name}: which pickup point? ${points} — reply with one, e.g. ${example} (or set your usual one: /mypoint ${example})`,
    pointRequiredCommand: (name: string, points: string, example: string) =>
      `✗ ${name}: which pickup point? ${points} — e.g. ${example}`,
    pointNotOffered: (name: string, no: number, point: string, points: string) =>
      `✗ ${name}: #${no} is not delivered to ${point}; choose ${points}`,
    severalPoints: (name: string, points: string) =>
      `✗ ${name}: one pickup point per order, not ${points}; nothing was ordered`,
    pointsLine: (points: string) => `Pickup points: ${points}`,
    orderExample: (example: string) => `Order: send ${example} · cancel: -1`,
    heading: (name: string, units: number) => `📍 ${name} (${count(units, 'unit', 'units')})`,
    noPoint: 'no pickup point',
    button: (name: string) => `📍 ${name}`,
    tapMoved: (no: number, name: string) => `✓ #${no}: your order goes to ${name}`,
    tapSame: (no: number, name: string) => `✓ #${no}: your order already goes to ${name}`,
    tapOrderFirst: (no: number) =>
      `#${no}: you have no order yet — tap +1 first, then choose your pickup point.`,
    dealPointInUse: (no: number, name: string) =>
      `${name} has orders in #${no}, so the deal keeps delivering there; nothing changed.`,
  },
  zh: {
    listHeader: '自提点：',
    listLine: (no: number, name: string, times: string, keeper: string) =>
      `${no}. ${name}${times ? ` — ${times}` : ''}${keeper ? ` · 负责人 ${keeper}` : ''}`,
    listFoot: (example: string) =>
      `下单时写上自提点（+1 ${example}），或设置常用自提点：我的自提点 ${example}`,
    none: '还没有自提点。管理员可以添加：自提点 添加 "东门驿站" 时间="周六 10:00-12:00" 负责人=@成员',
    added: (no: number, name: string) => `已添加自提点 ${no} ${name}。`,
    edited: (no: number, name: string) => `自提点 ${no} ${name} 已更新。`,
    timesUnread: '开放时间按原文显示；要定时提醒，请写明星期和时间段，例如 周六 10:00-12:00。',
    removed: (no: number, name: string, lines: number) =>
      `已删除自提点 ${no} ${name}，不再接新订单。${lines ? `进行中的团购仍有 ${lines} 笔订单在此自提。` : ''}`,
    nameTaken: (name: string, no: number) => `已有自提点 ${no} ${name}，未做任何更改。`,
    badName: '自提点名称为 1 到 40 个字，且不能只是数字；未做任何更改。',
    unknownPoint: (word: string, list: string) =>
      list
        ? `没有自提点"${word}"，现有自提点：${list}。未做任何更改。`
        : `没有自提点"${word}"：本群还没有自提点（自提点 添加）。未做任何更改。`,
    noChanges: '没有要修改的内容：请写 名称=、时间= 或 负责人=（负责人=关闭 可清除）。',
    myPoint: (name: string, times: string) =>
      `你的常用自提点：${name}${times ? `（${times}）` : ''}。下单没写自提点时就在这里自提。修改：我的自提点 名称 · 清除：我的自提点 关闭`,
    myPointNone: (list: string, example: string) =>
      `你还没有常用自提点。现有自提点：${list}。设置：我的自提点 ${example}`,
    myPointSet: (name: string) => `已将常用自提点设为 ${name}：下单没写自提点时就在这里自提。`,
    myPointCleared: '已清除你的常用自提点。',
    noPoints: '本群没有自提点。',
    pointRequired: (name: string, points: string, example: string) =>
      `✗ ${name}：在哪个自提点取货？${points}，直接回复自提点即可，例如 ${example}（也可设置常用自提点：我的自提点 ${example}）`,
    pointRequiredCommand: (name: string, points: string, example: string) =>
      `✗ ${name}：在哪个自提点取货？${points}，例如 ${example}`,
    pointNotOffered: (name: string, no: number, point: string, points: string) =>
      `✗ ${name}：#${no} 不送到 ${point}，可选：${points}`,
    severalPoints: (name: string, points: string) =>
      `✗ ${name}：每笔订单只能选一个自提点（你写了 ${points}），未下单`,
    pointsLine: (points: string) => `自提点：${points}`,
    orderExample: (example: string) => `下单：发送 ${example} · 取消：不要了`,
    heading: (name: string, units: number) => `📍 ${name}（${units} 件）`,
    noPoint: '未选自提点',
    button: (name: string) => `📍 ${name}`,
    tapMoved: (no: number, name: string) => `✓ #${no}：你的订单改到 ${name} 自提`,
    tapSame: (no: number, name: string) => `✓ #${no}：你的订单已在 ${name} 自提`,
    tapOrderFirst: (no: number) => `#${no}：你还没有下单，请先点 +1，再选自提点。`,
    dealPointInUse: (no: number, name: string) =>
      `#${no} 已有订单在 ${name} 自提，不能去掉这个自提点；未做任何更改。`,
  },
});
