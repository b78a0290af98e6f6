import { z } from 'zod';
import { valueWord } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { formatDuration, parseDuration } from '../src/core/duration.js';
import type { Feature } from '../src/core/feature.js';
import { OPTION_KEYS_ZH, valueWordZh } from '../src/core/i18n/arg-words.js';
import type { Locale } from '../src/core/i18n/index.js';
import { aftersaleWindowSetting } from '../src/services/aftersales.js';
import { remindSetting } from '../src/services/deals.js';
import { offersCapSetting } from '../src/services/offers.js';
import {
  payRemindAgainSetting,
  payRemindSetting,
  unpaidCancelSetting,
} from '../src/services/pay-reminders.js';
import { pickupRemindSetting } from '../src/services/pickup-reminders.js';
import {
  checkinSetting,
  maxPctSetting,
  perOrderSetting,
  streakBonusSetting,
  streakDaysSetting,
  valueSetting,
} from '../src/services/points.js';
import {
  pruneAfterSetting,
  pruneAutoSetting,
  pruneBuyerDaysSetting,
  pruneGraceSetting,
  pruneMaxBatchSetting,
  pruneWarnHoursSetting,
} from '../src/services/prune.js';
import {
  dailyCapSetting,
  holdSetting,
  joinRewardSetting,
  minAccountAgeSetting,
  orderRewardSetting,
  trackPaymentSetting,
  welcomeSetting,
} from '../src/services/referrals.js';
import { weeklyReportSetting } from '../src/services/report-digest.js';
import {
  currencySetting,
  getSetting,
  parseSetting,
  type SettingSpec,
  timezoneSetting,
  withSetting,
} from '../src/services/settings.js';
import { shortageSetting } from '../src/services/shortage.js';
import { aftersaleRemindSetting } from '../src/services/ticket-reminders.js';
import { coreDaysSetting, coreMessagesSetting, marginalDaysSetting } from '../src/services/tiers.js';
import { topicPointsSetting, topicWindowSetting } from '../src/services/topics.js';
import { payWithinSetting } from '../src/services/waitlist.js';
import { settingHelp, settingName, settingsText as text } from './settings-text.js';

/** Every community setting, in the order /settings lists them: a new setting is added here. */
export const SETTINGS = [
  timezoneSetting,
  currencySetting,
  coreDaysSetting,
  coreMessagesSetting,
  marginalDaysSetting,
  checkinSetting,
  streakDaysSetting,
  streakBonusSetting,
  perOrderSetting,
  valueSetting,
  maxPctSetting,
  joinRewardSetting,
  orderRewardSetting,
  welcomeSetting,
  holdSetting,
  dailyCapSetting,
  minAccountAgeSetting,
  trackPaymentSetting,
  payRemindSetting,
  payRemindAgainSetting,
  unpaidCancelSetting,
  payWithinSetting,
  pickupRemindSetting,
  shortageSetting,
  remindSetting,
  pruneAfterSetting,
  pruneGraceSetting,
  pruneBuyerDaysSetting,
  pruneWarnHoursSetting,
  pruneMaxBatchSetting,
  pruneAutoSetting,
  weeklyReportSetting,
  topicPointsSetting,
  topicWindowSetting,
  aftersaleWindowSetting,
  aftersaleRemindSetting,
  offersCapSetting,
] as const;

type SettingKey = (typeof SETTINGS)[number]['key'];
const BY_KEY = new Map<string, SettingSpec<unknown>>(
  SETTINGS.map((spec) => [spec.key, spec as SettingSpec<unknown>]),
);

/** Each setting's Chinese display name (settingName.zh) and the key it stands for. */
const KEYS_BY_ZH_NAME = new Map(Object.entries(settingName.zh).map(([key, name]) => [name, key]));

/** The setting a typed key names: itself, or a Chinese name (`时区` or `清理警告小时数`). */
function settingKey(typed: string): string {
  const canonical = OPTION_KEYS_ZH[typed] ?? KEYS_BY_ZH_NAME.get(typed);
  return canonical !== undefined && BY_KEY.has(canonical) ? canonical : typed;
}

/** What a setting is called in the reader's language (`清理警告小时数`, `Warning notice …`). */
export function settingLabel(key: string, locale: Locale): string {
  return (settingName(locale) as Readonly<Record<string, string>>)[key] ?? key;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The text /settings stores for a typed value: a Chinese word read as its value (`关` → `off`,
 * `北京` → `Asia/Shanghai`), and a length typed for a count of days or hours turned into that
 * count (`3天` for prune.warn_hours → `72h`), so what the list shows can be typed back. Anything
 * else unchanged, for the setting's schema to accept or refuse.
 */
export function settingInput(spec: SettingSpec<unknown>, raw: string): string {
  const value = String(valueWord(spec.schema, raw));
  const unit = spec.durationUnitMs;
  if (unit === undefined || unit <= 1 || spec.schema.safeParse(value).success) return value;
  const ms = parseDuration(value);
  if (!ms || ms % unit !== 0) return value;
  return `${ms / unit}${unit % DAY === 0 ? 'd' : 'h'}`;
}

/**
 * A length of time in ms as it reads and types back unchanged: a count of days or hours in its
 * own unit (`48h`, `48小时`), else as people say it (`2d 3h`, `2天3小时`) when that is exact, else
 * in its largest whole unit (formatDuration rounds to the minute and drops minutes past a day).
 */
function showLength(ms: number, unitMs: number, locale: Locale): string {
  const zh = locale === 'zh';
  if (unitMs > 1) {
    const perDay = unitMs % DAY === 0;
    return `${ms / unitMs}${perDay ? (zh ? '天' : 'd') : zh ? '小时' : 'h'}`;
  }
  const said = formatDuration(ms, locale);
  if (parseDuration(said) === ms) return said;
  const units = [
    [DAY, 'd', '天'],
    [HOUR, 'h', '小时'],
    [MINUTE, 'm', '分钟'],
  ] as const;
  for (const [size, en, cn] of units) if (ms % size === 0) return `${ms / size}${zh ? cn : en}`;
  return `${Math.round(ms / 1000)}${zh ? '秒' : 's'}`;
}

/**
 * A value as /settings shows it in the reader's language, in a form /settings takes back in that
 * language (the dashboard pre-fills its boxes with it): lengths in words, on/off, word values.
 */
export function show(spec: SettingSpec<unknown>, value: unknown, locale: Locale): string {
  const t = text(locale);
  // A duration that can be off (durationOrOff) is false when off.
  if (value === false) return t.off;
  if (spec.durationUnitMs !== undefined)
    return showLength(Number(value) * spec.durationUnitMs, spec.durationUnitMs, locale);
  if (typeof value === 'boolean') return value ? t.on : t.off;
  // A word value (pickup.shortage=first) in the group's own words: 后单先缺.
  return locale === 'zh' && typeof value === 'string' && /^[a-z]+$/.test(value)
    ? valueWordZh(value)
    : String(value);
}

/** A setting as /settings names it: its Chinese name for a Chinese group, its key for an English one. */
function listName(key: string, locale: Locale): string {
  return locale === 'zh' ? settingLabel(key, locale) : key;
}

export const settingsCommand = defineCommand({
  name: 'settings',
  keywords: ['设置'],
  role: 'admin',
  scope: 'group',
  // Any key=value: each key is checked against the declared settings below.
  args: z.looseObject({}),
  help: {
    en: {
      summary: "show or change the group's settings",
      usage: '/settings [key=value…]',
      examples: ['/settings', '/settings tz=Asia/Shanghai currency=¥'],
    },
    zh: {
      summary: '查看或修改本群设置',
      usage: '/settings [键=值…]',
      examples: ['设置', '设置 时区=Asia/Shanghai', '设置 货币=元'],
    },
  },
  run(ctx, args) {
    const t = text(ctx.locale);
    // Typed by the list: a listed setting without help in both languages does not compile.
    const help: Record<SettingKey, string> = settingHelp(ctx.locale);
    let community = ctx.community;
    const pairs = Object.entries(args as Record<string, string>).map(([k, v]) => [settingKey(k), v] as const);
    if (pairs.length === 0) {
      // A Chinese group reads (and may type) each setting's Chinese name; English keeps the key.
      const lines = [...BY_KEY.values()].map(
        (spec) =>
          `${listName(spec.key, ctx.locale)}=${show(spec, getSetting(community, spec), ctx.locale)} — ${help[spec.key as SettingKey]}`,
      );
      return ctx.reply([t.header, ...lines].join('\n'));
    }
    // Validate every pair before changing anything: all or nothing.
    for (const [key, raw] of pairs) {
      const spec = BY_KEY.get(key);
      if (!spec)
        return ctx.reply(
          t.unknown(
            key,
            // A Chinese group reads the Chinese names it can type (`时区`, `清理警告小时数`).
            [...BY_KEY.keys()].map((k) => listName(k, ctx.locale)).join(ctx.locale === 'zh' ? '、' : ', '),
          ),
        );
      // `orders.track_payment=关`: a Chinese word for a value the setting takes.
      const value = settingInput(spec, raw);
      const parsed = parseSetting(spec, value);
      if (!parsed.ok) return ctx.reply(t.invalid(settingLabel(key, ctx.locale), key, parsed.problem));
      community = withSetting(community, spec, value);
    }
    const updated = community;
    ctx.mutate((tx) => tx.put('communities', updated));
    const saved = pairs.map(([k, v]) => `${listName(k, ctx.locale)}=${v}`);
    ctx.reply(t.saved(saved.join(ctx.locale === 'zh' ? '，' : ', ')));
  },
});

export const settingsFeature: Feature = {
  name: 'settings',
  commands: [settingsCommand],
  messages: [text, settingHelp, settingName],
};
