import type { z } from 'zod';
import type { ArgsSchema, CommandSpec } from './command.js';
import { OPTION_KEYS_ZH, VALUE_WORDS_ZH } from './i18n/arg-words.js';
import { ParseError, type Token, tokenize } from './parser.js';

/** Why arguments were refused; rendered in the community's language with the usage line. */
export type ArgError =
  | { code: 'unclosed_quote' }
  | { code: 'too_many'; extra: string }
  | { code: 'unknown_option'; option: string }
  | { code: 'missing'; arg: string }
  | { code: 'invalid'; arg: string; expected?: string; min?: number; max?: number; choices?: string[] };

export type BindResult<S extends ArgsSchema> =
  | { ok: true; args: z.infer<S> }
  | { ok: false; error: ArgError };

/**
 * Binds the words after a command to its declared arguments and validates them with its schema.
 * Chinese option names (`价格=`) bind to the option they stand for, and a Chinese word for a fixed
 * value (`确认`, `未付款`) becomes that value where the argument would refuse the word itself.
 */
export function bindArgs<S extends ArgsSchema>(spec: CommandSpec<S>, text: string): BindResult<S> {
  let recent = recentBindings.get(spec);
  const known = recent?.get(text);
  if (known) return known as BindResult<S>;
  const result = bind(spec, text);
  if (result.ok && primitivesOnly(result.args)) {
    if (!recent) {
      recent = new Map();
      recentBindings.set(spec, recent);
    }
    if (recent.size >= RECENT_BINDINGS) recent.clear();
    recent.set(text, { ok: true, args: Object.freeze(result.args) });
  }
  return result;
}

/**
 * Each command's last successful bindings by text. A flash sale sends the same `/join #3 2` from
 * hundreds of members, and tokenizing and validating it anew each time was a visible share of a
 * burst. Kept only when every value is a primitive, frozen, so no handler can change what the next
 * one gets; the schemas are pure functions of the text (none reads the clock or the state).
 */
const recentBindings = new WeakMap<object, Map<string, BindResult<ArgsSchema>>>();
const RECENT_BINDINGS = 64;

function primitivesOnly(args: object): boolean {
  for (const value of Object.values(args))
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) return false;
  return true;
}

function bind<S extends ArgsSchema>(spec: CommandSpec<S>, text: string): BindResult<S> {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: { code: 'unclosed_quote' } };
    throw error;
  }
  const shape = spec.args.shape as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  const positional = [...(spec.positional ?? [])];
  const words: Token[] = [];
  const loose = allowsUnknownKeys(spec.args);
  for (const token of tokens) {
    if (token.key === undefined) {
      words.push(token);
      continue;
    }
    const key = optionName(token.key, shape);
    if (key !== undefined || loose) {
      raw[key ?? token.key] = token.value;
    } else if (spec.rest && !/^[A-Za-z]/.test(token.key)) {
      // `话题 添加 今天=周五` is text that happens to hold a sign, not an option.
      words.push({ value: `${token.key}=${token.value}`, quoted: false });
    } else {
      return { ok: false, error: { code: 'unknown_option', option: token.key } };
    }
  }
  for (let i = 0; i < words.length; i++) {
    const name = positional.shift();
    if (name !== undefined && name !== spec.rest) {
      raw[name] = words[i]!.value;
      continue;
    }
    if (spec.rest) {
      raw[spec.rest] = words
        .slice(i)
        .map((w) => w.value)
        .join(' ');
      break;
    }
    return { ok: false, error: { code: 'too_many', extra: words[i]!.value } };
  }
  return validate(spec, raw);
}

/**
 * Binds arguments given by name (a form's fields: `{ deal: '3', reason: '…' }`) rather than typed
 * words, with the command's own schema and value words, so a form is refused exactly as the same
 * words in chat would be. A name the command does not declare is refused as an unknown option.
 */
export function bindNamed<S extends ArgsSchema>(
  spec: CommandSpec<S>,
  given: Readonly<Record<string, string>>,
): BindResult<S> {
  const shape = spec.args.shape as Record<string, unknown>;
  const loose = allowsUnknownKeys(spec.args);
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const key = optionName(name, shape);
    if (key === undefined && !loose) return { ok: false, error: { code: 'unknown_option', option: name } };
    raw[key ?? name] = value;
  }
  return validate(spec, raw);
}

function validate<S extends ArgsSchema>(spec: CommandSpec<S>, raw: Record<string, unknown>): BindResult<S> {
  const shape = spec.args.shape as Record<string, unknown>;
  for (const [name, value] of Object.entries(raw)) raw[name] = valueWord(shape[name], value);
  const result = spec.args.safeParse(raw);
  if (result.success) return { ok: true, args: result.data };
  const issue = result.error.issues[0]!;
  const arg = String(issue.path[0] ?? '');
  if (raw[arg] === undefined && arg) return { ok: false, error: { code: 'missing', arg } };
  const detail = issue as unknown as {
    code: string;
    expected?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    values?: unknown[];
  };
  return {
    ok: false,
    error: {
      code: 'invalid',
      arg: arg || '?',
      ...(detail.expected && detail.code === 'invalid_type' ? { expected: detail.expected } : {}),
      ...(detail.code === 'too_small' && detail.minimum !== undefined ? { min: Number(detail.minimum) } : {}),
      ...(detail.code === 'too_big' && detail.maximum !== undefined ? { max: Number(detail.maximum) } : {}),
      ...(detail.values ? { choices: detail.values.map(String) } : {}),
    },
  };
}

/** The declared option a typed name stands for: itself, or the option its Chinese name means. */
function optionName(typed: string, shape: Record<string, unknown>): string | undefined {
  if (typed in shape) return typed;
  const canonical = OPTION_KEYS_ZH[typed];
  return canonical !== undefined && canonical in shape ? canonical : undefined;
}

/** `确认` → `confirm` when the argument takes `confirm` and not `确认`; anything else unchanged. */
export function valueWord(schema: unknown, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const canonical = VALUE_WORDS_ZH[value.toLowerCase()];
  if (canonical === undefined || !isSchema(schema)) return value;
  return !schema.safeParse(value).success && schema.safeParse(canonical).success ? canonical : value;
}

function isSchema(value: unknown): value is z.ZodType {
  return typeof (value as { safeParse?: unknown } | undefined)?.safeParse === 'function';
}

function allowsUnknownKeys(schema: ArgsSchema): boolean {
  // A z.looseObject / .catchall() schema (e.g. /settings key=value) takes any option name.
  const def = (schema as unknown as { def?: { catchall?: { def?: { type?: string } } } }).def;
  const type = def?.catchall?.def?.type;
  return type !== undefined && type !== 'never';
}
