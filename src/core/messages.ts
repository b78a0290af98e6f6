import type { ArgError } from './args.js';
import { argLabel, valueWordZh } from './i18n/arg-words.js';
import { defineMessages } from './i18n/index.js';

/**
 * A command as a refusal names it: its slash name (`deal close`) and the words that run it without a
 * slash (CommandSpec.keywords; a CommandSpec is one).
 */
export interface CommandName {
  name: string;
  keywords?: readonly string[] | undefined;
}

/** `/deal close`: how an English reply names a command. */
const slash = (command: CommandName) => `/${command.name}`;

/**
 * `「截团」`: how a Chinese reply names a command, by its first Chinese keyword (Chinese replies hold
 * no English words); `「/deal close」` only for a command without one.
 */
const zhName = (command: CommandName) => `「${command.keywords?.[0] ?? slash(command)}」`;

/** Texts of the bot core: refusals, argument errors, failures. */
export const coreText = defineMessages('core', {
  en: {
    unknownCommand: (name: string, suggestions: CommandName[]) =>
      `Unknown command /${name}.${suggestions.length ? ` Did you mean ${suggestions.map(slash).join(', ')}?` : ''} Send /help to see all commands.`,
    needsRole: (command: CommandName, role: string) =>
      `Only ${role === 'owner' ? 'the group owner' : 'group admins'} can use ${slash(command)}. Nothing was changed.`,
    groupOnly: (command: CommandName) =>
      `${slash(command)} works in the group chat, not in private messages.`,
    directOnly: (command: CommandName) => `Please send ${slash(command)} to me in a private message.`,
    noCommunity: (command: CommandName) =>
      `I don't know which group you mean. Use ${slash(command)} in the group chat, or join a group where I am first.`,
    argError: (error: ArgError) => describeArgError(error, 'en'),
    usage: (usage: string) => `Usage: ${usage}`,
    saveFailed:
      'Sorry, I could not save that (storage problem), so nothing was changed. Please try again later.',
    internalError: 'Sorry, something went wrong on my side. It has been logged.',
    buttonGone: 'This button does nothing any more. Nothing was changed.',
    paymentUnknown: 'This invoice is no longer valid, so nothing was charged. Ask for a new one.',
    paymentUnmatched:
      'Your payment arrived, but I could not match it to an order. Please show this message to the group leader.',
    notInGroup:
      'I was removed from this group, so this button does nothing and nothing was changed. An admin can add me back.',
    tooLong: (max: number) => `That message is too long for a command (over ${max} characters).`,
    problem: (code: string, detail?: string) =>
      ({
        not_admin:
          'I am not an admin in this group, so I cannot see who joins or leaves, create invite links or remove members. Please make me an admin.',
        missing_intent: `I am missing the ${detail ?? ''} permission (intent), so part of what I do will not work. Please enable it in the bot's settings.`,
        cannot_remove:
          'I do not have the right to remove members here; I will list them for you to remove by hand.',
        cannot_invite: 'I do not have the right to create invite links here; referral codes still work.',
        cannot_send: 'I cannot send messages here. Please check my permissions.',
      })[code] ?? `A permission is missing: ${code} ${detail ?? ''}`,
  },
  zh: {
    // The unknown name is echoed as typed; `帮助` is the help command's keyword. `/deal` and `/deals`
    // may both be `「团购」`: named once.
    unknownCommand: (name: string, suggestions: CommandName[]) =>
      `未知命令 /${name}。${suggestions.length ? `你是想用${[...new Set(suggestions.map(zhName))].join('、')}吗？` : ''}发送「帮助」查看全部命令。`,
    needsRole: (command: CommandName, role: string) =>
      `只有${role === 'owner' ? '群主' : '群管理员'}可以使用${zhName(command)}，未做任何更改。`,
    groupOnly: (command: CommandName) => `${zhName(command)}只能在群聊中使用，不能在私聊中使用。`,
    directOnly: (command: CommandName) => `请私聊我发送${zhName(command)}。`,
    noCommunity: (command: CommandName) =>
      `我不知道你指的是哪个群。请在群里使用${zhName(command)}，或先加入一个有我的群。`,
    argError: (error: ArgError) => describeArgError(error, 'zh'),
    usage: (usage: string) => `用法：${usage}`,
    saveFailed: '抱歉，保存失败（存储故障），未做任何更改，请稍后再试。',
    internalError: '抱歉，我这边出了点问题，已记录日志。',
    buttonGone: '这个按钮已失效，未做任何更改。',
    paymentUnknown: '这张账单已失效，未扣款。请重新获取账单。',
    paymentUnmatched: '已收到你的付款，但没能对应到订单。请把这条消息给团长看。',
    notInGroup: '我已被移出本群，这个按钮不再有效，未做任何更改。管理员可以把我重新加回群里。',
    tooLong: (max: number) => `这条命令太长了（超过 ${max} 个字符）。`,
    problem: (code: string, detail?: string) =>
      ({
        not_admin:
          '我不是本群管理员，因此看不到成员进出、无法创建邀请链接，也无法移除成员。请把我设为管理员。',
        missing_intent: `我缺少 ${detail ?? ''} 权限，部分功能无法使用。请在机器人设置中开启。`,
        cannot_remove: '我没有移除成员的权限，需要移除的成员我会列出来，请手动移除。',
        cannot_invite: '我没有创建邀请链接的权限，邀请码仍然可用。',
        cannot_send: '我无法在这里发消息，请检查我的权限。',
      })[code] ?? `缺少权限：${code} ${detail ?? ''}`,
  },
});

function describeArgError(error: ArgError, locale: 'en' | 'zh'): string {
  const zh = locale === 'zh';
  switch (error.code) {
    case 'unclosed_quote':
      return zh ? '引号没有闭合。' : 'A quote is not closed.';
    case 'too_many':
      return zh
        ? `多余的参数：「${clip(error.extra)}」。`
        : `Unexpected extra argument "${clip(error.extra)}".`;
    case 'unknown_option':
      return zh ? `未知选项 ${clip(error.option)}=。` : `Unknown option ${clip(error.option)}=.`;
    case 'missing':
      return zh ? `缺少${argLabel(error.arg, locale)}。` : `Missing ${argLabel(error.arg, locale)}.`;
    case 'invalid': {
      const label = argLabel(error.arg, locale);
      if (zh) return `${label}无效${invalidDetailZh(error)}。`;
      return `Invalid ${label}${invalidDetailEn(error)}.`;
    }
  }
}

type InvalidArg = Extract<ArgError, { code: 'invalid' }>;

function invalidDetailEn(error: InvalidArg): string {
  if (error.choices) return `: use one of ${error.choices.join(', ')}`;
  if (error.min !== undefined) return `: must be at least ${error.min}`;
  if (error.max !== undefined) return `: must be at most ${error.max}`;
  if (error.expected === 'number' || error.expected === 'int') return ': expected a number';
  if (error.arg === 'deal') return ': expected a deal code like #3';
  return '';
}

/** `数量无效：至少为 1`: the reason after a full-width colon, choices in the words a group types. */
function invalidDetailZh(error: InvalidArg): string {
  if (error.choices) return `：可选 ${error.choices.map(valueWordZh).join('、')}`;
  if (error.min !== undefined) return `：至少为 ${error.min}`;
  if (error.max !== undefined) return `：最多为 ${error.max}`;
  if (error.expected === 'number' || error.expected === 'int') return '：应为数字';
  if (error.arg === 'deal') return '：应为团号，如 #3';
  return '';
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
