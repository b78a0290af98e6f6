import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { takeImages } from '../src/core/images.js';
import { coreText } from '../src/core/messages.js';
import { tokenize } from '../src/core/parser.js';
import { cancelDeal, closeDeal, createDeal, type DealInput, dealCode } from '../src/services/deals.js';
import { roster } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { count, dealFields } from './deal-args.js';
import { dealCard } from './deal-card.js';
import { dealEdit } from './deal-edit.js';
import { closingAnnouncement } from './deal-jobs.js';
import { groupDeals, privateDeal, privateDeals } from './deal-list.js';
import { dealPhotoText } from './deal-photo-text.js';
import { openWithPhotos } from './deal-photos.js';
import { announce, dealOrReply, refreshCard } from './deal-replies.js';
import { newDealInput, templateSource } from './deal-sources.js';
import { dealStartText } from './deal-start-text.js';
import { dealText } from './deal-text.js';
import { offerOpened } from './offers.js';
import { holderNames } from './order-text.js';
import { claimsUnanswered, refundsDueNote, refundsOwed, sendVia, tellRefundsDue } from './payment-notices.js';
import { recommendText } from './recommend-text.js';
import { sharedDealText } from './shared-deal-text.js';
import {
  cancelSharedDeal,
  closeSharedDeal,
  groupsArg,
  openSharedDeal,
  sendShareBook,
} from './shared-deals.js';

export const dealNew = defineCommand({
  name: 'deal new',
  keywords: ['开团', '团购 新建'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    // Optional with a template (`from=`): its title then.
    title: z.string().min(1).max(100).optional(),
    price: dealFields.price.optional(),
    min: count.optional(),
    stock: dealFields.stock.optional(),
    limit: dealFields.limit.optional(),
    ends: dealFields.ends.optional(),
    starts: dealFields.starts.optional(),
    unit: dealFields.unit.optional(),
    options: dealFields.options.optional(),
    pickup: dealFields.pickup.optional(),
    points: dealFields.points.optional(),
    /** Categories members subscribe to (`分类=水果,生鲜`; commands/subscriptions.ts). */
    category: dealFields.category.optional(),
    /** A saved template (`模板=芒果`) giving every field not typed (commands/deal-sources.ts). */
    from: z.string().trim().min(1).max(40).optional(),
    /** Linked groups to open it in too (`groups=all`, `群=全部`, `群=二群,三群`): one shared deal (shared-deals.ts). */
    groups: groupsArg.optional(),
  }),
  positional: ['title'],
  help: helpText(
    'open a group-buy deal, now or at a scheduled start (starts=)',
    '开一个新团购，可定时开团（开始=）',
    '/deal new "TITLE" price=39.9 [min=10] [stock=100] [limit=5] [ends="12月5日 20:00"|48h] [starts="周五 20:00"] [unit=box] [options="S,M,L" | options="5斤:59,10斤:109:20"] [pickup="…"] [points=东门,西门] [category=水果,生鲜] [groups=all|NAME,NAME] | /deal new from=NAME [key=value…]',
    [
      '/deal new "Fresh mangoes" price=39.9 min=10 stock=100 limit=5 ends=48h unit=box',
      '开团 "赣南脐橙" 成团=20 规格="5斤:59,10斤:109:20" 截止=明天20:00',
      '开团 "阳山水蜜桃" 价格=59 提货点=东门,西门',
      '开团 "砂糖橘" 价格=29.9 分类=水果',
      '开团 "秒杀草莓" 价格=19.9 库存=50 开始="周五 20:00" 截止=2小时',
      '开团 模板=芒果 库存=100',
      '开团 "芒果" 价格=39 成团=20 库存=100 群=全部',
    ],
    '开团 "标题" 价格=39.9 [成团=10] [库存=100] [限购=5] [截止="12月5日 20:00"|48小时] [开始="周五 20:00"] [单位=箱] [规格="S,M,L" | 规格="5斤:59,10斤:109:20"] [自提="…"] [提货点=东门,西门] [分类=水果,生鲜] [群=全部|群名,群名] | 开团 模板=名称 [键=值…]',
  ),
  async run(ctx, args) {
    const { from, groups, ...typed } = args;
    // Pictures sent with it are its photos from the start: a refusal keeps them from any other
    // picture wait (an earlier `/deal edit #1 photo`), and says they were not kept.
    const attached = takeImages(ctx.event).length > 0;
    const input = dealNewInput(ctx, from, typed);
    if (!input) {
      if (attached) ctx.reply(dealPhotoText(ctx.locale).picturesNotKept);
      return;
    }
    // Without pictures, at once: the card goes out with the replies before it, not after later ones.
    if (!attached) {
      openDeal(ctx, input, groups);
      return;
    }
    // Pictures sent with the command are its photos (a template's are replaced); one refused opens no deal.
    await openWithPhotos(ctx, (photos) => openDeal(ctx, { ...input, photos }, groups));
  },
});

/** The new deal's fields, from what was typed and the template named; undefined when refused (answered). */
function dealNewInput(
  ctx: GroupContext,
  from: string | undefined,
  typed: Parameters<typeof newDealInput>[1] & { title?: string },
): DealInput | undefined {
  // With a template the title is optional: an unquoted word (`截止=周五 20:00`) is a stray one, not a title.
  if (from !== undefined && typed.title !== undefined && strayWord(ctx, typed.title)) {
    const t = coreText(ctx.locale);
    ctx.reply(
      `${t.argError({ code: 'too_many', extra: typed.title })}\n${t.usage(dealNew.help[ctx.locale].usage)}`,
    );
    return;
  }
  const source = from === undefined ? undefined : templateSource(ctx, from);
  return ((from === undefined || source) && newDealInput(ctx, typed, source)) || undefined;
}

/** Whether a title was typed as a bare word (not quoted, not `title=`) in the message. */
function strayWord(ctx: GroupContext, title: string): boolean {
  if (ctx.event.type !== 'message') return false;
  try {
    return tokenize(ctx.event.text).some((x) => x.key === undefined && !x.quoted && x.value === title);
  } catch {
    return false;
  }
}

/**
 * Creates a deal and posts its card (`/deal new`, `/deal copy`); with `groups`, one shared deal
 * in those linked groups (undefined when refused, answered).
 */
export function openDeal(ctx: GroupContext, input: DealInput, groups?: 'all' | string[]): Deal | undefined {
  if (groups !== undefined) return openSharedDeal(ctx, input, groups);
  const community = ctx.community;
  // Opened in a forum topic or thread: the card lives there, whoever orders from wherever.
  const threadId = ctx.event.type === 'message' ? ctx.event.threadId : undefined;
  const deal = ctx.mutate((tx) =>
    createDeal(
      tx,
      community,
      { ...input, ...(threadId !== undefined ? { threadId } : {}) },
      ctx.sender.id,
      ctx.clock.now(),
    ),
  );
  refreshCard(ctx, community, deal);
  // Subscribers of its categories hear of it privately once it takes orders (not while scheduled).
  offerOpened(ctx, deal);
  return deal;
}

export const dealClose = defineCommand({
  name: 'deal close',
  keywords: ['截团', '团购 截团'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText(
    'close a deal now (成团 if enough buyers, else failed)',
    '立即截团（人数够则成团，否则未成团）',
    '/deal close #3',
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    // Not open yet (定时开团): closing it would fail it before anyone could order.
    if (deal.status === 'scheduled')
      return ctx.reply(
        dealStartText(ctx.locale).closeScheduled(
          deal.no,
          formatTime(deal.startsAt ?? deal.createdAt, ctx.community.timezone),
        ),
      );
    if (deal.shareId) return closeSharedDeal(ctx, deal, args.deal);
    const outcome = ctx.mutate((tx) => closeDeal(tx, deal, ctx.clock.now()));
    if (outcome.kind === 'not_open') return ctx.reply(dealText(ctx.locale).notOpen(args.deal));
    const closing = closingAnnouncement(
      ctx.locale,
      ctx.community,
      outcome.deal,
      roster(ctx.tables, outcome.deal),
      ctx.tables,
    );
    announce(ctx, outcome.deal, closing, { alsoHere: true });
    if (outcome.kind === 'failed')
      tellRefundsDue(ctx.adapter, ctx.community, outcome.deal, ctx.tables, sendVia(ctx));
    refreshCard(ctx, ctx.community, outcome.deal);
  },
});

export const dealCancel = defineCommand({
  name: 'deal cancel',
  keywords: ['取消团购', '团购 取消'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('cancel a deal; every buyer is told', '取消团购，通知所有买家', '/deal cancel #3'),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    if (deal.shareId) return cancelSharedDeal(ctx, deal, args.deal);
    const buyers = roster(ctx.tables, deal);
    const outcome = ctx.mutate((tx) => cancelDeal(tx, deal, ctx.clock.now()));
    if (outcome.kind === 'not_open') return ctx.reply(dealText(ctx.locale).notOpen(args.deal));
    // Each buyer once, fenced, look-alikes told apart (see names.ts); who had paid is owed a
    // refund instead of "no need to pay", and who said they paid is a claim to check (payment-notices.ts).
    const owed = new Set(
      [...refundsOwed(ctx.tables, outcome.deal), ...claimsUnanswered(ctx.tables, outcome.deal)].map(
        (r) => r.userId,
      ),
    );
    const names = [
      ...holderNames(
        ctx.tables,
        buyers.filter((o) => !owed.has(o.userId)),
      ).values(),
    ]
      .map((name) => `@${name}`)
      .join(' ');
    const refunds = refundsDueNote(ctx.locale, ctx.tables, ctx.community, outcome.deal);
    announce(ctx, outcome.deal, `${dealText(ctx.locale).cancelled(deal.no, deal.title, names)}${refunds}`, {
      alsoHere: true,
    });
    tellRefundsDue(ctx.adapter, ctx.community, outcome.deal, ctx.tables, sendVia(ctx));
    refreshCard(ctx, ctx.community, outcome.deal);
  },
});

export const dealShow = defineCommand({
  name: 'deal',
  keywords: ['查看团购', '团购 查看'],
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText('show a deal with its roster', '查看团购详情和接龙名单', '/deal #3', [], '查看团购 #3'),
  run(ctx, args) {
    showDeal(ctx, args.deal);
  },
});

/** A deal's card with its roster (`/deal #3`, `团购 #3`), or why there is none. */
function showDeal(ctx: GroupContext, code: number): void {
  const deal = dealOrReply(ctx, code);
  if (!deal) return;
  ctx.reply(
    dealCard(
      ctx.locale,
      ctx.community,
      deal,
      ctx.tables,
      ctx.adapter.capabilities.maxMessageLength,
      ctx.clock.now(),
    ),
  );
  // A shared deal: its admins get every linked group's lines, privately.
  sendShareBook(ctx, deal);
}

export const dealsList = defineCommand({
  name: 'deals',
  keywords: ['团购', '团购列表'],
  role: 'member',
  // In private: the member's groups, recommended from their orders where they allow it (deal-list.ts).
  scope: 'any',
  // `团购 #3`: one deal's card, as `/deal #3` shows it.
  args: z.object({ deal: dealCode.optional() }),
  positional: ['deal'],
  help: {
    en: {
      summary: 'open deals and their progress (/deals #3: one deal)',
      usage: '/deals [#3]',
      examples: ['/deals', '/deals #3'],
      details:
        'In a private chat with me: the open deals of every group you are in. If you allow it (/privacy on history), those like what you bought before come first, with why; only you see that, and prices are the same for everyone.',
    },
    zh: {
      summary: '进行中的团购及进度；写团购编号则查看该团详情和接龙名单',
      usage: '团购 [#3]',
      examples: ['团购', '团购 #3'],
      details:
        '私聊我时：列出你所在各群进行中的团购。你同意后（隐私 开启 推荐），与你买过的相似的团购排在前面并说明原因；只有你能看到，价格对所有人都一样。',
    },
  },
  run(ctx, args) {
    // In a group the list is the same for everyone (a group chat always has its community);
    // nothing personal is ever answered there.
    if (ctx.chat.kind === 'group') {
      if (!inCommunity(ctx)) return;
      return args.deal !== undefined ? showDeal(ctx, args.deal) : groupDeals(ctx);
    }
    return args.deal !== undefined ? privateDeal(ctx, args.deal) : privateDeals(ctx);
  },
});

export const dealCommands = [dealNew, dealEdit, dealClose, dealCancel, dealShow, dealsList];

export const dealsFeature: Feature = {
  name: 'deals',
  commands: dealCommands,
  // Photos after `/deal edit #3 photo` are taken by the one picture handler (picture-waits.ts).
  messages: [dealText, dealPhotoText, recommendText, sharedDealText],
};
