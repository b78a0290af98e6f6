import { defineMessages } from '../src/core/i18n/index.js';
import { count } from '../src/core/i18n/plural.js';

/**
 * Wording of payment instructions (`/pay`, `/pay setup`, `/pay off`), of pictures members send
 * (the payment code, payment screenshots) and of `/proofs`. A Chinese group is shown the Chinese
 * keywords (`付款方式`, `收款设置`, `已付 #3`), never the English slash forms.
 */
export const payText = defineMessages('payInfo', {
  en: {
    notSetUp: 'The organiser has not set up payment instructions yet. An admin can add them with /pay setup.',
    header: '💳 How to pay',
    afterPaying:
      'After paying, send 已付 and the deal number, e.g. 已付 #3 (attach your payment screenshot if you like).',
    imageMissing: '(The payment code picture is missing; an admin can send it again with /pay setup.)',
    saved: 'Payment instructions saved. Members see them with /pay:',
    textSaved: (minutes: number) =>
      `Text saved. To add the payment code picture (收款码), send it within ${count(minutes, 'minute', 'minutes')}.`,
    textSavedKeepsImage: (minutes: number) =>
      `Text saved; the payment code picture stays. To replace it, send a new one within ${count(minutes, 'minute', 'minutes')}.`,
    sendImage: (minutes: number) =>
      `Send the payment code picture (收款码) within ${count(minutes, 'minute', 'minutes')}; the text can follow with /pay setup TEXT.`,
    notImage: 'That is not a picture I can keep: send a photo or a screenshot (JPEG, PNG or WebP).',
    tooLarge: (max: number) => `That picture is over ${max} MB: send a smaller one (a screenshot is enough).`,
    unavailable: 'I could not fetch that picture from the platform; please send it again.',
    // What a refused picture leaves as it was.
    setupUnchanged: 'The payment instructions stay as they were.',
    proofNotKept: 'Your payment claim stands; the screenshot was not kept.',
    cleared: 'Payment instructions removed: /pay now says they are not set up.',
    nothingToClear: 'There are no payment instructions to remove.',
    // A member's payment screenshot.
    proofKept: (no: number) =>
      `Screenshot kept with your payment claim for #${no}; the organiser can see it.`,
    proofKeptLine: (name: string) => `✓ ${name}: screenshot kept with the payment claim`,
    // `/proofs`: admins look at the screenshots before confirming.
    proofCaption: (no: number, title: string, name: string, amount: string, at: string) =>
      `#${no} ${title} · ${name} · ${amount} · claimed ${at}`,
    proofsNone: 'No payment claim waiting for confirmation came with a screenshot.',
    proofsSent: (n: number) => `Sent you ${count(n, 'screenshot', 'screenshots')} privately.`,
    proofsMore: (n: number, no: number) => `… and ${n} more. Name a deal to see its own: /proofs #${no}`,
    proofGone: (no: number, name: string) => `#${no} · ${name}: the screenshot file is missing.`,
    // The deal card, once the deal formed and payment instructions exist.
    cardHint: (no: number) => `How to pay: /pay · then send 已付 #${no}`,
    // The deal card, once the deal formed and someone paid in full: an aggregate, nobody named.
    cardPaid: (n: number, total: number) => `Paid: ${n} of ${count(total, 'buyer', 'buyers')}`,
  },
  zh: {
    notSetUp: '团长还没有设置付款方式。管理员可以发“收款设置 内容”来设置。',
    header: '💳 付款方式',
    afterPaying: '付款后请发“已付”加团购编号，例如“已付 #3”（可以附上付款截图）。',
    imageMissing: '（收款码图片已丢失，管理员可以发“收款设置”重新发送。）',
    saved: '付款方式已保存。成员发“付款方式”即可看到：',
    textSaved: (minutes: number) => `文字已保存。请在 ${minutes} 分钟内发送收款码图片。`,
    textSavedKeepsImage: (minutes: number) =>
      `文字已保存，收款码不变。如需更换，请在 ${minutes} 分钟内发送新的收款码图片。`,
    sendImage: (minutes: number) =>
      `请在 ${minutes} 分钟内发送收款码图片；文字说明可以之后用“收款设置 内容”补上。`,
    notImage: '这不是可以保存的图片：请发送照片或截图。',
    tooLarge: (max: number) => `这张图片超过 ${max} 兆，请发送小一点的（截图即可）。`,
    unavailable: '无法从平台获取这张图片，请重新发送。',
    setupUnchanged: '付款方式保持不变。',
    proofNotKept: '你的付款记录仍然有效，但截图没有保存。',
    cleared: '付款方式已删除：现在发“付款方式”会提示尚未设置。',
    nothingToClear: '还没有设置付款方式，无需删除。',
    proofKept: (no: number) => `付款截图已随你的 #${no} 付款记录保存，团长可以查看。`,
    proofKeptLine: (name: string) => `✓ ${name}：付款截图已随付款申报保存`,
    proofCaption: (no: number, title: string, name: string, amount: string, at: string) =>
      `#${no} ${title} · ${name} · ${amount} · ${at} 报付款`,
    proofsNone: '待确认的付款中没有附截图的。',
    proofsSent: (n: number) => `已私聊发送 ${n} 张付款截图给你。`,
    proofsMore: (n: number, no: number) => `……还有 ${n} 张。指定团购查看：付款截图 #${no}`,
    proofGone: (no: number, name: string) => `#${no} · ${name}：截图文件已丢失。`,
    cardHint: (no: number) => `付款：发“付款方式”查看收款码，付款后发“已付 #${no}”`,
    cardPaid: (n: number, total: number) => `已付款：${n}/${total} 人`,
  },
});
