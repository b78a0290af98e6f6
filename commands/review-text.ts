import { count, defineMessages } from '../src/core/i18n/index.js';

/** `★★★★☆`: stars out of five. */
export function starsOf(stars: number): string {
  return '★'.repeat(stars) + '☆'.repeat(5 - stars);
}

/** Wording of reviews (评价): writing one, the list, the shop's replies and hidden ones. */
export const reviewText = defineMessages('reviews', {
  en: {
    written: (no: number, stars: string) =>
      `Thanks! Your review of #${no} is saved: ${stars}. Send a photo within 10 minutes to add one.`,
    ackLine: (name: string, stars: string) => `${name} reviewed ${stars}`,
    photoKept: (no: number) => `Photo added to your review of #${no}.`,
    photoLine: (name: string) => `${name} added a photo`,
    invite: (no: number) => `How was it? Review it (once, 1–5 stars): /review #${no} 5 TEXT`,
    photoNotKept: 'Your review is kept without a photo.',
    noOrder: (no: number) =>
      `Only the member who placed an order in #${no} can review it, once that order is picked up or delivered.`,
    notYours: (no: number) =>
      `A review is your own and cannot name anyone: /review #${no} 5 TEXT. Nothing was saved.`,
    notPickedUp: (no: number) => `You can review #${no} once your order is picked up or delivered.`,
    already: (no: number, stars: string) =>
      `You already reviewed #${no} (${stars}). A review is written once and cannot be changed.`,
    badStars: (no: number) => `Give 1 to 5 stars, e.g. /review #${no} 5 very sweet (or ★★★★★, 5星).`,
    tooLong: (max: number, had: number) =>
      `That is ${count(had, 'character', 'characters')}; at most ${max} fit. Nothing was saved.`,
    header: (no: number, title: string) => `Reviews of #${no} ${title}`,
    summary: (average: string, n: number) => `★ ${average} (${count(n, 'review', 'reviews')})`,
    productSummary: (average: string, n: number) =>
      `All deals of this product: ★ ${average} (${count(n, 'review', 'reviews')})`,
    none: (no: number) =>
      `No reviews of #${no} yet. Members who picked it up can send /review #${no} 5 TEXT.`,
    replyLine: (text: string) => `  ↳ Shop: ${text}`,
    hiddenMark: (reason: string) => `(hidden: ${reason})`,
    // Reviews whose writers did not turn on the `reviews` purpose (/privacy): kept for the organiser.
    privateMark: '(not public)',
    privateCount: (n: number) =>
      `${count(n, 'review', 'reviews')} kept for the organiser only: ${n === 1 ? 'its writer has' : 'their writers have'} not made ${n === 1 ? 'it' : 'them'} public.`,
    noneShown: (no: number) => `No public reviews of #${no}.`,
    writtenPrivate: (no: number, stars: string) =>
      `Thanks! Your review of #${no} is saved: ${stars}. Only the organiser sees it, and it does not count in the stars the group sees. To show your reviews to the group under your name: /privacy on reviews`,
    hiddenCount: (n: number, no: number) =>
      `${count(n, 'hidden review', 'hidden reviews')}: send /reviews #${no} to me privately to see ${n === 1 ? 'it' : 'them'}.`,
    more: (n: number) => `… ${count(n, 'older review', 'older reviews')} not shown`,
    photosHint: (no: number) => `📷: has a photo (/reviews #${no} photos)`,
    noPhotos: (no: number) => `No review of #${no} has a photo.`,
    photosSent: (n: number, no: number) =>
      `Sent you ${count(n, 'photo', 'photos')} of #${no} reviews privately.`,
    photoCaption: (name: string, stars: string, text: string) => `${stars} ${name}${text ? `: ${text}` : ''}`,
    photoGone: (name: string) => `${name}'s photo is no longer there.`,
    noReview: (name: string, no: number) => `${name} has not reviewed #${no}.`,
    replyNeeded: (no: number, name: string) => `Write the reply: /review reply #${no} @${name} TEXT`,
    replied: (name: string, no: number) => `Reply saved under ${name}'s review of #${no}.`,
    tellReplied: (no: number, title: string, text: string) =>
      `The shop replied to your review of #${no} ${title}: ${text}`,
    reasonNeeded: (no: number, name: string) =>
      `Give a reason (it is logged): /review hide #${no} @${name} REASON`,
    hidden: (name: string, no: number) => `${name}'s review of #${no} is hidden (logged in /audit).`,
    alreadyHidden: (name: string, no: number) => `${name}'s review of #${no} is already hidden.`,
    shown: (name: string, no: number) => `${name}'s review of #${no} is shown again.`,
    notHidden: (name: string, no: number) => `${name}'s review of #${no} is not hidden.`,
    auditHidden: (no: string, reason: string) => `${no} review hidden (${reason})`,
    auditShown: (no: string) => `${no} review shown again`,
  },
  zh: {
    written: (no: number, stars: string) =>
      `谢谢！你对 #${no} 的评价已保存：${stars}。10 分钟内发一张照片即可附在评价上。`,
    ackLine: (name: string, stars: string) => `${name} 评价 ${stars}`,
    photoKept: (no: number) => `照片已附在你对 #${no} 的评价上。`,
    photoLine: (name: string) => `${name} 附上了照片`,
    invite: (no: number) => `满意吗？欢迎评价（每人一次，1–5 星）：评价 #${no} 5 内容`,
    photoNotKept: '你的评价已保存，但没有附照片。',
    noOrder: (no: number) => `只有在 #${no} 下单的成员本人才能评价，且须在订单提货或送达之后。`,
    notYours: (no: number) => `评价只能写你自己的，不能点名别人：评价 #${no} 5 内容。未保存。`,
    notPickedUp: (no: number) => `你的 #${no} 订单提货或送达后才能评价。`,
    already: (no: number, stars: string) =>
      `你已评价过 #${no}（${stars}）。每人只能评价一次，评价后不能修改。`,
    badStars: (no: number) => `请打 1 到 5 星，例如：评价 #${no} 5 很甜（也可写 ★★★★★ 或 5星）。`,
    tooLong: (max: number, had: number) => `内容有 ${had} 个字，最多 ${max} 个字。未保存。`,
    header: (no: number, title: string) => `#${no} ${title} 的评价`,
    summary: (average: string, n: number) => `★ ${average}（${n} 条评价）`,
    productSummary: (average: string, n: number) => `同款商品所有团购：★ ${average}（${n} 条评价）`,
    none: (no: number) => `#${no} 还没有评价。已提货的成员可发送：评价 #${no} 5 内容`,
    replyLine: (text: string) => `  ↳ 团长回复：${text}`,
    hiddenMark: (reason: string) => `（已隐藏：${reason}）`,
    privateMark: '（未公开）',
    privateCount: (n: number) => `另有 ${n} 条评价只给团长看：作者没有选择公开。`,
    noneShown: (no: number) => `#${no} 还没有公开的评价。`,
    writtenPrivate: (no: number, stars: string) =>
      `谢谢！你对 #${no} 的评价已保存：${stars}。目前只有团长能看到，也不计入群里看到的星级。如愿以你的名字向本群展示评价，请发“隐私 开启 公开评价”。`,
    hiddenCount: (n: number, no: number) => `另有 ${n} 条已隐藏的评价：私聊我发送“查看评价 #${no}”查看。`,
    more: (n: number) => `……还有 ${n} 条较早的评价未显示`,
    photosHint: (no: number) => `📷：附有照片（查看评价 #${no} 照片）`,
    noPhotos: (no: number) => `#${no} 的评价都没有附照片。`,
    photosSent: (n: number, no: number) => `已私聊发给你 #${no} 评价的 ${n} 张照片。`,
    photoCaption: (name: string, stars: string, text: string) => `${stars} ${name}${text ? `：${text}` : ''}`,
    photoGone: (name: string) => `${name} 的照片已不在了。`,
    noReview: (name: string, no: number) => `${name} 没有评价过 #${no}。`,
    replyNeeded: (no: number, name: string) => `请写回复内容：回复评价 #${no} @${name} 内容`,
    replied: (name: string, no: number) => `已回复 ${name} 对 #${no} 的评价。`,
    tellReplied: (no: number, title: string, text: string) =>
      `团长回复了你对 #${no} ${title} 的评价：${text}`,
    reasonNeeded: (no: number, name: string) => `请写明原因（会记入审计）：隐藏评价 #${no} @${name} 原因`,
    hidden: (name: string, no: number) => `已隐藏 ${name} 对 #${no} 的评价（已记入审计）。`,
    alreadyHidden: (name: string, no: number) => `${name} 对 #${no} 的评价已经是隐藏的。`,
    shown: (name: string, no: number) => `已恢复显示 ${name} 对 #${no} 的评价。`,
    notHidden: (name: string, no: number) => `${name} 对 #${no} 的评价没有被隐藏。`,
    auditHidden: (no: string, reason: string) => `${no} 隐藏评价（${reason}）`,
    auditShown: (no: string) => `${no} 恢复显示评价`,
  },
});
