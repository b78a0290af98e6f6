import { count, defineMessages, plural } from '../src/core/i18n/index.js';
import { distinctNames } from '../src/core/names.js';
import type { Exclusion } from '../src/services/prune.js';

/** The names of a list of different members as shown: fenced, look-alikes told apart (`Alice (2)`). */
const shown = (list: string[]) => [
  ...distinctNames(list.map((name, i) => ({ id: String(i), name }))).values(),
];
const names = (list: string[]) => shown(list).join(', ');
const mentions = (list: string[]) =>
  shown(list)
    .map((n) => `@${n}`)
    .join(' ');

/** Wording of pruning, exemptions and the audit log, in both languages. */
export const pruneText = defineMessages('prune', {
  en: {
    dryRunHeader: (n: number, days: number, buyerDays: number) =>
      `Prune dry run: ${count(n, 'candidate', 'candidates')} (no message and no order for ${count(days, 'day', 'days')}, no order for ${count(buyerDays, 'day', 'days')}). Nothing was changed.`,
    candidate: (name: string, last: string | undefined) => `• ${name} — last active ${last ?? 'never'}`,
    excluded: (counts: Record<Exclusion, number>) =>
      `Not candidates: ${counts.active} active, ${counts.admin} ${plural(counts.admin, 'admin', 'admins')} or owner, ${counts.new} new (grace period), ${counts.exempt} exempt, ${count(counts.buyer, 'recent buyer', 'recent buyers')}.`,
    dryRunNext: 'Next: /prune warn warns them; /prune confirm removes those still silent after the warning.',
    gone: (who: string[]) =>
      `Not in the group any more (they left without me seeing it), so not candidates: ${names(who)}. /prune warn records them as left.`,
    departed: (who: string[]) =>
      `No longer in the group (they left without me seeing it): recorded as left, nothing to remove: ${names(who)}.`,
    nowAdmins: (who: string[]) => `Not removed, admins now: ${names(who)}.`,
    standingFailed:
      'I could not ask the platform who is still in the group and who is an admin now, so nothing was changed. Try again in a minute.',
    noCandidates: 'No prune candidates: nobody was warned.',
    warnDm: (group: string, hours: number) =>
      `Hi! You have not been active in ${group} for a while. Reply or react within ${hours} h to stay in the group; otherwise the admins may remove you.`,
    warnGroup: (who: string[], hours: number) =>
      `${mentions(who)}: you have not been active here for a while. Reply or react within ${hours} h to stay.`,
    warned: (who: string[], deadline: string, dm: boolean) =>
      `Warned ${count(who.length, 'member', 'members')}${dm ? ' by private message' : ''}: ${names(who)}. After ${deadline}, /prune confirm removes those still silent.`,
    alreadyWarned: (who: string[]) => `Already warned: ${names(who)}.`,
    warnUnreachable: (who: string[], deadline: string) =>
      `Could not reach ${names(who)} privately (the platform refused: they never opened a chat with me), so I mentioned them in the group instead. After ${deadline}, /prune confirm removes those still silent.`,
    undelivered: (who: string[]) => `Not removed, their warning was not delivered yet: ${names(who)}.`,
    thanks: (group: string) => `Thanks! You stay in ${group}.`,
    removed: (who: string[]) => `Removed ${who.length}: ${names(who)}.`,
    kept: (who: string[]) => `Kept ${who.length} (active since the warning): ${names(who)}.`,
    waiting: (who: string[], deadline: string) =>
      `Still within the warning period until ${deadline}: ${names(who)}.`,
    nothingToConfirm: 'Nobody is due for removal. Warn candidates first with /prune warn.',
    capped: (max: number, left: number) =>
      `Stopped at prune.max_batch=${max}; ${left} more to remove: run /prune confirm again.`,
    unsupported: (who: string[]) =>
      `I cannot remove members in this chat (the platform does not let me). Please remove them by hand: ${mentions(who)}.`,
    stopped: (name: string, message: string, left: string[], permanent: boolean) =>
      `Stopped at ${name}: the platform said "${message}". ${permanent ? `Please remove by hand: ${mentions(left)}.` : `Not removed yet: ${names(left)}. Try /prune confirm again later.`}`,
    autoRemoved: (who: string[], hours: number) =>
      `Removed ${who.length} inactive ${plural(who.length, 'member', 'members')} after a ${hours} h warning: ${names(who)}.`,
    exempted: (name: string) => `${name} is exempt from pruning.`,
    alreadyExempt: (name: string) => `${name} is already exempt.`,
    unexempted: (name: string) => `${name} is no longer exempt from pruning.`,
    notExempt: (name: string) => `${name} was not exempt.`,
    unknownMember: (name: string) => `I don't know ${name} in this group.`,
    auditEmpty: 'The audit log is empty.',
    auditHeader: 'Audit log (newest first):',
    auditLine: (at: string, action: string, name: string, by: string, last?: string) =>
      `${at} ${{ removed: 'removed', exempted: 'exempted', unexempted: 'unexempted' }[action] ?? action} ${name} — by ${by === 'auto' ? 'auto (weekly sweep)' : by}${last ? ` · last active ${last}` : ''}`,
  },
  zh: {
    dryRunHeader: (n: number, days: number, buyerDays: number) =>
      `清理预览：${n} 名候选成员（${days} 天无发言无下单，${buyerDays} 天内未下单）。未做任何更改。`,
    candidate: (name: string, last: string | undefined) => `• ${name} — 最近活跃 ${last ?? '从未'}`,
    excluded: (counts: Record<Exclusion, number>) =>
      `不在候选内：活跃 ${counts.active}，管理员/群主 ${counts.admin}，新成员（保护期）${counts.new}，豁免 ${counts.exempt}，近期买家 ${counts.buyer}。`,
    dryRunNext: '下一步：发“清理 提醒”提醒他们；发“清理 确认”移除提醒期满仍未回复的成员。',
    gone: (who: string[]) =>
      `已不在群里（退群时我没有收到通知），不算候选：${names(who)}。发“清理 提醒”会把他们记为已退群。`,
    departed: (who: string[]) => `已不在群里（退群时我没有收到通知），已记为退群，无需移除：${names(who)}。`,
    nowAdmins: (who: string[]) => `现为管理员，不移除：${names(who)}。`,
    standingFailed: '暂时无法向平台确认谁还在群里、谁是管理员，因此没有做任何更改。请一分钟后再试。',
    noCandidates: '没有清理候选，未提醒任何人。',
    warnDm: (group: string, hours: number) =>
      `你好！你在 ${group} 已经有一段时间没有活跃了。请在 ${hours} 小时内回复或点个表情以保留群成员身份，否则管理员可能会将你移出。`,
    warnGroup: (who: string[], hours: number) =>
      `${mentions(who)}：你们有一段时间没有活跃了。请在 ${hours} 小时内回复或点个表情以保留。`,
    warned: (who: string[], deadline: string, dm: boolean) =>
      `已${dm ? '私信' : ''}提醒 ${who.length} 人：${names(who)}。${deadline} 之后，发“清理 确认”会移除仍未回复的成员。`,
    alreadyWarned: (who: string[]) => `已提醒过：${names(who)}。`,
    warnUnreachable: (who: string[], deadline: string) =>
      `无法私信 ${names(who)}（平台拒绝：他们从未与我私聊），已改为在群里提醒。${deadline} 之后，发“清理 确认”会移除仍未回复的成员。`,
    undelivered: (who: string[]) => `提醒尚未送达，暂不移除：${names(who)}。`,
    thanks: (group: string) => `谢谢！你会继续留在 ${group}。`,
    removed: (who: string[]) => `已移除 ${who.length} 人：${names(who)}。`,
    kept: (who: string[]) => `保留 ${who.length} 人（提醒后有活跃）：${names(who)}。`,
    waiting: (who: string[], deadline: string) => `提醒期到 ${deadline} 才结束：${names(who)}。`,
    nothingToConfirm: '没有需要移除的成员。请先发“清理 提醒”提醒候选成员。',
    capped: (max: number, left: number) =>
      `已达单次上限 prune.max_batch=${max}；还有 ${left} 人待移除：请再发一次“清理 确认”。`,
    unsupported: (who: string[]) => `我在这个群里没有移除成员的权限。请手动移除：${mentions(who)}。`,
    stopped: (name: string, message: string, left: string[], permanent: boolean) =>
      `移除 ${name} 时停止：平台返回“${message}”。${permanent ? `请手动移除：${mentions(left)}。` : `尚未移除：${names(left)}。请稍后再发“清理 确认”。`}`,
    autoRemoved: (who: string[], hours: number) =>
      `提醒 ${hours} 小时后仍未活跃，已移除 ${who.length} 人：${names(who)}。`,
    exempted: (name: string) => `${name} 已加入清理豁免名单。`,
    alreadyExempt: (name: string) => `${name} 已在豁免名单中。`,
    unexempted: (name: string) => `${name} 已移出豁免名单。`,
    notExempt: (name: string) => `${name} 不在豁免名单中。`,
    unknownMember: (name: string) => `本群没有 ${name} 的记录。`,
    auditEmpty: '审计日志为空。',
    auditHeader: '审计日志（最新在前）：',
    auditLine: (at: string, action: string, name: string, by: string, last?: string) =>
      `${at} ${{ removed: '移除', exempted: '豁免', unexempted: '取消豁免' }[action] ?? action} ${name} — 操作人 ${by === 'auto' ? '自动（每周清理）' : by}${last ? ` · 最近活跃 ${last}` : ''}`,
  },
});
