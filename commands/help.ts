import { z } from 'zod';
import { type CommandSpec, defineCommand, roleAllows } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { defineMessages } from '../src/core/i18n/index.js';

const text = defineMessages('help', {
  en: {
    header: 'Commands (send /help NAME for details):',
    orderHint:
      'To join a deal just send +1 (or 接龙 2, +2 L for an option); -1 withdraws, 列表 shows the roster.',
    adminHeader: 'For admins:',
    adminHint: 'For admins: send /help admin',
    noSuch: (name: string) => `No command called ${name}. Send /help to see all commands.`,
    aliases: (words: string) => `Also: ${words}`,
    examples: 'Examples:',
    welcomeGroup:
      'Hi, I am tuanbot 👋 I run this group\'s group buys (团购): deals you can join with "+1", points for checking in and inviting friends, and a tidy member list. Send /help to see what I can do.',
    welcomeDirect:
      'Hi, I am tuanbot. Add me to your group chat to run group buys, points and invites there. In private you can ask me /help, /whoami and more.',
  },
  zh: {
    header: '命令列表（发送“帮助 命令”查看详情，如：帮助 清理）：',
    orderHint: '参团直接发 +1（或 接龙 2、+2 L 选规格）；发 -1 取消，发"列表"查看接龙名单。',
    adminHeader: '管理员命令：',
    adminHint: '管理员命令：发送“帮助 管理”查看',
    noSuch: (name: string) => `没有叫 ${name} 的命令。发送「帮助」查看全部命令。`,
    aliases: (words: string) => `也可以用：${words}`,
    examples: '示例：',
    welcomeGroup:
      '大家好，我是团购助手 tuanbot 👋 我帮本群管理团购：发"+1"即可接龙下单，签到和邀请好友可得积分，还会帮忙整理成员名单。发送「帮助」查看我能做什么。',
    welcomeDirect:
      '你好，我是团购助手 tuanbot。把我拉进你的群，就能在群里开团、积分和邀请。私聊中可以发送「帮助」「我的信息」等命令。',
  },
});

function visible(ctx: Context, spec: CommandSpec): boolean {
  if (spec.scope === 'direct' && ctx.chat.kind === 'group') return false;
  return true;
}

/**
 * One command in the list; a Chinese group sees its first two Chinese keywords, then the slash
 * name (`/help NAME` lists the others): the whole list stays one message on WeChat's 2,000 characters.
 */
function line(ctx: Context, spec: CommandSpec): string {
  const summary = spec.help[ctx.locale].summary;
  if (ctx.locale === 'zh' && spec.keywords?.length)
    return `${spec.keywords.slice(0, 2).join(' / ')}（/${spec.name}）— ${summary}`;
  return `/${spec.name} — ${summary}`;
}

/**
 * The members' commands, and for an admin a pointer to theirs: the whole list (some 60 commands)
 * would be a wall of text in the group, past WeChat's 2,000 characters.
 */
function overview(ctx: Context): string {
  const t = text(ctx.locale);
  const specs = ctx.registry.all().filter((s) => visible(ctx, s));
  const members = specs.filter((s) => s.role === 'member').map((s) => line(ctx, s));
  const parts = [t.header, ...members, '', t.orderHint];
  if (specs.some((s) => s.role !== 'member') && roleAllows(ctx.role, 'admin')) parts.push('', t.adminHint);
  return parts.join('\n');
}

/** `/help admin`, `帮助 管理`: the admins' commands (a member is told the list is for admins). */
const ADMIN_WORDS = new Set(['admin', 'admins', '管理', '管理员']);

function adminOverview(ctx: Context): string {
  const t = text(ctx.locale);
  const admins = ctx.registry
    .all()
    .filter((s) => visible(ctx, s) && s.role !== 'member')
    .map((s) => line(ctx, s));
  return [t.adminHeader, ...admins].join('\n');
}

/** The commands a help question names: by name (`prune`, `prune warn`) or keyword (`清理`, `清理 确认`), with their subcommands. */
function matching(ctx: Context, name: string): CommandSpec[] {
  const asked = name
    .replace(/^[/／]/, '')
    .trim()
    .replace(/\s+/g, ' ');
  const wanted = asked.toLowerCase();
  return ctx.registry
    .all()
    .filter(
      (s) =>
        s.name === wanted ||
        s.name.startsWith(`${wanted} `) ||
        s.aliases?.includes(wanted) ||
        s.keywords?.some((k) => k === asked || k.startsWith(`${asked} `)),
    );
}

function details(ctx: Context, name: string): string {
  const t = text(ctx.locale);
  const specs = matching(ctx, name);
  if (specs.length === 0) return t.noSuch(name);
  return specs
    .map((spec) => {
      const help = spec.help[ctx.locale];
      // A Chinese group reads its own words first; the slash names still work.
      const keywords = spec.keywords ?? [];
      const slashes = (spec.aliases ?? []).map((a) => `/${a}`);
      const words = ctx.locale === 'zh' ? [...keywords, ...slashes] : [...slashes, ...keywords];
      return [
        `${help.usage}`,
        help.summary,
        ...(help.details ? [help.details] : []),
        ...(words.length ? [t.aliases(words.join(ctx.locale === 'zh' ? '、' : ', '))] : []),
        ...(help.examples?.length ? [t.examples, ...help.examples.map((e) => `  ${e}`)] : []),
      ].join('\n');
    })
    .join('\n\n');
}

export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['h'],
  keywords: ['帮助', '菜单'],
  role: 'member',
  scope: 'any',
  args: z.object({ command: z.string().max(64).optional() }),
  positional: ['command'],
  // `/help prune warn`, `帮助 清理 确认`: a subcommand is two words.
  rest: 'command',
  help: {
    en: {
      summary: 'list commands, or explain one',
      usage: '/help [COMMAND|admin]',
      examples: ['/help', '/help lang', '/help admin'],
    },
    zh: {
      summary: '查看命令列表或某个命令的说明',
      usage: '帮助 [命令名|管理]',
      examples: ['帮助', '帮助 清理', '帮助 清理 确认', '帮助 管理'],
    },
  },
  run(ctx, args) {
    const asked = args.command?.trim().toLowerCase();
    if (asked !== undefined && ADMIN_WORDS.has(asked))
      return ctx.reply(roleAllows(ctx.role, 'admin') ? adminOverview(ctx) : overview(ctx));
    ctx.reply(args.command ? details(ctx, args.command) : overview(ctx));
  },
});

export const startCommand = defineCommand({
  name: 'start',
  keywords: ['开始'],
  role: 'member',
  scope: 'any',
  args: z.object({ payload: z.string().max(64).optional() }),
  positional: ['payload'],
  help: {
    en: { summary: 'say hello and show what the bot does', usage: '/start' },
    zh: { summary: '打招呼并介绍机器人', usage: '/start' },
  },
  run(ctx) {
    const t = text(ctx.locale);
    ctx.reply(ctx.chat.kind === 'group' ? t.welcomeGroup : t.welcomeDirect);
  },
});

export const helpFeature: Feature = { name: 'help', commands: [helpCommand, startCommand], messages: [text] };
