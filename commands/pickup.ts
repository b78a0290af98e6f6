import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { scheduledDeals } from '../src/services/deal-starts.js';
import { openDeals } from '../src/services/deals.js';
import { memberLabel } from '../src/services/member-names.js';
import { roster } from '../src/services/orders.js';
import { setUsualPoint, usualPoint } from '../src/services/pickup-choice.js';
import {
  activePoints,
  addPoint,
  editPoint,
  findPoint,
  type PointInput,
  type PointOutcome,
  removePoint,
} from '../src/services/pickup-points.js';
import { memberId } from '../src/store/ids.js';
import type { PickupPoint } from '../src/store/schema.js';
import { refreshCard } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { namedMember } from './member-arg.js';
import { pickupText } from './pickup-text.js';
import { pointAnswerHandler, pointButtonHandler } from './point-answers.js';
import { pointList } from './point-question.js';

/**
 * Pickup points (自提点): admins add, change and remove a community's points (`/pickup add
 * "东门驿站" times="周六 10:00-12:00" keeper=@alice`), everyone lists them, and a member keeps a
 * usual point (`/mypoint 东门`) their orders go to unless they name another.
 */

const pointName = z.string().trim().min(1).max(100);
const times = z.string().trim().min(1).max(100);
const keeper = z.string().trim().min(1).max(64);
const pointWord = z.string().trim().min(1).max(100);
/** `keeper=off` (`负责人=关闭`): the point has no keeper any more. */
const CLEAR = /^(?:off|none|关闭|无|清除)$/i;

/** `周六 10:00-12:00 · keeper @alice` as a list shows a point. */
function pointLine(ctx: GroupContext, point: PickupPoint): string {
  const member = point.keeper ? ctx.tables.members.get(memberId(ctx.community.id, point.keeper)) : undefined;
  const keeperName = member ? `@${memberLabel(ctx.tables, member)}` : '';
  return pickupText(ctx.locale).listLine(point.no, showName(point.name), point.times ?? '', keeperName);
}

/** The point an admin names (`1`, `东门`), or a reply listing the points there are. */
function pointOrReply(ctx: GroupContext, word: string): PickupPoint | undefined {
  const point = findPoint(ctx.tables, ctx.community.id, word);
  if (!point)
    ctx.reply(
      pickupText(ctx.locale).unknownPoint(
        showName(word),
        pointList(ctx, activePoints(ctx.tables, ctx.community.id)),
      ),
    );
  return point;
}

/** The keeper named (`@alice`) as a user id, '' to clear, or undefined after answering who is unknown. */
function keeperOf(ctx: GroupContext, typed: string): string | undefined {
  if (CLEAR.test(typed)) return '';
  return namedMember(ctx, ctx.community.id, typed, dealText(ctx.locale).noMember)?.member.userId;
}

type Refused = Exclude<PointOutcome, { kind: 'added' | 'edited' | 'removed' }>;

/** Why a change of a point was refused. */
function refusal(ctx: GroupContext, outcome: Refused, word: string): string {
  const t = pickupText(ctx.locale);
  switch (outcome.kind) {
    case 'name_taken':
      return t.nameTaken(showName(outcome.point.name), outcome.point.no);
    case 'bad_name':
      return t.badName;
    case 'no_point':
      // Removed meanwhile (another admin's command in between).
      return t.unknownPoint(showName(word), pointList(ctx, activePoints(ctx.tables, ctx.community.id)));
  }
}

/**
 * The answer to a change of a point (`word`: the point as the admin named it); open deals' cards
 * show the points, so they are refreshed.
 */
function answerChange(ctx: GroupContext, outcome: PointOutcome, word: string, timesGiven: boolean): void {
  if (outcome.kind !== 'added' && outcome.kind !== 'edited' && outcome.kind !== 'removed') {
    ctx.reply(refusal(ctx, outcome, word));
    return;
  }
  const t = pickupText(ctx.locale);
  const { point } = outcome;
  const name = showName(point.name);
  let text: string;
  if (outcome.kind === 'removed') {
    // Lines of open deals there keep it: the admin is told how many.
    const lines = openDeals(ctx.tables, ctx.community.id)
      .flatMap((d) => roster(ctx.tables, d))
      .filter((o) => o.pointId === point.id).length;
    text = t.removed(point.no, name, lines);
  } else {
    text = outcome.kind === 'added' ? t.added(point.no, name) : t.edited(point.no, name);
    if (timesGiven && point.times && !point.window) text += ` ${t.timesUnread}`;
  }
  ctx.reply(text);
  // Scheduled deals' preview cards show the points too.
  for (const deal of [
    ...openDeals(ctx.tables, ctx.community.id),
    ...scheduledDeals(ctx.tables, ctx.community.id),
  ])
    refreshCard(ctx, ctx.community, deal);
}

export const pickupList = defineCommand({
  name: 'pickup list',
  aliases: ['pickup'],
  keywords: ['自提点', '自提点 列表'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText('the pickup points, their times and keepers', '本群的自提点、开放时间和负责人', '/pickup'),
  run(ctx) {
    const t = pickupText(ctx.locale);
    const points = activePoints(ctx.tables, ctx.community.id);
    if (points.length === 0) return ctx.reply(t.none);
    ctx.reply(
      [t.listHeader, ...points.map((p) => pointLine(ctx, p)), t.listFoot(showName(points[0]!.name))].join(
        '\n',
      ),
    );
  },
});

export const pickupAdd = defineCommand({
  name: 'pickup add',
  keywords: ['自提点 添加', '添加自提点'],
  role: 'admin',
  scope: 'group',
  args: z.object({ name: pointName, times: times.optional(), keeper: keeper.optional() }),
  positional: ['name'],
  rest: 'name',
  help: {
    en: {
      summary: 'add a pickup point: its name, opening times and the member who keeps it',
      usage: '/pickup add "NAME" [times="周六 10:00-12:00"] [keeper=@member]',
      examples: ['/pickup add "东门驿站" times="周六 10:00-12:00" keeper=@alice', '/pickup add 西门'],
    },
    zh: {
      summary: '添加自提点：名称、开放时间和负责人',
      usage: '/pickup add "名称" [时间="周六 10:00-12:00"] [负责人=@成员]',
      examples: ['自提点 添加 东门驿站 时间="周六 10:00-12:00" 负责人=@alice', '添加自提点 西门'],
    },
  },
  run(ctx, args) {
    const input: PointInput = { name: args.name };
    if (args.times) input.times = args.times;
    if (args.keeper !== undefined) {
      const userId = keeperOf(ctx, args.keeper);
      if (userId === undefined) return;
      if (userId) input.keeper = userId;
    }
    const outcome = ctx.mutate((tx) => addPoint(tx, ctx.community, input, ctx.sender.id, ctx.clock.now()));
    answerChange(ctx, outcome, args.name, args.times !== undefined);
  },
});

export const pickupEdit = defineCommand({
  name: 'pickup edit',
  keywords: ['自提点 修改', '修改自提点'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    point: pointWord,
    name: pointName.optional(),
    times: times.optional(),
    keeper: keeper.optional(),
  }),
  positional: ['point'],
  help: {
    en: {
      summary: 'change a pickup point’s name, times or keeper (by its number or name)',
      usage: '/pickup edit N [name="NAME"] [times="…"] [keeper=@member|off]',
      examples: ['/pickup edit 1 times="周日 9:00-11:00"', '/pickup edit 东门 keeper=@bob'],
    },
    zh: {
      summary: '修改自提点的名称、开放时间或负责人（用编号或名称指明）',
      usage: '/pickup edit 编号 [名称="名称"] [时间="…"] [负责人=@成员|关闭]',
      examples: ['自提点 修改 1 时间="周日 9:00-11:00"', '自提点 修改 东门 负责人=@bob'],
    },
  },
  run(ctx, args) {
    const t = pickupText(ctx.locale);
    if (args.name === undefined && args.times === undefined && args.keeper === undefined)
      return ctx.reply(t.noChanges);
    const point = pointOrReply(ctx, args.point);
    if (!point) return;
    const change: Partial<PointInput> = {};
    if (args.name !== undefined) change.name = args.name;
    if (args.times !== undefined) change.times = args.times;
    if (args.keeper !== undefined) {
      const userId = keeperOf(ctx, args.keeper);
      if (userId === undefined) return;
      change.keeper = userId;
    }
    const outcome = ctx.mutate((tx) => editPoint(tx, point, change));
    answerChange(ctx, outcome, args.point, args.times !== undefined);
  },
});

export const pickupRemove = defineCommand({
  name: 'pickup remove',
  keywords: ['自提点 删除', '删除自提点'],
  role: 'admin',
  scope: 'group',
  args: z.object({ point: pointWord }),
  positional: ['point'],
  rest: 'point',
  help: helpText(
    'remove a pickup point from use (orders already there keep it)',
    '停用自提点（已在此自提的订单不变）',
    '/pickup remove N',
    ['/pickup remove 2', '/pickup remove 西门'],
  ),
  run(ctx, args) {
    const point = pointOrReply(ctx, args.point);
    if (!point) return;
    answerChange(
      ctx,
      ctx.mutate((tx) => removePoint(tx, point)),
      args.point,
      false,
    );
  },
});

export const myPoint = defineCommand({
  name: 'mypoint',
  keywords: ['我的自提点'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({ point: pointWord.optional() }),
  positional: ['point'],
  rest: 'point',
  help: {
    en: {
      summary: 'your usual pickup point (off clears it)',
      usage: '/mypoint [NAME|off]',
      examples: ['/mypoint', '/mypoint 东门', '/mypoint off'],
    },
    zh: {
      summary: '常用自提点：下单没写自提点时在这里自提（关闭 可清除）',
      usage: '/mypoint [名称|关闭]',
      examples: ['我的自提点', '我的自提点 东门', '我的自提点 关闭'],
    },
  },
  run(ctx, args) {
    const t = pickupText(ctx.locale);
    const points = activePoints(ctx.tables, ctx.community.id);
    const member = ctx.member;
    if (args.point === undefined) {
      const usual = usualPoint(ctx.tables, member);
      if (usual) return ctx.reply(t.myPoint(showName(usual.name), usual.times ?? ''));
      if (points.length === 0) return ctx.reply(t.noPoints);
      return ctx.reply(t.myPointNone(pointList(ctx, points), showName(points[0]!.name)));
    }
    // `personal` keeps senders without an account out; a member record exists for everyone else.
    if (!member) return ctx.reply(t.noPoints);
    if (CLEAR.test(args.point)) {
      ctx.mutate((tx) => setUsualPoint(tx, member, undefined));
      return ctx.reply(t.myPointCleared);
    }
    const point = pointOrReply(ctx, args.point);
    if (!point) return;
    ctx.mutate((tx) => setUsualPoint(tx, member, point));
    ctx.reply(t.myPointSet(showName(point.name)));
  },
});

export const pickupCommands = [pickupList, pickupAdd, pickupEdit, pickupRemove, myPoint];

export const pickupFeature: Feature = {
  name: 'pickup',
  commands: pickupCommands,
  onText: [pointAnswerHandler],
  onButton: [pointButtonHandler],
  messages: [pickupText],
};
