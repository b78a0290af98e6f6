/**
 * 接龙: ordering by free text the way Chinese group-buy chats already do — `+1`, `+2 L`, `接龙 2`,
 * `-1`, `列表`, or a copied numbered list with one's own line added. Pure parsing: the caller
 * decides which deal the text is for and whether the trailing word is one of its options.
 */

export type JielongIntent =
  | { kind: 'order'; qty: number; deal?: number; word?: string; usePoints?: number }
  | { kind: 'cancel'; deal?: number }
  | { kind: 'roster'; deal?: number };

const MAX_QTY_DIGITS = 3;
const CANCEL = new Set(['-1', '退出', '取消', '取消接龙', '退出接龙', 'cancel']);
const ROSTER = new Set(['列表', '接龙列表', '名单', 'roster', 'list']);
const TRAILING_PUNCTUATION = /[!！。.~～,，]+$/;
const DEAL_CODE = /^#(\d{1,6})$/;
const SPEND = /^(?:用(\d{1,7})分|use=(\d{1,7}))$/i;
const PLUS = new RegExp(`^\\+(\\d{1,${MAX_QTY_DIGITS}})$`);
const JIELONG = new RegExp(`^接龙\\+?(\\d{1,${MAX_QTY_DIGITS}})?$`);
const QTY = new RegExp(`^\\+?(\\d{1,${MAX_QTY_DIGITS}})$`);
const FULL_WIDTH = /[０-９＋＃－—]/;

function normalize(text: string): string {
  // Most messages have no full-width characters: skip four replacements for them.
  if (!FULL_WIDTH.test(text)) return text.trim();
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, '+')
    .replace(/＃/g, '#')
    .replace(/[－—]/g, '-')
    .trim();
}

export function parseJielong(input: string): JielongIntent | undefined {
  const text = normalize(input);
  if (!text || text.length > 2000) return undefined;
  if (text.includes('\n')) return parseCopiedList(text);

  let deal: number | undefined;
  let usePoints: number | undefined;
  const words: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(TRAILING_PUNCTUATION, '');
    const code = DEAL_CODE.exec(word);
    const spend = code ? null : SPEND.exec(word);
    if (code) {
      if (deal !== undefined) return undefined;
      deal = Number(code[1]);
    } else if (spend) {
      if (usePoints !== undefined) return undefined;
      usePoints = Number(spend[1] ?? spend[2]);
    } else if (word) {
      words.push(word);
    }
  }
  const withDeal = <T extends object>(intent: T) => (deal === undefined ? intent : { ...intent, deal });
  const [first, ...rest] = words;
  if (first === undefined) return undefined;
  const plain = usePoints === undefined;
  if (plain && rest.length === 0 && CANCEL.has(first.toLowerCase()))
    return withDeal({ kind: 'cancel' as const });
  if (plain && rest.length === 0 && ROSTER.has(first.toLowerCase()))
    return withDeal({ kind: 'roster' as const });

  // `+N`, `接龙`, `接龙N`, `接龙+N`, `接龙 N`, `接龙 +N`
  let qty: number | undefined;
  let remaining = rest;
  const plus = PLUS.exec(first);
  const jielong = plus ? null : JIELONG.exec(first);
  if (plus) {
    qty = Number(plus[1]);
  } else if (jielong) {
    qty = jielong[1] ? Number(jielong[1]) : undefined;
    const next = rest[0] && QTY.exec(rest[0]);
    if (qty === undefined && next) {
      qty = Number(next[1]);
      remaining = rest.slice(1);
    }
    qty ??= 1;
  } else {
    return undefined;
  }
  // One trailing word may name an option (`+2 L`); more words are chatter (`+1 for this idea`),
  // and a number is not an option (`+86 13800138000` is a phone number).
  if (remaining.length > 1) return undefined;
  const word = remaining[0];
  if (word !== undefined && (/^\d+$/.test(word) || word.length > 12 || /[=+]/.test(word))) return undefined;
  return withDeal({
    kind: 'order' as const,
    qty,
    ...(word === undefined ? {} : { word }),
    ...(usePoints === undefined ? {} : { usePoints }),
  });
}

/**
 * A copied 接龙 list: numbered lines, the sender's own line added last (`3. 小红 +2`).
 * Needs at least two numbered lines so an ordinary numbered message is not taken as an order.
 */
function parseCopiedList(text: string): JielongIntent | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const numbered = lines.filter((l) => /^\d{1,4}\s*[.、．)]/.test(l));
  const last = lines[lines.length - 1];
  if (numbered.length < 2 || last === undefined || numbered[numbered.length - 1] !== last) return undefined;
  const match = /^\d{1,4}\s*[.、．)]\s*(.+?)(?:\s*[+x×*]\s*(\d{1,3}))?$/.exec(last);
  if (!match) return undefined;
  const qty = match[2] ? Number(match[2]) : 1;
  const header = /#(\d{1,6})/.exec(lines[0] ?? '');
  return header ? { kind: 'order', qty, deal: Number(header[1]) } : { kind: 'order', qty };
}
