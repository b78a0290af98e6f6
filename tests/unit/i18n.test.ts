import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { features } from '../../commands/index.js';
import type { ArgError } from '../../src/core/args.js';
import { CommandRegistry } from '../../src/core/command.js';
import { type Catalogue, count, type Locale, type Messages, plural } from '../../src/core/i18n/index.js';
import { coreText } from '../../src/core/messages.js';
import { outboxText } from '../../src/core/outbox/text.js';
import { personaText } from '../../src/core/persona.js';
import type { SettingProblem } from '../../src/services/settings.js';
import { STARTER_TOPICS } from '../../src/services/topics.js';
import { englishWords, pluralMistakes } from '../helpers/english.js';

/**
 * Every message function of every family is called with sample arguments, in both languages:
 * the Chinese text must hold no English word (outside the samples' names and codes and the
 * allowed abbreviations), the English text must count right for 1 and for 2.
 *
 * Samples come from the parameter's name (`no`, `name`, `who` …); `n` is 1 or 2, and every count
 * in a call is `n` so that `1 buyers` or `2 day` shows. A list (`who`) has `n` names. A new
 * parameter name fails here until it gets a sample below.
 */
/** Every message family: the core's, and each feature's (Feature.messages). */
const FAMILIES: readonly Messages<Catalogue>[] = [
  ...new Set<Messages<Catalogue>>([
    coreText,
    outboxText,
    personaText,
    ...features.flatMap((f) => f.messages ?? []),
  ]),
];

type Sample = (n: number, locale: Locale) => unknown;

const NAMES = ['alice', 'bob'];
const names = (n: number) => NAMES.slice(0, n);
const num: Sample = (n) => n;
const str =
  (en: string, zh = en): Sample =>
  (_n, locale) =>
    locale === 'zh' ? zh : en;
const money: Sample = (n) => `¥${n}.00`;
const time: Sample = () => '2026-12-01 20:00';

const BY_NAME: Record<string, Sample> = {
  // counts
  ...Object.fromEntries(
    [
      'no',
      'sold',
      'buyers',
      'units',
      'min',
      'missing',
      'qty',
      'points',
      'balance',
      'limit',
      'count',
      'n',
      'days',
      'cap',
      'buyerDays',
      'hours',
      'max',
      'streak',
      'earned',
      'bonus',
      'spent',
      'page',
      'pages',
      'delta',
      'join',
      'qualified',
      'total',
      'rows',
      'minutes',
      'left',
      'lines',
      'messages',
      'deals',
      'kept',
    ].map((p) => [p, num]),
  ),
  // people, places, codes (allowed in Chinese text as they are)
  name: () => 'alice',
  by: () => 'bob',
  // a member as lists show a look-alike name, and a platform user id
  label: () => 'alice (2)',
  userId: () => '5002',
  // an anonymous admin's custom title, shown as written
  signature: () => 'alice',
  inviter: () => 'bob',
  forName: () => '王阿姨',
  who: (n) => names(n),
  group: () => '幸福小区团购群',
  groups: (_n, locale) => (locale === 'zh' ? '幸福小区团购群、二群' : '幸福小区团购群, 二群'),
  here: () => '幸福小区团购群',
  title: () => '赣南脐橙',
  // reviews: stars as drawn, an average to one decimal, a text's length
  stars: () => '★★★★☆',
  average: () => '4.5',
  // templates: whether the saved deal now counts for the template (one sample each way)
  linked: (n) => n === 1,
  had: num,
  code: () => 'K7PQ2M',
  link: () => 'https://t.me/+abc',
  // the dashboard's login link
  url: () => 'https://shop.example.com/dash/login/abc',
  // a command run from the dashboard: its arguments' values
  values: () => '#3 @alice',
  option: () => '大份',
  // pickup: a point's name, a list of them, an order line's holder and line as lists show them
  point: () => '东门驿站',
  pointList: () => '东门驿站、西门',
  // a pickup point's opening times and keeper as admins write them, and a word naming no point
  times: () => '周六 10:00-12:00',
  keeper: () => '@alice',
  word: () => '北门',
  holder: () => 'alice',
  line: str('#3 Mangoes ×2 L', '#3 芒果 ×2 大份'),
  // goods on their way (fulfilment): points, a waybill note, counts, when to pick up, lines shortened
  places: () => '东门驿站、西门',
  note: str('waybill SF1234', '顺丰 1234'),
  tally: str('L 7/10, S 1/1', '大份 7/10、小份 1/1'),
  window: () => '2026-11-28 10:00–12:00',
  short: str('L ×3', '大份 ×3'),
  rule: str('last orders first', '后下单的先缺'),
  cuts: str('bob ×3 L → ×2', 'bob ×3 大份 → ×2'),
  cut: str('bob ×3 L → ×2', 'bob ×3 大份 → ×2'),
  extra: str('S +2', '小份 +2'),
  forWhom: str(' for 王阿姨', '（代订给 王阿姨）'),
  codes: () => 'K7PQ2M (×2 大份)',
  picked: num,
  options: () => '大份、小份',
  held: str('×2 小份, ×1 大份', '×2 小份、×1 大份'),
  example: () => '+1 大份',
  tz: () => 'Asia/Shanghai',
  // the time until a scheduled deal opens (定时开团)
  wait: str('2h 10m', '2小时10分'),
  // after-sales (售后): a deal's number, a roster number, photo counts, ticket codes, a ticket as shown
  dealNo: num,
  first: num,
  photos: num,
  i: num,
  other: num,
  cents: money,
  nos: str('T1, T2', 'T1、T2'),
  s: () => 'open',
  t: (n, locale) => ({
    no: n,
    dealNo: 3,
    title: locale === 'zh' ? '芒果' : 'Mangoes',
    line: '#2 ×2',
    name: 'alice',
    reason: locale === 'zh' ? '坏了2个' : '2 were bad',
    ...(n === 1
      ? { asked: '¥10.00', refund: '¥8.00' }
      : { answer: locale === 'zh' ? '照片不清楚' : 'unclear photo' }),
    photos: n,
    age: locale === 'zh' ? '3小时' : '3h',
    state: n === 1 ? 'approved' : 'rejected',
  }),
  // times, already formatted
  ends: time,
  deadline: time,
  at: time,
  last: time,
  next: time,
  local: time,
  // money, already formatted
  amount: money,
  discount: money,
  refund: money,
  owed: money,
  paid: money,
  cost: money,
  why: str('your order was withdrawn after you paid', '你的订单已在付款后取消'),
  order: (n) => String(20 * n),
  // words the caller already put in the group's language
  what: str('paid', '已付款'),
  state: str('unpaid', '未付款'),
  progress: str('3/10 buyers', '3/10 人'),
  period: str('this week', '本周'),
  list: str('#1 Mangoes, #2 Eggs', '#1 芒果、#2 鸡蛋'),
  known: () => '{open_deals} {members}',
  names: () => '{nobody}',
  text: str('What next?', '下次团什么？'),
  schedule: () => '0 20 * * *',
  expression: () => '0 20 * * *',
  reason: str('not a value this setting takes', '这个设置不接受该值'),
  pairs: () => 'ref.join=5',
  key: () => 'ref.join',
  value: () => '12-05',
  words: () => '/x, 清理',
  usage: () => '/help [命令名]',
  command: () => '/deal edit #3 price=59',
  suggestions: () => [
    { name: 'deal', keywords: ['团购'] },
    { name: 'whoami', keywords: ['我的信息'] },
  ],
  interests: str('fruit, eggs', '水果、鸡蛋'),
  area: str('Pudong', '浦东'),
  month: () => '2026-11',
  range: () => '11-01 → 11-07',
  message: str('Forbidden', '禁止'),
  // switches: both branches over the two runs
  dm: (n) => n === 1,
  permanent: (n) => n === 1,
  compared: (n) => n === 1,
  action: () => 'removed',
  counts: (n) => ({ active: n, admin: n, new: n, exempt: n, buyer: n }),
};

/** Overrides where a name means something else in one message (`family.key.param`). */
const BY_MESSAGE: Record<string, Sample> = {
  // Categories, subscriptions and private offers (commands/category-text.ts, subscription-text.ts,
  // offer-text.ts, report-offer-lines.ts): bounds and counts as numbers, categories as written.
  'categories.badCategory.max': num,
  'categories.badCategory.most': num,
  'subscriptions.badCategory.max': num,
  'subscriptions.badCategory.most': num,
  'subscriptions.subscribed.cap': num,
  'subscriptions.tooMany.max': num,
  'subscriptions.turnedOn.first': () => '水果',
  'subscriptions.choose.first': () => '水果',
  'subscriptions.notSubscribed.mine': () => '水果、生鲜',
  'subscriptions.notSubscribedAnywhere.mine': str('north: 水果; south: 生鲜', '一群：水果；二群：生鲜'),
  'offers.stopByText.category': () => '水果',
  'offers.stopButton.category': () => '水果',
  'offers.stopped.category': () => '水果',
  'offers.stoppedAll.category': () => '水果',
  'report-offers.line.sent': (n) => String(n),
  'report-offers.line.reached': (n) => String(n),
  'report-offers.line.refused': (n) => String(n),
  'report-offers.line.ordered': (n) => String(n),
  // The report's suggestions (commands/report-suggestion-text.ts): counts that choose a plural, a flag.
  'reportSuggestions.thinActive.have': num,
  'reportSuggestions.thinHistory.have': num,
  'reportSuggestions.nearMiss.short': num,
  'reportSuggestions.nearMiss.others': num,
  'reportSuggestions.referrerReward.buyers': num,
  'reportSuggestions.marginalGrowing.prune': (n) => n === 1,
  'reportSuggestions.postingHours.opened': num,
  'reportSuggestions.referrerReward.points': num,
  'reportSuggestions.pointsValue.to': num,
  // A shared deal in linked groups (commands/shared-deal-text.ts): groups as titles and numbers.
  'shared-deals.opened.where': () => '幸福小区团购群 #1、二群 #4',
  'shared-deals.unknownGroups.names': () => '三群',
  'shared-deals.unknownGroups.linked': () => '二群、幸福小区团购群',
  'shared-deals.shareLine.others': num,
  'shared-deals.bookTitle.groups': num,
  'shared-deals.supplierAll.groups': num,
  'shared-deals.supplierAll.parts': () => '大份 ×10 · 小份 ×4',
  'shared-deals.supplierAll.per': () => '幸福小区团购群 ×9 · 二群 ×5',
  // An incentive of the report's ROI section (report/incentives.ts), or the total row.
  'report-incentives.source.source': (n) => (n === 1 ? 'checkin' : 'total'),
  'report-incentives.archived.current': num,
  'report-incentives.archived.previous': num,
  'deals.cancelled.buyers': (n) =>
    names(n)
      .map((x) => `@${x}`)
      .join(' '),
  'deals.reminder.left': str('1h 50m', '1小时50分'),
  'orders.whichLine.lines': str('大份 ×1, 小份 ×2', '大份 ×1、小份 ×2'),
  'aftersale.auditLine.action': str('approved', '同意'),
  'aftersale.noOption.lines': str('#2 ×1 L, #3 ×1 S', '#2 ×1 大份、#3 ×1 小份'),
  'aftersale.whichLine.lines': str('#2 ×1 L, #3 ×1 S', '#2 ×1 大份、#3 ×1 小份'),
  'aftersale.remindAdmins.lines': str('T1 #3 Mangoes', 'T1 #3 芒果'),
  // A command as refusals name it (a CommandSpec), with and without a keyword.
  ...Object.fromEntries(
    ['groupOnly', 'directOnly', 'noCommunity'].map((key) => [
      `core.${key}.command`,
      (n: number) => SPECS[n - 1],
    ]),
  ),
  'prune.stopped.left': (n) => names(n),
  // A point's goods state (a GoodsState), as a refused step names it.
  'fulfilment.already.state': (n) => (n === 1 ? 'arrived' : 'done'),
  // Pickup reminders: when to pick up (a window's end and the times, or the times alone), and codes.
  ...Object.fromEntries(
    ['remindDm', 'remindGroup'].map((key) => [
      `pickup-reminders.${key}.when`,
      (n: number) =>
        n === 1 ? { by: '2026-12-05 12:00', times: '周六 10:00-12:00' } : { times: '周六 上午' },
    ]),
  ),
  ...Object.fromEntries(
    ['remindDm', 'keeperLine'].map((key) => [
      `pickup-reminders.${key}.codes`,
      (n: number) =>
        [
          { code: 'K7PQ2M', label: '×2 大份' },
          { code: 'K7PQ2M', label: '×1 小份' },
        ].slice(0, n),
    ]),
  ),
  'pickup-reminders.keeperHeader.members': num,
  'pickup-reminders.keeperHeader.until': time,
  'pickup-reminders.keeperGroup.until': time,
  'privacy.profileShow.area': str('Pudong', '浦东'),
  'community.whoami.f': (n, locale) => ({
    name: 'alice',
    role: locale === 'zh' ? '成员' : 'member',
    status: locale === 'zh' ? '在群' : 'active',
    firstSeen: '2026-11-01 10:00',
    messages: n,
    group: '幸福小区团购群',
    tier: locale === 'zh' ? '核心' : 'core',
    points: n,
  }),
};

/** Commands as the core's refusals get them: one with Chinese keywords, a subcommand's two-word one. */
const SPECS = [
  { name: 'deal new', keywords: ['开团', '团购 新建'] },
  { name: 'prune confirm', keywords: ['清理 确认'] },
];

/** Families whose every parameter is text the caller formatted (numbers as strings). */
const TEXT_FAMILIES = new Set(['report', 'report-incentives', 'network-report', 'reportSuggestions']);

// Messages that take a closed set of codes: each code is tried.
const ARG_ERRORS: ArgError[] = [
  { code: 'unclosed_quote' },
  { code: 'too_many', extra: 'x' },
  { code: 'unknown_option', option: 'bogus' },
  { code: 'missing', arg: 'deal' },
  { code: 'invalid', arg: 'qty', min: 1 },
  { code: 'invalid', arg: 'qty', max: 99 },
  { code: 'invalid', arg: 'qty', expected: 'number' },
  { code: 'invalid', arg: 'view', choices: ['csv', 'unpaid'] },
  { code: 'invalid', arg: 'deal' },
];
const SETTING_PROBLEMS: SettingProblem[] = [
  { kind: 'duration' },
  { kind: 'duration', off: true },
  { kind: 'timezone' },
  { kind: 'number' },
  { kind: 'number', unit: 'd' },
  { kind: 'number', unit: 'h' },
  { kind: 'too_small', min: 1, length: false },
  { kind: 'too_big', max: 2, length: true },
  { kind: 'choices', choices: ['on', 'off'] },
  { kind: 'other' },
];
const CODE_CALLS: Record<string, unknown[][]> = {
  'offers.offer': [
    [
      {
        group: '幸福小区团购群',
        no: 3,
        title: '芒果',
        price: '¥39.90/箱',
        ends: '2026-12-01 20:00',
        category: '水果',
      },
    ],
  ],
  'core.argError': ARG_ERRORS.map((e) => [e]),
  'core.problem': ['not_admin', 'missing_intent', 'cannot_remove', 'cannot_invite', 'cannot_send'].map(
    (c) => [c, 'GuildMembers'],
  ),
  'core.needsRole': [
    [{ name: 'deal close', keywords: ['截团', '团购 截团'] }, 'admin'],
    [{ name: 'settings', keywords: ['设置'] }, 'owner'],
  ],
  'topics.starter': STARTER_TOPICS.map((k) => [k]),
  // A template's line in /templates, with and without a stock, one deal and several.
  'templates.listLine': [
    [{ name: '芒果', title: '芒果', price: '¥39.90', min: 2, length: '2天', deals: 1, buyers: 1 }],
    [
      {
        name: '芒果',
        title: '芒果',
        price: '¥39.90',
        min: 2,
        stock: 50,
        length: '2天',
        deals: 3,
        buyers: 12,
      },
    ],
  ],
  'settings.invalid': SETTING_PROBLEMS.map((p) => ['ref.join', 'ref.join', p]),
  // Each reason a date range is refused for.
  'report.badRange': [
    { problem: 'malformed' },
    { problem: 'impossible_date', date: '2026-02-30' },
    { problem: 'start_after_end' },
    { problem: 'start_in_future' },
    { problem: 'too_long', days: 367, maxDays: 366 },
  ].map((p) => [{ kind: 'bad_range', text: '2026-11-01..2026-11-15', ...p }]),
  'report.reason': [
    'self_invite',
    'rejoin',
    'bot',
    'young_account',
    'daily_cap',
    'left_during_hold',
    'x',
  ].map((c) => [c]),
};

/** Names and codes the samples put in, and what the bot itself is called. */
const ALLOWED = [
  'zh',
  'en',
  'alice',
  'bob',
  'K7PQ2M',
  'GuildMembers',
  'tuanbot',
  'ref.join',
  '{open_deals}',
  '{members}',
  '{nobody}',
];

function paramNames(fn: (...args: never[]) => unknown): string[] {
  const source = fn.toString();
  const head = /^(?:function\s*\w*\s*)?\(?([^)]*?)\)?\s*=>/.exec(source) ?? /^[^(]*\(([^)]*)\)/.exec(source);
  return (head?.[1] ?? '')
    .split(',')
    .map((p) => p.trim().split(/[=:\s]/)[0]!)
    .filter(Boolean)
    .map((p) => p.replace(/\d+$/, '')); // the compiler renames a shadowing `reason` to `reason2`
}

/** The argument lists to call one message with, for a count n. */
function calls(family: string, key: string, fn: (...args: never[]) => unknown, n: number, locale: Locale) {
  const fixed = CODE_CALLS[`${family}.${key}`];
  if (fixed) return fixed;
  return [
    paramNames(fn).map((p) => {
      const sample =
        BY_MESSAGE[`${family}.${key}.${p}`] ??
        (TEXT_FAMILIES.has(family) && p !== 'days' && p !== 'compared'
          ? (m: number) => String(m)
          : BY_NAME[p]);
      if (!sample) throw new Error(`no sample for parameter ${p} of ${family}.${key}: add one to BY_NAME`);
      return sample(n, locale);
    }),
  ];
}

/** Every text of a family in one language, each with its label: strings as they are, functions called. */
function texts(family: { family: string } & Record<Locale, Catalogue>, locale: Locale, n: number) {
  const out: { label: string; text: string }[] = [];
  for (const [key, value] of Object.entries(family[locale])) {
    if (typeof value === 'string') {
      out.push({ label: `${family.family}.${key}`, text: value });
      continue;
    }
    for (const args of calls(family.family, key, value, n, locale))
      out.push({ label: `${family.family}.${key}(${JSON.stringify(args)})`, text: value(...args) });
  }
  return out;
}

describe('plural', () => {
  it('follows the English rules for 0, 1, 2 and fractions', () => {
    expect([0, 1, 2, 1.5].map((n) => count(n, 'buyer', 'buyers'))).toEqual([
      '0 buyers',
      '1 buyer',
      '2 buyers',
      '1.5 buyers',
    ]);
    expect(plural(1, 'entry is', 'entries are')).toBe('entry is');
  });
});

describe('i18n completeness', () => {
  it('every family the code defines is listed (by a feature, or above for the core), so none goes unchecked', () => {
    const defined = ['src', 'commands', 'adapters'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .flatMap((file) =>
          [...readFileSync(join(dir, file), 'utf8').matchAll(/defineMessages\(\s*'([^']+)'/g)].map(
            (m) => m[1],
          ),
        ),
    );
    expect(defined.length).toBeGreaterThan(2);
    expect(FAMILIES.map((f) => f.family).sort()).toEqual([...new Set(defined)].sort());
  });

  it('every message family has the same keys in English and Chinese, none empty', () => {
    expect(FAMILIES.length).toBeGreaterThan(2);
    for (const family of FAMILIES) {
      expect(Object.keys(family.zh).sort(), family.family).toEqual(Object.keys(family.en).sort());
      for (const [key, value] of [...Object.entries(family.en), ...Object.entries(family.zh)]) {
        if (typeof value === 'string') expect(value.trim(), `${family.family}.${key}`).not.toBe('');
      }
    }
  });

  describe.each(FAMILIES.map((f) => [f.family, f] as const))('family %s', (_name, family) => {
    it('Chinese: every text, every message called with samples, has no English word', () => {
      for (const [key, value] of Object.entries(family.zh))
        if (typeof value === 'string') expect(value, `${family.family}.${key}`).toMatch(/[\u4e00-\u9fff]/);
      const found: string[] = [];
      for (const n of [1, 2])
        for (const { label, text } of texts(family, 'zh', n)) {
          const words = englishWords(text, ALLOWED);
          if (words.length) found.push(`${label}: ${words.join(' ')} in ${JSON.stringify(text)}`);
        }
      expect(found).toEqual([]);
    });

    it('English: counts of 1 and 2 take the right form', () => {
      const found: string[] = [];
      for (const n of [1, 2])
        for (const { label, text } of texts(family, 'en', n)) {
          const mistakes = pluralMistakes(text);
          if (mistakes.length) found.push(`${label}: ${mistakes.join(', ')}`);
        }
      expect(found).toEqual([]);
    });
  });

  it('every command has help in both languages, the Chinese one without English prose', () => {
    const found: string[] = [];
    for (const feature of features) {
      for (const spec of feature.commands ?? []) {
        for (const locale of ['en', 'zh'] as const)
          expect(spec.help[locale].summary, `${spec.name} ${locale}`).not.toBe('');
        expect(spec.help.en.usage, `${spec.name} en`).toMatch(/^\//);
        // A Chinese usage line starts with the slash name or with a Chinese keyword the command answers to.
        const zhStarts =
          spec.help.zh.usage.startsWith('/') ||
          (spec.keywords ?? []).some(
            (k) => spec.help.zh.usage.startsWith(`${k} `) || spec.help.zh.usage === k,
          );
        expect(zhStarts, `${spec.name} zh: ${spec.help.zh.usage}`).toBe(true);
        const zh = spec.help.zh;
        const words = [zh.summary, zh.usage, zh.details ?? '', ...(zh.examples ?? [])].flatMap((t) =>
          englishWords(t, ALLOWED),
        );
        if (words.length) found.push(`${spec.name}: ${words.join(' ')}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('Chinese deal, template, help and settings texts name commands as a Chinese group types them', () => {
  /** A slash command (`/deals`) or an English option (`price=`) left in a Chinese text. */
  const slashOrKey = (text: string) =>
    text.match(/(?<![A-Za-z])\/[A-Za-z]+|(?<![A-Za-z_.])[A-Za-z]+=/g) ?? [];
  const mine = ['deals', 'deal-starts', 'templates', 'help', 'settings', 'setting-help'];

  it('GIVEN every Chinese text of those families THEN none holds a slash command or an English option', () => {
    const found: string[] = [];
    for (const family of FAMILIES.filter((f) => mine.includes(f.family)))
      for (const n of [1, 2])
        for (const { label, text } of texts(family, 'zh', n)) {
          // `也可以用：/x` lists the sample's own aliases.
          const own = label.startsWith('help.aliases');
          if (slashOrKey(text).length && !own) found.push(`${label}: ${text}`);
        }
    expect(found).toEqual([]);
  });

  it('GIVEN the Chinese help of the deal and template commands THEN usage and examples hold no slash command or English option', () => {
    const names = [
      'deal new',
      'deal edit',
      'deal copy',
      'deal',
      'deals',
      'template save',
      'templates',
      'help',
      // `帮助 售后` shows the after-sales commands too.
      'aftersale',
      'mytickets',
      'tickets',
      'ticket',
      'ticket approve',
      'ticket reject',
      'ticket reopen',
      'ticket close',
    ];
    const found: string[] = [];
    for (const spec of features.flatMap((f) => f.commands ?? []).filter((s) => names.includes(s.name)))
      for (const text of [spec.help.zh.usage, ...(spec.help.zh.examples ?? [])])
        if (slashOrKey(text).length) found.push(`${spec.name}: ${text}`);
    expect(found).toEqual([]);
  });
});

describe('Chinese refusals name commands the way a Chinese group types them', () => {
  const specs = features.flatMap((f) => f.commands ?? []);
  const registry = new CommandRegistry();
  registry.register(...specs);
  const zh = coreText('zh');
  /** Slash commands and English words left in a text (`/deal close`, `deal`). */
  const english = (text: string) => text.match(/\/?[A-Za-z][A-Za-z ]*/g) ?? [];

  it('GIVEN any command with a keyword THEN the role, scope and no-group refusals name its keyword, not /name', () => {
    const found: string[] = [];
    for (const spec of specs) {
      const keyword = spec.keywords?.[0];
      expect(keyword, `${spec.name} has no Chinese keyword`).toBeDefined();
      for (const text of [
        zh.needsRole(spec, spec.role),
        zh.groupOnly(spec),
        zh.directOnly(spec),
        zh.noCommunity(spec),
      ]) {
        if (!text.includes(`「${keyword}」`) || english(text).length) found.push(`${spec.name}: ${text}`);
      }
    }
    expect(found).toEqual([]);
    expect(zh.needsRole(specs.find((s) => s.name === 'deal new')!, 'admin')).toBe(
      '只有群管理员可以使用「开团」，未做任何更改。',
    );
  });

  it('GIVEN a mistyped command THEN "did you mean" names keywords; only the name as typed stays', () => {
    for (const typed of ['dela', 'prun', 'whoam', 'topci', 'nope']) {
      const text = zh.unknownCommand(typed, registry.suggest(typed));
      expect(english(text), text).toEqual([`/${typed}`]);
    }
    expect(zh.unknownCommand('whoam', registry.suggest('whoam'))).toBe(
      '未知命令 /whoam。你是想用「我的信息」吗？发送「帮助」查看全部命令。',
    );
  });
});
