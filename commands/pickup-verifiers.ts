import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { memberId } from '../src/services/members.js';
import { activePoints, findPoint } from '../src/services/pickup-points.js';
import { addVerifier, removeVerifier } from '../src/services/pickup-verify.js';
import type { PickupPoint } from '../src/store/schema.js';
import { dealText } from './deal-text.js';
import { namedMember } from './member-arg.js';
import { verifyText } from './pickup-verify-text.js';

/**
 * Who checks pickup codes at a point besides admins and its keeper: `/verifier add @bob 东门`,
 * `/verifier remove @bob 东门` (every point when none is named), `/verifier list`.
 */

const joined = (ctx: GroupContext, names: string[]) => names.join(ctx.locale === 'zh' ? '、' : ', ');

/** A member's name by user id as the group reads it. */
function nameOf(ctx: GroupContext, userId: string): string {
  const member = ctx.tables.members.get(memberId(ctx.community.id, userId));
  return member ? showName(member.name) : userId;
}

/**
 * The point a verifier command is about: named (`东门`, `1`), or the only one; undefined after
 * answering why not (none yet, no such point, or which of several).
 */
function pointFor(ctx: GroupContext, word: string | undefined): PickupPoint | undefined {
  const t = verifyText(ctx.locale);
  const points = activePoints(ctx.tables, ctx.community.id);
  if (points.length === 0) {
    ctx.reply(t.noPoints);
    return undefined;
  }
  const names = joined(
    ctx,
    points.map((p) => showName(p.name)),
  );
  if (!word) {
    if (points.length === 1) return points[0];
    ctx.reply(t.whichPointFor(names));
    return undefined;
  }
  const point = findPoint(ctx.tables, ctx.community.id, word, points);
  if (!point) ctx.reply(t.noSuchPoint(showName(word), names));
  return point;
}

/** The member a verifier command names (`@bob`), or undefined after saying why not. */
const memberNamed = (ctx: GroupContext, typed: string) =>
  namedMember(ctx, ctx.community.id, typed, dealText(ctx.locale).noMember);

/** What `/verifier add` and `/verifier remove` take: `@member [POINT]`, admins only. */
const memberAndPoint = {
  role: 'admin',
  scope: 'group',
  args: z.object({ member: z.string().min(1).max(64), point: z.string().trim().max(60).optional() }),
  positional: ['member', 'point'] as ('member' | 'point')[],
  rest: 'point',
} as const;

export const verifierAdd = defineCommand({
  name: 'verifier add',
  keywords: ['核销员 添加'],
  ...memberAndPoint,
  help: helpText(
    'let a member check pickup codes at a point (the only point when there is one)',
    '指定成员在某自提点核销（只有一个自提点时可省略）',
    '/verifier add @member [POINT]',
    ['/verifier add @bob 东门', '核销员 添加 @bob 东门'],
  ),
  run(ctx, args) {
    const t = verifyText(ctx.locale);
    const named = memberNamed(ctx, args.member);
    if (!named) return;
    const point = pointFor(ctx, args.point);
    if (!point) return;
    const outcome = ctx.mutate((tx) => addVerifier(tx, point, named.member.userId));
    const where = showName(point.name);
    ctx.reply(
      outcome.kind === 'added' ? t.verifierAdded(named.label, where) : t.verifierAlready(named.label, where),
    );
  },
});

export const verifierRemove = defineCommand({
  name: 'verifier remove',
  keywords: ['核销员 删除'],
  ...memberAndPoint,
  help: helpText(
    'stop a member checking pickup codes at a point (at every point when none is named)',
    '取消成员在某自提点的核销权限（不写自提点则全部取消）',
    '/verifier remove @member [POINT]',
    ['/verifier remove @bob 东门', '核销员 删除 @bob'],
  ),
  run(ctx, args) {
    const t = verifyText(ctx.locale);
    const named = memberNamed(ctx, args.member);
    if (!named) return;
    let points = activePoints(ctx.tables, ctx.community.id);
    if (args.point) {
      const point = pointFor(ctx, args.point);
      if (!point) return;
      points = [point];
    }
    const outcome = ctx.mutate((tx) => removeVerifier(tx, points, named.member.userId));
    if (outcome.kind !== 'removed') return ctx.reply(t.notVerifier(named.label));
    ctx.reply(
      t.verifierRemoved(
        named.label,
        joined(
          ctx,
          outcome.points.map((p) => showName(p.name)),
        ),
      ),
    );
  },
});

export const verifierList = defineCommand({
  name: 'verifier list',
  aliases: ['verifier', 'verifiers'],
  keywords: ['核销员', '核销员 列表'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText('who checks pickup codes at each point', '各自提点的负责人和核销员', '/verifier list'),
  run(ctx) {
    const t = verifyText(ctx.locale);
    const points = activePoints(ctx.tables, ctx.community.id);
    if (points.length === 0) return ctx.reply(t.noPoints);
    const lines = points.map((p) =>
      t.verifiersLine(
        showName(p.name),
        p.keeper ? nameOf(ctx, p.keeper) : '',
        joined(
          ctx,
          p.verifiers.map((v) => nameOf(ctx, v)),
        ),
      ),
    );
    ctx.reply([t.verifiersHeader, ...lines].join('\n'));
  },
});

export const verifierCommands = [verifierList, verifierAdd, verifierRemove];
