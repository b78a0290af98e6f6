import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { defineMessages } from '../src/core/i18n/index.js';
import { memberId } from '../src/services/members.js';
import { tierOf } from '../src/services/tiers.js';

/** What /whoami shows, already formatted for the reader's language and timezone. */
interface WhoamiFields {
  name: string;
  role: string;
  status: string;
  firstSeen: string;
  joined?: string;
  lastActive?: string;
  messages: number;
  invitedBy?: string;
  group: string;
  tier: string;
  points: number;
}

const text = defineMessages('community', {
  en: {
    langSet: 'Language set to English. 语言已切换为英文。',
    notMember: 'I have no record of you in this group yet: say something in the group first.',
    whoami: (f: WhoamiFields) =>
      [
        `${f.name} in ${f.group}`,
        `Role: ${f.role} · Status: ${f.status} · Tier: ${f.tier} · Points: ${f.points}`,
        `First seen: ${f.firstSeen}${f.joined ? ` · Joined: ${f.joined}` : ''}`,
        `Last message: ${f.lastActive ?? 'never'} · Messages: ${f.messages}`,
        `Invited by: ${f.invitedBy ?? '—'}`,
      ].join('\n'),
  },
  zh: {
    langSet: '语言已切换为简体中文。Language set to Chinese.',
    notMember: '我还没有你在本群的记录：请先在群里说句话。',
    whoami: (f: WhoamiFields) =>
      [
        `${f.name}（${f.group}）`,
        `身份：${f.role} · 状态：${f.status} · 层级：${f.tier} · 积分：${f.points}`,
        `首次出现：${f.firstSeen}${f.joined ? ` · 入群：${f.joined}` : ''}`,
        `最近发言：${f.lastActive ?? '从未'} · 发言数：${f.messages}`,
        `邀请人：${f.invitedBy ?? '—'}`,
      ].join('\n'),
  },
});

const ROLE_NAMES = {
  en: {
    member: 'member',
    admin: 'admin',
    owner: 'owner',
    active: 'active',
    left: 'left',
    removed: 'removed',
    core: 'core',
    ordinary: 'ordinary',
    marginal: 'marginal',
  },
  zh: {
    member: '成员',
    admin: '管理员',
    owner: '群主',
    active: '在群',
    left: '已退群',
    removed: '已移出',
    core: '核心',
    ordinary: '普通',
    marginal: '边缘',
  },
} as const;

export const langCommand = defineCommand({
  name: 'lang',
  aliases: ['language'],
  keywords: ['语言'],
  role: 'admin',
  scope: 'group',
  args: z.object({ locale: z.enum(['zh', 'en']) }),
  positional: ['locale'],
  help: {
    en: { summary: "set the group's language", usage: '/lang zh|en', examples: ['/lang zh'] },
    zh: { summary: '设置本群语言', usage: '/lang zh|en', examples: ['/lang en'] },
  },
  run(ctx, args) {
    const community = ctx.community!;
    ctx.mutate((tx) => tx.put('communities', { ...community, locale: args.locale }));
    ctx.reply(text(args.locale).langSet);
  },
});

export const whoamiCommand = defineCommand({
  name: 'whoami',
  aliases: ['me'],
  keywords: ['我的信息'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: {
    en: { summary: 'what the bot knows about you in this group', usage: '/whoami' },
    zh: { summary: '查看机器人记录的你的信息', usage: '/whoami' },
  },
  run(ctx) {
    const community = ctx.community!;
    const member = ctx.member;
    const t = text(ctx.locale);
    if (!member) return ctx.reply(t.notMember);
    const names = ROLE_NAMES[ctx.locale];
    const when = (iso: string | undefined) => (iso ? formatTime(iso, community.timezone) : undefined);
    const inviter = member.invitedBy
      ? (ctx.tables.members.get(memberId(community.id, member.invitedBy))?.name ?? member.invitedBy)
      : undefined;
    ctx.reply(
      t.whoami({
        name: member.name,
        group: community.title,
        role: names[ctx.role],
        status: names[member.status],
        firstSeen: when(member.firstSeen)!,
        joined: when(member.joinedAt),
        lastActive: when(member.lastMessageAt),
        messages: member.messageCount,
        invitedBy: inviter,
        tier: names[tierOf(ctx.tables, community, member, ctx.clock.now())],
        points: member.points,
      }),
    );
  },
});

export const communityFeature: Feature = { name: 'community', commands: [langCommand, whoamiCommand] };
