import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { showName } from '../src/core/names.js';
import { memberNames } from '../src/services/member-names.js';
import { archivedCount, checkin, credit, entriesOf, leaderboard, summary } from '../src/services/points.js';
import { memberArgText, namedMember } from './member-arg.js';
import { entryLine, pointsText } from './points-text.js';

function when(ctx: GroupContext, iso: string): string {
  return formatTime(iso, ctx.community.timezone).slice(5);
}

export const checkinCommand = defineCommand({
  name: 'checkin',
  keywords: ['签到', '打卡'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: helpText('daily check-in for points', '每日签到领积分（以表情回应，或在签到汇总里回复）', '/checkin'),
  run(ctx) {
    const t = pointsText(ctx.locale);
    const community = ctx.community;
    const member = ctx.member!;
    const outcome = ctx.mutate((tx) => checkin(tx, community, member, ctx.clock.now()));
    // No group message per check-in: a reaction where the platform has them (🎉 for a streak
    // bonus), else one line in the community's batched check-in summary.
    const summary = (line: string) => ctx.acknowledge(`checkin:${community.id}`, t.checkinHeader, line);
    if (outcome.kind === 'already')
      return summary(t.named(showName(member.name), t.alreadyCheckedIn(outcome.streak, outcome.balance)));
    if (!ctx.react(outcome.bonus ? '🎉' : '👍'))
      summary(
        t.named(
          showName(member.name),
          t.checkedIn(outcome.earned, outcome.streak, outcome.bonus, outcome.balance),
        ),
      );
  },
});

export const pointsCommand = defineCommand({
  name: 'points',
  keywords: ['积分'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'your points: balance, this month, recent entries',
    '我的积分：余额、本月、最近记录',
    '/points',
  ),
  run(ctx) {
    const t = pointsText(ctx.locale);
    const community = ctx.community;
    const member = ctx.member!;
    const s = summary(ctx.tables, community, member, ctx.clock.now());
    if (s.recent.length === 0) {
      const archived = archivedCount(member);
      return ctx.reply(`${t.summary(s.balance, 0, 0)}\n${archived ? t.olderInMydata(archived) : t.none}`);
    }
    const lines = s.recent.map((e) => `  ${entryLine(ctx.locale, e, when(ctx, e.at))}`);
    ctx.reply([t.summary(s.balance, s.earnedThisMonth, s.spentThisMonth), t.recent, ...lines].join('\n'));
  },
});

const PERIOD_NAMES = {
  en: { week: 'this week', month: 'this month', all: 'all time' },
  zh: { week: '本周', month: '本月', all: '全部' },
} as const;

export const topCommand = defineCommand({
  name: 'top',
  keywords: ['排行榜', '积分榜'],
  role: 'member',
  scope: 'group',
  args: z.object({ period: z.enum(['week', 'month', 'all']).default('week') }),
  positional: ['period'],
  help: helpText('leaderboard of points earned (opt-in)', '积分排行榜（自愿上榜）', '/top [week|month|all]', [
    '/top',
    '/top month',
  ]),
  run(ctx, args) {
    const t = pointsText(ctx.locale);
    const { rows, leftOut } = leaderboard(ctx.tables, ctx.community, args.period, ctx.clock.now());
    if (rows.length === 0) return ctx.reply(leftOut > 0 ? t.topNoneListed(leftOut) : t.topEmpty);
    const names = memberNames(
      ctx.tables,
      ctx.community.id,
      rows.map((r) => ({ id: r.member.userId, name: r.member.name })),
    );
    const lines = rows.map((r) => `${r.rank}. ${names.get(r.member.userId)} ${r.earned}`);
    if (leftOut > 0) lines.push(t.topLeftOut(leftOut));
    ctx.reply([t.topHeader(PERIOD_NAMES[ctx.locale][args.period]), ...lines].join('\n'));
  },
});

const PAGE = 10;

export const historyCommand = defineCommand({
  name: 'history',
  keywords: ['积分记录'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
  positional: ['page'],
  help: helpText(
    'your points entries, newest first, 10 a page',
    '我的积分明细（每页 10 条）',
    '/history [PAGE]',
    ['/history', '/history 2'],
  ),
  run(ctx, args) {
    const t = pointsText(ctx.locale);
    const entries = entriesOf(ctx.tables, ctx.community.id, ctx.sender.id);
    // Entries older than ~60 days live in the archive, read only by /mydata.
    const archived = archivedCount(ctx.member);
    if (entries.length === 0) return ctx.reply(archived ? t.olderInMydata(archived) : t.none);
    const pages = Math.ceil(entries.length / PAGE);
    const page = Math.min(args.page, pages);
    const lines = entries
      .slice((page - 1) * PAGE, page * PAGE)
      .map((e) => entryLine(ctx.locale, e, when(ctx, e.at)));
    if (archived && page === pages) lines.push(t.olderInMydata(archived));
    ctx.reply([t.historyHeader(page, pages), ...lines].join('\n'));
  },
});

function adjustCommand(kind: 'award' | 'deduct') {
  return defineCommand({
    name: kind,
    keywords: [kind === 'award' ? '奖励积分' : '扣除积分'],
    role: 'admin',
    scope: 'group',
    args: z.object({
      member: z.string().min(1).max(64),
      amount: z.coerce.number().int().min(1).max(1_000_000),
      reason: z.string().max(200).optional(),
    }),
    positional: ['member', 'amount', 'reason'],
    rest: 'reason',
    help:
      kind === 'award'
        ? helpText('give a member points', '给成员奖励积分', '/award @member N [reason]', [
            '/award @alice 50 helped with pickup',
          ])
        : helpText(
            'take points from a member (never below zero)',
            '扣除成员积分（不会扣成负数）',
            '/deduct @member N [reason]',
            ['/deduct @bob 10 duplicate order'],
          ),
    run(ctx, args) {
      const t = pointsText(ctx.locale);
      const community = ctx.community;
      const named = namedMember(ctx, community.id, args.member, t.noMember);
      if (!named) return;
      const { member } = named;
      const delta = kind === 'award' ? args.amount : -args.amount;
      const key = `${kind}:${community.id}:${ctx.event.id ?? ctx.clock.now().toISOString()}`;
      const outcome = ctx.mutate((tx) =>
        credit(tx, community.id, member.userId, delta, kind, key, ctx.clock.now(), {
          ...(args.reason ? { note: args.reason } : {}),
          by: ctx.sender.id,
        }),
      );
      const name = named.label;
      if (outcome.kind === 'insufficient') return ctx.reply(t.insufficient(name, outcome.balance));
      if (outcome.kind === 'credited') ctx.reply(t.awarded(name, delta, outcome.balance));
    },
  });
}

export const awardCommand = adjustCommand('award');
export const deductCommand = adjustCommand('deduct');

export const pointsFeature: Feature = {
  name: 'points',
  commands: [checkinCommand, pointsCommand, topCommand, historyCommand, awardCommand, deductCommand],
  // member-arg's wording serves every feature that names a member; it is listed once, here.
  messages: [pointsText, memberArgText],
};
