import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { dealCode } from '../src/services/deals.js';
import { activeAt, fulfilmentOf, goodsPoints, pickupStep, shipGoods } from '../src/services/fulfilment.js';
import { recordGoodsArrival } from '../src/services/goods-arrival.js';
import { isHeld } from '../src/services/held-goods.js';
import { getSetting } from '../src/services/settings.js';
import { shortageSetting } from '../src/services/shortage.js';
import { dealOrReply, refreshCard } from './deal-replies.js';
import { arrivalRefusal, arrivalText, readCounts } from './fulfilment-arrival.js';
import {
  announceGoods,
  byMember,
  gap,
  goodsDeliveryHandlers,
  pointName,
  sendCodeImages,
  tellArrival,
  tellPrivately,
} from './fulfilment-notices.js';
import { arrivedExample, resolvePoint, stepCommand } from './fulfilment-points.js';
import { refuseStep, stateWord, stepTime } from './fulfilment-replies.js';
import { shortCommand } from './fulfilment-short.js';
import { fulfilmentText } from './fulfilment-text.js';
import { codesOf, pickupWindow } from './goods-words.js';
import { heldLines } from './order-answers.js';
import { holderNames, lineLabel, lineOwner } from './order-text.js';

/**
 * Goods after a deal closed (成团): `/shipped #3 [note]` (发货), `/arrived #3 东门 大份=18 小份=10`
 * (到货, with shortages and pickup codes), `/picking #3 东门` (开始提货), `/done #3 东门` (提货完成),
 * `/goods #3` (where the goods are), and `/short` (fulfilment-short.ts). Each step is announced
 * once in the group and told privately to the point's buyers (fulfilment-notices.ts).
 */

/** helpText with the Chinese usage given: `[point]`, `N` have no Chinese placeholder there. */
function withZhUsage(usageZh: string, ...args: Parameters<typeof helpText>): ReturnType<typeof helpText> {
  const help = helpText(...args);
  return { ...help, zh: { ...help.zh, usage: usageZh } };
}

export const shippedCommand = defineCommand({
  name: 'shipped',
  keywords: ['发货', '已发货'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, note: z.string().max(200).optional() }),
  positional: ['deal', 'note'],
  rest: 'note',
  help: helpText(
    'the goods of a closed deal have left the supplier (optional note: a waybill); buyers are told',
    '已截团的团购已发货（可附备注，如快递单号）；通知买家',
    '/shipped #3 [note…]',
    ['/shipped #3', '/shipped #3 waybill SF1234567890', '发货 #3 顺丰 1234567890'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const note = args.note?.trim() || undefined;
    const outcome = ctx.mutate((tx) => shipGoods(tx, deal, note, ctx.sender.id, ctx.clock.now()));
    if (outcome.kind !== 'shipped') {
      // Every point is shipped or past it: the deal's goods, not one point's, were shipped already.
      const whole =
        outcome.kind === 'already'
          ? { ...outcome, fulfilment: { ...outcome.fulfilment, pointId: '' } }
          : outcome;
      return refuseStep(ctx, deal, whole, `${stepCommand(ctx.locale, 'arrived')} #${deal.no}`);
    }
    const t = fulfilmentText(ctx.community.locale);
    const points = outcome.fulfilments.map((f) => pointName(ctx.tables, f.pointId)).filter(Boolean);
    const shownNote = note ? showName(note) : '';
    announceGoods(
      ctx,
      deal,
      t.shipped(deal.no, deal.title, points.join(ctx.community.locale === 'zh' ? '、' : ', '), shownNote),
    );
    const lines = outcome.fulfilments.flatMap((f) => activeAt(ctx.tables, deal, f.pointId));
    tellPrivately(
      ctx,
      [...byMember(lines).keys()].map((userId) => ({
        userId,
        text: t.shippedDm(ctx.community.title, deal.no, deal.title, shownNote),
      })),
    );
  },
});

export const arrivedCommand = defineCommand({
  name: 'arrived',
  keywords: ['到货', '已到货'],
  // An admin, or the keeper of the point: checked once the point is known.
  role: 'member',
  scope: 'group',
  // Loose: `L=18` (an option named in Latin letters) reads as an option=value pair, kept here.
  args: z.looseObject({ deal: dealCode, goods: z.string().max(500).optional() }),
  positional: ['deal', 'goods'],
  rest: 'goods',
  help: withZhUsage(
    '/arrived #3 [自提点] [规格=数量…|数量|全部]',
    'record the goods that arrived at a point; buyers get codes',
    '记录自提点到货（负责人也可）；买家收到提货码',
    '/arrived #3 [point] [OPTION=N…|N|all]',
    [
      '/arrived #3 东门 大份=18 小份=10',
      '/arrived #3 东门 18',
      '/arrived #3 西门 all',
      '到货 #3 东门 大份=18 小份=10',
    ],
  ),
  async run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const { deal: _no, goods, ...pairs } = args;
    const words = [
      ...(goods ?? '').split(/\s+/).filter(Boolean),
      ...Object.entries(pairs).map(([option, units]) => `${option}=${String(units)}`),
    ];
    const where = resolvePoint(ctx, deal, words, 'arrived');
    if (!where) return;
    const counts = readCounts(ctx, deal, where.rest);
    if (!counts) return;
    const rule = getSetting(ctx.community, shortageSetting);
    const now = ctx.clock.now();
    const outcome = ctx.mutate((tx) =>
      recordGoodsArrival(tx, deal, where.pointId, counts, rule, ctx.sender.id, now),
    );
    if (outcome.kind !== 'arrived') return arrivalRefusal(ctx, deal, where.pointId, outcome);
    const window = pickupWindow(ctx.tables, ctx.community, deal, where.pointId, now);
    announceGoods(ctx, deal, arrivalText(ctx, deal, outcome, window));
    tellArrival(ctx, deal, outcome, window);
    if (outcome.shorted.length > 0) refreshCard(ctx, ctx.community, ctx.tables.deals.get(deal.id) ?? deal);
    // The arrival and everything said so far (the codes in text) go to disk before any file is
    // written: the images are awaited, and a crash or a failed write then costs only pictures.
    await ctx.durable();
    await sendCodeImages(ctx, outcome.lines);
  },
});

function pickupStepCommand(step: 'picking' | 'done', keywords: string[], en: string, zh: string) {
  return defineCommand({
    name: step,
    keywords,
    role: 'member',
    scope: 'group',
    args: z.object({ deal: dealCode, point: z.string().max(100).optional() }),
    positional: ['deal', 'point'],
    rest: 'point',
    help: withZhUsage(`/${step} #3 [自提点]`, en, zh, `/${step} #3 [point]`, [
      `/${step} #3 东门`,
      `${keywords[0]} #3 东门`,
    ]),
    run(ctx, args) {
      const deal = dealOrReply(ctx, args.deal);
      if (!deal) return;
      const words = args.point?.trim() ? [args.point.trim()] : [];
      const where = resolvePoint(ctx, deal, words, step);
      if (!where) return;
      const now = ctx.clock.now();
      const outcome = ctx.mutate((tx) => pickupStep(tx, deal, where.pointId, step, ctx.sender.id, now));
      const point = pointName(ctx.tables, where.pointId);
      if (outcome.kind !== 'stepped')
        return refuseStep(ctx, deal, outcome, arrivedExample(ctx, deal, where.pointId));
      const { community } = ctx;
      const t = fulfilmentText(community.locale);
      // Lines held back short (manual rule) are not the member's to collect yet: not told to come.
      const waiting = byMember(outcome.waiting.filter((o) => !isHeld(ctx.tables, o)));
      if (step === 'picking') {
        const window = pickupWindow(ctx.tables, community, deal, where.pointId, now);
        announceGoods(ctx, deal, t.picking(deal.no, deal.title, point, window));
        return tellPrivately(
          ctx,
          [...waiting].map(([userId, lines]) => {
            const codes = codesOf(community.locale, lines);
            return {
              userId,
              text: [
                t.pickingDm(community.title, deal.no, deal.title, point, window),
                ...(codes ? [t.yourCodes(codes)] : []),
              ].join(gap(community.locale)),
            };
          }),
        );
      }
      const all = activeAt(ctx.tables, deal, where.pointId);
      const names = holderNames(ctx.tables, outcome.waiting);
      const left = outcome.waiting.map((o) => `${lineOwner(community.locale, o, names)} ${lineLabel(o)}`);
      const text = [
        t.done(deal.no, deal.title, point, all.length - outcome.waiting.length, all.length),
        ...(left.length > 0 ? [t.notPicked(left.join(community.locale === 'zh' ? '、' : ', '))] : []),
      ].join(gap(community.locale));
      announceGoods(ctx, deal, text);
      tellPrivately(
        ctx,
        [...waiting].map(([userId, lines]) => ({
          userId,
          text: t.doneDm(community.title, deal.no, deal.title, point, heldLines(community.locale, lines)),
        })),
      );
    },
  });
}

export const pickingCommand = pickupStepCommand(
  'picking',
  ['开始提货'],
  'pickup opens at a point now (optional)',
  '自提点开始提货（可选）',
);

export const doneCommand = pickupStepCommand(
  'done',
  ['提货完成', '提货结束'],
  'pickup at a point is over',
  '自提点提货结束',
);

export const goodsCommand = defineCommand({
  name: 'goods',
  keywords: ['到货情况', '发货情况'],
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText(
    "where a deal's goods are, per pickup point",
    '各自提点的发货、到货、提货情况',
    '/goods #3',
    ['/goods #3', '到货情况 #3'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = fulfilmentText(ctx.locale);
    const points = goodsPoints(ctx.tables, deal);
    if (points.length === 0) return ctx.reply(t.goodsNone(deal.no));
    const lines = points.map((pointId) => {
      const f = fulfilmentOf(ctx.tables, deal, pointId);
      const at = activeAt(ctx.tables, deal, pointId);
      return t.goodsLine(
        // A group without pickup points has one place: all its orders.
        pointName(ctx.tables, pointId) || (points.length > 1 ? t.noPoint : t.allOrders),
        stateWord(ctx.locale, f.state),
        stepTime(ctx, f),
        at.filter((o) => o.deliveredAt).length,
        at.length,
      );
    });
    ctx.reply([t.goodsHeader(deal.no, deal.title), ...lines].join('\n'));
  },
});

export const fulfilmentFeature: Feature = {
  name: 'fulfilment',
  commands: [shippedCommand, arrivedCommand, pickingCommand, doneCommand, shortCommand, goodsCommand],
  messages: [fulfilmentText],
  delivery: goodsDeliveryHandlers,
};
