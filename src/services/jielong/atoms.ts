/**
 * The quantity forms of a 接龙 message and where each may stand (`+N`, `接龙 N`, `加N`, `减N`, `改N`,
 * `要N`, `×N` after an option, `N份`, `N+` at the end, `算我一个`), and whether a quantity sets the member's
 * line or adds to it. The rules are listed in `src/services/jielong.ts`.
 */
import { readCount } from '../../core/numerals.js';
import { MARK_CLASS, NUM, SEP, UNIT } from './text.js';
import type { DealView } from './types.js';

/** `message`: a whole one-line message. `rosterLine`: what follows the name on a copied roster's line. */
export type LineMode = 'message' | 'rosterLine';

/** One quantity form found in the text; `start`/`end` are offsets in it (a `再`/`多要` before it included). */
export interface Atom {
  start: number;
  end: number;
  kind: 'order' | 'change' | 'minus';
  /** undefined: an implicit 1 (`接龙`, `要小份`). */
  qty: number | undefined;
  each: boolean;
  /** `再来一份`, `加1份` → more; `少要一份`, `减1` → less; absent: the quantity sets the line. */
  add?: 'more' | 'less';
}

const ATOM = new RegExp(
  `\\+\\s*(?<plus>${NUM})(?<plusU>${UNIT})?` +
    `|-\\s*(?<minus>${NUM})(?:\\s?${UNIT})?` +
    `|(?:算|加|带)上?我\\s*(?<me>${NUM})\\s?(?<meU>${UNIT})` +
    `|接龙(?:[\\s,，:：]*\\+?\\s*(?<jl>${NUM})(?:\\s?(?<jlU>${UNIT}))?)?` +
    `|加\\s*(?<jia>${NUM})(?:\\s?(?<jiaU>${UNIT}))?` +
    `|减少?\\s*(?<jian>${NUM})(?:\\s?(?<jianU>${UNIT}))?` +
    `|改\\s*(?:成|为|到)?\\s*(?<gai>${NUM})(?:\\s?(?<gaiU>${UNIT}))?` +
    `|要\\s*(?:(?<yao>${NUM})(?:\\s?(?<yaoU>${UNIT}))?)?` +
    `|[x×*]\\s*(?<times>\\d{1,4})(?!\\d)` +
    `|(?<![\\d.])(?<post>\\d{1,3})\\s*\\+(?=[\\s!！~～。.]*$)` +
    `|(?<bare>${NUM})(?:\\s?(?<bareU>${UNIT}))?`,
  'giu',
);

/** Addressing the leader before the words (`团长我要2盒`). */
const VOCATIVE = '(?:团长|群主|亲)?[\\s,，]*';
const lead = (fillers: string) =>
  new RegExp(`(?:^|${SEP}|[${MARK_CLASS}])${VOCATIVE}(?:${fillers})?\\s*$`, 'u');
/** `算我一个`, `也算我一份`, `团长加我一个`. */
const ME_LEAD = lead('也|那就|那|就|麻烦|请');
const JL_LEAD = lead('我也|我们|我|也|俺|那|就|再');
const JIA_LEAD = lead('我也|我再|那我|那就|我|也|再|还|那|就');
const GAI_LEAD = lead('我还是|还是|那我|帮我|麻烦|我|那|就|请');
const YAO_LEAD = lead('我也|我们|我家|那我|那就|我就|我|也|俺|那|就');
const BARE_AT_START = new RegExp(
  `^${VOCATIVE}(?:我也|我|也|俺|那就|那|就|再|给我|帮我|替我)?(?:来|订|定|预订|预定|买|拿|留|要)?\\s*$`,
  'u',
);
/** Right after an option, maybe with 的, a colon, a comma or a verb: `小份：2`, `5斤的两份`, `大份来两份`. */
const AFTER_MARK = new RegExp(`[${MARK_CLASS}]\\s*的?\\s*[:：,，]?\\s*(?:来|拿|订|买)?\\s*$`, 'u');
const EACH = /各\s*$/;
const MARK_NEXT = new RegExp(`^\\s*[${MARK_CLASS}]`, 'u');
/** `再` (again), `多` (more) or `少` (less) right before a quantity form, maybe with a verb (`再来`, `多要`). */
const ADD_PREFIX = /(再|多|少)(?:来|订|定|买|拿)?\s*$/u;
/** On a copied roster's line a `×2` may follow the name's bracket: `王阿姨（小红代订） ×1`. */
const ROSTER_LEAD = new RegExp(`(?:^|${SEP})\\s*$`, 'u');
/** After a number, these make it a time, date, floor or amount rather than a quantity (`2小时`, but `2小份`). */
const NOT_QUANTITY = new RegExp(`^(?:[点號号月日:：年岁楼层栋元%度周次期室天分秒]|小(?!${UNIT}))`, 'u');
/** A size glued before the unit: `2小份`, `两大盒` count like `2份`. */
const SIZED_UNIT = new RegExp(`^(?:特大|超大|大|中|小)${UNIT}`, 'u');
const SEPARATED = new RegExp(`^(?:$|${SEP}|[+\\-#${MARK_CLASS}])`, 'u');
const POLITE_GLUE = /^(?:谢谢|辛苦|哈|呀|哦|噢|啦|吧|就好|即可|就行|先|吧)/;
const HAN_RUN = /^\p{Script=Han}{2,6}/u;
const HAN_TAIL = /\p{Script=Han}{2,8}$/u;
/** `1+` counts only in a short message (`1+`, `小份1+`), not at the end of a sentence. */
const SHORT = 12;
/** `N+` is a quantity up to this; `99+` is "lots", as an unread-count badge writes it. */
const POST_MAX = 20;

type Form = 'me' | 'plus' | 'minus' | 'jl' | 'jia' | 'jian' | 'gai' | 'yao' | 'times' | 'post' | 'bare';

/** Which of `再`/`多`/`少` may come before each form and say "more" or "less" (`再+1`, `多要一份`, `少一份`). */
const PREFIXES: Record<Form, string[]> = {
  me: [],
  plus: ['再'],
  minus: [],
  jl: ['再'],
  jia: ['再', '多'],
  jian: [],
  gai: [],
  yao: ['再', '多', '少'],
  times: [],
  post: [],
  bare: ['再', '多', '少'],
};

function formOf(found: string, g: Record<string, string | undefined>): Form {
  if (g.me !== undefined) return 'me';
  if (g.plus !== undefined) return 'plus';
  if (g.minus !== undefined) return 'minus';
  if (found.startsWith('接龙')) return 'jl';
  if (g.jia !== undefined) return 'jia';
  if (g.jian !== undefined) return 'jian';
  if (g.gai !== undefined) return 'gai';
  if (found.startsWith('要')) return 'yao';
  if (g.times !== undefined) return 'times';
  if (g.post !== undefined) return 'post';
  return 'bare';
}

/** Every quantity form in the text that stands where an order's quantity stands. */
export function readAtoms(text: string, deal: DealView, mode: LineMode): Atom[] {
  const atoms: Atom[] = [];
  const short = text.trim().length <= SHORT;
  for (const m of text.matchAll(ATOM)) {
    const g = m.groups!;
    const form = formOf(m[0], g);
    const end = m.index + m[0].length;
    const after = text.slice(end);
    const written = text.slice(0, m.index);
    // `再来一份`, `多要一份`, `少一份`: the word before says "more" or "less"; the lead checks look past it.
    const found = ADD_PREFIX.exec(written);
    const prefix = found && PREFIXES[form].includes(found[1]!) ? found : null;
    const before = prefix ? written.slice(0, prefix.index) : written;
    const each = EACH.exec(before);
    // `各` and `再` belong to the quantity, not to the note.
    const start = each ? each.index : prefix ? prefix.index : m.index;
    const number =
      g.me ?? g.plus ?? g.jl ?? g.jia ?? g.jian ?? g.gai ?? g.yao ?? g.times ?? g.post ?? g.bare ?? g.minus;
    const unit = g.meU ?? g.plusU ?? g.jlU ?? g.jiaU ?? g.jianU ?? g.gaiU ?? g.yaoU ?? g.bareU;
    const qty = number === undefined ? undefined : readCount(number);
    if (number !== undefined && !unit && NOT_QUANTITY.test(after)) continue;
    const sized = !unit && SIZED_UNIT.test(after);
    const weakGlue = SEPARATED.test(after) || POLITE_GLUE.test(after) || inTitle(after, deal) || sized;
    const word = prefix?.[1];
    const add = word === '少' ? 'less' : word || (form === 'jia' && unit) ? 'more' : undefined;
    const atom: Atom = { start, end, qty, each: each !== null, kind: 'order', ...(add ? { add } : {}) };
    let ok = false;
    switch (form) {
      case 'me':
        // "Count me in, one": sets the line like `+1`.
        ok = ME_LEAD.test(before) && weakGlue;
        break;
      case 'plus':
        // `+N` sets the line (a 接龙 `+1` is "count me, 1"); only `再+1` adds.
        ok = true;
        break;
      case 'minus':
        atom.kind = 'minus';
        ok = !/[\p{L}\d]$/u.test(written);
        break;
      case 'jl':
        ok = JL_LEAD.test(before) && (number !== undefined || SEPARATED.test(after));
        break;
      case 'jia':
        // `加1` is the classic "+1" and sets; `加1份`, `再加1`, `多加1` are one more.
        ok = JIA_LEAD.test(before) && weakGlue;
        break;
      case 'jian':
        atom.add = 'less';
        ok = JIA_LEAD.test(before) && weakGlue;
        break;
      case 'gai':
        atom.kind = 'change';
        ok = GAI_LEAD.test(before) && weakGlue;
        break;
      case 'yao':
        ok =
          YAO_LEAD.test(before) &&
          !/不\s*$/.test(before) &&
          (number !== undefined || MARK_NEXT.test(after)) &&
          weakGlue;
        break;
      case 'times':
        ok = AFTER_MARK.test(before) || (mode === 'rosterLine' && ROSTER_LEAD.test(before));
        break;
      case 'post':
        ok =
          short &&
          qty !== undefined &&
          qty <= POST_MAX &&
          (AFTER_MARK.test(before) || BARE_AT_START.test(withoutTitleTail(before, deal)));
        break;
      case 'bare': {
        if (/第\s*$/.test(before) || !weakGlue) break;
        const atStart = BARE_AT_START.test(withoutTitleTail(before, deal));
        const alone = mode === 'rosterLine' && before.trim() === '';
        ok =
          AFTER_MARK.test(before) ||
          each !== null ||
          ((unit !== undefined || sized || MARK_NEXT.test(after)) && atStart) ||
          alone;
        break;
      }
    }
    if (!ok) continue;
    atoms.push(atom);
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

/** `text` without a word of the deal's title at its end: `要草莓` → `要` in 丹东草莓 (`要草莓2盒`). */
export function withoutTitleTail(text: string, deal: Pick<DealView, 'title'>): string {
  const trimmed = text.trimEnd();
  const run = HAN_TAIL.exec(trimmed)?.[0];
  if (!run) return text;
  for (let n = run.length; n >= 2; n--)
    if (deal.title.includes(run.slice(-n))) return trimmed.slice(0, trimmed.length - n);
  return text;
}
