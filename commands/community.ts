import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime, isTimezone } from '../src/core/format.js';
import { defineMessages } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { defaultTimezone, memberId } from '../src/services/members.js';
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
    askTimezone: (tz: string, local: string) =>
      `The timezone is still ${tz} (now ${local}). For Beijing time send /tz Asia/Shanghai.`,
    tzShow: (tz: string, local: string) =>
      `This group runs on ${tz} (now ${local}). Change it with /tz and an IANA name, e.g. /tz America/New_York.`,
    tzSet: (tz: string, local: string) =>
      `Timezone set to ${tz}: it is now ${local} here. Deadlines and daily check-ins follow it; open deals keep their deadline moment.`,
    tzUnknown: (value: string) =>
      `${value} is not a timezone I know. Use an IANA name such as Asia/Shanghai or America/New_York.`,
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
    langSet: '语言已切换为简体中文。',
    askTimezone: (tz: string, local: string) =>
      `本群时区仍是 ${tz}（当前 ${local}），要改为北京时间吗？发送"时区 北京"即可。`,
    tzShow: (tz: string, local: string) =>
      `本群时区：${tz}（当前 ${local}）。修改请发送"时区 北京"，或 /tz 加 IANA 时区名，如 /tz America/New_York。`,
    tzSet: (tz: string, local: string) =>
      `时区已改为 ${tz}，本群当前时间 ${local}。截止时间和每日签到按此计算；已开团购的截止时刻不变。`,
    tzUnknown: (value: string) =>
      `不认识时区"${value}"：请发送"时区 北京"，或用 IANA 时区名，如 Asia/Shanghai、America/New_York。`,
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
    const community = ctx.community;
    ctx.mutate((tx) => tx.put('communities', { ...community, locale: args.locale }));
    const t = text(args.locale);
    const now = ctx.clock.now();
    // A Chinese group on another clock (a UTC default) would close deals at the wrong hour:
    // ask once, in the same reply, rather than move deadlines behind the leader's back.
    const ask = args.locale === 'zh' && !onBeijingTime(community.timezone, now);
    ctx.reply(
      ask
        ? `${t.langSet}\n${t.askTimezone(community.timezone, formatTime(now, community.timezone))}`
        : t.langSet,
    );
  },
});

const BEIJING = defaultTimezone('zh');
/** What a Chinese group types for Beijing time instead of the IANA name. */
const BEIJING_WORDS = new Set(['北京', '北京时间', '中国', 'beijing', 'china']);

/** True when the zone keeps Beijing's clock now (UTC+8: Shanghai, Hong Kong, Taipei, Singapore…). */
function onBeijingTime(timezone: string, now: Date): boolean {
  return DateTime.fromJSDate(now, { zone: timezone }).offset === 8 * 60;
}

export const timezoneCommand = defineCommand({
  name: 'tz',
  aliases: ['timezone'],
  keywords: ['时区'],
  role: 'admin',
  scope: 'group',
  args: z.object({ tz: z.string().max(64).optional() }),
  positional: ['tz'],
  help: {
    en: {
      summary: "show or set the group's timezone",
      usage: '/tz [Asia/Shanghai|IANA name]',
      examples: ['/tz', '/tz America/New_York'],
    },
    zh: {
      summary: '查看或设置本群时区',
      usage: '/tz [北京|时区名，如 Asia/Shanghai]',
      examples: ['时区 北京', '/tz Asia/Shanghai'],
    },
  },
  run(ctx, args) {
    const community = ctx.community;
    const t = text(ctx.locale);
    const now = ctx.clock.now();
    if (args.tz === undefined)
      return ctx.reply(t.tzShow(community.timezone, formatTime(now, community.timezone)));
    const wanted = BEIJING_WORDS.has(args.tz.toLowerCase()) ? BEIJING : args.tz;
    if (!isTimezone(wanted)) return ctx.reply(t.tzUnknown(args.tz));
    // `asia/shanghai` works too; store the name's canonical spelling.
    const tz = new Intl.DateTimeFormat('en', { timeZone: wanted }).resolvedOptions().timeZone;
    ctx.mutate((tx) => tx.put('communities', { ...community, timezone: tz }));
    ctx.reply(t.tzSet(tz, formatTime(now, tz)));
  },
});

export const whoamiCommand = defineCommand({
  name: 'whoami',
  aliases: ['me'],
  keywords: ['我的信息'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: {
    en: { summary: 'what the bot knows about you', usage: '/whoami' },
    zh: { summary: '查看机器人记录的你的信息', usage: '/whoami' },
  },
  run(ctx) {
    const community = ctx.community;
    const member = ctx.member;
    const t = text(ctx.locale);
    if (!member) return ctx.reply(t.notMember);
    const names = ROLE_NAMES[ctx.locale];
    const when = (iso: string | undefined) => (iso ? formatTime(iso, community.timezone) : undefined);
    const inviter = member.invitedBy
      ? showName(ctx.tables.members.get(memberId(community.id, member.invitedBy))?.name ?? member.invitedBy)
      : undefined;
    ctx.reply(
      t.whoami({
        name: showName(member.name),
        group: showName(community.title),
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

export const communityFeature: Feature = {
  name: 'community',
  commands: [langCommand, timezoneCommand, whoamiCommand],
  messages: [text],
};
