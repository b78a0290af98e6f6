import type { z } from 'zod';
import type { Context } from './context.js';
import type { Role } from './events.js';
import type { Locale } from './i18n/index.js';

/** Help text of a command in one language. `usage` is the line shown on a wrong argument. */
export interface CommandHelp {
  summary: string;
  usage: string;
  examples?: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: a command's argument object may have any shape; its handler sees it typed.
export type ArgsSchema = z.ZodObject<any>;

/** One command, declared once: validation, permission checks, help and platform menus all come from it. */
export interface CommandSpec<S extends ArgsSchema = ArgsSchema> {
  /** `help`, or `deal new` for a subcommand. */
  name: string;
  /** Other slash names. */
  aliases?: string[];
  /** Words that run the command without a slash (WeChat users do not type slashes), e.g. `积分`. */
  keywords?: string[];
  role: Role;
  scope: 'group' | 'direct' | 'any';
  args: S;
  /** Argument names filled by position, in order. */
  positional?: (keyof z.infer<S> & string)[];
  /** Argument that takes all remaining words as one text (a note, a title). */
  rest?: keyof z.infer<S> & string;
  help: Record<Locale, CommandHelp>;
  run(ctx: Context, args: z.infer<S>): void | Promise<void>;
}

/** Help in both languages where the usage line and examples are the same in each. */
export function helpText(
  en: string,
  zh: string,
  usage: string,
  examples: string[] = [],
): Record<Locale, CommandHelp> {
  return { en: { summary: en, usage, examples }, zh: { summary: zh, usage, examples } };
}

export function defineCommand<S extends ArgsSchema>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}

const ROLE_RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function roleAllows(actual: Role, required: Role): boolean {
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}

/** All commands by name, alias and keyword. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly byKeyword = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  register(...specs: CommandSpec[]): void {
    for (const spec of specs) {
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        if (this.byName.has(name)) throw new Error(`command name ${name} declared twice`);
        this.byName.set(name, spec);
      }
      for (const keyword of spec.keywords ?? []) {
        if (this.byKeyword.has(keyword)) throw new Error(`keyword ${keyword} declared twice`);
        this.byKeyword.set(keyword, spec);
      }
      this.specs.push(spec);
    }
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }

  /** The command for a name and the words after it: `deal` + `new …` finds `deal new`. */
  find(
    name: string,
    firstWord: string | undefined,
  ): { spec: CommandSpec; consumedWord: boolean } | undefined {
    if (firstWord) {
      const sub = this.byName.get(`${name} ${firstWord.toLowerCase()}`);
      if (sub) return { spec: sub, consumedWord: true };
    }
    const spec = this.byName.get(name);
    return spec ? { spec, consumedWord: false } : undefined;
  }

  /** A keyword command at the start of a message without a slash: `积分`, `签到`, `帮助 deal`. */
  findKeyword(text: string): { spec: CommandSpec; rest: string } | undefined {
    const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
    if (!match) return undefined;
    const spec = this.byKeyword.get(match[1]!);
    return spec ? { spec, rest: match[2] ?? '' } : undefined;
  }

  /** Names that start with a word, for "did you mean". */
  suggest(name: string): string[] {
    return [...new Set(this.specs.map((s) => s.name.split(' ')[0]!))]
      .filter((n) => n.startsWith(name.slice(0, 2)) || name.startsWith(n))
      .slice(0, 3);
  }
}
