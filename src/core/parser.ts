/**
 * Splits a command line into tokens the way chat users write them: plain words, quoted text in
 * "…", “…”, 「…」 or '…', and key=value options (the value may be quoted). Option names may be
 * Chinese (`价格=39.9`) and the sign full-width (`价格＝39.9`), as input methods type them.
 */

export interface Token {
  value: string;
  /** Set for key=value tokens. */
  key?: string;
  quoted: boolean;
}

export class ParseError extends Error {
  constructor(readonly code: 'unclosed_quote') {
    super(code);
    this.name = 'ParseError';
  }
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', "'": "'", '『': '』' };
const OPTION = /^([A-Za-z\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*)[=＝]/;
/** The number that follows a mention of a look-alike name (` (2)`, `（2）`), up to the next space. */
const LABEL_AFTER = /^\s*[(（]\d{1,4}[)）](?=\s|$)/u;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const text = input.trim();
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let key: string | undefined;
    // key=value: look ahead for `key=` at the start of a word
    const rest = text.slice(i);
    const keyMatch = OPTION.exec(rest);
    if (keyMatch) {
      key = keyMatch[1]!;
      i += keyMatch[0].length;
    }
    const open = text[i];
    const close = open === undefined ? undefined : QUOTES[open];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      if (end === -1) throw new ParseError('unclosed_quote');
      tokens.push({ value: text.slice(i + 1, end), quoted: true, ...(key ? { key } : {}) });
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/\s/.test(text[j]!)) j++;
      // `@Alice (2)`: a member as lists show a look-alike name (names.ts) is one word.
      const label = /^[@＠]/u.test(text[i]!) ? LABEL_AFTER.exec(text.slice(j)) : null;
      if (label) j += label[0].length;
      tokens.push({ value: text.slice(i, j), quoted: false, ...(key ? { key } : {}) });
      i = j;
    }
  }
  return tokens;
}

/** A message that addresses a command: `/name args…` (also full-width `／`), name lowercased. */
export interface CommandLine {
  name: string;
  /** Text after the command name, untouched, for commands that take free text. */
  rest: string;
}

export function splitCommand(text: string): CommandLine | undefined {
  const match = /^[/／]([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), rest: match[2] ?? '' };
}
