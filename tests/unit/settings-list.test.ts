import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../commands/settings.js';
import { settingHelp, settingName } from '../../commands/settings-text.js';
import { OPTION_KEYS_ZH } from '../../src/core/i18n/arg-words.js';
import { getSetting, type SettingSpec } from '../../src/services/settings.js';
import { TestBot } from '../helpers/chat.js';

/** Settings are listed once, explicitly (commands/settings.ts), never registered by an import. */
describe('the list of settings', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('holds every setting a service declares, once, each with help in both languages', () => {
    const declared = readdirSync('src/services', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [
          ...readFileSync(join('src/services', file), 'utf8').matchAll(/defineSetting\(\{\s*key: '([^']+)'/g),
        ].map((m) => m[1]),
      );
    const keys = SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...declared].sort());
    for (const key of keys) {
      expect(settingHelp.en[key], key).toBeTruthy();
      expect(settingHelp.zh[key], key).toBeTruthy();
      expect(settingName.en[key], key).toBeTruthy();
      expect(settingName.zh[key], key).toMatch(/^[\u4e00-\u9fff][\u4e00-\u9fff0-9]*$/);
      // A Chinese name is typed in place of the key: it may not stand for another option.
      const other = OPTION_KEYS_ZH[settingName.zh[key]];
      expect(other === undefined || other === key, key).toBe(true);
    }
    expect(new Set(Object.values(settingName.zh)).size).toBe(keys.length);
  });

  it('/settings shows them in the order of the list, whatever was imported first', async () => {
    t = await TestBot.create();
    const lines = (await t.group().as('owner').reply('/settings')).split('\n').slice(1);
    expect(lines.map((line) => line.split('=')[0])).toEqual(SETTINGS.map((s) => s.key));
  });

  it('GIVEN a Chinese group THEN each setting can be set by its Chinese name to the value the list shows, changing nothing', async () => {
    t = await TestBot.create({ locale: 'zh' });
    const owner = t.group().as('owner');
    const lines = (await owner.reply('设置')).split('\n').slice(1);
    const values = () =>
      SETTINGS.map((spec) =>
        getSetting(t!.store.tables.communities.get('memory:main')!, spec as SettingSpec<unknown>),
      );
    const before = values();
    expect(lines.map((line) => line.split('=')[0])).toEqual(SETTINGS.map((s) => settingName.zh[s.key]));
    for (const line of lines) {
      const pair = line.split(' — ')[0]!;
      expect(await owner.reply(`设置 ${pair}`), pair).toBe(`已保存：${pair}。`);
    }
    expect((await owner.reply('设置')).split('\n').slice(1)).toEqual(lines);
    expect(values()).toEqual(before);
  });
});
