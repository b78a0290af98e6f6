import { defineMessages } from '../src/core/i18n/index.js';

/**
 * Wording of in-chat payment (Telegram Payments or Stars): the Pay buttons, the invoice, the
 * private answer to a tap on Pay, the reasons a payment is refused before any money moves (shown
 * by Telegram to the payer), what the payer is told once paid, and what the group's admins are
 * told when a payment does not match what was owed.
 */
export const platformPayText = defineMessages('platform-pay', {
  en: {
    payButton: '💳 Pay',
    payDealButton: (no: number, amount: string) => `💳 Pay #${no} ${amount}`,
    invoiceTitle: (no: number, title: string) => `#${no} ${title}`,
    invoiceDescription: (name: string, held: string, group: string) =>
      `${name}: ${held}, group buy in ${group}`,
    invoiceLabel: (no: number) => `Order #${no}`,
    // The private answer to a tap on Pay.
    invoiceSent: (no: number, amount: string) =>
      `💳 The invoice for #${no} (${amount}) is in your private chat with me: tap Pay there.`,
    invoiceInGroup: (no: number, amount: string) =>
      `💳 I cannot write to you privately, so the invoice for #${no} (${amount}) is in the group. Only you can pay it.`,
    invoiceRefused: (no: number) =>
      `The payment service would not take an invoice for #${no} (the amount may be below its minimum). Please pay the organiser another way: /pay.`,
    busy: 'Too many requests just now. Tap Pay again in a few seconds.',
    payOff: 'Paying in the chat is not available here. Please pay the organiser another way: /pay.',
    noOrder: (no: number) => `You have no order in #${no}, so there is nothing to pay.`,
    nothingOwed: (no: number) => `You owe nothing in #${no}.`,
    dead: (no: number) => `#${no} did not go ahead: there is nothing to pay.`,
    claimed: (no: number, amount: string) =>
      `You told the organiser you paid ${amount} for #${no}; that waits for their confirmation, so there is nothing to pay here. If that was a mistake, ask them to reject the claim.`,
    // Refusals before any money moves (shown to the payer by the payment window).
    notYours: (name: string) => `This invoice is for ${name}; only they can pay it. Nothing was charged.`,
    changed: (no: number, amount: string) =>
      `What you owe for #${no} changed: it is ${amount} now. Nothing was charged; tap Pay again for a new invoice.`,
    changedNothing: (no: number) => `You owe nothing in #${no} any more. Nothing was charged.`,
    deadNow: (no: number) => `#${no} did not go ahead, so nothing was charged.`,
    claimedNow: (no: number) =>
      `You told the organiser you paid for #${no}; nothing was charged. Ask them to reject the claim if that was a mistake.`,
    // Once paid.
    paid: (no: number, title: string, amount: string) =>
      `✓ Payment received: ${amount} for #${no} ${title}. Thank you!`,
    paidRefundDue: (no: number, amount: string, refund: string) =>
      `Payment of ${amount} received for #${no}, which is more than you owe now: ${refund} is due back to you from the organiser.`,
    paidDead: (no: number, amount: string) =>
      `Payment of ${amount} received for #${no}, but the deal did not go ahead: the organiser owes you a refund of ${amount}.`,
    paidOwing: (no: number, amount: string, owed: string) =>
      `Payment of ${amount} received for #${no}; ${owed} is still to pay.`,
    // To the group's admins, when a payment does not match what is owed.
    adminsRefundDue: (name: string, no: number, amount: string, refund: string) =>
      `Admins: ${name} paid ${amount} in the chat for #${no}, more than owed now: a refund of ${refund} is due (/orders #${no} refunds, then /refund #${no} @member).`,
    adminsDead: (name: string, no: number, amount: string) =>
      `Admins: ${name} paid ${amount} in the chat for #${no} after the deal stopped: a refund of ${amount} is due (/orders #${no} refunds, then /refund #${no} @member).`,
    adminsOwing: (name: string, no: number, amount: string, owed: string) =>
      `Admins: ${name} paid ${amount} in the chat for #${no}, less than owed: ${owed} is still owing.`,
    adminsUnmatched: (name: string, no: number, amount: string) =>
      `Admins: ${name} paid ${amount} in the chat for #${no}, but has no order there to record it on. Please refund it.`,
  },
  zh: {
    payButton: '💳 在线付款',
    payDealButton: (no: number, amount: string) => `💳 付款 #${no} ${amount}`,
    invoiceTitle: (no: number, title: string) => `#${no} ${title}`,
    invoiceDescription: (name: string, held: string, group: string) => `${name}：${held}，「${group}」团购`,
    invoiceLabel: (no: number) => `订单 #${no}`,
    invoiceSent: (no: number, amount: string) =>
      `💳 #${no} 的账单（${amount}）已私聊发给你，请在私聊中点「支付」。`,
    invoiceInGroup: (no: number, amount: string) =>
      `💳 我无法私聊你，#${no} 的账单（${amount}）已发在群里，只有你本人能付。`,
    invoiceRefused: (no: number) =>
      `支付服务不接受 #${no} 的这张账单（金额可能低于其最低限额）。请用其他方式付给团长：发送 付款方式 查看。`,
    busy: '请求太频繁，请过几秒再点一次付款。',
    payOff: '这里暂不支持在线付款。请用其他方式付给团长：发送 付款方式 查看。',
    noOrder: (no: number) => `你在 #${no} 没有订单，无需付款。`,
    nothingOwed: (no: number) => `你在 #${no} 无需再付款。`,
    dead: (no: number) => `#${no} 未能成行，无需付款。`,
    claimed: (no: number, amount: string) =>
      `你已告诉团长在 #${no} 付了 ${amount}，正等团长确认，这里无需再付。如果报错了，请让团长驳回。`,
    notYours: (name: string) => `这张账单是 ${name} 的，只有本人能付。未扣款。`,
    changed: (no: number, amount: string) =>
      `你在 #${no} 的应付金额已变为 ${amount}，未扣款。请再点一次付款获取新账单。`,
    changedNothing: (no: number) => `你在 #${no} 已无需付款，未扣款。`,
    deadNow: (no: number) => `#${no} 未能成行，未扣款。`,
    claimedNow: (no: number) => `你已告诉团长在 #${no} 付过款，未扣款。如果报错了，请让团长驳回。`,
    paid: (no: number, title: string, amount: string) => `✓ 已收到付款：#${no} ${title} ${amount}，谢谢！`,
    paidRefundDue: (no: number, amount: string, refund: string) =>
      `已收到 #${no} 的付款 ${amount}，多于你现在应付的金额：团长应退给你 ${refund}。`,
    paidDead: (no: number, amount: string) =>
      `已收到 #${no} 的付款 ${amount}，但该团未能成行：团长应退给你 ${amount}。`,
    paidOwing: (no: number, amount: string, owed: string) =>
      `已收到 #${no} 的付款 ${amount}，还需再付 ${owed}。`,
    adminsRefundDue: (name: string, no: number, amount: string, refund: string) =>
      `管理员：${name} 在线付了 #${no} ${amount}，多于现在应付的金额，应退 ${refund}（发送 订单 #${no} 退款 查看，退款后发送 退款 #${no} @成员 记录）。`,
    adminsDead: (name: string, no: number, amount: string) =>
      `管理员：${name} 在该团停止后在线付了 #${no} ${amount}，应退 ${amount}（发送 订单 #${no} 退款 查看，退款后发送 退款 #${no} @成员 记录）。`,
    adminsOwing: (name: string, no: number, amount: string, owed: string) =>
      `管理员：${name} 在线付了 #${no} ${amount}，少于应付金额，还差 ${owed}。`,
    adminsUnmatched: (name: string, no: number, amount: string) =>
      `管理员：${name} 在线付了 #${no} ${amount}，但在该团没有可记账的订单，请退款给对方。`,
  },
});
