import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { coreText } from '../src/core/messages.js';
import { showName } from '../src/core/names.js';
import { MAX_CATEGORY, MAX_DEAL_CATEGORIES, parseCategories } from '../src/services/categories.js';
import { hasConsent } from '../src/services/consent.js';
import { offersCapSetting } from '../src/services/offers.js';
import { getSetting } from '../src/services/settings.js';
import {
  communityCategories,
  subscribe,
  subscriptionsOf,
  unsubscribe,
} from '../src/services/subscriptions.js';
import { categoryText } from './category-text.js';
import { offerText } from './offer-text.js';
import { offerDeliveryHandlers, offerStopButton } from './offers.js';
import { subscriptionText } from './subscription-text.js';
import { privateGroups, privateOverview, privateUnsubscribe } from './subscriptions-private.js';

/**
 * Category subscriptions (`/subscribe 水果`, 订阅 水果) and the private offers they bring. What a
 * member subscribes to is theirs: the answers (a confirmation, their list) go to them privately
 * when asked in the group, kept for them (`hold`) until they open a private chat with the bot
 * where the platform refuses one — the same private chat their offers would need. A refusal of
 * bad input names no subscription, so it is answered where it was asked.
 */

/** The words that mean every subscription: `all`, 全部 (read as `all` already), 所有. */
const ALL = /^(?:all|全部|所有)$/iu;

/** Names as a list in the group's language. */
function list(ctx: GroupContext, names: readonly string[]): string {
  return names.map(showName).join(ctx.locale === 'zh' ? '、' : ', ');
}

/** A personal answer: privately, kept until the member can be reached (see the module comment). */
function tell(ctx: GroupContext, lines: readonly string[]): void {
  ctx.dm({ kind: 'text', text: lines.join('\n') }, { onUnreachable: 'hold' });
}

export const subscribeCommand = defineCommand({
  name: 'subscribe',
  keywords: ['订阅'],
  role: 'member',
  personal: true,
  // In a private chat of a member of several groups: see subscriptions-private.ts.
  scope: 'any',
  args: z.object({ categories: z.string().max(300).optional() }),
  positional: ['categories'],
  rest: 'categories',
  help: {
    en: {
      summary: 'private offers of a category',
      details:
        "Subscribing turns private offers on (at most offers.daily_cap a day, each with a one-tap stop). Without a category: your subscriptions, and the categories of the group's deals to choose from. Answered privately.",
      usage: '/subscribe [CATEGORY…]',
      examples: ['/subscribe 水果', '/subscribe 水果 生鲜', '/subscribe'],
    },
    zh: {
      summary: '订阅分类的私信优惠',
      details:
        '订阅会开启私信优惠（每天最多条数见每日私信优惠上限，每条都可一键退订）。不写分类：查看你的订阅和本群团购的分类。回复以私信发送。',
      usage: '订阅 [分类…]',
      examples: ['订阅 水果', '订阅 水果 生鲜', '订阅'],
    },
  },
  run(ctx, args) {
    const t = subscriptionText(ctx.locale);
    const text = args.categories?.trim();
    if (!inCommunity(ctx)) {
      const groups = privateGroups(ctx);
      if (groups.length === 0)
        return ctx.reply(coreText(ctx.locale).noCommunity({ name: 'subscribe', keywords: ['订阅'] }));
      if (!text) return ctx.reply(privateOverview(ctx, groups));
      const first = parseCategories(text)?.[0];
      return ctx.reply(
        first ? t.subscribeWhere(showName(first)) : t.badCategory(text, MAX_CATEGORY, MAX_DEAL_CATEGORIES),
      );
    }
    if (!text) return tell(ctx, overview(ctx));
    const categories = parseCategories(text);
    if (!categories) return ctx.reply(t.badCategory(text, MAX_CATEGORY, MAX_DEAL_CATEGORIES));
    const outcome = ctx.mutate((tx) =>
      subscribe(tx, ctx.community.id, ctx.sender.id, categories, ctx.clock.now()),
    );
    if (outcome.kind === 'too_many') return ctx.reply(t.tooMany(outcome.max));
    if (outcome.added.length === 0) return tell(ctx, [t.nothingNew(list(ctx, outcome.already))]);
    const cap = getSetting(ctx.community, offersCapSetting);
    tell(ctx, [
      t.subscribed(list(ctx, outcome.added), showName(ctx.community.title), cap),
      ...(outcome.already.length ? [t.already(list(ctx, outcome.already))] : []),
      ...(outcome.consent === 'granted' ? [t.turnedOn(showName(outcome.added[0]!))] : []),
      ...(cap === 0 ? [t.capZero] : []),
    ]);
  },
});

/** `/subscribe` alone: the member's subscriptions, whether offers reach them, and what to choose from. */
function overview(ctx: GroupContext): string[] {
  const t = subscriptionText(ctx.locale);
  const group = showName(ctx.community.title);
  const mine = subscriptionsOf(ctx.tables, ctx.community.id, ctx.sender.id).map((s) => s.category);
  const offered = communityCategories(ctx.tables, ctx.community.id, ctx.clock.now());
  return [
    mine.length ? t.mine(group, list(ctx, mine)) : t.none(group),
    ...(mine.length && !hasConsent(ctx.tables, ctx.community.id, ctx.sender.id, 'offers')
      ? [t.offersOff]
      : []),
    offered.length ? t.choose(list(ctx, offered), showName(offered[0]!)) : t.noCategories,
  ];
}

export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  keywords: ['退订'],
  role: 'member',
  personal: true,
  // In a private chat of a member of several groups: see subscriptions-private.ts.
  scope: 'any',
  args: z.object({ categories: z.string().max(300).optional() }),
  positional: ['categories'],
  rest: 'categories',
  help: {
    en: {
      summary: 'stop offers of a category',
      details: 'With no subscription left, private offers are off.',
      usage: '/unsubscribe CATEGORY…|all',
      examples: ['/unsubscribe 水果', '/unsubscribe all'],
    },
    zh: {
      summary: '退订分类的私信优惠',
      details: '没有任何订阅后，私信优惠关闭。',
      usage: '退订 分类…|全部',
      examples: ['退订 水果', '退订 全部'],
    },
  },
  run(ctx, args) {
    const t = subscriptionText(ctx.locale);
    const text = args.categories?.trim();
    if (!text) return ctx.reply(t.unsubscribeWhat);
    const which = ALL.test(text) ? 'all' : parseCategories(text);
    if (!which) return ctx.reply(t.badCategory(text, MAX_CATEGORY, MAX_DEAL_CATEGORIES));
    if (!inCommunity(ctx)) {
      const groups = privateGroups(ctx);
      if (groups.length === 0)
        return ctx.reply(coreText(ctx.locale).noCommunity({ name: 'unsubscribe', keywords: ['退订'] }));
      return privateUnsubscribe(ctx, groups, which);
    }
    const outcome = ctx.mutate((tx) =>
      unsubscribe(tx, ctx.community.id, ctx.sender.id, which, ctx.clock.now(), 'command'),
    );
    if (outcome.kind === 'not_subscribed') {
      if (outcome.mine.length === 0) return ctx.reply(t.noneToDrop);
      return tell(ctx, [t.notSubscribed(list(ctx, outcome.unknown), list(ctx, outcome.mine))]);
    }
    tell(ctx, [
      t.unsubscribed(list(ctx, outcome.removed)),
      outcome.left.length ? t.stillSubscribed(list(ctx, outcome.left)) : t.lastGone,
    ]);
  },
});

export const subscriptionsFeature: Feature = {
  name: 'subscriptions',
  commands: [subscribeCommand, unsubscribeCommand],
  messages: [subscriptionText, offerText, categoryText],
  onButton: [offerStopButton],
  delivery: offerDeliveryHandlers,
};
