import { parseDuration } from '../../src/core/duration.js';

/** One line typed into the console simulator. */
export type ConsoleLine =
  | { kind: 'say'; name?: string; text: string }
  | { kind: 'reply'; messageId: string; name?: string; text: string }
  | { kind: 'paste'; name?: string }
  | { kind: 'as'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'join'; name: string; via?: string }
  | { kind: 'leave'; name: string }
  | { kind: 'admin'; name: string }
  | { kind: 'dm'; name: string; text: string }
  /** A picture from a local file, sent by the speaker (or NAME) with TEXT as its caption. */
  | { kind: 'image'; path: string; name?: string; text: string }
  | { kind: 'clock'; by?: number; to?: Date }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/** What the console does; a `:paste` line only opens a block, which the reader turns into a `say`. */
export type ConsoleAction = Exclude<ConsoleLine, { kind: 'paste' }>;

export const DIRECTIVES =
  ':as NAME, :group NAME, :join NAME [via INVITE], :leave NAME, :admin NAME, :dm NAME> TEXT, :reply MSGID [NAME>] TEXT, :image PATH [NAME>] [TEXT], :paste [NAME] … :end, :clock +90m|+3h|+2d|ISO-DATE, :quit';

const NAME = /^[^\s>:/][^\s>]{0,63}$/;
const SAY = /^([^\s>:/][^\s>]{0,63})>\s?([\s\S]*)$/;
/** The ids the console gives the bot's messages, as printed: `[main] bot (m3): …`. */
const MESSAGE_ID = /^m\d{1,9}$/;
/** A pasted block larger than this is refused whole: no message is that long, and memory is finite. */
export const MAX_PASTE_CHARS = 100_000;

function named(kind: 'as' | 'group' | 'leave' | 'admin', arg: string): ConsoleLine {
  return NAME.test(arg)
    ? { kind, name: arg }
    : { kind: 'error', message: `:${kind} needs a NAME (no spaces)` };
}

/**
 * Escapes in a typed message: `\n` is a newline, `\\` one backslash (so `\\n` types a literal
 * backslash-n). Any other backslash stays as typed.
 */
export function unescapeText(text: string): string {
  return text.replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** `MSGID TEXT` or `MSGID NAME> TEXT` after `:reply`. */
function reply(arg: string): ConsoleLine {
  const usage: ConsoleLine = { kind: 'error', message: ':reply needs MSGID TEXT, e.g. :reply m3 +1' };
  const match = /^(\S+)\s+([\s\S]+)$/.exec(arg);
  if (!match || !MESSAGE_ID.test(match[1]!)) return usage;
  const messageId = match[1]!;
  const said = SAY.exec(match[2]!);
  if (!said) return { kind: 'reply', messageId, text: unescapeText(match[2]!) };
  if (said[2]!.trim() === '') return usage;
  return { kind: 'reply', messageId, name: said[1]!, text: unescapeText(said[2]!) };
}

/**
 * `PATH [NAME>] [TEXT]` after `:image`: a local file (in double quotes when its path has spaces)
 * sent as a picture, its caption TEXT (`:image code.png /pay setup Alipay`, `:image shot.jpg alice> 已付 #3`).
 */
function image(arg: string): ConsoleLine {
  const usage: ConsoleLine = {
    kind: 'error',
    message: ':image needs PATH [NAME>] [TEXT], e.g. :image ./code.png /pay setup Alipay',
  };
  const match = /^(?:"([^"]+)"|(\S+))(?:\s+([\s\S]*))?$/.exec(arg);
  const path = match?.[1] ?? match?.[2];
  if (!path) return usage;
  const rest = match?.[3]?.trim() ?? '';
  const said = SAY.exec(rest);
  if (!said) return { kind: 'image', path, text: unescapeText(rest) };
  return { kind: 'image', path, name: said[1]!, text: unescapeText(said[2]!.trim()) };
}

/** Parses the console's fixed syntax; scripts written against it keep working. */
export function parseConsoleLine(line: string): ConsoleLine {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.trim() === '') return { kind: 'empty' };
  if (trimmed.startsWith(':')) {
    const match = /^:(\S+)\s*([\s\S]*)$/.exec(trimmed.trim());
    if (!match)
      return { kind: 'error', message: `a directive needs its name right after ":" — try ${DIRECTIVES}` };
    const directive = match[1]!;
    const arg = match[2]!.trim();
    switch (directive) {
      case 'as':
      case 'group':
      case 'leave':
      case 'admin':
        return named(directive, arg);
      case 'join': {
        const join = /^(\S+)(?:\s+via\s+(\S+))?$/.exec(arg);
        if (!join || !NAME.test(join[1]!)) return { kind: 'error', message: ':join needs NAME [via INVITE]' };
        return join[2] ? { kind: 'join', name: join[1]!, via: join[2] } : { kind: 'join', name: join[1]! };
      }
      case 'dm': {
        const dm = /^([^\s>]+)>\s?([\s\S]*)$/.exec(arg);
        if (!dm || !NAME.test(dm[1]!)) return { kind: 'error', message: ':dm needs NAME> TEXT' };
        return { kind: 'dm', name: dm[1]!, text: unescapeText(dm[2]!) };
      }
      case 'reply':
        return reply(arg);
      case 'image':
        return image(arg);
      case 'paste':
        if (arg === '') return { kind: 'paste' };
        return NAME.test(arg)
          ? { kind: 'paste', name: arg }
          : { kind: 'error', message: ':paste takes an optional NAME (no spaces), then lines, then :end' };
      case 'end':
        return { kind: 'error', message: ':end without :paste — nothing to send' };
      case 'clock': {
        const by = parseDuration(arg);
        if (by !== undefined && arg.startsWith('+')) return { kind: 'clock', by };
        const to = /^\d{4}-\d{2}-\d{2}/.test(arg) ? new Date(arg) : undefined;
        if (to && !Number.isNaN(to.getTime())) return { kind: 'clock', to };
        return { kind: 'error', message: ':clock needs +90m, +3h, +2d or an ISO date' };
      }
      case 'quit':
      case 'exit':
        return { kind: 'quit' };
      default:
        return { kind: 'error', message: `unknown directive :${directive.slice(0, 32)} — try ${DIRECTIVES}` };
    }
  }
  const say = SAY.exec(trimmed);
  if (say) return { kind: 'say', name: say[1]!, text: unescapeText(say[2]!) };
  return { kind: 'say', text: unescapeText(trimmed) };
}

interface PasteBlock {
  name?: string;
  lines: string[];
  chars: number;
}

/**
 * Reads the console line by line. A `:paste [NAME]` line opens a block: every following line, as
 * typed (no escapes, no directives), is part of one message until a line `:end`.
 */
export class ConsoleReader {
  private block: PasteBlock | undefined;

  /** True while a `:paste` block is open (the prompt shows it). */
  get pasting(): boolean {
    return this.block !== undefined;
  }

  /** One typed line → what to do; undefined when the line went into (or opened) a `:paste` block. */
  read(line: string): ConsoleAction | undefined {
    const raw = line.replace(/\r$/, '');
    const block = this.block;
    if (!block) {
      const parsed = parseConsoleLine(raw);
      if (parsed.kind !== 'paste') return parsed;
      this.block = parsed.name ? { name: parsed.name, lines: [], chars: 0 } : { lines: [], chars: 0 };
      return undefined;
    }
    if (raw.trim() === ':end') return this.close(block);
    // Past the limit, keep reading to :end (so the rest of the block is not taken for messages) but keep nothing.
    block.chars += raw.length + 1;
    if (block.chars <= MAX_PASTE_CHARS) block.lines.push(raw);
    return undefined;
  }

  /** End of input: an unclosed block is reported and dropped, never sent half-pasted. */
  end(): ConsoleAction | undefined {
    if (!this.block) return undefined;
    this.block = undefined;
    return { kind: 'error', message: ':paste was not closed with :end — nothing sent' };
  }

  private close(block: PasteBlock): ConsoleAction {
    this.block = undefined;
    if (block.chars > MAX_PASTE_CHARS)
      return { kind: 'error', message: `:paste block is over ${MAX_PASTE_CHARS} characters — nothing sent` };
    const text = block.lines.join('\n');
    if (text.trim() === '') return { kind: 'error', message: ':paste block is empty — nothing sent' };
    return block.name ? { kind: 'say', name: block.name, text } : { kind: 'say', text };
  }
}
