/**
 * A copied 接龙 roster: the member copies the roster and adds their own numbered line. It is read
 * only when it IS this deal's roster, so numbered questions and wish lists stay chatter; the
 * handler compares what the copy says with the real roster.
 */
import { QUESTION, readLine } from './line.js';
import { MARK_CLASS } from './text.js';
import type { CopiedLine, DealView, JielongIntent } from './types.js';

const NUMBERED = /^(\d{1,3})\s*[.、)）]\s*(.*)$/;
/** The name on the added line runs to a space, a quantity sign, a digit, a bracket or an option. */
const NAME = new RegExp(`^[^\\s+×*\\d(（\\-,，。!！${MARK_CLASS}]+`, 'u');

/** The roster name `content` starts with, as written there (longest first), or undefined. */
function rosterName(content: string, names: string[]): string | undefined {
  const lower = content.toLowerCase();
  let best: string | undefined;
  for (const raw of names) {
    const name = raw.toLowerCase().trim();
    if (!name || !lower.startsWith(name) || (best && best.length >= name.length)) continue;
    const next = lower.charAt(name.length);
    if (next === '' || /[\s+×x*\d(（:：,，-]/u.test(next)) best = content.slice(0, name.length);
  }
  return best;
}

/**
 * Reads a text of several lines as a copied roster: every numbered line as read (`kind: 'copy'`),
 * or undefined when it is not this deal's roster. It is this roster when its first numbered lines
 * name people on it, or its first line is the deal's header (`#3` or the title); lines after them
 * (the sender's, maybe several) are new. Unnumbered lines between or after (the card's totals,
 * `谢谢团长`) are skipped; a question anywhere makes it chatter.
 */
export function readCopiedRoster(lines: string[], deal: DealView): JielongIntent | undefined {
  if (lines.some((line) => QUESTION.test(line))) return undefined;
  const numbered = lines.flatMap((line, i) => {
    const m = NUMBERED.exec(line);
    return m ? [{ i, no: Number(m[1]), content: m[2]!.trim() }] : [];
  });
  if (numbered.length === 0) return undefined;
  const known = numbered.findIndex((n) => rosterName(n.content, deal.rosterNames) === undefined);
  const header = numbered[0]!.i > 0 ? lines[0]!.toLowerCase() : '';
  const isHeader =
    header !== '' &&
    (new RegExp(`#${deal.no}(?!\\d)`).test(header) ||
      (deal.title.trim() !== '' && header.includes(deal.title.toLowerCase().trim())));
  if (known === 0 && !isHeader) return undefined;
  const copied: CopiedLine[] = [];
  for (const { no, content } of numbered) {
    const read = readEntry(no, content, deal);
    if (read === 'unreadable') return { kind: 'unreadable' };
    if (!read) return undefined;
    copied.push(...read);
  }
  return { kind: 'copy', lines: copied };
}

/** The bot's own 代订 form: `王阿姨（alice 代订）`, `王阿姨 (ordered by alice)`. */
const PROXY_FORM =
  /^([^（(]{1,16}?)\s*(?:（\s*([^（）()]{1,32}?)\s*代订\s*）|\(\s*ordered by\s+([^()]{1,32}?)\s*\))/iu;

/** One numbered line of a copy: the name (or the bot's proxy form), then an order read like a message. */
function readEntry(no: number, content: string, deal: DealView): CopiedLine[] | 'unreadable' | undefined {
  const proxy = PROXY_FORM.exec(content);
  const name = proxy
    ? proxy[1]!.trim()
    : (rosterName(content, deal.rosterNames) ?? NAME.exec(maskedName(content, deal.options))?.[0]);
  if (!name || name.length > 16) return undefined;
  const by = proxy ? (proxy[2] ?? proxy[3])!.trim() : undefined;
  const intent = readLine(content.slice(proxy ? proxy[0].length : name.length), deal, 'rosterLine', true);
  if (!intent) return undefined;
  if (intent.kind !== 'order') return 'unreadable';
  // `5. 小红 +1 帮王阿姨`: the line is 王阿姨's, placed by 小红, as the roster would show it.
  const owner = intent.for ?? name;
  const placedBy = intent.for ? name : by;
  return intent.lines.map((l) => ({
    no,
    name: owner,
    qty: l.qty,
    ...(l.option !== undefined ? { option: l.option } : {}),
    ...(l.note !== undefined ? { note: l.note } : {}),
    ...(placedBy ? { by: placedBy } : {}),
  }));
}

/**
 * One numbered line alone (`3. 小红 +1`): the sender adds line N+1 without copying the roster. Any
 * other number does not continue this roster: unreadable when it orders, else chatter.
 */
export function readNumberedLine(text: string, deal: DealView): JielongIntent | undefined {
  const m = NUMBERED.exec(text);
  if (!m || QUESTION.test(text)) return undefined;
  const intent = readAddedLine(m[2]!.trim(), deal, false);
  if (Number(m[1]) === deal.rosterNames.length + 1) return intent;
  return intent ? { kind: 'unreadable' } : undefined;
}

/**
 * The sender's added line: a name, then an order read like a one-line message. A name alone is 1
 * on a copied roster; alone on one numbered line it is not an order (`1. 记得带袋子`).
 */
function readAddedLine(content: string, deal: DealView, nameAloneIsOne: boolean): JielongIntent | undefined {
  const name = NAME.exec(maskedName(content, deal.options))?.[0];
  if (!name || name.length > 16) return undefined;
  const rest = content.slice(name.length);
  const intent = readLine(rest, deal, 'rosterLine', nameAloneIsOne);
  if (intent?.kind !== 'order') return intent?.kind === 'unreadable' ? intent : undefined;
  return { ...intent, listedAs: name };
}

/** The line with option names blanked to one mark each (length kept), so a name stops before `阿强小份`'s option. */
function maskedName(content: string, options: string[]): string {
  let out = content;
  for (const option of [...options].sort((a, b) => b.length - a.length)) {
    if (!option) continue;
    const at = out.toLowerCase().indexOf(option.toLowerCase());
    if (at > 0) out = `${out.slice(0, at)}${'\uE000'.repeat(option.length)}${out.slice(at + option.length)}`;
  }
  return out;
}
