import { count, defineMessages } from '../src/core/i18n/index.js';

/**
 * Wording of a leader's network of groups (`/network`, 联营) in both languages. `group`: a group's
 * title as shown; `list`: titles already joined in the language's way; `code`: a one-time code.
 */
export const networkText = defineMessages('network', {
  en: {
    none: 'This group is not linked with other groups.',
    howTo:
      'To link two groups of yours: an admin sends /network add here and gets a one-time code privately; an admin of the other group sends /network join CODE there. Linked groups can open one deal together and see /report network.',
    linkedList: (n: number, list: string) =>
      `🔗 This group is in a network of ${count(n, 'group', 'groups')}:\n${list}`,
    thisGroup: ' (this group)',
    removedGroup: ' (the bot was removed there)',
    changes:
      'Admins: /network add (a code to link one more group) · /network leave (unlink this group) · /report network (numbers of every group).',
    noPrivateChat:
      'I cannot write to you privately on this platform, and a link code must not be posted in the group. Nothing was made.',
    sentPrivately: (hours: number) =>
      `I sent you a one-time code privately: an admin of the other group sends it there within ${count(hours, 'hour', 'hours')}.`,
    codeDm: (group: string, code: string, hours: number) =>
      `Code to link another group with "${group}": ${code}\nAn admin of the other group sends there: /network join ${code}\nIt works once, within ${count(hours, 'hour', 'hours')}. Give it only to admins of your own groups: the group that uses it shares deals and numbers with this one.`,
    full: (max: number) => `A network holds at most ${max} groups and this one is full. Nothing was changed.`,
    unknownCode: (code: string) =>
      `There is no code "${code}". Check it, or ask for a new one with /network add in the other group. Nothing was changed.`,
    expiredCode: (code: string) =>
      `The code ${code} has expired. Ask for a new one with /network add in the other group. Nothing was changed.`,
    usedCode: (code: string) =>
      `The code ${code} was already used: each code links one group. Ask for a new one with /network add. Nothing was changed.`,
    sameGroup: 'That code was made in this group: send it in the other group. Nothing was changed.',
    otherPlatform: (group: string) =>
      `"${group}" is on another platform: only groups on one platform can be linked, because an admin here cannot be confirmed to be the same leader there. Nothing was changed.`,
    groupGone: 'The group that made this code no longer has the bot. Nothing was changed.',
    alreadyLinked: (group: string) => `This group is already linked with "${group}". Nothing was changed.`,
    inOtherNetwork: (list: string) =>
      `This group is already in a network with ${list}: leave it first with /network leave. Nothing was changed.`,
    linked: (group: string, n: number) =>
      `🔗 Linked with "${group}": ${count(n, 'group', 'groups')} in this network now (/network).`,
    notLinked: 'This group is not in a network: there is nothing to leave.',
    openShared: (list: string) =>
      `This group has open shared deals: ${list}. Close or cancel them first (/deal close #N); nothing was changed.`,
    left: (list: string) =>
      `This group left the network; its deals, orders and members stay here. Still linked: ${list}.`,
    leftDissolved:
      'This group left the network, which is dissolved: no other group was left in it. Its deals, orders and members stay here.',
    otherLeft: (group: string, n: number) =>
      `"${group}" left the network: ${count(n, 'group', 'groups')} remain linked.`,
    otherLeftDissolved: (group: string) =>
      `"${group}" left the network; with this group alone in it, the network is dissolved.`,
    auditCode: 'made a one-time code to link another group',
    auditLinked: 'linked this group with',
    auditLeft: 'left the network of groups, which holds',
    auditOtherLeft: 'a group left the network',
    auditDissolved: 'a group left; the network is dissolved',
  },
  zh: {
    none: '本群尚未与其他群联营。',
    howTo:
      '联营你的两个群：管理员在本群发送「联营 添加」，私信收到一次性邀请码；另一个群的管理员在那个群发送「联营 加入 邀请码」。联营的群可以一起开团，并可查看「报告 联营」。',
    linkedList: (n: number, list: string) => `🔗 本群所在的联营共 ${n} 个群：\n${list}`,
    thisGroup: '（本群）',
    removedGroup: '（机器人已被移出该群）',
    changes:
      '管理员：「联营 添加」（生成邀请码再联一个群）·「联营 退出」（本群退出联营）·「报告 联营」（各群数据）。',
    noPrivateChat: '在这个平台上我无法私信你，而联营邀请码不能发在群里。未做任何更改。',
    sentPrivately: (hours: number) =>
      `一次性邀请码已私信发给你：请另一个群的管理员在 ${hours} 小时内在那个群发送。`,
    codeDm: (group: string, code: string, hours: number) =>
      `与「${group}」联营的邀请码：${code}\n请另一个群的管理员在那个群发送：联营 加入 ${code}\n仅可使用一次，${hours} 小时内有效。只交给你自己群的管理员：使用它的群将与本群共享团购和数据。`,
    full: (max: number) => `一个联营最多 ${max} 个群，本联营已满。未做任何更改。`,
    unknownCode: (code: string) =>
      `没有邀请码「${code}」。请核对，或在另一个群发送「联营 添加」重新获取。未做任何更改。`,
    expiredCode: (code: string) =>
      `邀请码 ${code} 已过期。请在另一个群发送「联营 添加」重新获取。未做任何更改。`,
    usedCode: (code: string) =>
      `邀请码 ${code} 已被使用：每个邀请码只能联营一个群。请发送「联营 添加」重新获取。未做任何更改。`,
    sameGroup: '这个邀请码是本群生成的：请在另一个群发送。未做任何更改。',
    otherPlatform: (group: string) =>
      `「${group}」在另一个平台上：只有同一平台的群可以联营，因为无法确认两个平台的管理员是同一位团长。未做任何更改。`,
    groupGone: '生成这个邀请码的群已移除机器人。未做任何更改。',
    alreadyLinked: (group: string) => `本群已与「${group}」联营。未做任何更改。`,
    inOtherNetwork: (list: string) => `本群已与 ${list} 联营：请先发送「联营 退出」。未做任何更改。`,
    linked: (group: string, n: number) =>
      `🔗 已与「${group}」联营：本联营现有 ${n} 个群（发送「联营」查看）。`,
    notLinked: '本群未加入联营，无需退出。',
    openShared: (list: string) =>
      `本群还有进行中的联营团购：${list}。请先截团或取消（截团 #编号）；未做任何更改。`,
    left: (list: string) => `本群已退出联营，本群的团购、订单和成员都保留在本群。仍在联营的群：${list}。`,
    leftDissolved: '本群已退出联营，联营中已没有其他群，联营解散。本群的团购、订单和成员都保留在本群。',
    otherLeft: (group: string, n: number) => `「${group}」已退出联营：还有 ${n} 个群在联营中。`,
    otherLeftDissolved: (group: string) => `「${group}」已退出联营；只剩本群，联营解散。`,
    auditCode: '生成了联营邀请码',
    auditLinked: '本群与此群联营',
    auditLeft: '退出联营，联营中的群',
    auditOtherLeft: '有群退出联营',
    auditDissolved: '有群退出联营，联营解散',
  },
});
