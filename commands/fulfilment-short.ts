import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import { dealCode } from '../src/services/deals.js';
import { shortMember } from '../src/services/goods-arrival.js';
import { MAX_QTY } from '../src/services/orders.js';
import { dealOrReply, refreshCard } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { heldList } from './fulfilment-arrival.js';
import {
  announceGoods,
  byMember,
  cutLine,
  gap,
  owedBackList,
  pointName,
  sendCodeImages,
  tellPrivately,
  yourShortage,
} from './fulfilment-notices.js';
import { arrivedExample } from './fulfilment-points.js';
import { refuseStep } from './fulfilment-replies.js';
import { fulfilmentText } from './fulfilment-text.js';
import { codesOf, pickupWindow } from './goods-words.js';
import { namedMember } from './member-arg.js';
import { moneyOf } from './money-text.js';
import { heldLines } from './order-answers.js';
import { lineLabel } from './order-text.js';

/**
 * `/short #3 @bob [OPTION] N` (缺货): an admin takes units off a member's line because they did not
 * arrive or were bad, under `pickup.shortage=manual` or on top of the rule's sharing. The member
 * is told privately (with money now owed back); the group hears it once.
 */
export const shortCommand = defineCommand({
  name: 'short',
  keywords: ['缺货'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, member: z.string().min(1).max(64), qty: z.string().max(100).optional() }),
  positional: ['deal', 'member', 'qty'],
  rest: 'qty',
  help: helpText(
    "take units off a member's order because they did not arrive (the member is told; money paid for them is owed back)",
    '因缺货扣减成员订单的数量（私信通知成员；已付的差额需退款）',
    '/short #3 @member [OPTION] QTY',
    ['/short #3 @bob 1', '/short #3 @bob 大份 2', '缺货 #3 @bob 大份 1'],
  ),
  async run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = fulfilmentText(ctx.locale);
    const words = (args.qty ?? '').normalize('NFKC').trim().split(/\s+/).filter(Boolean);
    const last = words.pop();
    const units = last !== undefined && /^\d{1,3}$/.test(last) ? Number(last) : 0;
    if (units < 1 || units > MAX_QTY) return ctx.reply(t.badQty(deal.no));
    const named = namedMember(ctx, ctx.community.id, args.member, dealText(ctx.locale).noMember);
    if (!named) return;
    const option = words.length > 0 ? words.join(' ') : undefined;
    const outcome = ctx.mutate((tx) =>
      shortMember(tx, deal, named.member.userId, option, units, ctx.sender.id, ctx.clock.now()),
    );
    switch (outcome.kind) {
      case 'not_closed':
        return refuseStep(ctx, deal, outcome, '');
      case 'not_arrived':
        return refuseStep(ctx, deal, outcome, arrivedExample(ctx, deal, outcome.fulfilment.pointId));
      case 'no_line':
        return ctx.reply(t.noLineOf(named.label, deal.no));
      case 'which':
        return ctx.reply(t.whichLine(named.label, deal.no, heldLines(ctx.locale, outcome.lines)));
      case 'too_many':
        return ctx.reply(t.tooMany(named.label, lineLabel(outcome.order)));
    }
    const { shortened, settled } = outcome;
    const { community } = ctx;
    const group = fulfilmentText(community.locale);
    const gapped = gap(community.locale);
    const names = new Map([[named.member.userId, named.label]]);
    const owed = owedBackList(ctx.tables, community, deal, [shortened]);
    const pointId = shortened.before.pointId ?? '';
    const point = pointName(ctx.tables, pointId);
    const sep = community.locale === 'zh' ? '、' : ', ';
    announceGoods(
      ctx,
      deal,
      [
        group.shortReply(
          deal.no,
          cutLine(community.locale, shortened, names),
          moneyOf(community)(shortened.cents),
        ),
        ...(owed ? [group.owedBack(owed, deal.no)] : []),
        ...(settled.lines.length > 0 ? [group.settled(heldList(deal, settled.options, sep), point)] : []),
      ].join(gapped),
    );
    // Options held back that now fit what arrived: their buyers get codes and the time to come.
    const window = pickupWindow(ctx.tables, community, deal, pointId, ctx.clock.now());
    const coded = byMember(settled.lines);
    const ready = (userId: string) => {
      const codes = codesOf(community.locale, coded.get(userId) ?? []);
      return codes ? [group.yourCodes(codes), ...(window ? [group.pickupAt(window)] : [])] : [];
    };
    const shorted = named.member.userId;
    tellPrivately(ctx, [
      {
        userId: shorted,
        text: [
          group.shortDm(community.title, deal.no, deal.title),
          yourShortage(ctx.tables, community, deal, [shortened]),
          ...ready(shorted),
        ].join(gapped),
      },
      ...[...coded.keys()]
        .filter((userId) => userId !== shorted)
        .map((userId) => ({
          userId,
          text: [group.readyDm(community.title, deal.no, deal.title, point), ...ready(userId)].join(gapped),
        })),
    ]);
    refreshCard(ctx, community, ctx.tables.deals.get(deal.id) ?? deal);
    // As after an arrival: the codes in text are on disk before any QR image is written.
    if (settled.lines.length === 0) return;
    await ctx.durable();
    await sendCodeImages(ctx, settled.lines);
  },
});
