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

/**
 * The roster name `content` starts with, compared case-insensitively (`Carol` is `carol`), longest
 * first: `written` as the copy has it (to cut the line), `name` as the roster spells it (what the
 * handler compares).
 */
function rosterName(content: string, names: string[]): { written: string; name: string } | undefined {
  const lower = content.toLowerCase();
  let best: { written: string; name: string } | undefined;
  for (const raw of names) {
    const name = raw.toLowerCase().trim();
    if (!name || !lower.startsWith(name) || (best && best.written.length >= name.length)) continue;
    const next = lower.charAt(name.length);
    if (next === '' || /[\s+×x*\d(（:：,，-]/u.test(next))
      best = { written: content.slice(0, name.length), name: raw.trim() };
  }
  return best;
}

/** The roster's names and the sender's: a line starting with either is read with the whole name. */
function knownNames(deal: DealView): string[] {
  return deal.senderName ? [...deal.rosterNames, deal.senderName] : deal.rosterNames;
}

/** A name as the roster spells it when it is on the roster ignoring case (`Carol` → `carol`), else as written. */
function spelled(name: string, names: string[]): string {
  const lower = name.toLowerCase();
  return names.find((n) => n.trim().toLowerCase() === lower)?.trim() ?? name;
}

/** `帮王阿姨`, `替妈妈订`: a 代订 name written on the line (帮我, 帮忙, 代收 are not). */
const PROXY_NAME =
  /^(?:帮(?![忙我你助])|替(?![我你换])|代(?![收拿取付购]))(.+?)(?:订|定|预订|买|拿|带|下单|接龙|要|来)?$/u;
/** `王阿姨(帮)`, `王阿姨（代订）`: a 代订 mark right after the name. */
const PROXY_MARK = /^\s*[(（]\s*(?:帮|替|代)(?:订|买|下单|接龙)?\s*[)）]/u;

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
  // WeChat's #接龙 layout leaves an empty numbered line for the next member: not a line.
  while (numbered.length > 0 && numbered[numbered.length - 1]!.content === '') numbered.pop();
  if (numbered.length === 0) return undefined;
  const known = numbered.findIndex((n) => rosterName(n.content, deal.rosterNames) === undefined);
  // The header may take more than one line (WeChat's `#接龙`, then the title).
  const header = lines.slice(0, numbered[0]!.i).join('\n').toLowerCase();
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

/**
 * One numbered line of a copy: the name (the bot's proxy form, or a 代订 the line writes without a
 * placer: `帮王阿姨 2份`, `王阿姨(帮) 2份`), then an order read like a message.
 */
function readEntry(no: number, content: string, deal: DealView): CopiedLine[] | 'unreadable' | undefined {
  const proxyForm = PROXY_FORM.exec(content);
  const onRoster = proxyForm ? undefined : rosterName(content, knownNames(deal));
  const written = proxyForm
    ? proxyForm[1]!.trim()
    : (onRoster?.written ?? NAME.exec(maskedName(content, deal.options))?.[0]);
  // `2. 5栋1单元 1份` from someone else: a name with digits the reader cannot tell from the
  // quantity, on a copy that is this roster: said, never silence (the member believes they ordered).
  if (!written && /^\d/.test(content)) return 'unreadable';
  if (!written || written.length > 16) return undefined;
  let rest = content.slice(proxyForm ? proxyForm[0].length : written.length);
  let name = onRoster?.name ?? written;
  let proxy = false;
  const proxyName = onRoster || proxyForm ? null : PROXY_NAME.exec(written);
  const proxyMark = proxyForm ? null : PROXY_MARK.exec(rest);
  if (proxyName) {
    name = proxyName[1]!;
    proxy = true;
  } else if (proxyMark) {
    rest = rest.slice(proxyMark[0].length);
    proxy = true;
  }
  const by = proxyForm ? (proxyForm[2] ?? proxyForm[3])!.trim() : undefined;
  const intent = readLine(rest, deal, 'rosterLine', true);
  if (!intent) return undefined;
  if (intent.kind !== 'order') return 'unreadable';
  // `5. 小红 +1 帮王阿姨`: the line is 王阿姨's, placed by 小红, as the roster would show it.
  if (intent.for && proxy) return 'unreadable';
  const owner = spelled(intent.for ?? name, deal.rosterNames);
  const placedBy = intent.for ? name : by;
  return intent.lines.map((l) => ({
    no,
    name: owner,
    qty: l.qty,
    ...(l.option !== undefined ? { option: l.option } : {}),
    ...(l.note !== undefined ? { note: l.note } : {}),
    ...(placedBy ? { by: placedBy } : {}),
    ...(proxy ? { proxy: true as const } : {}),
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
  // The sender's own name first, so `4. 302室 +1` is 302室's line of one, not a line of 302.
  const own = deal.senderName ? rosterName(content, [deal.senderName])?.written : undefined;
  const name = own ?? NAME.exec(maskedName(content, deal.options))?.[0];
  if (!name || name.length > 16) return undefined;
  let rest = content.slice(name.length);
  // `4. 帮王阿姨 2份`, `4. 王阿姨(帮) 2份`: the sender's order for 王阿姨, not a line listed as the sender.
  const proxyName = PROXY_NAME.exec(name);
  const proxyMark = proxyName ? null : PROXY_MARK.exec(rest);
  if (proxyMark) rest = rest.slice(proxyMark[0].length);
  const intent = readLine(rest, deal, 'rosterLine', nameAloneIsOne);
  if (intent?.kind !== 'order') return intent?.kind === 'unreadable' ? intent : undefined;
  if (proxyName || proxyMark) {
    if (intent.for) return { kind: 'unreadable' };
    return { ...intent, for: proxyName ? proxyName[1]! : name };
  }
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
