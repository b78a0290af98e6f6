import { defineMessages } from '../src/core/i18n/index.js';

/** The mark before a recommended deal's line (the legend names it); its reason follows the line. */
export const RECOMMENDED = '👍 ';

/** How often, in words: `once`, `twice`, `3 times`. */
function timesEn(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/**
 * Wording of /deals in a private chat (commands/deal-list.ts): a heading per group, the deals
 * recommended from the member's own orders (only with `history` on), and how to turn that on or off.
 */
export const recommendText = defineMessages('recommend', {
  en: {
    groupHeader: (group: string) => `【${group}】`,
    /** The reason after the line: a product (template's name) or a category, and the deals bought. */
    bought: (title: string, n: number) => ` (you bought ${title} ${timesEn(n)})`,
    legend:
      '👍 first: like what you bought before (only you see this, here). Turn it off with /privacy off history.',
    noPurchases:
      'Recommendations are on, but you have no orders here yet to go by. /privacy off history turns them off.',
    noMatch:
      'Recommendations are on: nothing open now is like what you bought. /privacy off history turns them off.',
    turnOn:
      'Want deals like what you bought before listed first? Send /privacy on history (shown only to you, in private).',
    // Several groups (a heading each): a group's note says its state; one footer says how to change it.
    noPurchasesHere: 'Recommendations are on, but you have no orders here yet to go by.',
    noMatchHere: 'Recommendations are on: nothing open here now is like what you bought.',
    turnOffAll: '/privacy off history turns recommendations off in all your groups.',
    /** `groups`: where history is off; `example`: one of them (a private grant names its group). */
    turnOnIn: (groups: string, example: string) =>
      `Want deals like what you bought before listed first? Recommendations are off in ${groups}: send /privacy on history ${example} (one group at a time; shown only to you, in private).`,
    noGroups: 'You are not in any group I am in yet, so there are no deals to list.',
    unknownDeal: (no: number) => `None of your groups has a deal #${no}. /deals lists the open ones.`,
  },
  zh: {
    groupHeader: (group: string) => `【${group}】`,
    bought: (title: string, n: number) => `（你买过 ${n} 次${title}）`,
    legend: '👍 排在前面：与你买过的相似（仅在私聊中显示给你）。发送“隐私 关闭 推荐”即可关闭。',
    noPurchases: '推荐已开启，但你在本群还没有可参考的订单。发送“隐私 关闭 推荐”即可关闭。',
    noMatch: '推荐已开启：目前没有与你买过的相似的团购。发送“隐私 关闭 推荐”即可关闭。',
    turnOn: '想让与你买过的相似的团购排在前面？发送“隐私 开启 推荐”（只在私聊中显示给你）。',
    noPurchasesHere: '推荐已开启，但你在本群还没有可参考的订单。',
    noMatchHere: '推荐已开启：本群目前没有与你买过的相似的团购。',
    turnOffAll: '发送“隐私 关闭 推荐”即可在所有群关闭推荐。',
    turnOnIn: (groups: string, example: string) =>
      `想让与你买过的相似的团购排在前面？${groups}的推荐未开启：发送“隐私 开启 推荐 ${example}”（一次一个群，只在私聊中显示给你）。`,
    noGroups: '你还没有加入有我的群，暂无团购可列。',
    unknownDeal: (no: number) => `你所在的群都没有团购 #${no}。发送“团购”查看进行中的团购。`,
  },
});
