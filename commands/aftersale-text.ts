import { defineMessages } from '../src/core/i18n/index.js';
import type { Ticket } from '../src/store/schema.js';

/**
 * What after-sales (售后) says: to the member opening a ticket and following it, to the admins
 * working the queue, and the reminders. A Chinese group reads no English word here.
 */

/** A ticket as a line shows it, every part already formatted for the reader. */
export interface TicketShown {
  no: number;
  dealNo: number;
  title: string;
  /** `line 2 ×1 L`: the line's roster number and label. */
  line: string;
  name: string;
  reason: string;
  /** What the member asked, formatted; absent: left to the organiser. */
  asked?: string;
  photos: number;
  /** How long it waits (open) or since when. */
  age: string;
  state: Ticket['status'];
  /** Approved: the refund, formatted; rejected: the reason; approved with a note: the note. */
  refund?: string;
  answer?: string;
}

const STATE_EN: Record<Ticket['status'], string> = {
  open: 'open',
  approved: 'approved',
  rejected: 'rejected',
  closed: 'closed',
};
const STATE_ZH: Record<Ticket['status'], string> = {
  open: '待处理',
  approved: '已同意',
  rejected: '已拒绝',
  closed: '已关闭',
};

function stateEn(t: TicketShown): string {
  if (t.state === 'approved') return `approved${t.refund ? `, ${t.refund} refunded` : ', no refund'}`;
  if (t.state === 'rejected') return `rejected: ${t.answer ?? ''}`;
  return STATE_EN[t.state];
}

function stateZh(t: TicketShown): string {
  if (t.state === 'approved') return `已同意${t.refund ? `，已退款 ${t.refund}` : '，不退款'}`;
  if (t.state === 'rejected') return `已拒绝：${t.answer ?? ''}`;
  return STATE_ZH[t.state];
}

export const aftersaleText = defineMessages('aftersale', {
  en: {
    label: (no: number) => `after-sales T${no}`,
    lineOf: (line: number, label: string, forWhom = '') => `line ${line} ${label}${forWhom}`,
    opened: (t: TicketShown) =>
      `After-sales ticket T${t.no} opened for #${t.dealNo} ${t.title} (${t.line}): “${t.reason}”${t.asked ? `, asking ${t.asked} back` : ''}. Send photos of the problem within 10 minutes if you have any. The organiser will answer you privately; /mytickets shows its state.`,
    openedShort: (no: number) => `After-sales ticket T${no} opened. /mytickets shows its state.`,
    photosKept: (no: number, n: number) => `Kept ${n} ${n === 1 ? 'photo' : 'photos'} for T${no}.`,
    photosKeptShort: 'Photo received.',
    photoNotKept: 'The photo was not added to the ticket.',
    noReason: (dealNo: number) => `Say what went wrong, e.g. /aftersale #${dealNo} "2 were bad" amount=10`,
    badAmount: (text: string) => `"${text}" is not an amount. Write it like amount=10 or amount=12.50.`,
    badLine: (text: string) => `"${text}" is not a roster number. Write it like line=2.`,
    notYours: (line: number, dealNo: number) =>
      `Line ${line} of #${dealNo} is not yours: a ticket is opened on one of your own lines.`,
    noOption: (option: string, dealNo: number, lines: string) =>
      `You have no ${option} line in #${dealNo}. Your lines: ${lines}.`,
    whichLine: (dealNo: number, lines: string, first: number) =>
      `You have several lines in #${dealNo} (${lines}): say which, e.g. /aftersale #${dealNo} "2 were bad" line=${first}`,
    notDelivered: (dealNo: number) =>
      `Your goods of #${dealNo} are not marked picked up or delivered yet: a ticket can be opened once they are.`,
    outOfWindow: (dealNo: number, deadline: string, window: string) =>
      `After-sales for your line of #${dealNo} closed at ${deadline} (${window} after pickup). Ask the organiser directly.`,
    already: (no: number, state: string) =>
      `This line already has ticket T${no} (${state}). /mytickets shows it.`,
    rejectedBefore: (no: number) => `Ticket T${no} on this line was rejected; only an admin can reopen it.`,
    tooMuch: (max: string) =>
      `You can ask at most ${max} back (what this line still holds). Nothing was opened.`,
    tooMuchShort:
      'That is more than this line can ask back; the details were sent to you privately. Nothing was opened.',
    nothingPaid:
      'This line paid nothing, so no money can be asked back: open the ticket without an amount. Nothing was opened.',
    mineNone: 'You have no after-sales tickets in this group.',
    mineHeader: 'Your after-sales tickets:',
    mineLine: (t: TicketShown) => `T${t.no} #${t.dealNo} ${t.title} ${t.line} — ${stateEn(t)}`,
    queueNone: 'No after-sales tickets are waiting.',
    queueHeader: (n: number, first: number) =>
      `${n} after-sales ${n === 1 ? 'ticket' : 'tickets'} waiting, oldest first (/ticket T${first} to see one):`,
    queueLine: (t: TicketShown) =>
      `T${t.no} #${t.dealNo} ${t.title} ${t.line} · ${t.name} · “${t.reason}” · ${t.asked ? `asks ${t.asked}` : 'no amount asked'} · ${t.photos} ${t.photos === 1 ? 'photo' : 'photos'} · waiting ${t.age}`,
    view: (t: TicketShown) =>
      `T${t.no} — ${stateEn(t)}\n#${t.dealNo} ${t.title} ${t.line} · ${t.name}\n“${t.reason}” · ${t.asked ? `asks ${t.asked}` : 'no amount asked'} · ${t.photos} ${t.photos === 1 ? 'photo' : 'photos'} · opened ${t.age} ago\nAnswer: /ticket approve T${t.no} [AMOUNT] · /ticket reject T${t.no} REASON`,
    queueSent: (n: number) => `Sent you the ${n} waiting ${n === 1 ? 'ticket' : 'tickets'} privately.`,
    ticketSent: (no: number, photos: number) =>
      `Sent you T${no}${photos > 0 ? ` and its ${photos} ${photos === 1 ? 'photo' : 'photos'}` : ''} privately.`,
    photoCaption: (no: number, i: number, n: number) => `T${no} photo ${i}/${n}`,
    unknownTicket: (text: string) =>
      `There is no ticket ${text} in this group. /tickets lists the open ones.`,
    wrongState: (no: number, state: string) => `Ticket T${no} is ${state}: nothing was changed.`,
    approved: (no: number, name: string, amount: string | undefined) =>
      amount
        ? `T${no} approved: ${amount} refunded to ${name}.`
        : `T${no} approved without a refund (${name}).`,
    approveTooMuch: (no: number, max: string) =>
      `T${no}: at most ${max} can be refunded (what the line holds). Nothing was changed.`,
    approveTooMuchShort: (no: number) =>
      `T${no}: that is more than the line holds; the details were sent to you privately. Nothing was changed.`,
    approveBadAmount: (no: number, text: string) =>
      `"${text}" is not an amount. Write it like /ticket approve T${no} 8 or 12.50 (0: no money). Nothing was changed.`,
    approveNeedAmount: (no: number) =>
      `T${no}: say the amount before the note: /ticket approve T${no} AMOUNT note (0: no money, e.g. replaced). Nothing was changed.`,
    answered: (no: number) => `T${no} answered; the member was told privately.`,
    approveNothingPaid: (no: number) =>
      `T${no}: the line holds no payment, so no money can be refunded. Approve it without an amount (/ticket approve T${no} 0). Nothing was changed.`,
    needReason: (no: number) => `Say why, the member is told: /ticket reject T${no} REASON`,
    rejected: (no: number, name: string) => `T${no} rejected; ${name} is told why.`,
    reopened: (no: number) => `T${no} is open again.`,
    reopenBlocked: (no: number, other: number) =>
      `T${no} cannot be reopened: the line has ticket T${other} open or approved. Nothing was changed.`,
    closed: (no: number) => `T${no} closed.`,
    withdrawn: (no: number) => `T${no} withdrawn and closed.`,
    tellClosed: (no: number, dealNo: number, title: string) =>
      `Your after-sales ticket T${no} (#${dealNo} ${title}) was closed by an admin without a refund. Ask the organiser if you have questions.`,
    closedBefore: (no: number) =>
      `Ticket T${no} on this line was closed by an admin; only an admin can reopen it.`,
    approveAboveAsked: (no: number, amount: string, text: string) =>
      `T${no}: the member asked for ${amount}. To refund more, add confirm: /ticket approve T${no} ${text} confirm. Nothing was changed.`,
    approveAboveAskedShort: (no: number) =>
      `T${no}: that is more than the member asked; the details were sent to you privately. Nothing was changed.`,
    amountWord: 'AMOUNT',
    reopenApproved: (no: number) =>
      `T${no} was approved; an approved ticket cannot be reopened. Close it (/ticket close T${no}), then the member opens a new ticket on the line. Nothing was changed.`,
    reopenApprovedClosed: (no: number) =>
      `T${no} was approved; an approved ticket cannot be reopened. The member opens a new ticket on the line if something is still wrong. Nothing was changed.`,
    nothingPaidShort:
      'That line cannot ask money back; the details were sent to you privately. Nothing was opened.',
    photosFull: (no: number, max: number) =>
      `T${no} already has ${max} photos, the most a ticket keeps: this one was not added.`,
    photosPartlyKept: (no: number, kept: number, max: number) =>
      `T${no} keeps at most ${max} photos: ${kept} of yours were added, the others were not.`,
    forWhom: (name: string) => ` for ${name}`,
    notYourTicket: (no: number) =>
      `T${no} is not your ticket: only its member withdraws it, or an admin closes it.`,
    tellApproved: (no: number, dealNo: number, title: string, amount: string, note: string) =>
      `Your after-sales ticket T${no} (#${dealNo} ${title}) was approved: ${amount} refunded.${note ? ` Note: ${note}` : ''}`,
    tellApprovedNoMoney: (no: number, dealNo: number, title: string, note: string) =>
      `Your after-sales ticket T${no} (#${dealNo} ${title}) was approved.${note ? ` Note: ${note}` : ''}`,
    tellRejected: (no: number, dealNo: number, title: string, reason: string) =>
      `Your after-sales ticket T${no} (#${dealNo} ${title}) was rejected: ${reason}`,
    tellReopened: (no: number, dealNo: number, title: string) =>
      `Your after-sales ticket T${no} (#${dealNo} ${title}) was reopened; the organiser will look at it again.`,
    remindAdmins: (group: string, wait: string, lines: string) =>
      `After-sales tickets in ${group} waiting over ${wait}:\n${lines}\nSend /tickets in the group to answer them.`,
    remindGroup: (nos: string, wait: string) =>
      `Admins: after-sales ${nos} have waited over ${wait}. Send /tickets to answer them.`,
    auditLine: (action: string, no: number, cents: string | undefined, reason: string | undefined) =>
      `T${no} ${action}${cents ? ` ${cents}` : ''}${reason ? ` (${reason})` : ''}`,
    opened_: 'opened',
    approved_: 'approved',
    rejected_: 'rejected',
    reopened_: 'reopened',
    closed_: 'closed',
    withdrawnWord: 'withdrawn',
    state: (s: Ticket['status']) => STATE_EN[s],
  },
  zh: {
    label: (no: number) => `售后 T${no}`,
    lineOf: (line: number, label: string, forWhom = '') => `第${line}条 ${label}${forWhom}`,
    opened: (t: TicketShown) =>
      `售后单 T${t.no} 已登记：#${t.dealNo} ${t.title}（${t.line}），“${t.reason}”${t.asked ? `，申请退 ${t.asked}` : ''}。如有照片，请在 10 分钟内发来。团长会私信答复你；发送「我的售后」查看进度。`,
    openedShort: (no: number) => `售后单 T${no} 已登记。发送“我的售后”查看进度。`,
    photosKept: (no: number, n: number) => `已为 T${no} 保存 ${n} 张照片。`,
    photosKeptShort: '照片已收到。',
    photoNotKept: '这张照片没有加入售后单。',
    noReason: (dealNo: number) => `请写明问题，例如：售后 #${dealNo} "坏了2个" 金额=10`,
    badAmount: (text: string) => `“${text}”不是金额。请写成 金额=10 或 金额=12.50。`,
    badLine: (text: string) => `“${text}”不是接龙序号。请写成 序号=2。`,
    notYours: (line: number, dealNo: number) =>
      `#${dealNo} 的第 ${line} 条不是你的订单：只能对自己的订单申请售后。`,
    noOption: (option: string, dealNo: number, lines: string) =>
      `你在 #${dealNo} 没有规格 ${option} 的订单。你的订单：${lines}。`,
    whichLine: (dealNo: number, lines: string, first: number) =>
      `你在 #${dealNo} 有多条订单（${lines}），请说明是哪一条，例如：售后 #${dealNo} "坏了2个" 序号=${first}`,
    notDelivered: (dealNo: number) => `你在 #${dealNo} 的货还没有标记为已提货或已送达，提货后才能申请售后。`,
    outOfWindow: (dealNo: number, deadline: string, window: string) =>
      `你在 #${dealNo} 的订单售后期已于 ${deadline} 结束（提货后 ${window}内）。请直接联系团长。`,
    already: (no: number, state: string) => `这条订单已有售后单 T${no}（${state}）。发送“我的售后”查看。`,
    rejectedBefore: (no: number) => `这条订单的售后单 T${no} 已被拒绝，只有管理员可以重新打开。`,
    tooMuch: (max: string) => `最多只能申请退 ${max}（这条订单可申请的余额）。未登记售后单。`,
    tooMuchShort: '申请金额超过这条订单可退的金额，详情已私信发你。未登记售后单。',
    nothingPaid: '这条订单没有付款，不能申请退款：请不写金额再申请。未登记售后单。',
    mineNone: '你在本群没有售后单。',
    mineHeader: '你的售后单：',
    mineLine: (t: TicketShown) => `T${t.no} #${t.dealNo} ${t.title} ${t.line} — ${stateZh(t)}`,
    queueNone: '没有待处理的售后单。',
    queueHeader: (n: number, first: number) =>
      `待处理售后单 ${n} 个，最早的在前（发送「售后单 T${first}」查看一个）：`,
    queueLine: (t: TicketShown) =>
      `T${t.no} #${t.dealNo} ${t.title} ${t.line} · ${t.name} · “${t.reason}” · ${t.asked ? `申请退 ${t.asked}` : '未写金额'} · ${t.photos} 张照片 · 已等 ${t.age}`,
    view: (t: TicketShown) =>
      `T${t.no} — ${stateZh(t)}\n#${t.dealNo} ${t.title} ${t.line} · ${t.name}\n“${t.reason}” · ${t.asked ? `申请退 ${t.asked}` : '未写金额'} · ${t.photos} 张照片 · ${t.age}前登记\n处理：售后 同意 T${t.no} [金额] · 售后 拒绝 T${t.no} 原因`,
    queueSent: (n: number) => `已私信发给你 ${n} 个待处理售后单。`,
    ticketSent: (no: number, photos: number) =>
      `已私信发给你 T${no}${photos > 0 ? ` 及 ${photos} 张照片` : ''}。`,
    photoCaption: (no: number, i: number, n: number) => `T${no} 照片 ${i}/${n}`,
    unknownTicket: (text: string) => `本群没有售后单 ${text}。发送“售后列表”查看待处理的。`,
    wrongState: (no: number, state: string) => `售后单 T${no} ${state}，未做任何更改。`,
    approved: (no: number, name: string, amount: string | undefined) =>
      amount ? `T${no} 已同意：已给 ${name} 退款 ${amount}。` : `T${no} 已同意，不退款（${name}）。`,
    approveTooMuch: (no: number, max: string) =>
      `T${no}：最多可退 ${max}（这条订单的实付余额）。未做任何更改。`,
    approveTooMuchShort: (no: number) => `T${no}：金额超过这条订单可退的余额，详情已私信发你。未做任何更改。`,
    approveBadAmount: (no: number, text: string) =>
      `“${text}”不是金额。请写成 售后 同意 T${no} 8 或 12.50（0 表示不退款）。未做任何更改。`,
    approveNeedAmount: (no: number) =>
      `T${no}：请在备注前写金额：售后 同意 T${no} 金额 备注（0 表示不退款，如已补发）。未做任何更改。`,
    answered: (no: number) => `售后单 T${no} 已处理，已私信告知成员。`,
    approveNothingPaid: (no: number) =>
      `T${no}：这条订单没有可退的付款。可不退款直接同意（售后 同意 T${no} 0）。未做任何更改。`,
    needReason: (no: number) => `请写明原因（会告知成员）：售后 拒绝 T${no} 原因`,
    rejected: (no: number, name: string) => `T${no} 已拒绝，已告知 ${name} 原因。`,
    reopened: (no: number) => `T${no} 已重新打开。`,
    reopenBlocked: (no: number, other: number) =>
      `T${no} 无法重新打开：这条订单已有处理中或已同意的售后单 T${other}。未做任何更改。`,
    closed: (no: number) => `T${no} 已关闭。`,
    withdrawn: (no: number) => `T${no} 已撤回并关闭。`,
    tellClosed: (no: number, dealNo: number, title: string) =>
      `你的售后单 T${no}（#${dealNo} ${title}）已被管理员关闭，不退款。如有疑问请联系团长。`,
    closedBefore: (no: number) => `这条订单的售后单 T${no} 已被管理员关闭，只有管理员可以重新打开。`,
    approveAboveAsked: (no: number, amount: string, text: string) =>
      `T${no}：成员申请退 ${amount}。如要多退，请加“确认”：售后 同意 T${no} ${text} 确认。未做任何更改。`,
    approveAboveAskedShort: (no: number) => `T${no}：金额多于成员申请的金额，详情已私信发你。未做任何更改。`,
    amountWord: '金额',
    reopenApproved: (no: number) =>
      `T${no} 已同意，已同意的售后单不能重新打开。请先关闭（售后 关闭 T${no}），再由成员对这条订单重新申请售后。未做任何更改。`,
    reopenApprovedClosed: (no: number) =>
      `T${no} 已同意，已同意的售后单不能重新打开。如仍有问题，请成员对这条订单重新申请售后。未做任何更改。`,
    nothingPaidShort: '这条订单不能申请退款，详情已私信发你。未登记售后单。',
    photosFull: (no: number, max: number) => `T${no} 已有 ${max} 张照片，已达上限：这张没有加入。`,
    photosPartlyKept: (no: number, kept: number, max: number) =>
      `T${no} 最多保存 ${max} 张照片：已加入 ${kept} 张，其余没有加入。`,
    forWhom: (name: string) => `（代订给 ${name}）`,
    notYourTicket: (no: number) => `T${no} 不是你的售后单：只有本人可以撤回，或由管理员关闭。`,
    tellApproved: (no: number, dealNo: number, title: string, amount: string, note: string) =>
      `你的售后单 T${no}（#${dealNo} ${title}）已同意：已退款 ${amount}。${note ? `备注：${note}` : ''}`,
    tellApprovedNoMoney: (no: number, dealNo: number, title: string, note: string) =>
      `你的售后单 T${no}（#${dealNo} ${title}）已同意。${note ? `备注：${note}` : ''}`,
    tellRejected: (no: number, dealNo: number, title: string, reason: string) =>
      `你的售后单 T${no}（#${dealNo} ${title}）未通过：${reason}`,
    tellReopened: (no: number, dealNo: number, title: string) =>
      `你的售后单 T${no}（#${dealNo} ${title}）已重新打开，团长会再次处理。`,
    remindAdmins: (group: string, wait: string, lines: string) =>
      `${group} 有售后单等待超过 ${wait}：\n${lines}\n请在群里发送“售后列表”处理。`,
    remindGroup: (nos: string, wait: string) =>
      `管理员请注意：售后单 ${nos} 已等待超过 ${wait}。发送“售后列表”处理。`,
    auditLine: (action: string, no: number, cents: string | undefined, reason: string | undefined) =>
      `售后 T${no} ${action}${cents ? ` ${cents}` : ''}${reason ? `（${reason}）` : ''}`,
    opened_: '登记',
    approved_: '同意',
    rejected_: '拒绝',
    reopened_: '重新打开',
    closed_: '关闭',
    withdrawnWord: '撤回',
    state: (s: Ticket['status']) => STATE_ZH[s],
  },
});
