/**
 * Reads one order message (or the sender's line of a copied roster) against a deal: quantities,
 * options, notes, changes, withdrawals, proxies. The rules are listed in `src/services/jielong.ts`.
 */

import { readCount } from '../../core/numerals.js';
import { type Atom, type LineMode, readAtoms } from './atoms.js';
import { readNote } from './note.js';
import { maskOptions } from './options.js';
import { MARK_CLASS, NUM, OPTION_MARK, SEP, trimPunctuation, UNIT } from './text.js';
import type { DealView, JielongIntent, LineIntent } from './types.js';

export type { LineMode } from './atoms.js';

/** Cheap first look: without one of these (and without options to name) a message is chatter. */
const QUICK =
  /[\d+\-一二两俩三四五六七八九十]|接龙|加|减|要|改|再来|多来|取消|退出|算了|列表|名单|cancel|roster|list/i;
/**
 * A question is never an order (`+1 可以吗？`, `还有吗+1`): the leader answers it. 吗/呢 count at
 * the end or before a quantity; 么 only at the end (`怎么`, `那么` run on inside sentences).
 */
export const QUESTION = /[?？]|[吗么呢][\s.!！~～。…]*$|[吗呢][\s,，.。!！~～…]*[+\d]/;
const DEAL_CODE = /#(\d{1,6})(?!\d)/g;
const USE_POINTS = /用\s*(\d{1,7})\s*(?:积分|分)|\buse\s*=\s*(\d{1,7})/gi;
/** Points without a number the reader can take (`用abc分`, `用几分`, `用积分`): not a note, a spend it cannot read. */
const VAGUE_POINTS =
  /用\s*(?:[a-z]+\s*|几|些|一些|点|[一二两三四五六七八九十百千万]+)?\s*积分|用\s*(?:[a-z]+|几|[一二两三四五六七八九十百千万]+)\s*分(?!钟)|\buse\s*=\s*(?!\d)/i;
const URL = /https?:|www\.|\.(?:com|cn|net|org)\b/i;
const LONG_NUMBER = /\d{5,}|1\d{2}[\s-]\d{4}[\s-]\d{4}/;
const PRICE = /[¥￥$]\s*\d|\d\s*(?:元|块钱|rmb|毛钱)|\d\.\d/i;
const ARITHMETIC = /(?<![+\d])\d+\s*[+×*/^]\s*\d/;
const MARK = new RegExp(`[${MARK_CLASS}]`, 'gu');
const SEPARATORS = new RegExp(SEP, 'gu');
const VAGUE = '(?:几|很多|好多|一些|一点|点|些|若干|多少|多点)';

const ROSTER = /^(?:看看?|查看|看下|看一下)?(?:接龙)?(?:列表|名单)$|^(?:roster|list)$/i;
const CANCEL_WORD = '取消接龙|退出接龙|取消订单|取消|退出|不要了|不要啦|不要|算了|cancel|撤回';
const CANCEL_FILLER = '我|还是|那|先|就|都|团长|亲|不好意思|抱歉|sorry|谢谢|吧|哈|啦|了|呀|的|哦';
const CANCEL_ONLY = new RegExp(`^(?:${CANCEL_WORD}|${CANCEL_FILLER}|\\s)+$`, 'i');
/** Some word of withdrawal: fillers around an option (`大份吧`, `10斤的`) withdraw nothing. */
const CANCEL_ANY = /取消|退出|不要|算了|cancel|撤回/i;
/** `不要` alone is too common a word; it withdraws only with an option (`小份不要`) or as `不要了`. */
const CANCEL_STRONG = /取消|退出|不要[了啦]|算了|cancel|撤回/i;
const MINUS_ONLY = new RegExp(`^-\\s*(${NUM})$`);

const UNREADABLE = [
  new RegExp(`^(?:我也|我|也)?\\+\\s*(?:$|${VAGUE}|[+\\-${MARK_CLASS}])`),
  new RegExp(`^(?:我也|我|也)?接龙\\s*\\+?\\s*${VAGUE}`),
  new RegExp(`^(?:我|再|我再)?加\\s*${VAGUE}`),
  new RegExp(`^我?(?:再|多)(?:来|要)\\s*${VAGUE}`),
  new RegExp(
    `(?:^|[+要加]|接龙)\\s*(?:[一二两三四五六七八九]{2}|\\d{1,3}\\s*[-~到至或]\\s*\\d{1,3})\\s*${UNIT}`,
  ),
  new RegExp(`(?:^|[要加]|接龙)\\s*\\d+\\.\\d+\\s*${UNIT}`),
  /^(?:我也|我)?\+\s*\d+\.\d/,
  new RegExp(`^(?:我|那)?改(?:成|为|到)?\\s*[${MARK_CLASS}]`, 'u'),
];

const PROXY = new RegExp(
  `(?:帮(?![忙我你助])|替(?![我你换])|代(?![收拿取付购]))([^\\s,.;:!~、。，；：！～（）+\\-#\\d${MARK_CLASS}]{1,16})`,
  'gu',
);
const PROXY_VERB = /^(?:订|定|预订|买|拿|带|下单|报名|一下)$/;
/** Where a proxy's name ends: a verb, a quantity, `的` (`帮王阿姨的不要了`), a change or a withdrawal (`帮张姐改3份`). */
const PROXY_STOP = new RegExp(
  `(?:要|订|定|买|拿|带|接龙|下单|报名|来|加|各|一下|的|再|改|减|不要|不用|取消|退出|${NUM}${UNIT}).*$`,
  'u',
);
/** `我要`, `我也要` as the whole message: "me too", an order of one (`我也要去` is chatter). */
const ME_TOO = /^(?:团长|群主|亲)?\s*(?:我也要|我要|俺也要|我也来|我也订|我也买)\s*(?:了|啦|哈|呀|吧|哦)?$/u;
/** Only an option, maybe with 要/来 before or 的/吧 after: the answer to "which option?" (`要5斤的`). */
const OPTION_ANSWER = new RegExp(`^(?:要|来)?\\s*[${MARK_CLASS}]\\s*的?\\s*(?:吧|呀|哈|啊|哦|噢)?$`, 'u');

const unreadable: JielongIntent = { kind: 'unreadable' };

/** The index of the longest option `name` ends with, when something is left before it. */
function optionAtEnd(name: string, options: string[]): number | undefined {
  const lower = name.toLowerCase();
  let best: number | undefined;
  options.forEach((option, i) => {
    const o = option.toLowerCase();
    if (
      o &&
      lower.length > o.length &&
      lower.endsWith(o) &&
      (best === undefined || o.length > options[best]!.length)
    )
      best = i;
  });
  return best;
}

interface Mark {
  start: number;
  end: number;
  option: number;
}

/**
 * Reads `text` (see LineMode) against `deal`; undefined = chatter. `nameAloneIsOne`: on a copied
 * roster, a line without a quantity orders one.
 */
export function readLine(
  text: string,
  deal: DealView,
  mode: LineMode,
  nameAloneIsOne = mode === 'rosterLine',
): JielongIntent | undefined {
  const message = mode === 'message';
  if (message && deal.options.length === 0 && !QUICK.test(text)) return undefined;
  if (QUESTION.test(text)) return undefined;

  let rest = text;
  let badCode = false;
  rest = rest.replace(DEAL_CODE, (_, no: string) => {
    if (Number(no) !== deal.no) badCode = true;
    return ' ';
  });
  if (badCode) return undefined;
  let usePoints: number | undefined;
  let twoSpends = false;
  rest = rest.replace(USE_POINTS, (_, a?: string, b?: string) => {
    if (usePoints !== undefined) twoSpends = true;
    usePoints = Number(a ?? b);
    return ' ';
  });
  const vaguePoints = VAGUE_POINTS.test(rest);
  if (vaguePoints) rest = rest.replace(/\buse\s*=/gi, ' ');
  if (twoSpends || URL.test(rest) || rest.includes('=')) return undefined;

  const masked = maskOptions(rest, deal.options);
  if (LONG_NUMBER.test(masked)) return undefined;
  const core = trimPunctuation(masked);
  const marks = [...core.matchAll(MARK)].map((m) => m[0].charCodeAt(0) - OPTION_MARK);
  const words = core.replace(MARK, ' ').replace(SEPARATORS, ' ').trim();

  if (message && marks.length === 0 && usePoints === undefined && ROSTER.test(words))
    return { kind: 'roster' };
  if (message && usePoints === undefined && OPTION_ANSWER.test(core))
    return { kind: 'option', option: deal.options[marks[0]!]! };

  if (message && marks.length === 0 && usePoints === undefined && ME_TOO.test(words))
    return { kind: 'order', lines: [{ qty: 1 }] };

  // 代订: `帮X` / `替X` / `代X`, X running to the next space, punctuation or quantity.
  let proxy: string | undefined;
  let proxies = 0;
  const unproxied = masked.replace(PROXY, (found, raw: string) => {
    let name = raw.replace(PROXY_STOP, '');
    if (!name) return found;
    // `帮王阿姨小份不要了`: an option glued to the name is the option, not part of the name.
    const option = optionAtEnd(name, deal.options);
    const glued = option === undefined ? '' : String.fromCharCode(OPTION_MARK + option);
    if (option !== undefined) name = name.slice(0, name.length - deal.options[option]!.length);
    proxies += 1;
    proxy = name;
    // A trailing verb goes with the name (`帮小李订`); a quantity stays to be read (`帮王阿姨要两份`).
    const tail = raw.slice(name.length + (option === undefined ? 0 : deal.options[option]!.length));
    const kept = `${glued}${PROXY_VERB.test(tail) ? '' : tail}`;
    return `${' '.repeat(Math.max(0, found.length - kept.length))}${kept}`;
  });
  const forWhom = proxy ? { for: proxy } : {};

  const unproxiedCore = trimPunctuation(unproxied);
  const unproxiedWords = unproxiedCore.replace(MARK, ' ').replace(SEPARATORS, ' ').trim();
  const unproxiedMarks = [...unproxiedCore.matchAll(MARK)].map((m) => m[0].charCodeAt(0) - OPTION_MARK);
  const cancel = readCancel(unproxiedWords, unproxiedMarks, deal, usePoints !== undefined);
  if (cancel) return cancel.kind === 'cancel' && proxies <= 1 ? { ...cancel, ...forWhom } : unreadable;
  if (message && UNREADABLE.some((re) => re.test(core))) return unreadable;
  if (PRICE.test(masked) || ARITHMETIC.test(masked)) return undefined;
  if (proxies > 1) return unreadable;

  const atoms = readAtoms(unproxied, deal, mode);
  const optionMarks: Mark[] = [...unproxied.matchAll(MARK)].map((m) => ({
    start: m.index,
    end: m.index + 1,
    option: m[0].charCodeAt(0) - OPTION_MARK,
  }));
  let quantities = atoms.some((a) => a.qty !== undefined) ? atoms.filter((a) => a.qty !== undefined) : atoms;
  if (quantities.length === 0) {
    if (!nameAloneIsOne) return undefined;
    // The added line of a copied roster: a name alone is one unit.
    if (optionMarks.length > 1) return unreadable;
    quantities = [{ start: 0, end: 0, kind: 'order', qty: 1, each: false }];
  }
  // `+2 用abc分`: an order that spends points, but how many cannot be read.
  if (vaguePoints) return unreadable;
  const kinds = new Set(quantities.map((a) => a.kind));
  if (kinds.size > 1 || kinds.has('minus')) return unreadable;
  // `我和楼下各一份`: `各` over people rather than over the options named before it.
  const each = quantities.find((a) => a.each);
  if (each && !optionMarks.some((mk) => mk.start < each.start)) return unreadable;

  const pairs = pairUp(quantities, optionMarks);
  if (!pairs) return unreadable;
  const note = readNote(unproxied, [...quantities, ...optionMarks], mode, deal.title);
  if (note === 'chatter') return undefined;
  if (note === 'unreadable') return unreadable;

  const lines: LineIntent[] = pairs.map(({ atom, mark }) => ({
    qty: atom.qty ?? 1,
    ...(mark ? { option: deal.options[mark.option]! } : {}),
    ...(note ? { note } : {}),
    ...(atom.add && atom.kind === 'order' ? { add: atom.add } : {}),
  }));
  if (new Set(lines.map((l) => l.option)).size < lines.length) return unreadable;
  if (kinds.has('change') && lines.every((l) => l.qty === 0)) {
    // `改成0`, `小份改0`: a withdrawal of that line.
    if (lines.length > 1) return unreadable;
    return { kind: 'cancel', ...(lines[0]!.option ? { option: lines[0]!.option } : {}), ...forWhom };
  }
  return {
    kind: 'order',
    lines,
    ...forWhom,
    ...(usePoints !== undefined ? { usePoints } : {}),
    ...(kinds.has('change') ? { change: true as const } : {}),
  };
}

/** `-1`, `退出`, `小份不要了`, `取消大份`: a withdrawal, or undefined when the words are anything else. */
function readCancel(
  words: string,
  marks: number[],
  deal: DealView,
  spends: boolean,
): JielongIntent | undefined {
  const minus = MINUS_ONLY.exec(words);
  const worded =
    !minus &&
    CANCEL_ONLY.test(words) &&
    ((marks.length > 0 && CANCEL_ANY.test(words)) || CANCEL_STRONG.test(words));
  if (!minus && !worded) return undefined;
  if (spends || marks.length > 1) return { kind: 'unreadable' };
  // `-2` is a member trying to lower a line; the hint points to `改N`.
  if (minus && readCount(minus[1]!) !== 1) return { kind: 'unreadable' };
  return marks.length === 1 ? { kind: 'cancel', option: deal.options[marks[0]!]! } : { kind: 'cancel' };
}

interface Pair {
  atom: Atom;
  mark?: Mark;
}

/**
 * Pairs quantities with the options next to them: `小份+2 大份+1` (option first) or `+2小份 +1大份`
 * (quantity first); `小份大份各一个` gives every option the same quantity. undefined when the
 * text cannot be paired without guessing (`+1 小份 +1`, `+1+2`).
 */
function pairUp(atoms: Atom[], marks: Mark[]): Pair[] | undefined {
  if (marks.length === 0) return atoms.length === 1 ? [{ atom: atoms[0]! }] : undefined;
  const only = atoms.length === 1 ? atoms[0]! : undefined;
  if (only?.each && marks.every((mk) => mk.start < only.start))
    return marks.map((mark) => ({ atom: only, mark }));
  const items = [...atoms.map((atom) => ({ atom })), ...marks.map((mark) => ({ mark }))].sort(
    (a, b) => ('atom' in a ? a.atom.start : a.mark.start) - ('atom' in b ? b.atom.start : b.mark.start),
  );
  for (const optionFirst of [true, false]) {
    const pairs: Pair[] = [];
    let pending: (typeof items)[number] | undefined;
    let ok = true;
    for (const item of items) {
      const leads = optionFirst ? 'mark' in item : 'atom' in item;
      if (leads) {
        if (pending) ok = false;
        pending = item;
      } else if (!pending) {
        ok = false;
      } else {
        const atom = 'atom' in item ? item.atom : (pending as { atom: Atom }).atom;
        const mark = 'mark' in item ? item.mark : (pending as { mark: Mark }).mark;
        pairs.push({ atom, mark });
        pending = undefined;
      }
    }
    if (ok && !pending) return pairs;
  }
  return undefined;
}
