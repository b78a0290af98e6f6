import { z } from 'zod';
import { valueWord } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import { OPTION_KEYS_ZH } from '../src/core/i18n/arg-words.js';
import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { allSettings, findSetting, getSetting, withSetting } from '../src/services/settings.js';

const text = defineMessages('settings', {
  en: {
    header: 'Settings (change with /settings key=value):',
    unknown: (key: string, known: string) => `Unknown setting ${key}. Known: ${known}.`,
    invalid: (key: string, reason: string) => `Invalid ${key}: ${reason}. Nothing was changed.`,
    saved: (pairs: string) => `Saved: ${pairs}.`,
    on: 'on',
    off: 'off',
    badValue: 'not a value this setting takes',
  },
  zh: {
    header: '设置（用 /settings 键=值 修改）：',
    unknown: (key: string, known: string) => `没有设置项 ${key}。可用：${known}。`,
    invalid: (key: string, reason: string) => `${key} 的值无效：${reason}。未做任何更改。`,
    saved: (pairs: string) => `已保存：${pairs}。`,
    on: '开',
    off: '关',
    badValue: '这个设置不接受该值',
  },
});

function show(value: unknown, locale: Locale): string {
  const t = text(locale);
  return typeof value === 'boolean' ? (value ? t.on : t.off) : String(value);
}

/** The setting a typed key names: itself, or its Chinese name (`时区` is `tz`). */
function settingKey(typed: string): string {
  const canonical = OPTION_KEYS_ZH[typed];
  return canonical !== undefined && findSetting(canonical) ? canonical : typed;
}

/**
 * Why a value was refused, in the group's language. A setting's own message is English, written
 * for the English help; a Chinese group gets the general reason instead.
 */
function reason(locale: Locale, message: string | undefined): string {
  return locale === 'en' && message ? message : text(locale).badValue;
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
    let community = ctx.community!;
    const pairs = Object.entries(args as Record<string, string>).map(([k, v]) => [settingKey(k), v] as const);
    if (pairs.length === 0) {
      const lines = allSettings().map((spec) => {
        const value = getSetting(community, spec);
        return `${spec.key}=${spec.display ? spec.display(value, ctx.locale) : show(value, ctx.locale)} — ${spec.help[ctx.locale]}`;
      });
      return ctx.reply([t.header, ...lines].join('\n'));
    }
    // Validate every pair before changing anything: all or nothing.
    for (const [key, raw] of pairs) {
      const spec = findSetting(key);
      if (!spec)
        return ctx.reply(
          t.unknown(
            key,
            allSettings()
              .map((s) => s.key)
              .join(', '),
          ),
        );
      // `orders.track_payment=关`: a Chinese word for a value the setting takes.
      const value = String(valueWord(spec.schema, raw));
      const parsed = spec.schema.safeParse(value);
      if (!parsed.success)
        return ctx.reply(t.invalid(key, reason(ctx.locale, parsed.error.issues[0]?.message)));
      community = withSetting(community, spec, value);
    }
    const updated = community;
    ctx.mutate((tx) => tx.put('communities', updated));
    ctx.reply(t.saved(pairs.map(([k, v]) => `${k}=${v}`).join(', ')));
  },
});

export const settingsFeature: Feature = { name: 'settings', commands: [settingsCommand] };
