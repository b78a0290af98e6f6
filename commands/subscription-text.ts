import { defineMessages } from '../src/core/i18n/index.js';

/** Wording of /subscribe and /unsubscribe (订阅, 退订) in both languages; lists already joined. */
export const subscriptionText = defineMessages('subscriptions', {
  en: {
    subscribed: (names: string, group: string, cap: number) =>
      `Subscribed to ${names} in ${group}. When a deal of these opens, I will tell you privately (at most ${cap} a day).`,
    already: (names: string) => `Already subscribed: ${names}.`,
    nothingNew: (names: string) => `You are already subscribed to ${names}. Nothing was changed.`,
    /** Subscribing turned the offers purpose on: said plainly, with how to stop. */
    turnedOn: (first: string) =>
      `Private offers were off; subscribing turned them on. To stop: /unsubscribe ${first} (or /unsubscribe all), or /privacy off offers.`,
    capZero:
      'This group has private offers turned off (offers.daily_cap=0): you will get none until an admin turns them on.',
    offersOff:
      'Private offers are off for you (/privacy on offers turns them back on); your subscriptions are kept.',
    mine: (group: string, names: string) => `Your subscriptions in ${group}: ${names}.`,
    none: (group: string) => `You have no subscriptions in ${group}.`,
    choose: (names: string, first: string) =>
      `Categories of this group's deals: ${names}. Subscribe with /subscribe ${first}.`,
    noCategories:
      'No deal here has a category yet. You can subscribe all the same, e.g. /subscribe 水果: when a deal of it opens, I will tell you privately.',
    badCategory: (value: string, max: number, most: number) =>
      `I cannot subscribe to "${value}": write 1 to ${most} categories of at most ${max} characters each, separated by commas or spaces, e.g. /subscribe 水果 生鲜. Nothing was changed.`,
    tooMany: (max: number) =>
      `You can hold at most ${max} subscriptions in a group. Drop some first (/unsubscribe NAME). Nothing was changed.`,
    unsubscribed: (names: string) => `Unsubscribed from ${names}.`,
    stillSubscribed: (names: string) => `Still subscribed: ${names}.`,
    lastGone: 'You have no subscriptions left, so private offers are off.',
    notSubscribed: (names: string, mine: string) =>
      `You are not subscribed to ${names}. Your subscriptions: ${mine}. Nothing was changed.`,
    noneToDrop: 'You have no subscriptions. Nothing was changed.',
    unsubscribeWhat: 'Which category? /unsubscribe 水果, or /unsubscribe all. /subscribe lists yours.',
    // A private chat of a member of several groups (commands/subscriptions-private.ts).
    groupHeader: (group: string) => `【${group}】`,
    unsubscribedIn: (names: string, groups: string) => `Unsubscribed from ${names} (${groups}).`,
    inGroup: (group: string, line: string) => `${group}: ${line}`,
    groupNames: (group: string, names: string) => `${group}: ${names}`,
    notSubscribedAnywhere: (names: string, mine: string) =>
      `You are not subscribed to ${names} in any of your groups. Your subscriptions: ${mine}. Nothing was changed.`,
    subscribeWhere: (first: string) =>
      `You are in several groups: send /subscribe ${first} in the group whose offers you want.`,
  },
  zh: {
    subscribed: (names: string, group: string, cap: number) =>
      `已订阅「${names}」（${group}）。这些分类开团时，我会私信告诉你（每天最多 ${cap} 条）。`,
    already: (names: string) => `之前已订阅：${names}。`,
    nothingNew: (names: string) => `你已经订阅了「${names}」，未做任何更改。`,
    turnedOn: (first: string) =>
      `私信优惠原来是关闭的，订阅后已开启。不想再收到：发送“退订 ${first}”（或“退订 全部”），或“隐私 关闭 私信优惠”。`,
    capZero: '本群已关闭私信优惠（每日私信优惠上限=0），管理员开启前你不会收到。',
    offersOff: '你的私信优惠已关闭（发送“隐私 开启 私信优惠”可重新开启），订阅仍保留。',
    mine: (group: string, names: string) => `你在${group}的订阅：${names}。`,
    none: (group: string) => `你在${group}还没有订阅。`,
    choose: (names: string, first: string) => `本群团购的分类：${names}。订阅请发送：订阅 ${first}`,
    noCategories: '本群的团购还没有分类。也可以先订阅，例如：订阅 水果，这类团购开团时我会私信告诉你。',
    badCategory: (value: string, max: number, most: number) =>
      `无法订阅「${value}」：请写 1 到 ${most} 个分类，每个最多 ${max} 个字，用逗号或空格分开，例如：订阅 水果 生鲜。未做任何更改。`,
    tooMany: (max: number) => `每个群最多订阅 ${max} 个分类，请先退订一些（退订 分类名）。未做任何更改。`,
    unsubscribed: (names: string) => `已退订「${names}」。`,
    stillSubscribed: (names: string) => `仍在订阅：${names}。`,
    lastGone: '你已没有任何订阅，私信优惠已关闭。',
    notSubscribed: (names: string, mine: string) =>
      `你没有订阅「${names}」。你的订阅：${mine}。未做任何更改。`,
    noneToDrop: '你还没有任何订阅，未做任何更改。',
    unsubscribeWhat: '要退订哪个分类？例如：退订 水果，或 退订 全部。发送“订阅”可查看你的订阅。',
    groupHeader: (group: string) => `【${group}】`,
    unsubscribedIn: (names: string, groups: string) => `已退订「${names}」（${groups}）。`,
    inGroup: (group: string, line: string) => `${group}：${line}`,
    groupNames: (group: string, names: string) => `${group}：${names}`,
    notSubscribedAnywhere: (names: string, mine: string) =>
      `你在所有群都没有订阅「${names}」。你的订阅：${mine}。未做任何更改。`,
    subscribeWhere: (first: string) => `你在多个群：请在想收优惠的群里发送“订阅 ${first}”。`,
  },
});
