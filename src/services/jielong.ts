/**
 * 接龙: reading orders the way Chinese group-buy chats write them. Pure functions, in two phases:
 * `readEnvelope` (before a deal is chosen) and `parseJielong` (against the chosen deal).
 *
 * The rules, as a leader would check them:
 * - Quantity: `+N`, `加N`, `N份/个/斤/盒/箱/袋/件/只/包/瓶…`, `接龙` (1), `接龙 N`, `接龙+N`, `要N份`,
 *   `我要两个`, `x2`/`×2` after an option; Chinese numerals up to 99 (`两`, `俩`, `十二`, `九十九`);
 *   full-width forms. A bare `N份` counts at the start of the message or right after an option
 *   (`小份 4份`), never in a sentence (`我家3个孩子`, `第3件`). `要`/`加`/`改` + quantity must be
 *   followed by a space, punctuation, an option, a polite word or a word of the deal's title
 *   (`我要两盒草莓` in 丹东草莓), so `要两个鸡蛋` elsewhere is chatter.
 * - Options: matched case-insensitively, longest name first, before quantities are read (so `10斤+1`
 *   is option 10斤, quantity 1); a name made of letters or digits must stand apart (`L` is not in
 *   `hello`, `5斤` not in `15斤`). Several options make one line each: `小份+2 大份+1`,
 *   `+2小份 +1大份`, `小份2份，大份1份`, `大份小份各一个`. A word that is not an option is a note.
 * - Note: the words around the quantity (`+3 周六来拿`, `放快递柜 +2`), outer punctuation trimmed,
 *   fillers (`我也`, `团长`) dropped; with several lines every line carries it.
 * - 代订 (`for`): `帮X`, `替X` or `代X`; X runs to the next space, punctuation, digit or quantity,
 *   without a trailing verb (订/买/要/拿/带/来/加/下单/接龙). `+1 帮邻居王阿姨` → 邻居王阿姨 (kept as
 *   written). 帮我, 帮忙, 代收, 代拿 are not proxies.
 * - Change: `改N`, `改成N份`, `改为N个`, `小份改3` → `change: true`. Points: `用50分`, `use=50`.
 * - Withdrawal: `-1`, `-1 小份`, `退出`, `取消`, `取消接龙`, `退出接龙`, `不要了`, `不要啦`, `算了`,
 *   `小份不要了`, `cancel` — the whole message, give or take `我`, `还是`, `谢谢`. `-2` is unreadable.
 * - Roster: `列表`, `接龙列表`, `名单`, `roster`, `list`.
 * - A copied roster (several lines) is an order only when it IS the deal's roster: every numbered
 *   line but the last starts with a name on the roster, and (when it is the first line) the header
 *   contains `#no` or the title. The last numbered line is the sender's, read like a one-line order;
 *   a name alone is 1; the name is returned as `listedAs`. One numbered line alone (`3. 小红 +1`)
 *   is the sender's line when its number continues the roster (roster length + 1); any other
 *   number is unreadable when it orders.
 * - Chatter (undefined, stay silent): any question (`？`, or ending in 吗/么/呢 — `+1 可以吗？` too:
 *   the leader answers it), arithmetic, phone and other long numbers, prices, decimals, URLs, `=`,
 *   dates and times without a quantity form, English agreement (`+1 for this idea`), a second deal
 *   code, a long sentence around the quantity (note over 40 characters, or text on both sides over
 *   12), an option name alone.
 * - Unreadable (one hint): `+`, `+几个`, `接龙 很多`, `加点`, `要两三个`, `+1.5`, `+1+2`, `-2`, two
 *   quantities for one option (`+1 小份 +1`), several 代订 names, options that cannot be paired.
 */
import { readLine } from './jielong/line.js';
import { readCopiedRoster, readNumberedLine } from './jielong/roster.js';
import { foldSpaces, foldWidth } from './jielong/text.js';
import type { DealView, Envelope, JielongIntent } from './jielong/types.js';

export type { DealView, Envelope, JielongIntent, LineIntent } from './jielong/types.js';

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
  const lines = foldSpaces(foldWidth(body))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  if (lines.length === 1) {
    const [line] = lines as [string];
    return NUMBERED.test(line) ? readNumberedLine(line, deal) : readLine(line, deal, 'message');
  }
  // Several lines without numbers are one message typed over lines (`小份+2` / `大份+1`).
  if (lines.some((line) => NUMBERED.test(line))) return readCopiedRoster(lines, deal);
  return readLine(lines.join(' '), deal, 'message');
}
