import { count, defineMessages, type Locale } from '../../src/core/i18n/index.js';
import type { MemberQueryField } from '../../src/services/member-query.js';
import type { Exclusion } from '../../src/services/prune-candidates.js';
import type { Tier } from '../../src/services/tiers.js';
import type { Referral } from '../../src/store/schema.js';

/**
 * Wording of the dashboard's Members page and a member's page, in the community's language.
 * Typed records per tier, exclusion, ledger reason and referral verdict: a new one does not compile
 * until it is worded in both languages.
 */
export const membersText = defineMessages('dashboard-members', {
  en: {
    title: 'Members',
    summary: (total: number) => `${count(total, 'member', 'members')} match.`,
    // Filters.
    filterName: 'Name or id',
    filterTier: 'Tier',
    filterCandidate: 'Prune candidate',
    filterStatus: 'In the group',
    any: 'any',
    yes: 'yes',
    no: 'no',
    statusActive: 'members now',
    statusLeft: 'left',
    statusRemoved: 'removed',
    statusAll: 'everyone',
    pageSize: 'Per page',
    apply: 'Show',
    // Columns.
    colName: 'Member',
    colTier: 'Tier',
    colPoints: 'Points',
    colReferrals: 'Invited (qualified)',
    colLastActive: 'Last active',
    colJoined: 'Joined',
    colPrune: 'Prune',
    never: 'never',
    beforeBot: (first: string) => `before the bot (seen ${first})`,
    candidate: 'candidate',
    empty: 'No member matches these filters.',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    previous: '← Previous',
    next: 'Next →',
    pruneRule: (days: number, graceDays: number, buyerDays: number) =>
      `A prune candidate has sent no message and placed no order for ${count(days, 'day', 'days')}, joined more than ${count(graceDays, 'day', 'days')} ago and ordered nothing in ${count(buyerDays, 'day', 'days')}.`,
    pruneStanding:
      'Admin rights here are as the bot last saw them; /prune asks the platform again before warning or removing anyone.',
    // Refused queries.
    badValue: (field: string, value: string) => `“${value}” is not a value ${field} takes; nothing is shown.`,
    pageTooBig: (asked: number, max: number) =>
      `A page holds at most ${max} members (${asked} asked); nothing is shown.`,
    // A member's page.
    memberTitle: (name: string) => `Member ${name}`,
    userId: 'User id',
    role: 'Role',
    invitedBy: 'Invited by',
    nobody: 'nobody known',
    // The member's own choices (/privacy), read-only: only they change them.
    consents: 'Optional uses on',
    noConsents: 'none (all off)',
    pointsHistory: 'Points history',
    noEntries: 'No points entries.',
    archived: (n: number) =>
      `${count(n, 'older entry is', 'older entries are')} archived (the member's /mydata has them).`,
    colWhen: 'When',
    colChange: 'Change',
    colReason: 'Reason',
    colNote: 'Note',
    referralsMade: 'Members they invited',
    noReferrals: 'They have not invited anyone.',
    colInvitee: 'Invitee',
    colStatus: 'Status',
    boughtReward: 'first order rewarded',
    rewardTakenBack: 'reward taken back',
    adjust: 'Award or deduct points',
    amount: 'Points',
    reason: 'Reason (the member sees it in /history)',
    award: 'Award',
    deduct: 'Deduct',
    back: '← All members',
    notFound: 'There is no such member in this group.',
    badAmount: 'Choose award or deduct; nothing was changed.',
  },
  zh: {
    title: '成员',
    summary: (total: number) => `共 ${total} 位成员符合条件。`,
    filterName: '名字或编号',
    filterTier: '分层',
    filterCandidate: '清理候选',
    filterStatus: '在群状态',
    any: '全部',
    yes: '是',
    no: '否',
    statusActive: '当前成员',
    statusLeft: '已退群',
    statusRemoved: '已移除',
    statusAll: '所有人',
    pageSize: '每页',
    apply: '查看',
    colName: '成员',
    colTier: '分层',
    colPoints: '积分',
    colReferrals: '邀请（有效）',
    colLastActive: '最近活跃',
    colJoined: '入群时间',
    colPrune: '清理',
    never: '从未',
    beforeBot: (first: string) => `机器人入群前已在（首次见到 ${first}）`,
    candidate: '候选',
    empty: '没有符合条件的成员。',
    page: (page: number, pages: number) => `第 ${page}/${pages} 页`,
    previous: '← 上一页',
    next: '下一页 →',
    pruneRule: (days: number, graceDays: number, buyerDays: number) =>
      `清理候选：${days} 天无发言无下单、入群超过 ${graceDays} 天、${buyerDays} 天内没有下单。`,
    pruneStanding: '此处的管理员身份以机器人最后所见为准；发送「清理」时会先向平台重新确认，再提醒或移除。',
    badValue: (field: string, value: string) => `「${value}」不是${field}可用的值，未显示任何内容。`,
    pageTooBig: (asked: number, max: number) => `每页最多 ${max} 位成员（请求了 ${asked}），未显示任何内容。`,
    memberTitle: (name: string) => `成员 ${name}`,
    userId: '用户编号',
    role: '身份',
    invitedBy: '邀请人',
    nobody: '未知',
    consents: '已开启的可选用途',
    noConsents: '无（全部关闭）',
    pointsHistory: '积分记录',
    noEntries: '没有积分记录。',
    archived: (n: number) => `另有 ${n} 条较早的记录已归档（成员发送“我的数据”可获取）。`,
    colWhen: '时间',
    colChange: '变动',
    colReason: '原因',
    colNote: '备注',
    referralsMade: '邀请的成员',
    noReferrals: '还没有邀请过任何人。',
    colInvitee: '被邀请人',
    colStatus: '状态',
    boughtReward: '首单已奖励',
    rewardTakenBack: '奖励已收回',
    adjust: '奖励或扣除积分',
    amount: '积分',
    reason: '原因（成员在积分记录里能看到）',
    award: '奖励',
    deduct: '扣除',
    back: '← 全部成员',
    notFound: '本群没有这位成员。',
    badAmount: '请选择奖励或扣除；未做任何更改。',
  },
});

/** Tier words (核心 / 普通 / 边缘). */
export const TIER_WORDS: Record<Locale, Record<Tier, string>> = {
  en: { core: 'core', ordinary: 'ordinary', marginal: 'marginal' },
  zh: { core: '核心', ordinary: '普通', marginal: '边缘' },
};

/** Why a member is not a prune candidate. */
export const EXCLUSION_WORDS: Record<Locale, Record<Exclusion, string>> = {
  en: {
    admin: 'admin or owner',
    exempt: 'exempt',
    active: 'active',
    new: 'new (grace period)',
    buyer: 'recent buyer',
  },
  zh: { admin: '管理员或群主', exempt: '已豁免', active: '活跃', new: '新成员（保护期）', buyer: '近期买家' },
};

/** Roles and statuses as the member page shows them. */
export const ROLE_WORDS: Record<Locale, Record<'member' | 'admin' | 'owner', string>> = {
  en: { member: 'member', admin: 'admin', owner: 'owner' },
  zh: { member: '成员', admin: '管理员', owner: '群主' },
};

/**
 * A referral's status and, when rejected, why, as the admin reads it (the chat's words in
 * commands/points-text.ts speak to the inviter: "you cannot invite yourself").
 */
export const REFERRAL_WORDS: Record<
  Locale,
  Record<Referral['status'] | NonNullable<Referral['reason']>, string>
> = {
  en: {
    pending: 'pending (counts once they stay the hold period and speak)',
    qualified: 'qualified',
    rejected: 'rejected',
    self_invite: 'invited themselves',
    rejoin: 'was in the group before (a rejoin never earns twice)',
    bot: 'a bot account',
    young_account: 'account too new',
    daily_cap: "over the inviter's daily limit of rewards",
    left_during_hold: 'left before the hold period ended',
  },
  zh: {
    pending: '待定（留群满期并发言后生效）',
    qualified: '有效',
    rejected: '无效',
    self_invite: '自己邀请自己',
    rejoin: '之前就在群里（退群再进不重复奖励）',
    bot: '机器人账号',
    young_account: '账号注册时间太短',
    daily_cap: '超过邀请人每日奖励上限',
    left_during_hold: '未满观察期就退群了',
  },
};

/** Query fields as the refusal names them. */
export const FIELD_WORDS: Record<Locale, Record<MemberQueryField, string>> = {
  en: {
    name: 'the name',
    tier: 'the tier',
    candidate: 'prune candidate',
    status: 'in the group',
    sort: 'the sort',
    dir: 'the direction',
    page: 'the page',
    pageSize: 'the page size',
  },
  zh: {
    name: '名字',
    tier: '分层',
    candidate: '清理候选',
    status: '在群状态',
    sort: '排序',
    dir: '排序方向',
    page: '页码',
    pageSize: '每页数量',
  },
};
