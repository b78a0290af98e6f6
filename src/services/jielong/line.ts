/**
 * Reads one order message (or the sender's line of a copied roster) against a deal: quantities,
 * options, notes, changes, withdrawals, proxies. The rules are listed in `src/services/jielong.ts`.
 */
import {
  escapeRegExp,
  MARK_CLASS,
  NUM,
  numberValue,
  OPTION_MARK,
  SEP,
  trimPunctuation,
  UNIT,
} from './text.js';
import type { DealView, JielongIntent, LineIntent } from './types.js';

/** `message`: a whole one-line message. `rosterLine`: what follows the name on a copied roster's added line. */
export type LineMode = 'message' | 'rosterLine';

const QUICK = new RegExp(
  `[\\d+\\-]|接龙|加|要|改|取消|退出|算了|列表|名单|cancel|roster|list|${NUM}${UNIT}`,
  'i',
);
/** A question is never an order (`+1 可以吗？`): the leader answers it. */
export const QUESTION = /[?？]|[吗么呢][\s.!！~～。…]*$/;
const DEAL_CODE = /#(\d{1,6})(?!\d)/g;
const USE_POINTS = /用\s*(\d{1,7})\s*(?:积分|分)|\buse\s*=\s*(\d{1,7})/gi;
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
/** `不要` alone is too common a word; it withdraws only with an option (`小份不要`) or as `不要了`. */
const CANCEL_STRONG = /取消|退出|不要[了啦]|算了|cancel|撤回/i;
const MINUS_ONLY = new RegExp(`^-\\s*(${NUM})$`);

const UNREADABLE = [
  new RegExp(`^(?:我也|我|也)?\\+\\s*(?:$|${VAGUE}|[+\\-${MARK_CLASS}])`),
  new RegExp(`^(?:我也|我|也)?接龙\\s*\\+?\\s*${VAGUE}`),
  new RegExp(`^(?:我|再|我再)?加\\s*${VAGUE}`),
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
const PROXY_STOP = new RegExp(`(?:要|订|定|买|拿|带|接龙|下单|报名|来|加|各|一下|${NUM}${UNIT}).*$`, 'u');

const ATOM = new RegExp(
  `\\+\\s*(?<plus>${NUM})(?<plusU>${UNIT})?` +
    `|-\\s*(?<minus>${NUM})(?:\\s?${UNIT})?` +
    `|接龙(?:[\\s,，:：]*\\+?\\s*(?<jl>${NUM})(?:\\s?(?<jlU>${UNIT}))?)?` +
    `|加\\s*(?<jia>${NUM})(?:\\s?(?<jiaU>${UNIT}))?` +
    `|改\\s*(?:成|为|到)?\\s*(?<gai>${NUM})(?:\\s?(?<gaiU>${UNIT}))?` +
    `|要\\s*(?:(?<yao>${NUM})(?:\\s?(?<yaoU>${UNIT}))?)?` +
    `|[x×*]\\s*(?<times>\\d{1,4})(?!\\d)` +
    `|(?<bare>${NUM})(?:\\s?(?<bareU>${UNIT}))?`,
  'giu',
);

const lead = (fillers: string) => new RegExp(`(?:^|${SEP}|[${MARK_CLASS}])(?:${fillers})?\\s*$`, 'u');
const JL_LEAD = lead('我也|我们|我|也|俺|那|就|再');
const JIA_LEAD = lead('我也|我再|那我|那就|我|也|再|还|那|就');
const GAI_LEAD = lead('我还是|还是|那我|帮我|麻烦|我|那|就|请');
const YAO_LEAD = lead('我也|我们|我家|那我|那就|我就|我|也|俺|那|就');
const BARE_AT_START = /^(?:我也|我|也|俺|那就|那|就|再|给我|帮我|替我)?(?:来|订|买|拿|留)?\s*$/u;
const AFTER_MARK = new RegExp(`[${MARK_CLASS}]\\s*[:：]?\\s*$`, 'u');
const EACH = /各\s*$/;
const MARK_NEXT = new RegExp(`^\\s*[${MARK_CLASS}]`, 'u');
/** A note that starts with a quantity is a second quantity the reader cannot place (`要两份，一份帮邻居带`). */
const NOTE_QUANTITY = new RegExp(`^${NUM}\\s?${UNIT}`, 'u');
/** On a copied roster's line a `×2` may follow the name's bracket: `王阿姨（小红代订） ×1`. */
const ROSTER_LEAD = new RegExp(`(?:^|${SEP})\\s*$`, 'u');
/** After a number, these make it a time, date, floor or amount rather than a quantity. */
const NOT_QUANTITY = /^[点號号月日:：年岁楼层栋元%度周次期室天小分秒]/;
const SEPARATED = new RegExp(`^(?:$|${SEP}|[+\\-#${MARK_CLASS}])`, 'u');
const POLITE_GLUE = /^(?:谢谢|辛苦|哈|呀|哦|噢|啦|吧|就好|即可|就行|先|吧)/;
const HAN_RUN = /^\p{Script=Han}{2,6}/u;

const NOTE_FILLER =
  /^(?:(?:我也|我们|我家|我|也|俺|那我|那就|那|就|再|还|给我|帮我|替我)?(?:要|来|订|买|拿|留)?|团长|群主|亲|好的|好|嗯|哈+|呀|啊|吧|哦|噢|了|啦)$/;
const AGREEMENT =
  /^(?:for|to|on|from|this|that|agreed?|same|good|great|nice|yes|yeah|yep|lol|me too|here|exactly|definitely|indeed|totally|idea|the|it|haha)\b/i;

interface Atom {
  start: number;
  end: number;
  kind: 'order' | 'change' | 'minus';
  /** undefined: an implicit 1 (`接龙`, `要小份`). */
  qty: number | undefined;
  each: boolean;
}
interface Mark {
  start: number;
  end: number;
  option: number;
}

const optionPatterns = new Map<string, RegExp>();
/** Characters that may come right before a Chinese option name: verbs, measure words, conjunctions. */
const OPTION_LEAD_INS = '要来订买拿的和与跟及再加改成换取消退各个份都';

/** One regex per option set, longest names first, cached: deals keep their options. */
function optionPattern(options: string[]): RegExp {
  const key = options.join('\u0000');
  let pattern = optionPatterns.get(key);
  if (pattern) return pattern;
  const alternatives = options
    .map((name, i) => ({ name, i }))
    .filter(({ name }) => name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length)
    .map(({ name }) => {
      // A letter or digit at either end must not run into another: `L` is not in `hello`, `5斤` not in `15斤`.
      // A Chinese name is not the tail of a longer word (`大份` is not in `特大份`), except after
      // the words members put before an option (`要大份`, `再来大份`, `小份和大份`).
      const startGuard = /^[a-z]/i.test(name)
        ? '(?<![a-z])'
        : /^\d/.test(name)
          ? '(?<![\\d.])'
          : /^[\u4e00-\u9fff]/.test(name)
            ? `(?<!(?![${OPTION_LEAD_INS}])[\\u4e00-\\u9fff])`
            : '';
      const endGuard = /[a-z]$/i.test(name) ? '(?![a-z])' : /\d$/.test(name) ? '(?![\\d.])' : '';
      return `${startGuard}${escapeRegExp(name)}${endGuard}`;
    });
  pattern = new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'giu');
  if (optionPatterns.size > 200) optionPatterns.clear();
  optionPatterns.set(key, pattern);
  return pattern;
}

/** Replaces each option named in the text by one private-use character standing for its index. */
function maskOptions(text: string, options: string[]): string {
  if (options.length === 0) return text;
  const lower = options.map((o) => o.toLowerCase());
  return text.replace(optionPattern(options), (found) =>
    String.fromCharCode(OPTION_MARK + lower.indexOf(found.toLowerCase())),
  );
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
  if (message && !QUICK.test(text)) return undefined;
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
  if (twoSpends || URL.test(rest) || rest.includes('=')) return undefined;

  const masked = maskOptions(rest, deal.options);
  if (LONG_NUMBER.test(masked)) return undefined;
  const core = trimPunctuation(masked);
  const marks = [...core.matchAll(MARK)].map((m) => m[0].charCodeAt(0) - OPTION_MARK);
  const words = core.replace(MARK, ' ').replace(SEPARATORS, ' ').trim();

  if (message && marks.length === 0 && usePoints === undefined && ROSTER.test(words))
    return { kind: 'roster' };
  const cancel = readCancel(words, marks, deal, usePoints !== undefined);
  if (cancel) return cancel;
  if (message && UNREADABLE.some((re) => re.test(core))) return { kind: 'unreadable' };
  if (PRICE.test(masked) || ARITHMETIC.test(masked)) return undefined;

  // 代订: `帮X` / `替X` / `代X`, X running to the next space, punctuation or quantity.
  let proxy: string | undefined;
  let proxies = 0;
  const unproxied = masked.replace(PROXY, (found, raw: string) => {
    const name = raw.replace(PROXY_STOP, '');
    if (!name) return found;
    proxies += 1;
    proxy = name;
    // A trailing verb goes with the name (`帮小李订`); a quantity stays to be read (`帮王阿姨要两份`).
    const tail = raw.slice(name.length);
    const kept = PROXY_VERB.test(tail) ? '' : tail;
    return `${' '.repeat(found.length - kept.length)}${kept}`;
  });
  if (proxies > 1) return { kind: 'unreadable' };

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
    if (optionMarks.length > 1) return { kind: 'unreadable' };
    quantities = [{ start: 0, end: 0, kind: 'order', qty: 1, each: false }];
  }
  const kinds = new Set(quantities.map((a) => a.kind));
  if (kinds.size > 1 || kinds.has('minus')) return { kind: 'unreadable' };

  const pairs = pairUp(quantities, optionMarks);
  if (!pairs) return { kind: 'unreadable' };
  const note = readNote(unproxied, [...quantities, ...optionMarks], mode, deal.title);
  if (note === 'chatter') return undefined;
  if (note === 'unreadable') return { kind: 'unreadable' };

  const lines: LineIntent[] = pairs.map(({ atom, mark }) => ({
    qty: atom.qty ?? 1,
    ...(mark ? { option: deal.options[mark.option]! } : {}),
    ...(note ? { note } : {}),
  }));
  if (new Set(lines.map((l) => l.option)).size < lines.length) return { kind: 'unreadable' };
  return {
    kind: 'order',
    lines,
    ...(proxy ? { for: proxy } : {}),
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
  const worded = !minus && CANCEL_ONLY.test(words) && (marks.length > 0 || CANCEL_STRONG.test(words));
  if (!minus && !worded) return undefined;
  if (spends || marks.length > 1) return { kind: 'unreadable' };
  // `-2` is a member trying to lower a line; the hint points to `改N`.
  if (minus && numberValue(minus[1]!) !== 1) return { kind: 'unreadable' };
  return marks.length === 1 ? { kind: 'cancel', option: deal.options[marks[0]!]! } : { kind: 'cancel' };
}

/** Every quantity form in the text that stands where an order's quantity stands. */
function readAtoms(text: string, deal: DealView, mode: LineMode): Atom[] {
  const atoms: Atom[] = [];
  for (const m of text.matchAll(ATOM)) {
    const g = m.groups!;
    const end = m.index + m[0].length;
    const before = text.slice(0, m.index);
    const after = text.slice(end);
    const each = EACH.exec(before);
    // `各` belongs to the quantity, not to the note.
    const start = each ? each.index : m.index;
    const number = g.plus ?? g.jl ?? g.jia ?? g.gai ?? g.yao ?? g.times ?? g.bare ?? g.minus;
    const unit = g.plusU ?? g.jlU ?? g.jiaU ?? g.gaiU ?? g.yaoU ?? g.bareU;
    const qty = number === undefined ? undefined : numberValue(number);
    if (number !== undefined && !unit && NOT_QUANTITY.test(after)) continue;
    const weakGlue = SEPARATED.test(after) || POLITE_GLUE.test(after) || inTitle(after, deal);
    let atom: Atom | undefined;
    if (g.plus !== undefined) {
      atom = { start, end, kind: 'order', qty, each: each !== null };
    } else if (g.minus !== undefined) {
      if (!/[\p{L}\d]$/u.test(before)) atom = { start, end, kind: 'minus', qty, each: each !== null };
    } else if (m[0].startsWith('接龙')) {
      if (JL_LEAD.test(before) && (number !== undefined || SEPARATED.test(after)))
        atom = { start, end, kind: 'order', qty, each: each !== null };
    } else if (g.jia !== undefined) {
      if (JIA_LEAD.test(before) && weakGlue) atom = { start, end, kind: 'order', qty, each: each !== null };
    } else if (g.gai !== undefined) {
      if (GAI_LEAD.test(before) && weakGlue) atom = { start, end, kind: 'change', qty, each: each !== null };
    } else if (m[0].startsWith('要')) {
      const implicitOk = number !== undefined || MARK_NEXT.test(after);
      if (YAO_LEAD.test(before) && !/不\s*$/.test(before) && implicitOk && weakGlue)
        atom = { start, end, kind: 'order', qty, each: each !== null };
    } else if (g.times !== undefined) {
      if (AFTER_MARK.test(before) || (mode === 'rosterLine' && ROSTER_LEAD.test(before)))
        atom = { start, end, kind: 'order', qty, each: each !== null };
    } else if (g.bare !== undefined && !/第\s*$/.test(before) && weakGlue) {
      const afterOption = AFTER_MARK.test(before);
      const atStart = BARE_AT_START.test(before);
      const alone = mode === 'rosterLine' && before.trim() === '';
      if (afterOption || each !== null || (unit && atStart) || alone)
        atom = { start, end, kind: 'order', qty, each: each !== null };
    }
    if (atom) atoms.push(atom);
  }
  return atoms;
}

/** Glued text after a quantity that names the product (`两盒草莓` in a deal titled 丹东草莓). */
function inTitle(after: string, deal: DealView): boolean {
  const run = HAN_RUN.exec(after)?.[0];
  if (!run) return false;
  for (let n = run.length; n >= 2; n--) if (deal.title.includes(run.slice(0, n))) return true;
  return false;
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

/**
 * The note: the words around the quantities and options, outer punctuation trimmed, fillers
 * (`我也`, `团长`) and words of the deal's title (`两盒草莓`) dropped. 'chatter' when the words show the number was not an order: English
 * agreement (`+1 for this idea`), stray numbers, or a long sentence around the quantity.
 */
function readNote(
  text: string,
  spans: { start: number; end: number }[],
  mode: LineMode,
  title: string,
): string | 'chatter' | 'unreadable' {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const fragments: string[] = [];
  let at = 0;
  for (const span of sorted) {
    fragments.push(text.slice(at, Math.max(at, span.start)));
    at = Math.max(at, span.end);
  }
  fragments.push(text.slice(at));
  const kept = fragments
    .map((f) => trimPunctuation(f.replace(/\s+/g, ' ')))
    .map((f) => (NOTE_FILLER.test(f) || (f.length >= 2 && title.includes(f)) ? '' : f));
  const words = kept.filter(Boolean);
  if (words.length === 0) return '';
  const note = words.join(' ');
  if (words.some((w) => /^[\d\s]+$/.test(w))) return 'chatter';
  if (words.some((w) => NOTE_QUANTITY.test(w))) return 'unreadable';
  if (mode === 'message' && AGREEMENT.test(note)) return 'chatter';
  const sandwich = sorted.length > 0 && kept[0] !== '' && kept[kept.length - 1] !== '';
  if (note.length > 40 || (mode === 'message' && sandwich && note.length > 12)) return 'chatter';
  return note;
}
