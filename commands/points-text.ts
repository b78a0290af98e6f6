import { count, defineMessages, type Locale, plural } from '../src/core/i18n/index.js';
import type { LedgerEntry, Referral } from '../src/store/schema.js';

/** Wording of points, invites and referrals in both languages. */
export const pointsText = defineMessages('points', {
  en: {
    checkinHeader: 'Check-ins:',
    named: (name: string, text: string) => `${name}: ${text}`,
    checkedIn: (earned: number, streak: number, bonus: number, balance: number) =>
      `✓ Checked in: +${earned}${bonus ? ` and a ${streak}-day streak bonus +${bonus}` : ''}. Streak ${count(streak, 'day', 'days')}, balance ${balance}.`,
    alreadyCheckedIn: (streak: number, balance: number) =>
      `You already checked in today (streak ${streak}, balance ${balance}). Come back tomorrow!`,
    summary: (balance: number, earned: number, spent: number) =>
      `Points: ${balance}\nThis month: +${earned} earned, −${spent} spent`,
    recent: 'Recent:',
    none: 'No points yet: /checkin every day, invite friends with /invite, join deals.',
    topHeader: (period: string) => `Top members (${period}):`,
    topEmpty: 'Nobody has earned points in this period yet.',
    // Only members who turned the leaderboard purpose on are listed (/privacy): the rest are counted.
    topLeftOut: (n: number) =>
      `${count(n, 'member', 'members')} with points ${n === 1 ? 'is' : 'are'} not listed: only members who chose to appear are. To appear: /privacy on leaderboard`,
    topNoneListed: (n: number) =>
      `Nobody is on the leaderboard yet: ${count(n, 'member', 'members')} earned points in this period, and only members who chose to appear are listed. To appear: /privacy on leaderboard`,
    historyHeader: (page: number, pages: number) => `Your points history (page ${page}/${pages}):`,
    olderInMydata: (n: number) =>
      `${n} older ${plural(n, 'entry is', 'entries are')} archived: /mydata sends you all of them.`,
    awarded: (name: string, delta: number, balance: number) =>
      `${name}: ${delta > 0 ? '+' : ''}${delta} ${plural(Math.abs(delta), 'point', 'points')}, balance ${balance}.`,
    insufficient: (name: string, balance: number) =>
      `${name} has only ${count(balance, 'point', 'points')}; nothing was deducted.`,
    noMember: (name: string) => `No member called ${name} in this group.`,
    invite: (link: string | undefined, code: string, join: number, order: string) =>
      `${link ? `Your invite link: ${link}\n` : ''}Your invite code: ${code}: a friend who joins can send it here within 24 h.\nYou get ${count(join, 'point', 'points')} when they stay and speak, ${order} when they first buy.`,
    refDone: (inviter: string) => `Thanks! You were invited by ${inviter}.`,
    refAlready: (inviter: string) => `You are already recorded as invited by ${inviter}; that never changes.`,
    refTooLate: 'Invite codes count only within 24 h of joining.',
    refUnknown: (code: string) => `There is no invite code ${code} in this group.`,
    refNotNew: 'Invite codes are for members who just joined.',
    invitesNone: (name: string) => `${name} has not invited anyone yet. /invite gives you a link and a code.`,
    invitesHeader: (name: string, qualified: number, total: number) =>
      `${name} invited ${count(total, 'member', 'members')} (${qualified} qualified):`,
  },
  zh: {
    checkinHeader: '签到：',
    named: (name: string, text: string) => `${name}：${text}`,
    checkedIn: (earned: number, streak: number, bonus: number, balance: number) =>
      `✓ 签到成功：+${earned}${bonus ? `，连续签到 ${streak} 天奖励 +${bonus}` : ''}。已连续 ${streak} 天，余额 ${balance}。`,
    alreadyCheckedIn: (streak: number, balance: number) =>
      `今天已经签到过了（连续 ${streak} 天，余额 ${balance}），明天再来！`,
    summary: (balance: number, earned: number, spent: number) =>
      `积分：${balance}\n本月：获得 +${earned}，使用 −${spent}`,
    recent: '最近记录：',
    none: '还没有积分：每天发“签到”、发“邀请”邀请好友、参加团购都能获得积分。',
    topHeader: (period: string) => `积分排行（${period}）：`,
    topEmpty: '这段时间还没有人获得积分。',
    topLeftOut: (n: number) =>
      `另有 ${n} 位有积分的成员未列出：只列出自愿上榜的成员。想上榜请发“隐私 开启 排行榜”。`,
    topNoneListed: (n: number) =>
      `排行榜暂时无人：这段时间有 ${n} 位成员获得了积分，只列出自愿上榜的成员。想上榜请发“隐私 开启 排行榜”。`,
    historyHeader: (page: number, pages: number) => `你的积分记录（第 ${page}/${pages} 页）：`,
    olderInMydata: (n: number) => `另有 ${n} 条较早的记录已归档：发送“我的数据”可获取全部记录。`,
    awarded: (name: string, delta: number, balance: number) =>
      `${name}：${delta > 0 ? '+' : ''}${delta} 积分，余额 ${balance}。`,
    insufficient: (name: string, balance: number) => `${name} 只有 ${balance} 积分，未扣除。`,
    noMember: (name: string) => `本群没有叫 ${name} 的成员。`,
    invite: (link: string | undefined, code: string, join: number, order: string) =>
      `${link ? `你的专属邀请链接：${link}\n` : ''}你的邀请码：${code}，好友入群 24 小时内在群里发送即可。\n好友留群并发言你得 ${join} 积分，好友首单你得 ${order} 积分。`,
    refDone: (inviter: string) => `谢谢！已记录你的邀请人：${inviter}。`,
    refAlready: (inviter: string) => `你的邀请人已记录为 ${inviter}，不会再更改。`,
    refTooLate: '邀请码只在入群 24 小时内有效。',
    refUnknown: (code: string) => `本群没有邀请码 ${code}。`,
    refNotNew: '邀请码只适用于新入群的成员。',
    invitesNone: (name: string) => `${name} 还没有邀请过任何人。发送“邀请”获取邀请链接和邀请码。`,
    invitesHeader: (name: string, qualified: number, total: number) =>
      `${name} 共邀请 ${total} 人（有效 ${qualified} 人）：`,
  },
});

/** What a points entry was for, as /history and the dashboard's member page word it. */
export const LEDGER_REASONS: Record<Locale, Record<LedgerEntry['reason'], string>> = {
  en: {
    checkin: 'check-in',
    streak: 'check-in streak',
    referral_join: 'invited a member',
    referral_order: "invitee's first order",
    welcome: 'welcome: first order',
    topic: 'topic reply',
    order: 'order in a formed deal',
    award: 'award',
    deduct: 'deduction',
    redeem: 'spent on an order',
    refund: 'refunded',
    reversal: 'taken back (order cancelled or refunded)',
  },
  zh: {
    checkin: '签到',
    streak: '连续签到奖励',
    referral_join: '邀请新成员',
    referral_order: '好友首单奖励',
    welcome: '首单欢迎奖励',
    topic: '参与话题',
    order: '成团订单奖励',
    award: '管理员奖励',
    deduct: '管理员扣除',
    redeem: '下单抵扣',
    refund: '积分退回',
    reversal: '收回（订单取消或退款）',
  },
};

export function entryLine(locale: Locale, entry: LedgerEntry, when: string): string {
  const sign = entry.delta > 0 ? '+' : '';
  return `${sign}${entry.delta} ${LEDGER_REASONS[locale][entry.reason]}${entry.note ? `: ${entry.note}` : ''} · ${when}`;
}

const VERDICTS: Record<Locale, Record<NonNullable<Referral['reason']> | Referral['status'], string>> = {
  en: {
    pending: 'pending: counts after they stay the hold period and speak',
    qualified: 'qualified',
    rejected: 'rejected',
    self_invite: 'you cannot invite yourself',
    rejoin: 'was in the group before (a rejoin never earns a second reward)',
    bot: 'a bot account',
    young_account: 'account too new',
    daily_cap: 'over the daily limit of referral rewards',
    left_during_hold: 'left before the hold period ended',
  },
  zh: {
    pending: '待定：留群满期并发言后生效',
    qualified: '有效',
    rejected: '无效',
    self_invite: '不能邀请自己',
    rejoin: '之前就在群里（退群再进不重复奖励）',
    bot: '机器人账号',
    young_account: '账号注册时间太短',
    daily_cap: '超过每日邀请奖励上限',
    left_during_hold: '未满观察期就退群了',
  },
};

export function referralLine(locale: Locale, referral: Referral, name: string): string {
  const status = VERDICTS[locale][referral.status];
  const why = referral.reason ? `${locale === 'zh' ? '：' : ': '}${VERDICTS[locale][referral.reason]}` : '';
  const bought = referral.orderRewardAt ? (locale === 'zh' ? ' · 已首单' : ' · bought') : '';
  return `${name} — ${referral.status === 'pending' ? status : `${status}${why}`}${bought}`;
}
