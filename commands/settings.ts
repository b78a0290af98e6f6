import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import { defineMessages } from '../src/core/i18n/index.js';
import { allSettings, findSetting, getSetting, withSetting } from '../src/services/settings.js';

const text = defineMessages('settings', {
  en: {
    header: 'Settings (change with /settings key=value):',
    unknown: (key: string, known: string) => `Unknown setting ${key}. Known: ${known}.`,
    invalid: (key: string, reason: string) => `Invalid ${key}: ${reason}. Nothing was changed.`,
    saved: (pairs: string) => `Saved: ${pairs}.`,
  },
  zh: {
    header: '设置（用 /settings 键=值 修改）：',
    unknown: (key: string, known: string) => `没有设置项 ${key}。可用：${known}。`,
    invalid: (key: string, reason: string) => `${key} 的值无效：${reason}。未做任何更改。`,
    saved: (pairs: string) => `已保存：${pairs}。`,
  },
});

function show(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
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
      examples: ['/settings', '/settings tz=Asia/Shanghai'],
    },
  },
  run(ctx, args) {
    const t = text(ctx.locale);
    let community = ctx.community!;
    const pairs = Object.entries(args as Record<string, string>);
    if (pairs.length === 0) {
      const lines = allSettings().map((spec) => {
        const value = getSetting(community, spec);
        return `${spec.key}=${spec.display ? spec.display(value) : show(value)} — ${spec.help[ctx.locale]}`;
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
      const parsed = spec.schema.safeParse(raw);
      if (!parsed.success) return ctx.reply(t.invalid(key, parsed.error.issues[0]?.message ?? '?'));
      community = withSetting(community, spec, raw);
    }
    const updated = community;
    ctx.mutate((tx) => tx.put('communities', updated));
    ctx.reply(t.saved(pairs.map(([k, v]) => `${k}=${v}`).join(', ')));
  },
});

export const settingsFeature: Feature = { name: 'settings', commands: [settingsCommand] };
