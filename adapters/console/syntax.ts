import { parseDuration } from '../../src/core/duration.js';

/** One line typed into the console simulator. */
export type ConsoleLine =
  | { kind: 'say'; name?: string; text: string }
  | { kind: 'as'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'join'; name: string; via?: string }
  | { kind: 'leave'; name: string }
  | { kind: 'admin'; name: string }
  | { kind: 'dm'; name: string; text: string }
  | { kind: 'clock'; by?: number; to?: Date }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

export const DIRECTIVES =
  ':as NAME, :group NAME, :join NAME [via INVITE], :leave NAME, :admin NAME, :dm NAME> TEXT, :clock +90m|+3h|+2d|ISO-DATE, :quit';

const NAME = /^[^\s>:/][^\s>]{0,63}$/;

function named(kind: 'as' | 'group' | 'leave' | 'admin', arg: string): ConsoleLine {
  return NAME.test(arg)
    ? { kind, name: arg }
    : { kind: 'error', message: `:${kind} needs a NAME (no spaces)` };
}

/** Parses the console's fixed syntax; scripts written against it keep working. */
export function parseConsoleLine(line: string): ConsoleLine {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.trim() === '') return { kind: 'empty' };
  if (trimmed.startsWith(':')) {
    const match = /^:(\S+)\s*([\s\S]*)$/.exec(trimmed.trim())!;
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
        return { kind: 'dm', name: dm[1]!, text: dm[2]! };
      }
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
  const say = /^([^\s>:/][^\s>]{0,63})>\s?([\s\S]*)$/.exec(trimmed);
  if (say) return { kind: 'say', name: say[1]!, text: say[2]! };
  return { kind: 'say', text: trimmed };
}
