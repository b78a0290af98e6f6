/**
 * 接龙: reading orders the way Chinese group-buy chats write them. Pure functions, in two phases:
 * `readEnvelope` (before a deal is chosen) and `parseJielong` (against the chosen deal).
 *
 * The rules, as a leader would check them:
 * - Quantity: `+N`, `加N`, `N份/个/斤/盒/箱/袋/件/只/包/瓶…`, `接龙` (1), `接龙 N`, `接龙+N`, `要N份`,
 *   `我要两个`, `预订2份`, `团长我要2盒`, `x2`/`×2` after an option, `1+` ending a short message
 *   (`N+` up to 20: `99+` is "lots", chatter); "count me in": `算我一个`, `加我一个`, `带我一个`,
 *   `算我两份`, `我也来一份`, and `我要` / `我也要` as the whole message (1; `我也要去` is chatter);
 *   Chinese numerals up to 99 (`两`, `俩`, `十二`, `九十九`); full-width forms, `➕`, keycap digits
 *   (`1️⃣`). A bare `N份` counts at the start of the message (after a word of the deal's title:
 *   `草莓两盒`, `要草莓2盒`) or right after an option (`小份 4份`, `小份，2`, `大份来两份`, `小份俩`),
 *   never in a sentence (`我家3个孩子`, `第3件`). A size glued to the unit counts like the unit
 *   (`2小份`, `+2小份` → 2, note 小份, on a deal without options). `要`/`加`/`改` + quantity must be
 *   followed by a space, punctuation, an option, a polite word or a word of the deal's title
 *   (`我要两盒草莓` in 丹东草莓), so `要两个鸡蛋` elsewhere is chatter.
 * - Set or add (`LineIntent.add`): a quantity SETS the member's line (a 接龙 `+1` is "count me, 1"),
 *   so `+N`, `加N` (the classic "+1"), `N份`, `要N份` set. "One more" ADDS (`add: 'more'`): `再`
 *   before any form (`再+1`, `再来一份`, `再加2盒`, `再要两个`), `多要`/`多来`/`多加`, and `加` WITH a
 *   count word (`加1份`, `加两个`). "One less" (`add: 'less'`): `少要一份`, `少一份`, `减1`. `少`/`多`
 *   count only at the start of the message or after an option (`还少一份` is chatter).
 * - Options: matched case-insensitively, longest name first, before quantities are read (so `10斤+1`
 *   is option 10斤, quantity 1); a name made of letters or digits must stand apart (`L` is not in
 *   `hello`, `5斤` not in `15斤`), and a size letter may carry 码 (`要L码2件`). Several options make
 *   one line each: `小份+2 大份+1`, `+2小份 +1大份`, `小份2份，大份1份`, `大份小份各一个`. A word
 *   that is not an option is a note. `各` over people (`我和楼下各一份`) is unreadable.
 * - Option answer (`kind: 'option'`): only an option name, maybe with 要/来 before or 的/吧 after
 *   (`大份`, `5斤`, `要5斤的`, `10斤的`, `大份吧`): the answer to the bot's "which option?".
 *   `我要大份` is an order of one; `大份好吃` or `大份还有吗` is chatter.
 * - Note: the words around the quantity (`+3 周六来拿`, `放快递柜 +2`), outer punctuation trimmed,
 *   fillers (`我也`, `团长`, a softening `哈`) dropped; with several lines every line carries it.
 * - 代订 (`for`): `帮X`, `替X` or `代X`; X runs to the next space, punctuation, digit, quantity,
 *   option, `的`, `改` or withdrawal word, without a trailing verb (订/买/要/拿/带/来/加/下单/接龙).
 *   `+1 帮邻居王阿姨` → 邻居王阿姨 (kept as written). 帮我, 帮忙, 代收, 代拿 are not proxies. Changes
 *   and withdrawals carry it too: `帮张姐改3份` (change for 张姐), `帮王阿姨的不要了`,
 *   `-1 帮邻居王阿姨` (cancel for 王阿姨 / 邻居王阿姨); without 帮/替/代 (`王阿姨的不要了`) it is chatter.
 * - Change: `改N`, `改成N份`, `改为N个`, `小份改3` → `change: true`; `改0`, `改成0`, `小份改0` withdraw.
 *   Points: `用50分`, `use=50`; points without a number (`+2 用abc分`, `用几分`, `用积分`) are unreadable.
 * - Withdrawal: `-1`, `-1 小份`, `退出`, `取消`, `取消接龙`, `退出接龙`, `不要了`, `不要啦`, `算了`,
 *   `小份不要了`, `cancel` — the whole message, give or take `我`, `还是`, `谢谢`. `-2` is unreadable.
 *   An option with fillers only (`10斤的`) withdraws nothing.
 * - Roster: `列表`, `接龙列表`, `名单`, `roster`, `list`.
 * - A copied roster (several lines, `kind: 'copy'`) is read only when it IS the deal's roster: its
 *   first numbered line starts with a name on the roster, or the first line is the header (`#no` or
 *   the title; WeChat's `#接龙` layout puts the title on a later header line). Every numbered line is
 *   returned as read (`no`, `name`, `qty`, `option`, `note`; a name on the roster as the roster
 *   spells it, compared case-insensitively: `Carol` is `carol`; the bot's `王阿姨（alice 代订）` / `王阿姨 (ordered by alice)` give name 王阿姨, `by` alice; a new
 *   line `小红 +1 帮李叔` gives name 李叔, by 小红; `帮王阿姨 2份` or `王阿姨(帮) 2份` gives name 王阿姨,
 *   `proxy: true` and no `by`: the sender's order for 王阿姨); a name alone is 1. Lines after the roster's
 *   first unknown name are new lines, as many as written: the handler compares the copy with the
 *   roster. Unnumbered lines between or after (totals, `谢谢团长`) are skipped; a question anywhere
 *   makes it chatter; a numbered line that cannot be read makes it unreadable; empty numbered lines at
 *   the end (`4.`, left by WeChat's `#接龙`) are ignored. One numbered line
 *   alone (`3. 小红 +1`) is the sender's line (`listedAs`) when its number continues the roster
 *   (roster length + 1); any other number is unreadable when it orders. `4. 帮王阿姨 2份` alone is
 *   an order `for` 王阿姨.
 * - Chatter (undefined, stay silent): any question (`？`, ending in 吗/么/呢, or 吗/呢 before the
 *   quantity — `+1 可以吗？`, `还有吗+1` too: the leader answers it), arithmetic, phone and other
 *   long numbers, prices, decimals, URLs, `=`, dates and times without a quantity form, agreement (`+1 for this idea`, `楼上+1`, `附议+1`,
 *   `同意+1`, `赞+1`, `顶+1`, `支持+1`, `哈哈哈+1`, `+1 我也想问`, `我也觉得+1`, `同问+1`, `同求+1`),
 *   a report on an order already placed (paid `已付款+1`, `付了+1`, `+1 已付`; received or picked
 *   up `收到+1`, `到货了+1`, `已取+1`; praise `好评+1`, `好吃+1`: members tick themselves off; on a
 *   copied roster's line `已付` stays a note) and a vote for a future deal (`下次团榴莲吧+1`) — but
 *   thanks with a +N are an order with that note, before or after (`+1 辛苦团长`, `谢谢团长+1`,
 *   `辛苦了+1`, `团长辛苦+1`, `+1 支持团长`; `谢谢团长` alone is chatter) —, a
 *   second deal code, a long sentence around the quantity (note over 40 characters, or text on
 *   both sides over 12).
 * - Unreadable (one hint): `+`, `+几个`, `接龙 很多`, `加点`, `要两三个`, `+1.5`, `+1+2`, `-2`, two
 *   quantities for one option (`+1 小份 +1`), several 代订 names, options that cannot be paired, a
 *   reservation in the note (`想要+1但是没空取`, `+1 不过周日才能取`: 但是/不过/可是…).
 * - Left to the handler: who the sender is. A copied line with `proxy` is for `name`, ordered by the
 *   sender. Given `DealView.senderName`, a numbered line starting with it is read with the whole name
 *   (`2. 302室 ×1` → 302室 ×1, not 302); a line of a copied roster whose name starts with digits and
 *   is not the sender's (`2. 5栋1单元 1份`) is unreadable (a hint, never silence).
 */
import { readLine } from './jielong/line.js';
import { readCopiedRoster, readNumberedLine } from './jielong/roster.js';
import { foldSpaces, foldWidth } from './jielong/text.js';
import type { DealView, Envelope, JielongIntent } from './jielong/types.js';

export type { CopiedLine, DealView, Envelope, JielongIntent, LineIntent } from './jielong/types.js';

const MAX_LENGTH = 2000;
/** WeChat quoted reply: `「NAME：QUOTED」`, a line of `- - - …`, then the reply. */
const QUOTE = /^\s*「([\s\S]*?)」[ \t]*\n[ \t]*-(?:[ \t]*-){3,}[ \t]*(?:\n([\s\S]*))?$/;
const QUOTE_AUTHOR = /^([^:：\n]{1,64})[:：]([\s\S]*)$/;
const WECHAT_MENTION = /@[^\u2005\n@]{1,40}\u2005/g;
const LEADING_MENTION = /^\s*@[^\s@]+\s+/;
const TRAILING_MENTION = /(?:^|\s)@[^\s@]+\s*$/;
const DEAL_CODE = /#(\d{1,6})(?!\d)/g;
const NUMBERED = /^\d{1,3}\s*[.、)）]/;

/**
 * Phase 1: folds full-width forms and spaces, takes off a WeChat quote (kept in `quoted`) and
 * mentions before or after the text, and reads the deal code (`#3`) written in it. undefined for
 * empty text, text over 2,000 characters, or two different deal codes.
 */
export function readEnvelope(text: string): Envelope | undefined {
  if (!text || text.length > MAX_LENGTH) return undefined;
  // The same short texts (`+1`, `接龙`) arrive thousands of times in a flash sale, and an envelope
  // depends only on the text: remembered as the one-line readings below are.
  if (text.length > RECENT_TEXT_LENGTH) return foldEnvelope(text);
  if (recentEnvelopes.has(text)) return recentEnvelopes.get(text);
  const envelope = foldEnvelope(text);
  if (recentEnvelopes.size >= RECENT_LINES) recentEnvelopes.clear();
  recentEnvelopes.set(text, envelope && Object.freeze(envelope));
  return envelope;
}

const recentEnvelopes = new Map<string, Envelope | undefined>();
/** Longer texts are rarely repeated word for word: not worth remembering. */
const RECENT_TEXT_LENGTH = 64;

function foldEnvelope(text: string): Envelope | undefined {
  let body = foldWidth(text);
  let quoted: string | undefined;
  let quotedFrom: string | undefined;
  const quote = QUOTE.exec(body);
  if (quote) {
    const author = QUOTE_AUTHOR.exec(quote[1]!);
    quotedFrom = author?.[1]?.trim();
    quoted = (author ? author[2]! : quote[1]!).trim();
    body = quote[2] ?? '';
  }
  body = foldSpaces(body.replace(WECHAT_MENTION, ' '));
  for (let before = ''; before !== body; ) {
    before = body;
    body = body.replace(LEADING_MENTION, '').replace(TRAILING_MENTION, '');
  }
  body = body
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  if (!body) return undefined;
  const codes = new Set([...body.matchAll(DEAL_CODE)].map((m) => Number(m[1])));
  if (codes.size > 1) return undefined;
  const [deal] = codes;
  return {
    body,
    ...(deal !== undefined ? { deal } : {}),
    ...(quoted !== undefined ? { quoted } : {}),
    ...(quotedFrom ? { quotedFrom } : {}),
  };
}

/**
 * Phase 2: reads an envelope's body against the chosen deal (see the rules above). undefined =
 * chatter: not for the bot, stay silent. `unreadable` = it tries to order but cannot be read:
 * answer with one hint.
 */
export function parseJielong(body: string, deal: DealView): JielongIntent | undefined {
  if (!body || body.length > MAX_LENGTH) return undefined;
  // A one-line message is looked up before any folding: folding is the same for the same text.
  const key = /[\n\r]/.test(body) ? undefined : recentKey(body, deal);
  if (key !== undefined && recentLines.has(key)) return recentLines.get(key);
  const lines = foldSpaces(foldWidth(body))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  if (lines.length === 1) {
    const [line] = lines as [string];
    if (NUMBERED.test(line)) return readNumberedLine(line, deal);
    const intent = readLine(line, deal, 'message');
    if (key !== undefined) remember(key, intent);
    return intent;
  }
  // Several lines without numbers are one message typed over lines (`小份+2` / `大份+1`).
  if (lines.some((line) => NUMBERED.test(line))) return readCopiedRoster(lines, deal);
  return readLine(lines.join(' '), deal, 'message');
}

/**
 * Readings of recent one-line messages, by deal shape and text. A flash sale is thousands of the
 * same `+1`: reading each one again with the line reader's regexes was 13% of the bot's CPU in the
 * delivery benchmark's 5,000 orders through the Telegram adapter (pickDeal → readLine). A one-line
 * reading depends only on the text and the deal's number, title and options (never its roster:
 * that is the copied-roster reader's, and a numbered line's, which are not remembered), so a deal
 * whose title or options change gets a new key. Readings are frozen, so no caller can change one
 * another caller is handed; the map is emptied when full rather than kept in use order (a burst
 * repeats a handful of texts).
 */
const recentLines = new Map<string, JielongIntent | undefined>();
const RECENT_LINES = 1_024;

function recentKey(text: string, deal: DealView): string {
  return `${deal.no}\u0000${deal.title}\u0000${deal.options.join('\u0001')}\u0000${text}`;
}

function remember(key: string, intent: JielongIntent | undefined): void {
  if (recentLines.size >= RECENT_LINES) recentLines.clear();
  recentLines.set(key, intent && deepFreeze(intent));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
