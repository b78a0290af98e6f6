/**
 * A copied 接龙 roster: the member copies the roster and adds their own numbered line last. It is
 * an order only when it IS this deal's roster, so numbered questions and wish lists stay chatter.
 */
import { QUESTION, readLine } from './line.js';
import { MARK_CLASS } from './text.js';
import type { DealView, JielongIntent } from './types.js';

const NUMBERED = /^(\d{1,3})\s*[.、)）]\s*(.*)$/;
/** The name on the added line runs to a space, a quantity sign, a digit, a bracket or an option. */
const NAME = new RegExp(`^[^\\s+×*\\d(（\\-,，。!！${MARK_CLASS}]+`, 'u');

/** True when `content` (a numbered line without its number) starts with a name on the roster. */
function onRoster(content: string, names: string[]): boolean {
  const lower = content.toLowerCase();
  return names.some((raw) => {
    const name = raw.toLowerCase().trim();
    if (!name || !lower.startsWith(name)) return false;
    const next = lower.charAt(name.length);
    return next === '' || /[\s+×x*\d(（:：,，-]/u.test(next);
  });
}

/**
 * Reads a text of several lines as a copied roster; undefined when it is not this deal's roster
 * or has no numbered line last. The lines before the first numbered one are the header (the card
 * text); lines between numbered ones (totals) are allowed.
 */
export function readCopiedRoster(lines: string[], deal: DealView): JielongIntent | undefined {
  const numbered = lines.flatMap((line, i) => {
    const m = NUMBERED.exec(line);
    return m ? [{ i, content: m[2]!.trim() }] : [];
  });
  const last = numbered[numbered.length - 1];
  if (!last || last.i !== lines.length - 1 || QUESTION.test(last.content)) return undefined;
  const earlier = numbered.slice(0, -1);
  if (!earlier.every((n) => onRoster(n.content, deal.rosterNames))) return undefined;
  const header = numbered[0]!.i > 0 ? lines[0]!.toLowerCase() : '';
  const isHeader =
    header !== '' &&
    (new RegExp(`#${deal.no}(?!\\d)`).test(header) ||
      (deal.title.trim() !== '' && header.includes(deal.title.toLowerCase().trim())));
  if (earlier.length === 0 && !isHeader) return undefined;
  return readAddedLine(last.content, deal, true);
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
