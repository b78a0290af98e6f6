import { z } from 'zod';
import { valueWord } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { formatDuration } from '../src/core/duration.js';
import type { Feature } from '../src/core/feature.js';
import { argLabel, OPTION_KEYS_ZH, valueWordZh } from '../src/core/i18n/arg-words.js';
import type { Locale } from '../src/core/i18n/index.js';
import { aftersaleWindowSetting } from '../src/services/aftersales.js';
import { remindSetting } from '../src/services/deals.js';
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
import { settingHelp, settingsText as text } from './settings-text.js';

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
] as const;

type SettingKey = (typeof SETTINGS)[number]['key'];
const BY_KEY = new Map<string, SettingSpec<unknown>>(
  SETTINGS.map((spec) => [spec.key, spec as SettingSpec<unknown>]),
);

/** The setting a typed key names: itself, or its Chinese name (`时区` is `tz`). */
function settingKey(typed: string): string {
  const canonical = OPTION_KEYS_ZH[typed];
  return canonical !== undefined && BY_KEY.has(canonical) ? canonical : typed;
}

/** A value as /settings shows it in the reader's language: durations in words, on/off. */
function show(spec: SettingSpec<unknown>, value: unknown, locale: Locale): string {
  const t = text(locale);
  // A duration that can be off (durationOrOff) is false when off.
  if (value === false) return t.off;
  if (spec.durationUnitMs !== undefined) return formatDuration(Number(value) * spec.durationUnitMs, locale);
  if (typeof value === 'boolean') return value ? t.on : t.off;
  // A word value (pickup.shortage=first) in the group's own words: 后单先缺.
  return locale === 'zh' && typeof value === 'string' && /^[a-z]+$/.test(value)
    ? valueWordZh(value)
    : String(value);
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
      const lines = [...BY_KEY.values()].map(
        (spec) =>
          `${spec.key}=${show(spec, getSetting(community, spec), ctx.locale)} — ${help[spec.key as SettingKey]}`,
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
            // A Chinese group reads the Chinese names it can type (`时区`), the dotted keys as they are.
            [...BY_KEY.keys()].map((k) => argLabel(k, ctx.locale)).join(ctx.locale === 'zh' ? '、' : ', '),
          ),
        );
      // `orders.track_payment=关`: a Chinese word for a value the setting takes.
      const value = String(valueWord(spec.schema, raw));
      const parsed = parseSetting(spec, value);
      if (!parsed.ok) return ctx.reply(t.invalid(argLabel(key, ctx.locale), parsed.problem));
      community = withSetting(community, spec, value);
    }
    const updated = community;
    ctx.mutate((tx) => tx.put('communities', updated));
    ctx.reply(t.saved(pairs.map(([k, v]) => `${k}=${v}`).join(', ')));
  },
});

export const settingsFeature: Feature = {
  name: 'settings',
  commands: [settingsCommand],
  messages: [text, settingHelp],
};
