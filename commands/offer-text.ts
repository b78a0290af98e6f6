import { defineMessages } from '../src/core/i18n/index.js';

/** One deal as a private offer shows it: names fenced, price and deadline already formatted. */
export interface OfferDeal {
  group: string;
  no: number;
  title: string;
  /** The price with its unit (`¥39.90/box`). */
  price: string;
  ends: string;
  /** The member's category that matched, as the deal wrote it. */
  category: string;
}

/** Wording of private offers (a deal of a subscribed category opened) in both languages. */
export const offerText = defineMessages('offers', {
  en: {
    offer: ({ group, no, title, price, ends, category }: OfferDeal) =>
      `🛒 New in ${group}: #${no} ${title} — ${price}, orders until ${ends}.\nTo order, send +1 in the group (or /join #${no}).\nYou get this because you subscribed to ${category}.`,
    /** Where the platform has no buttons (WeChat): how to stop by text. */
    stopByText: (category: string) => `To stop: reply "/unsubscribe ${category}".`,
    stopButton: (category: string) => `Stop ${category} offers`,
    stopped: (category: string) => `Done: no more offers of ${category}.`,
    stoppedAll: (category: string) =>
      `Done: no more offers of ${category}. That was your last subscription, so private offers are off now.`,
    nothingToStop: 'Nothing to stop: you are not subscribed to that any more.',
  },
  zh: {
    offer: ({ group, no, title, price, ends, category }: OfferDeal) =>
      `🛒 ${group} 新团：#${no} ${title}，${price}，${ends} 截止。\n在群里发送 +1（或「参团 #${no}」）即可下单。\n你订阅了「${category}」，所以收到这条消息。`,
    stopByText: (category: string) => `不想再收到：回复“退订 ${category}”`,
    stopButton: (category: string) => `退订 ${category}`,
    stopped: (category: string) => `好的，不再发送「${category}」的优惠。`,
    stoppedAll: (category: string) =>
      `好的，不再发送「${category}」的优惠。这是你最后一个订阅，私信优惠已关闭。`,
    nothingToStop: '你已经没有订阅这个分类了。',
  },
});
