/**
 * The note of an order line: the words around its quantities and options. Also where the words
 * show the number was no order at all (`+1 for this idea`, `楼上+1`, `下次团榴莲吧+1`).
 */
import type { LineMode } from './atoms.js';
import { withoutTitleTail } from './atoms.js';
import { NUM, trimPunctuation, UNIT } from './text.js';

/** Pieces of a note word: `已付款，谢谢` is checked as `已付款` and `谢谢`. */
const SEP_WORDS = /[\s,，、。.!！~～;；]+/u;
/** A note that starts with a quantity is a second quantity the reader cannot place (`要两份，一份帮邻居带`). */
const NOTE_QUANTITY = new RegExp(`^${NUM}\\s?${UNIT}`, 'u');
/** Words that say nothing about the line: who orders, a verb, addressing the leader, a particle. */
const NOTE_FILLER =
  /^(?:团长|群主|亲)?[\s,，]*(?:(?:我也|我们|我家|我|也|俺|那我|那就|那|就|再|还|给我|帮我|替我)?(?:要|来|订|定|预订|预定|买|拿|留)?|好的|好|嗯|哈|呀|啊|吧|哦|噢|了|啦|的)$/;
const AGREEMENT =
  /^(?:for|to|on|from|this|that|agreed?|same|good|great|nice|yes|yeah|yep|lol|me too|here|exactly|definitely|indeed|totally|idea|the|it|haha)\b/i;
/** Chinese agreement and opinion: `楼上+1`, `附议+1`, `+1 我也想问`, `同问+1`, `哈哈哈+1` agree, they do not order. */
const AGREEMENT_ZH =
  /楼上|楼主|附议|同意|赞同|赞成|同上|同问|同求|我也觉得|我觉得|想问|说得对|说的对|有道理|好主意|好建议|好办法|没毛病|哈哈|呵呵|嘿嘿|666|^(?:赞|顶|支持|对|对的|是的|确实|真的|必须的?|[👍👏]+)[\s!！~～。.啊呀]*$/u;
/**
 * A word that reports on an order already placed: paid (`已付款+1`, `+1 已付`), received or
 * picked up (`收到+1`, `到货了+1`, `已取+1`), praise (`好评+1`, `好吃+1`). Members "+1" these to
 * tick themselves off, not to order again. Thanks (`谢谢团长+1`, `辛苦了+1`) are not here: they go
 * with an order.
 */
const PAID =
  '(?:已经?|刚刚?|刚才)(?:付|支付|转|转账|交)(?:款|钱)?(?:了|过了?|好了)?|(?:付|支付|转账|交)(?:款|钱)?(?:了|过了?|好了)';
const RECEIVED =
  '(?:已经?)?(?:收到|拿到|取到)(?:货)?|(?:已经?)?到货|到了|已经?(?:取|拿|收)(?:货|到)?|取(?:货)?了';
const PRAISE = '(?:五星)?好评|(?:真|很|超|太|特别|非常|好)?(?:好吃|甜|新鲜|不错)';
const STATUS = new RegExp(`^(?:我|也|都)*(?:${PAID}|${RECEIVED}|${PRAISE})[了啦哦呀哈]*$`, 'u');
/** A reservation the reader must not guess over (`想要+1但是没空取`): the leader has to ask. */
const RESERVATION = /但是|但|不过|可是|可惜|就是没|只是/u;
/** A note suggesting a future deal (`下次团榴莲吧+1`): a vote, not an order. */
const SUGGESTION = /(?:下次|下回|下期|以后|改天|明年|再开|开团|团|搞|拼).*吧$/u;

/**
 * The note: the words around the quantities and options, outer punctuation trimmed, fillers
 * (`我也`, `团长`) and words of the deal's title (`两盒草莓`, `要草莓2盒`) dropped. 'chatter' when the
 * words show the number was not an order: agreement (`+1 for this idea`, `楼上+1`), a suggestion
 * (`下次团榴莲吧+1`), stray numbers, or a long sentence around the quantity. 'unreadable' when the
 * note holds a second quantity.
 */
export function readNote(
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
    .map((f) => (isFiller(f, title) ? '' : f));
  const words = kept.filter(Boolean);
  if (words.length === 0) return '';
  const note = words.join(' ');
  if (words.some((w) => /^[\d\s]+$/.test(w))) return 'chatter';
  if (words.some((w) => NOTE_QUANTITY.test(w))) return 'unreadable';
  if (mode === 'message') {
    if (AGREEMENT.test(note) || AGREEMENT_ZH.test(note) || SUGGESTION.test(note)) return 'chatter';
    if (words.some((w) => w.split(SEP_WORDS).some((piece) => STATUS.test(piece)))) return 'chatter';
    if (RESERVATION.test(note)) return 'unreadable';
  }
  const sandwich = sorted.length > 0 && kept[0] !== '' && kept[kept.length - 1] !== '';
  if (note.length > 40 || (mode === 'message' && sandwich && note.length > 12)) return 'chatter';
  return note;
}

/** A fragment that says nothing about the line: a filler, a word of the title, or a filler before one (`要草莓`). */
function isFiller(fragment: string, title: string): boolean {
  if (NOTE_FILLER.test(fragment)) return true;
  if (fragment.length >= 2 && title.includes(fragment)) return true;
  const rest = withoutTitleTail(fragment, { title });
  return rest !== fragment && NOTE_FILLER.test(trimPunctuation(rest));
}
