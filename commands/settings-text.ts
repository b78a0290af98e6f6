import { valueWordZh } from '../src/core/i18n/arg-words.js';
import { defineMessages } from '../src/core/i18n/index.js';
import type { SettingProblem } from '../src/services/settings.js';

/** What /settings says: its listing, its answers, and why a value was refused. */
export const settingsText = defineMessages('settings', {
  en: {
    header: 'Settings (change with /settings key=value):',
    unknown: (key: string, known: string) => `Unknown setting ${key}. Known: ${known}.`,
    // Named as the page and the list name it, with the key an admin types in chat.
    invalid: (name: string, key: string, problem: SettingProblem) =>
      `Invalid ${name === key ? key : `value for "${name}" (${key})`}: ${problemEn(problem)}. Nothing was changed.`,
    saved: (pairs: string) => `Saved: ${pairs}.`,
    on: 'on',
    off: 'off',
  },
  zh: {
    header: '设置（发送「设置 键=值」修改）：',
    unknown: (key: string, known: string) => `没有设置项 ${key}。可用：${known}。`,
    // A Chinese group reads the setting's Chinese name (`清理警告小时数的值无效`), never its key;
    // a space only after a Latin name (a setting without one, should one be added).
    invalid: (name: string, _key: string, problem: SettingProblem) =>
      `${name}${/[\u4e00-\u9fff]$/.test(name) ? '' : ' '}的值无效：${problemZh(problem)}。未做任何更改。`,
    saved: (pairs: string) => `已保存：${pairs}。`,
    on: '开',
    off: '关',
  },
});

function problemEn(problem: SettingProblem): string {
  switch (problem.kind) {
    case 'duration':
      return `expected a duration like 90m, 2h or 3d${problem.off ? ', or off' : ''}`;
    case 'timezone':
      return 'expected an IANA timezone such as Asia/Shanghai';
    case 'number':
      return problem.unit ? `expected a number like 10${problem.unit}` : 'expected a whole number';
    case 'too_small':
      return `must be at least ${problem.min}${problem.length ? ' characters' : ''}`;
    case 'too_big':
      return `must be at most ${problem.max}${problem.length ? ' characters' : ''}`;
    case 'choices':
      return `use one of ${problem.choices.join(', ')}`;
    case 'other':
      return 'not a value this setting takes';
  }
}

/** Units of count settings (`90d`, `48h`) as a Chinese group reads them. */
const COUNT_UNITS_ZH: Readonly<Record<string, string>> = { d: '天数', h: '小时数' };

function problemZh(problem: SettingProblem): string {
  switch (problem.kind) {
    case 'duration':
      return `应为时长，如 90分钟、2小时、3天${problem.off ? '，或 关' : ''}`;
    case 'timezone':
      return '应为 IANA 时区名，如 Asia/Shanghai';
    case 'number':
      return `应为${(problem.unit && COUNT_UNITS_ZH[problem.unit]) || '整数'}，如 10`;
    case 'too_small':
      return problem.length ? `至少 ${problem.min} 个字` : `至少为 ${problem.min}`;
    case 'too_big':
      return problem.length ? `最多 ${problem.max} 个字` : `最多为 ${problem.max}`;
    case 'choices':
      return `可选 ${problem.choices.map(valueWordZh).join('、')}`;
    case 'other':
      return '这个设置不接受该值';
  }
}

/** What each setting is for, as /settings explains it; keyed by the setting's key. */
export const settingHelp = defineMessages('setting-help', {
  en: {
    tz: 'timezone for deadlines and daily resets (a Chinese group starts on Asia/Shanghai unless TZ is set)',
    currency: 'currency symbol shown with prices',
    'tier.core_days': 'core members ordered or spoke a lot within this many days',
    'tier.core_messages': 'messages within the Core member window (days) that make a member core',
    'tier.marginal_days': 'members with no message and no order for this many days are marginal',
    'points.checkin': 'points for a daily check-in',
    'points.streak_days': 'every this many consecutive check-ins earn the streak bonus',
    'points.streak_bonus': 'bonus points for a check-in streak',
    'points.per_order': 'points per order in a deal that reached its group size',
    'points.value': 'points worth 1.00 of the currency when spent',
    'points.max_pct': 'at most this % of an order can be paid with points',
    'ref.join':
      'points to the inviter when an invitee stays the required time (Invitee stay before the join reward) and speaks',
    'ref.order': "points to the inviter for the invitee's first paid order in a formed deal",
    'ref.welcome': 'points to the invitee for that first order',
    'ref.hold': 'how long an invitee must stay before the join reward',
    'ref.dailycap': 'most join rewards one inviter can get per day',
    'ref.min_account_age':
      'accounts younger than this earn no referral (where the platform tells account age)',
    'orders.track_payment':
      'on: first-order rewards wait for /paid; off: they come when the deal forms and closes',
    'pay.remind': 'how long after a deal forms members who still owe are reminded privately (off: never)',
    'pay.remind_again': 'how long after a deal closes members who still owe are reminded again (off: never)',
    'orders.unpaid_cancel':
      'orders still unpaid this long after the deal closed are cancelled and their stock freed (off: never)',
    'waitlist.pay_within':
      'members given units from the waitlist must pay within this time, or the units go to the next in line',
    'pickup.remind':
      "how long before a pickup point's opening time ends members who have not picked up are reminded privately (off: never)",
    'pickup.shortage':
      'who is shorted when fewer goods arrive at a point than were ordered: first (the last orders first), prorata (in proportion), manual (nobody; /short by hand)',
    'deal.remind': 'how long before a deadline the "closing soon" reminder goes out',
    'prune.after': 'a member with no message and no order for this long is a prune candidate',
    'prune.grace': 'members who joined within this time are never candidates',
    'prune.buyer_days': 'members who ordered within this many days are customers, never candidates',
    'prune.warn_hours': 'how long a warned member has to reply before removal',
    'prune.max_batch': 'most members removed in one run',
    'prune.auto':
      'weekly sweep (Monday 10:00) that warns candidates, then removes them after the warning period',
    'report.weekly': 'post the 7-day report to the group every Monday at 09:00',
    'topic.points': 'points for taking part in a topic prompt (once per prompt)',
    'topic.window': 'minutes after a prompt in which any message counts as taking part',
    'aftersale.window':
      'how long after pickup or delivery a member may open an after-sales ticket (/aftersale)',
    'aftersale.remind':
      'how long an after-sales ticket waits before the admins are reminded of it, once (off: never)',
    'offers.daily_cap': 'most private offers (deals of a subscribed category) one member gets a day; 0: none',
  },
  zh: {
    tz: '时区（截止时间、每日签到按此计算；中文群默认北京时间 Asia/Shanghai）',
    currency: '价格显示的货币符号',
    'tier.core_days': '核心成员：多少天内下过单或发言较多',
    'tier.core_messages': '在「核心成员天数」内发言达到多少条算核心成员',
    'tier.marginal_days': '多少天无发言无下单算边缘成员',
    'points.checkin': '每日签到积分',
    'points.streak_days': '连续签到多少天获得奖励',
    'points.streak_bonus': '连续签到奖励积分',
    'points.per_order': '成团订单每单奖励积分',
    'points.value': '多少积分抵 1 元',
    'points.max_pct': '每单最多用积分抵扣的百分比',
    'ref.join': '被邀请人留群满「邀请留群时长」且发言后，邀请人得积分',
    'ref.order': '被邀请人首单（成团且付款）时邀请人得积分',
    'ref.welcome': '被邀请人首单奖励积分',
    'ref.hold': '被邀请人需留群多久才发放邀请奖励',
    'ref.dailycap': '每位邀请人每天最多获得的邀请奖励次数',
    'ref.min_account_age': '注册时间短于此的账号不计邀请（平台提供时）',
    'orders.track_payment': '开：首单奖励等确认付款（已付款）后发放；关：成团截团即发放',
    'pay.remind': '成团后多久私信提醒未付款的成员（关：不提醒）',
    'pay.remind_again': '截团后多久再次提醒仍未付款的成员（关：不提醒）',
    'orders.unpaid_cancel': '截团后多久仍未付款的订单自动取消并释放库存（关：不取消）',
    'waitlist.pay_within': '候补成功的成员需在多久内付款，逾期转给下一位候补',
    'pickup.remind': '自提点取货时间结束前多久私信提醒还未取货的成员（关：不提醒）',
    'pickup.shortage':
      '到货少于订购时谁的订单被扣减：后单先缺（后下单的先缺）、按比例、手动（不自动扣减，用 缺货 命令）',
    'deal.remind': '截止前多久发送"即将截团"提醒',
    'prune.after': '多久无发言无下单算清理候选',
    'prune.grace': '新入群多久内不清理',
    'prune.buyer_days': '多少天内下过单的成员不清理',
    'prune.warn_hours': '提醒后多少小时内回复即可保留',
    'prune.max_batch': '每次最多移除多少人',
    'prune.auto': '每周一 10:00 自动提醒候选成员，提醒期满后移除',
    'report.weekly': '每周一 09:00 在群里发布近 7 天报告',
    'topic.points': '参与话题讨论的积分（每个话题一次）',
    'topic.window': '话题发出后多少分钟内发言算参与',
    'aftersale.window': '提货或送达后多久内可以申请售后（发送「售后」）',
    'aftersale.remind': '售后单等待多久后提醒管理员一次（关：不提醒）',
    'offers.daily_cap': '每位成员每天最多收到多少条私信优惠（订阅分类的新团）；0 表示不发',
  },
});

/**
 * What each setting is called where it is listed: the dashboard's Settings page (with its key, small)
 * and a Chinese group's /settings list. The Chinese names can be typed in chat in place of the key
 * (`设置 清理警告小时数=72`), so they hold no space, bracket or `=`, and each is one setting's only.
 */
export const settingName = defineMessages('setting-name', {
  en: {
    tz: 'Timezone',
    currency: 'Currency symbol',
    'tier.core_days': 'Core member window (days)',
    'tier.core_messages': 'Messages that make a core member',
    'tier.marginal_days': 'Silence that makes a marginal member (days)',
    'points.checkin': 'Check-in points',
    'points.streak_days': 'Check-in streak length (days)',
    'points.streak_bonus': 'Streak bonus points',
    'points.per_order': 'Points per order',
    'points.value': 'Points worth 1.00 of the currency',
    'points.max_pct': 'Most of an order paid with points (%)',
    'ref.join': 'Invite reward for a join',
    'ref.order': "Invite reward for the invitee's first order",
    'ref.welcome': "Invitee's first-order bonus",
    'ref.hold': 'Invitee stay before the join reward',
    'ref.dailycap': 'Join rewards per inviter per day (most)',
    'ref.min_account_age': 'Youngest account that counts as an invitee',
    'orders.track_payment': 'First-order rewards wait for payment',
    'pay.remind': 'Payment reminder',
    'pay.remind_again': 'Second payment reminder',
    'orders.unpaid_cancel': 'Cancel unpaid orders after',
    'waitlist.pay_within': 'Waitlist payment deadline',
    'pickup.remind': 'Pickup reminder',
    'pickup.shortage': 'Shortage rule',
    'deal.remind': 'Closing-soon reminder',
    'prune.after': 'Silence that makes a prune candidate',
    'prune.grace': 'Grace period for new members',
    'prune.buyer_days': 'Recent buyers kept (days)',
    'prune.warn_hours': 'Warning notice before removal (hours)',
    'prune.max_batch': 'Most removals per run',
    'prune.auto': 'Weekly automatic cleanup',
    'report.weekly': 'Weekly report',
    'topic.points': 'Topic prompt points',
    'topic.window': 'Topic reply window (minutes)',
    'aftersale.window': 'After-sales window',
    'aftersale.remind': 'After-sales reminder',
    'offers.daily_cap': 'Private offers per member per day (most)',
  },
  zh: {
    tz: '时区',
    currency: '货币',
    'tier.core_days': '核心成员天数',
    'tier.core_messages': '核心成员发言数',
    'tier.marginal_days': '边缘成员天数',
    'points.checkin': '签到积分',
    'points.streak_days': '连续签到天数',
    'points.streak_bonus': '连续签到奖励',
    'points.per_order': '成团下单积分',
    'points.value': '抵1元所需积分',
    'points.max_pct': '积分抵扣上限百分比',
    'ref.join': '邀请入群奖励',
    'ref.order': '邀请首单奖励',
    'ref.welcome': '新人首单奖励',
    'ref.hold': '邀请留群时长',
    'ref.dailycap': '每日邀请奖励上限',
    'ref.min_account_age': '受邀账号最短注册时长',
    'orders.track_payment': '付款后发首单奖励',
    'pay.remind': '付款提醒',
    'pay.remind_again': '再次付款提醒',
    'orders.unpaid_cancel': '未付款自动取消',
    'waitlist.pay_within': '候补付款期限',
    'pickup.remind': '取货提醒',
    'pickup.shortage': '缺货规则',
    'deal.remind': '截团提醒',
    'prune.after': '清理沉默时长',
    'prune.grace': '新成员保护期',
    'prune.buyer_days': '买家保留天数',
    'prune.warn_hours': '清理警告小时数',
    'prune.max_batch': '每次清理上限',
    'prune.auto': '每周自动清理',
    'report.weekly': '每周报告',
    'topic.points': '话题积分',
    'topic.window': '话题参与分钟数',
    'aftersale.window': '售后期限',
    'aftersale.remind': '售后提醒',
    'offers.daily_cap': '每日私信优惠上限',
  },
});
