import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../commands/settings.js';
import { settingHelp } from '../../commands/settings-text.js';
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
    }
  });

  it('/settings shows them in the order of the list, whatever was imported first', async () => {
    t = await TestBot.create();
    const lines = (await t.group().as('owner').reply('/settings')).split('\n').slice(1);
    expect(lines.map((line) => line.split('=')[0])).toEqual(SETTINGS.map((s) => s.key));
  });
});
