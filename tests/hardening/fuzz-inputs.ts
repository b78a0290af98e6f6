import fc from 'fast-check';
import { features } from '../../commands/index.js';

/**
 * Random and malformed chat input for the fuzz tests, from fast-check arbitraries so that a seed
 * reproduces a run. Nothing here knows what the bot should answer; the tests only ask that it
 * answers well.
 */

const specs = features.flatMap((f) => f.commands ?? []);
// Rendering the report chart takes most of a second; the fuzz sends a few on purpose instead.
const SLOW = new Set(['report']);
const fast = specs.filter((s) => !SLOW.has(s.name));

/** Every way to name a command: slash names and aliases (`/deal new`) and slash-less keywords. */
export const COMMAND_WORDS = [
  ...fast.flatMap((s) => [s.name, ...(s.aliases ?? [])].map((n) => `/${n}`)),
  ...fast.flatMap((s) => s.keywords ?? []),
  '/nonexistent',
  '/',
  '//',
  '/deal',
  '/topic',
  '/prune',
  '/DEAL NEW',
  '／help',
];

const OPTION_KEYS = [
  'price',
  'min',
  'stock',
  'limit',
  'ends',
  'unit',
  'options',
  'pickup',
  'use',
  'tz',
  'currency',
  'deal.remind',
  'points.checkin',
  'points.value',
  'points.max_pct',
  'ref.hold',
  'prune.days',
  'interests',
  'area',
  'lang',
  'x',
  '',
  '=',
  '价格',
];

const HUGE = [
  '9007199254740993',
  '99999999999999999999999999999',
  '1e308',
  '1e309',
  '-1e309',
  '-0',
  '0',
  '-1',
  '0.000000001',
  '0x7fffffff',
  '1_000',
  '１２３',
  '٣',
  'Infinity',
  '-Infinity',
  '2147483648',
  '4294967296',
  '3.14159265358979323846264338327950288',
  '.5',
  '5.',
  '1,5',
  '¥39.9',
  '39.90元',
  '+86 13800138000',
];

const QUOTES = ['"', "'", '“', '”', '「', '」', '『', '』', '‘', '’', '«', '»', '""', '"“「', '\\"'];
const UNICODE = [
  'مرحبا بالعالم', // RTL Arabic
  'שלום', // RTL Hebrew
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E', // RTL/LTR marks
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🥭🥭🥭',
  '\uFEFF',
  '\u200B',
  'Z̷̧̛̖a̸̡͚l̵g̶o̴',
  '𝕳𝖊𝖑𝖑𝖔',
  '\uD800', // lone surrogate
  '\uDFFF',
  '小区团购',
  '赣南脐橙',
  'ｆｕｌｌｗｉｄｔｈ',
  '\u3000',
  'e\u0301',
];
const CONTROL = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000B',
  '\u000C',
  '\u001B[31m',
  '\u007F',
  '\u0085',
];

/** Words that mean "a value leaked unrendered" in a reply; fuzz text never contains them, so any in a reply is the bot's. */
export function clean(text: string): string {
  return text
    .replace(/undefined/gi, 'undef')
    .replace(/NaN/g, 'Nan')
    .replace(/\[object Object\]/g, '[obj]');
}

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 1200 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }).map((n) => `#${n}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('@alice', '@Bob', '@', '@@', '@owner', '@nobody', '@小红', '@N000002'),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...OPTION_KEYS), fc.oneof(fc.constantFrom(...HUGE), fc.string({ maxLength: 8 })))
      .map(([k, v]) => `${k}=${v}`),
  },
  { weight: 2, arbitrary: fc.constantFrom(...QUOTES) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'S',
      'M',
      'L',
      'XL',
      '5斤',
      'csv',
      'unpaid',
      'confirm',
      'off',
      'warn',
      'daily',
      '20:00',
      '48h',
      '3d',
      '-5h',
      '0 20 * * *',
      'json',
      '7d',
      '2026-11',
    ),
  },
);

/** Nested and unclosed quotes around random words: `“「"a"」`, `"unclosed`. */
const quoted = fc
  .tuple(
    fc.array(fc.constantFrom(...QUOTES), { maxLength: 4 }),
    fc.array(word, { maxLength: 4 }),
    fc.boolean(),
  )
  .map(([qs, ws, close]) => `${qs.join('')}${ws.join(' ')}${close ? [...qs].reverse().join('') : ''}`);

const args = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: quoted }), {
  maxLength: 8,
});

/** A command name from the registry with random arguments and options. */
export const commandLine = fc
  .tuple(fc.constantFrom(...COMMAND_WORDS), args, fc.constantFrom(' ', '  ', '\t', '\u3000'))
  .map(([name, a, sep]) => [name, ...a].join(sep));

/** Group-chat ordering habits (接龙), well- and ill-formed. */
export const jielongLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('+', '＋', '-', '+-', '++'),
      fc.oneof(fc.integer({ min: -3, max: 1500 }).map(String), fc.constantFrom(...HUGE)),
      fc.constantFrom('', ' L', ' #1', ' #2', ' #9', ' 用50分', ' use=99999', ' M please'),
    )
    .map(([s, n, t]) => `${s}${n}${t}`),
  fc.constantFrom(
    '+1',
    '-1',
    '接龙',
    '接龙 2',
    '接龙+1',
    '退出',
    '取消接龙',
    '列表',
    'roster',
    '#1 +2',
    '+1 #2',
    '+1 for this idea',
    '1+1=2',
    '+2 XXL',
  ),
  fc
    .array(fc.tuple(fc.constantFrom('小红', 'Bob', 'alice', '王姐', ''), fc.integer({ min: 0, max: 9 })), {
      maxLength: 6,
    })
    .map((rows) => rows.map(([n, q], i) => `${i + 1}. ${n} +${q}`).join('\n')),
);

/** Raw bytes decoded as a platform might: UTF-8 with replacement characters, or Latin-1. */
const bytes = fc
  .tuple(fc.uint8Array({ maxLength: 48 }), fc.boolean())
  .map(([b, utf8]) => Buffer.from(b).toString(utf8 ? 'utf8' : 'latin1'));

const longText = fc
  .tuple(
    fc.constantFrom(...COMMAND_WORDS, '+1 ', ''),
    fc.integer({ min: 3_990, max: 5_000 }),
    fc.constantFrom('a', '字', '🥭', ' '),
  )
  .map(([head, n, unit]) => `${head}${unit.repeat(n)}`);

/** Any one message text. */
export const messageText = fc
  .oneof(
    { weight: 8, arbitrary: commandLine },
    { weight: 6, arbitrary: jielongLine },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: bytes },
    { weight: 3, arbitrary: quoted },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.oneof(word, fc.constantFrom(...CONTROL, ...UNICODE)), { maxLength: 10 })
        .map((w) => w.join('')),
    },
    { weight: 1, arbitrary: longText },
  )
  .map(clean);

const NAME_CHARS = fc.constantFrom(...'abcxyz019_-.小红王姐🥭'.split(''), 'é', 'Ω');

/** The console's `:` directives, well- and ill-formed (never :quit, which would end the run). */
export const consoleDirective = fc
  .oneof(
    fc
      .tuple(
        fc.constantFrom(':as', ':group', ':leave', ':admin', ':join'),
        fc.string({ unit: NAME_CHARS, maxLength: 8 }),
      )
      .map(([d, n]) => `${d} ${n}`),
    fc
      .tuple(
        fc.string({ unit: NAME_CHARS, minLength: 1, maxLength: 6 }),
        fc.constantFrom('', ' via K7PQ2M', ' via https://invite.console/main/x', ' via'),
      )
      .map(([n, v]) => `:join ${n}${v}`),
    fc.tuple(fc.string({ unit: NAME_CHARS, maxLength: 6 }), messageText).map(([n, t]) => `:dm ${n}> ${t}`),
    fc.constantFrom(
      ':clock +90m',
      ':clock +3h',
      ':clock +2d',
      ':clock +0m',
      ':clock -5m',
      ':clock 1999-01-01',
      ':clock 2999-13-45',
      ':clock',
      ':clock +99999999d',
      ':clock soon',
      ':clock +1h30m',
    ),
    fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([d, a]) => `:${d} ${a}`),
    fc.constantFrom(':', '::', ': as', ':AS bob', ':group', ':dm', ':dm bob', ':admin', ':join  via x'),
  )
  .map(clean);

/** One console line: a directive, `NAME> text`, or plain text. Never a line that quits. */
export const consoleLine = fc
  .oneof(
    { weight: 2, arbitrary: consoleDirective },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ unit: NAME_CHARS, minLength: 1, maxLength: 6 }), messageText)
        .map(([n, t]) => `${n}> ${t}`),
    },
    { weight: 5, arbitrary: messageText },
  )
  .map((line) => line.replace(/[\r\n\u2028\u2029]/g, ' '))
  .filter((line) => !/^\s*:(quit|exit)(\s|$)/.test(line));
