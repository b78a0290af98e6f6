import { count, defineMessages } from '../src/core/i18n/index.js';

/**
 * Wording of data rights (/privacy data, /mydata, /forget, /profile). The purposes a member allows
 * (/privacy, /privacy on|off) are worded in consent-text.ts.
 */
export const privacyText = defineMessages('privacy', {
  en: {
    // days: BACKUP_KEEP_DAYS; what the backup sentence says is what src/store/backups.ts does.
    // cap: the group's offers.daily_cap, undefined when the text is not about one group.
    privacy: (days: number, cap?: number) =>
      [
        'What tuanbot stores, why, and for how long:',
        '• Your platform id and display name, when you joined or left, who invited you, how many messages you sent per day and in which hours (never what you wrote): to run the group, referrals, tiers and the report (its suggestions count only the busiest hours of the whole group).',
        '• Your orders, payment and pickup status, and any payment screenshot you send: the organiser needs them to run the group buy.',
        '• Reviews you write (stars, words, photo): the organiser sees them; the group sees them under your name only if you turn that on (/privacy on reviews).',
        '• After-sales tickets you open (what went wrong, photos) and their answers: the organiser needs them to settle them.',
        '• Your points entries: your balance is their sum.',
        '• Your invite code and link; profile tags only if you set them (/profile).',
        '• Your choices of the uses that are off until you turn them on (recommendations from your order history, private offers of categories you subscribe to, your name on the leaderboard, public reviews), each change with its time: /privacy shows and changes them. Ordering never depends on them.',
        `• The categories you subscribe to (/subscribe) and the private offers sent to you for them (${cap === undefined ? "at most the group's daily cap, offers.daily_cap, a day" : cap === 0 ? 'none: this group has them turned off' : `at most ${cap} a day`}).`,
        `Kept until you send /forget or the group is removed. A backup of all data is taken every day (UTC) and deleted after ${count(days, 'day', 'days')}, so what /forget deletes is gone from the backups within ${count(days, 'day', 'days')}. Nothing is sold or shared outside this group.`,
        'Your rights: /mydata sends you everything stored about you; /forget deletes your personal data (orders, points, your daily message totals without their hours, and the record of your choices stay, anonymised, for the group’s accounts); /privacy off all turns every use off; /profile off clears your tags.',
      ].join('\n'),
    mydataCaption: (group: string) => `Everything tuanbot stores about you in ${group} (JSON).`,
    noData: 'I have no data about you.',
    forgetAsk: (group: string) =>
      `This turns off every use you allowed (/privacy) and deletes your name, activity counts and the hours you were active in, profile, invite links, payment screenshots, reviews (with their photos), category subscriptions and offers, and after-sales complaints and photos in ${group}. Orders, points entries, daily message totals and the record of your choices stay under a pseudonym for the group's accounts. Send /forget confirm within 10 minutes to go ahead.`,
    forgetNotAsked: 'Send /forget first; then /forget confirm within 10 minutes.',
    forgotten: (group: string) => `Done: your personal data in ${group} is deleted.`,
    profileShow: (interests: string, area: string) =>
      `Your profile: interests ${interests || '—'} · area ${area || '—'}. /profile off clears it.`,
    profileNone:
      'You have no profile tags. Set them only if you want offers matched to you: /profile interests=fruit,baby area=Pudong',
    profileSet:
      'Saved. Deals matching your tags are marked ★ when you send me /deals privately. /profile off clears them at any time.',
    profileCleared: 'Your profile tags are cleared.',
  },
  zh: {
    privacy: (days: number, cap?: number) =>
      [
        'tuanbot 存储哪些数据、为什么、保存多久：',
        '• 你的平台 ID 和昵称、入群/退群时间、邀请人、每天及每个时段的发言条数（从不保存发言内容）：用于群管理、邀请奖励、成员分层和报表（报表建议只统计全群最活跃的时段，不看个人）。',
        '• 你的订单、付款和提货状态，以及你发送的付款截图：团长组织团购需要。',
        '• 你写的评价（星级、文字、照片）：团长可以看到；只有你开启后才以你的名字展示给本群（发“隐私 开启 公开评价”）。',
        '• 你申请的售后单（问题描述、照片）及处理结果：团长处理售后需要。',
        '• 你的积分记录：余额即其合计。',
        '• 你的邀请码和链接；个人标签仅在你自己设置时保存（发“标签”）。',
        '• 你对各项默认关闭的用途的选择（购买记录推荐、订阅分类的私信优惠、排行榜上显示昵称、公开评价）及每次更改的时间：发“隐私”查看和更改。下单从不受这些选择影响。',
        `• 你订阅的分类（发“订阅”）以及因此私信给你的优惠（${cap === undefined ? '每天最多为所在群的每日私信优惠上限' : cap === 0 ? '本群已关闭私信优惠' : `每天最多 ${cap} 条`}）。`,
        `保存到你发送“删除我的数据”或本群被移除为止。全部数据每天（按 UTC 日期）备份一次，每份备份 ${days} 天后删除，因此“删除我的数据”删掉的内容最多 ${days} 天后也从备份中消失。不会出售或提供给群外任何人。`,
        '你的权利：发“我的数据”获取关于你的全部数据；发“删除我的数据”删除你的个人数据（订单、积分记录、每天的发言总数（不含时段）和你的授权记录为了群账目会匿名保留）；发“隐私 关闭 全部”关闭所有用途；发“标签 关闭”清除标签。',
      ].join('\n'),
    mydataCaption: (group: string) => `tuanbot 在「${group}」存储的关于你的全部数据（JSON）。`,
    noData: '我没有关于你的数据。',
    forgetAsk: (group: string) =>
      `这将关闭你开启的所有用途（见“隐私”），并删除你在「${group}」的昵称、活跃记录和各时段的发言条数、个人标签、邀请链接、付款截图、评价（含照片）、分类订阅和优惠记录，以及售后描述及照片；订单、积分记录、每天的发言总数和授权记录会以匿名方式保留用于群账目。请在 10 分钟内发送“删除我的数据 确认”。`,
    forgetNotAsked: '请先发送“删除我的数据”，再在 10 分钟内发送“删除我的数据 确认”。',
    forgotten: (group: string) => `已完成：你在「${group}」的个人数据已删除。`,
    profileShow: (interests: string, area: string) =>
      `你的标签：兴趣 ${interests || '—'} · 地区 ${area || '—'}。发送“标签 关闭”清除。`,
    profileNone: '你没有设置标签。只有你希望收到匹配推荐时才需要设置：标签 兴趣=水果,母婴 地区=浦东',
    profileSet: '已保存。私聊我发“团购”时，与你的标签匹配的团购会标 ★。随时发“标签 关闭”清除。',
    profileCleared: '你的标签已清除。',
  },
});
