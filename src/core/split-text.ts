/**
 * Splits a text into pieces of at most `max` UTF-16 code units (what Telegram, Discord and WeChat
 * count against their message limits): whole lines packed greedily, a line longer than `max` cut
 * hard, never inside a surrogate pair (an emoji stays whole). Only the line breaks the pieces meet
 * at are dropped, and blank lines where a piece would hold nothing else; the pieces of one long
 * line (a JSON export) join back into it exactly. A text within the limit is one piece, even an
 * empty one. `max` must be at least 2.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const joined = current === undefined ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current?.trim()) pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      const at = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    current = rest || undefined;
  }
  // A piece of blank lines alone is nothing to send (Telegram refuses one).
  if (current?.trim()) pieces.push(current);
  return pieces;
}

/** The text cut to one message of at most `max` code units, `…` marking the cut (for an edit, a caption). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, at)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
