import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { isTimezone } from '../core/format.js';
import type { Locale } from '../core/i18n/index.js';
import type { Community } from '../store/schema.js';

/** A community setting (`/settings key=value`): its parser and default. Stored as text. */
export interface SettingSpec<T> {
  key: string;
  schema: z.ZodType<T>;
  default: T;
  /** Shown by /settings, in both languages. */
  help: { en: string; zh: string };
  /** How /settings shows the value in the reader's language (default: as text). */
  display?: (value: T, locale: Locale) => string;
  /** For a setting kept in its own community field rather than in `settings` (the timezone). */
  field?: 'timezone';
}

const registry = new Map<string, SettingSpec<unknown>>();

export function defineSetting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  registry.set(spec.key, spec as SettingSpec<unknown>);
  return spec;
}

export function allSettings(): SettingSpec<unknown>[] {
  return [...registry.values()];
}

export function findSetting(key: string): SettingSpec<unknown> | undefined {
  return registry.get(key);
}

/** The setting's value in a community: its own if set and valid, else the default. */
export function getSetting<T>(community: Community, spec: SettingSpec<T>): T {
  const raw = spec.field ? community[spec.field] : community.settings[spec.key];
  if (raw === undefined) return spec.default;
  const parsed = spec.schema.safeParse(raw);
  return parsed.success ? parsed.data : spec.default;
}

/** A duration setting written as `2h`, `3d`. */
export const durationSetting = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration like 90m, 2h or 3d' });
    return z.NEVER;
  }
  return ms;
});

export const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');

export const timezoneSetting = defineSetting({
  key: 'tz',
  schema: z.string().refine(isTimezone, 'expected an IANA timezone such as Asia/Shanghai'),
  default: 'UTC',
  help: {
    en: 'timezone for deadlines and daily resets (a Chinese group starts on Asia/Shanghai unless TZ is set)',
    zh: '时区（截止时间、每日签到按此计算；中文群默认北京时间 Asia/Shanghai）',
  },
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
  help: { en: 'currency symbol shown with prices', zh: '价格显示的货币符号' },
});
