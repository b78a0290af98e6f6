import type { z } from 'zod';
import type { Context, GroupContext } from './context.js';
import type { Role } from './events.js';
import type { Locale } from './i18n/index.js';

/** Help text of a command in one language. `usage` is the line shown on a wrong argument. */
export interface CommandHelp {
  summary: string;
  usage: string;
  examples?: string[];
  /** More than the one-line summary: shown by `/help NAME` only, under the summary (the list stays short). */
  details?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a command's argument object may have any shape; its handler sees it typed.
export type ArgsSchema = z.ZodObject<any>;

/** Where a command may be used: in a group (or in private about the sender's one group), in private, anywhere. */
export type Scope = 'group' | 'direct' | 'any';

/**
 * The context a command of a scope runs with: a group command's community is there by type (the
 * bot answers "no community" before running it otherwise). Any scope taken together: Context.
 */
export type ScopedContext<C extends Scope> = [C] extends ['group'] ? GroupContext : Context;

/** One command, declared once: validation, permission checks, help and platform menus all come from it. */
export interface CommandSpec<S extends ArgsSchema = ArgsSchema, C extends Scope = Scope> {
  /** `help`, or `deal new` for a subcommand. */
  name: string;
  /** Other slash names. */
  aliases?: string[];
  /**
   * Words that run the command without a slash (WeChat users do not type slashes), e.g. `积分`;
   * a subcommand's keyword is its parent's word and its own, `清理 确认` (also found written
   * together, `清理确认`, and after a slash, `/清理 确认`).
   */
  keywords?: string[];
  role: Role;
  scope: C;
  /**
   * Acts on the sender's own account (their orders, points, invites, data): refused, with a hint,
   * to someone who has none (an anonymous admin; see src/core/persona.ts). A function when only
   * some uses are (`/cancel #3` withdraws one's own order, `/cancel #3 @bob` an admin's action on
   * Bob's): asked with the bound arguments.
   */
  personal?: boolean | ((args: z.infer<S>) => boolean);
  args: S;
  /** Argument names filled by position, in order. */
  positional?: (keyof z.infer<S> & string)[];
  /** Argument that takes all remaining words as one text (a note, a title). */
  rest?: keyof z.infer<S> & string;
  help: Record<Locale, CommandHelp>;
  run(ctx: ScopedContext<C>, args: z.infer<S>): void | Promise<void>;
}

/**
 * Help in both languages from one usage line and one list of examples. The Chinese help shows the
 * usage (and any usage quoted in the summary) with Chinese placeholders and values (`TITLE` → `标题`,
 * `@member` → `@成员`, `48h` → `48小时`, `reprice=all|new` → `reprice=全部|新单`) and only the examples
 * written without English prose: a Chinese group should not read `"Fresh mangoes"` as a sample.
 */
export function helpText(
  en: string,
  zh: string,
  usage: string,
  examples: string[] = [],
  /** The Chinese usage line in the command's Chinese keyword (`存模板 #3 名字`), where it has one. */
  zhKeywordUsage?: string,
): Record<Locale, CommandHelp> {
  return {
    en: { summary: en, usage, examples },
    zh: {
      summary: zhUsage(zh),
      usage: zhKeywordUsage ?? zhUsage(usage),
      // With a Chinese keyword usage, the slash examples too are left to the English help.
      examples: examples.filter((e) => !hasEnglishProse(e) && !(zhKeywordUsage && /^[/／]/.test(e))),
    },
  };
}

/** Help with a details line in each language (see CommandHelp.details). */
export function withDetails(
  help: Record<Locale, CommandHelp>,
  details: Record<Locale, string>,
): Record<Locale, CommandHelp> {
  return { en: { ...help.en, details: details.en }, zh: { ...help.zh, details: details.zh } };
}

// Placeholders and fixed words of usage lines, as a Chinese group reads them.
const ZH_PLACEHOLDERS: [RegExp, string][] = [
  [/\bTITLE\b/g, '标题'],
  [/\bCOMMAND\b/g, '命令名'],
  [/\bTEXT\b/g, '内容'],
  [/\bQTY\b/g, '数量'],
  [/\bOPTION\b/g, '规格'],
  [/\bPOINT\b/g, '自提点'],
  [/\bPOINTS\b/g, '积分'],
  [/\bPAGE\b/g, '页码'],
  [/\bPICKUP_CODE\b/g, '核销码'],
  [/\bCODE\b/g, '邀请码'],
  [/\bYYYY-MM\b/g, '年-月'],
  [/\bHH:MM\b/g, '时:分'],
  [/@member\b/g, '@成员'],
  [/\[reason\]/g, '[原因]'],
  [/\bnote…/g, '备注…'],
  [/\bkey=value…/g, '键=值…'],
  [/=box\b/g, '=箱'],
  [/\bweek\|month\|all\b/g, '本周|本月|全部'],
  [/\bcsv\|unpaid\b/g, '导出|未付款'],
  [/\|claimed\|refunds\b/g, '|待确认|退款'],
  [/\bAMOUNT\b/g, '金额'],
  [/\bREASON\b/g, '原因'],
  [/\[confirm\]/g, '[确认]'],
  [/\[all\]/g, '[全部]'],
  [/\bNAME\b/g, '名字'],
  [/\breprice=all\|new\b/g, 'reprice=全部|新单'],
  [/\[photo\|photo=none\]/g, '[图片|图片=无]'],
  [/\b(\d+)h\b/g, '$1小时'],
  [/\b(\d+)d\b/g, '$1天'],
];

/** A usage line with its English placeholders in Chinese; command names and option names stay. */
export function zhUsage(usage: string): string {
  return ZH_PLACEHOLDERS.reduce((text, [pattern, zh]) => text.replace(pattern, zh), usage);
}

/** True when an example has English words besides its command, option names, codes and mentions. */
function hasEnglishProse(example: string): boolean {
  const rest = example
    .replace(
      /^[/／][a-z-]+(?:\s+(?:new|edit|close|cancel|add|remove|now|schedule|off|list|warn|confirm))?/,
      '',
    )
    .replace(/[A-Za-z][A-Za-z0-9_.]*=/g, '')
    .replace(/@\S+/g, '');
  return /[A-Za-z]{3,}/.test(rest.replace(/\b(?:csv|json|CSV|JSON)\b/g, ''));
}

export function defineCommand<S extends ArgsSchema, C extends Scope>(
  spec: CommandSpec<S, C>,
): CommandSpec<S, C> {
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
  /** Two-word keywords written without the space (`清理确认`); a declared keyword always wins. */
  private readonly byJoinedKeyword = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  register(...specs: CommandSpec[]): void {
    for (const spec of specs) {
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        if (this.byName.has(name)) throw new Error(`command name ${name} declared twice`);
        this.byName.set(name, spec);
      }
      for (const keyword of (spec.keywords ?? []).map(normalizeKeyword)) {
        if (this.byKeyword.has(keyword)) throw new Error(`keyword ${keyword} declared twice`);
        this.byKeyword.set(keyword, spec);
        if (keyword.includes(' ')) this.byJoinedKeyword.set(keyword.replace(' ', ''), spec);
      }
      this.specs.push(spec);
    }
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }

  /**
   * The command for a slash name and the words after it: `deal` + `new …` finds `deal new`;
   * a Chinese keyword after the slash works too (`/清理` + `确认` finds `prune confirm`).
   */
  find(
    name: string,
    firstWord: string | undefined,
  ): { spec: CommandSpec; consumedWord: boolean } | undefined {
    if (firstWord) {
      const sub = this.byName.get(`${name} ${firstWord.toLowerCase()}`);
      if (sub) return { spec: sub, consumedWord: true };
    }
    const spec = this.byName.get(name);
    if (spec) return { spec, consumedWord: false };
    const keyword = this.matchKeyword(name, firstWord);
    return keyword && { spec: keyword.spec, consumedWord: keyword.words === 2 };
  }

  /** A keyword command at the start of a message without a slash: `积分`, `清理 确认`, `帮助 deal`. */
  findKeyword(text: string): { spec: CommandSpec; rest: string } | undefined {
    const match = /^(\S+)(?:\s+(\S+))?/.exec(text.trim());
    if (!match) return undefined;
    const found = this.matchKeyword(match[1]!, match[2]);
    if (!found) return undefined;
    const words = found.words === 2 ? match[0] : match[1]!;
    return { spec: found.spec, rest: text.trim().slice(words.length).trim() };
  }

  /** The command a keyword names, preferring the two-word subcommand keyword over its parent. */
  private matchKeyword(
    first: string,
    second: string | undefined,
  ): { spec: CommandSpec; words: 1 | 2 } | undefined {
    const sub = second === undefined ? undefined : this.byKeyword.get(`${first} ${second}`);
    if (sub) return { spec: sub, words: 2 };
    const spec = this.byKeyword.get(first) ?? this.byJoinedKeyword.get(first);
    return spec && { spec, words: 1 };
  }

  /**
   * Commands whose first word is like `name`, for "did you mean": the command of that word, or for a
   * word that only has subcommands (`deal`), that word with the first word of their keywords (`团购`).
   */
  suggest(name: string): { name: string; keywords?: string[] }[] {
    return [...new Set(this.specs.map((s) => s.name.split(' ')[0]!))]
      .filter((n) => n.startsWith(name.slice(0, 2)) || name.startsWith(n))
      .slice(0, 3)
      .map((word) => this.byName.get(word) ?? { name: word, keywords: this.parentKeywords(word) });
  }

  /** `团购` for `deal`: the first word its subcommands' two-word keywords (`团购 新建`) share. */
  private parentKeywords(word: string): string[] {
    const parents = this.specs
      .filter((s) => s.name.startsWith(`${word} `))
      .flatMap((s) => (s.keywords ?? []).map(normalizeKeyword).filter((k) => k.includes(' ')))
      .map((k) => k.split(' ')[0]!);
    return [...new Set(parents)];
  }
}

/** Keywords compare with single spaces: `清理  确认` and `清理 确认` are one keyword. */
function normalizeKeyword(keyword: string): string {
  return keyword.trim().replace(/\s+/g, ' ');
}
