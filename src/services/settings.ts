import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { isTimezone } from '../core/format.js';
import type { Community } from '../store/schema.js';

/**
 * A community setting (`/settings key=value`): how its stored text reads, and its default. No
 * wording here: /settings (commands/settings.ts) lists the settings, explains them and says why a
 * value was refused, in the group's language. Stored as text.
 */
export interface SettingSpec<T, K extends string = string> {
  key: K;
  schema: z.ZodType<T>;
  default: T;
  /** The value is a length of time counted in units of this many ms (1: ms, 3_600_000: hours). */
  durationUnitMs?: number;
  /** For a setting kept in its own community field rather than in `settings` (the timezone). */
  field?: 'timezone';
}

/** Declares a setting (typed; nothing is registered: /settings lists its settings itself). */
export function defineSetting<T, K extends string>(spec: SettingSpec<T, K>): SettingSpec<T, K> {
  return spec;
}

/** The setting's value in a community: its own if set and valid, else the default. */
export function getSetting<T>(community: Community, spec: SettingSpec<T>): T {
  const raw = spec.field ? community[spec.field] : community.settings[spec.key];
  if (raw === undefined) return spec.default;
  const parsed = spec.schema.safeParse(raw);
  return parsed.success ? parsed.data : spec.default;
}

/**
 * Why a value was refused: the kind of value the setting takes, or the bound it crossed (`length`:
 * a bound on the number of characters). Worded by /settings in the group's language.
 */
export type SettingProblem =
  /** `off`: the setting also takes `off` (durationOrOff). */
  | { kind: 'duration'; off?: boolean }
  | { kind: 'timezone' }
  /** A whole number, optionally followed by its unit letter (`90d`). */
  | { kind: 'number'; unit?: string }
  | { kind: 'too_small'; min: number; length: boolean }
  | { kind: 'too_big'; max: number; length: boolean }
  | { kind: 'choices'; choices: string[] }
  | { kind: 'other' };

export type SettingParse<T> = { ok: true; value: T } | { ok: false; problem: SettingProblem };

/** Reads a value typed for a setting; a refusal says why (see SettingProblem). */
export function parseSetting<T>(spec: SettingSpec<T>, raw: string): SettingParse<T> {
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: problemOf(parsed.error.issues[0]) };
}

/** The first zod issue as a SettingProblem; custom checks name theirs in `params.expected`. */
function problemOf(issue: z.core.$ZodIssue | undefined): SettingProblem {
  if (!issue) return { kind: 'other' };
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { expected?: string; unit?: string; off?: boolean };
      if (params.expected === 'duration' && params.off) return { kind: 'duration', off: true };
      if (params.expected === 'duration' || params.expected === 'timezone') return { kind: params.expected };
      if (params.expected === 'number')
        return { kind: 'number', ...(params.unit ? { unit: params.unit } : {}) };
      return { kind: 'other' };
    }
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? { kind: 'number' } : { kind: 'other' };
    case 'too_small':
      return { kind: 'too_small', min: Number(issue.minimum), length: issue.origin === 'string' };
    case 'too_big':
      return { kind: 'too_big', max: Number(issue.maximum), length: issue.origin === 'string' };
    case 'invalid_value':
      return { kind: 'choices', choices: issue.values.map(String) };
    default:
      return { kind: 'other' };
  }
}

/** A duration setting written as `2h`, `3d`; the value in ms. */
export const durationSetting = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', params: { expected: 'duration' } });
    return z.NEVER;
  }
  return ms;
});

/** A duration setting that can be turned off: `2h`, `3d`, or `off` (false). A zero length is refused. */
export const durationOrOff = z.string().transform((s, ctx): number | false => {
  if (s.trim().toLowerCase() === 'off') return false;
  const ms = parseDuration(s);
  if (!ms) {
    ctx.addIssue({ code: 'custom', params: { expected: 'duration', off: true } });
    return z.NEVER;
  }
  return ms;
});

export const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');

export const timezoneSetting = defineSetting({
  key: 'tz',
  schema: z.string().refine(isTimezone, { params: { expected: 'timezone' } }),
  default: 'UTC',
  field: 'timezone',
});

/** The community with one setting changed (the raw text is stored once it parsed). */
export function withSetting(community: Community, spec: SettingSpec<unknown>, raw: string): Community {
  if (spec.field) return { ...community, [spec.field]: raw };
  return { ...community, settings: { ...community.settings, [spec.key]: raw } };
}

export const currencySetting = defineSetting({
  key: 'currency',
  schema: z.string().min(1).max(4),
  default: '¥',
});
