import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS } from '../../commands/settings.js';
import { settingName } from '../../commands/settings-text.js';
import { settingsPageText } from '../../dashboard/text/settings.js';
import { getSetting, type SettingSpec } from '../../src/services/settings.js';
import { StoreWriteError } from '../../src/store/write-errors.js';
import { DashboardHarness, pageText } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';

let d: DashboardHarness;
afterEach(() => d?.close());

const seen = pageText;

const stored = (key: string) => d.t.store.tables.communities.get('memory:main')?.settings[key];
const community = () => d.t.store.tables.communities.get('memory:main')!;
const specs = SETTINGS as readonly SettingSpec<unknown>[];

/** What each setting's box holds, by key, as a browser would send it back. */
function boxes(body: string): Map<string, string> {
  const found = body.matchAll(/name="key" value="([^"]+)">\s*<input name="value" value="([^"]*)"/g);
  return new Map([...found].map((m) => [m[1]!, seen(m[2]!).trim()]));
}

/** The page's text with every `<code>` left out: on a Chinese page only codes may be in Latin letters. */
function withoutCode(body: string): string {
  return seen(body.replace(/<code[^>]*>[^<]*<\/code>/g, ' '));
}

describe('the Settings page', () => {
  it('GIVEN the page THEN every /settings key is there with its help, its value now and its default, and a form', async () => {
    d = await DashboardHarness.create();
    await d.group.as('boss').says('/settings prune.after=15d');
    const browser = await d.login('boss');
    const page = await browser.get('/settings');
    expect(page.status).toBe(200);
    for (const spec of SETTINGS) expect(page.body).toContain(`name="key" value="${spec.key}"`);
    const text = seen(page.body);
    // Worded as /settings words it: value, then the default.
    expect(text).toContain(
      'prune.after a member with no message and no order for this long is a prune candidate 15d 30d',
    );
    expect(text).toMatch(/ref\.hold how long an invitee must stay before the join reward 3d \(default\) 3d/);
    expect(page.body).toContain('name="value" value="15d"');
    expect(page.body).toContain('name="value" value="3d"');
  });

  it("GIVEN a new value THEN /settings saves it as the admin and the page shows it; a bad value is refused in the chat's words and changes nothing", async () => {
    d = await DashboardHarness.create();
    const chatRefusal = await d.group.as('boss').reply('/settings prune.after=soon');
    const browser = await d.login('boss');
    await browser.get('/settings');
    const saved = await browser.post('/settings', { key: 'prune.after', value: '15d' });
    expect(saved.status).toBe(200);
    expect(seen(saved.body)).toContain('Saved: prune.after=15d.');
    expect(saved.body).toContain('notice ok');
    expect(stored('prune.after')).toBe('15d');
    expect(saved.body).toContain('name="value" value="15d"');

    const bad = await browser.post('/settings', { key: 'prune.after', value: 'soon' });
    expect(bad.status).toBe(400);
    expect(seen(bad.body)).toContain(chatRefusal);
    expect(bad.body).toContain('notice error');
    expect(stored('prune.after')).toBe('15d');

    const unknown = await browser.post('/settings', { key: 'wipe.all', value: 'on' });
    expect(unknown.status).toBe(400);
    expect(seen(unknown.body)).toContain('There is no setting wipe.all; nothing was changed.');
    const forged = await browser.post('/settings', { key: 'ref.join', value: '99' }, { csrf: '' });
    expect(forged.status).toBe(403);
    expect(stored('ref.join')).toBeUndefined();
  });

  it('GIVEN the audit line of a saved change cannot be written THEN the page still says it was saved, as it was', async () => {
    d = await DashboardHarness.create();
    const browser = await d.login('boss');
    await browser.get('/settings');
    // The command's own write is durable; only the dashboard's audit line after it fails.
    vi.spyOn(d.t.store, 'mutate').mockRejectedValueOnce(new StoreWriteError(new Error('ENOSPC')));
    const saved = await browser.post('/settings', { key: 'prune.after', value: '15d' });
    expect(stored('prune.after')).toBe('15d');
    expect(saved.status).toBe(200);
    expect(seen(saved.body)).toContain('Saved: prune.after=15d.');
    expect(saved.body).toContain('notice ok');
  });

  it('GIVEN a Chinese group THEN the page is in Chinese with the Chinese key names, and a Chinese value word is read as in the chat', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    const browser = await d.login('boss');
    const page = seen((await browser.get('/settings')).body);
    expect(page).toContain('时区 tz');
    expect(page).toContain('多久无发言无下单算清理候选');
    const saved = await browser.post('/settings', { key: 'orders.track_payment', value: '关' });
    expect(saved.body).toContain('notice ok');
    expect(stored('orders.track_payment')).toBe('off');
    const zh = settingsPageText('zh') as unknown as Record<string, unknown>;
    const words = Object.values(zh).map((v) => (typeof v === 'function' ? String(v('key')) : String(v)));
    expect(words.flatMap((w) => englishWords(w, ['key']))).toEqual([]);
  });

  it('GIVEN a Chinese group THEN every setting is named in Chinese, its key only as code, and no other English is on the page', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    const body = (await (await d.login('boss')).get('/settings')).body;
    for (const spec of SETTINGS) {
      const row = body.slice(body.indexOf(`id="setting-${spec.key}"`)).split('</tr>')[0]!;
      const name = settingName.zh[spec.key];
      expect(name, spec.key).toMatch(/^[\u4e00-\u9fff0-9]+$/);
      expect(row, spec.key).toContain(`<td>${name}<br><code`);
      expect(row, spec.key).toContain(`>${spec.key}</code>`);
    }
    expect(body).toContain('清理警告小时数');
    // The help names other settings by their Chinese names, not their keys.
    expect(seen(body)).toContain('在「核心成员天数」内发言达到多少条算核心成员');
    expect(seen(body)).toContain('被邀请人留群满「邀请留群时长」且发言后');
    const attributes = [...body.matchAll(/(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]!);
    const words = englishWords([withoutCode(body), ...attributes].join('\n'), ['main', 'boss', 'UTC']);
    expect(words).toEqual([]);
  });

  it('GIVEN a refused value THEN the refusal names the setting by its name, in Chinese and in English', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    const browser = await d.login('boss');
    const zh = await browser.post('/settings', { key: 'prune.warn_hours', value: '很快' });
    expect(zh.status).toBe(400);
    expect(withoutCode(zh.body)).toContain('清理警告小时数的值无效：应为小时数，如 10。未做任何更改。');
    expect(seen(zh.body)).not.toContain('prune.warn_hours 的值无效');
    expect(stored('prune.warn_hours')).toBeUndefined();
    await d.group.as('boss').says('/lang en');
    const en = await browser.post('/settings', { key: 'prune.warn_hours', value: 'soon' });
    expect(seen(en.body)).toContain(
      'Invalid value for "Warning notice before removal (hours)" (prune.warn_hours): expected a number like 10h. Nothing was changed.',
    );
  });

  it.each(['zh', 'en'] as const)(
    'GIVEN a %s page THEN each box holds the value as the row shows it, and saving it unchanged is accepted and changes nothing',
    async (locale) => {
      d = await DashboardHarness.create({ locale });
      // Values away from their defaults, some in the other language's words.
      await d.group
        .as('boss')
        .says(
          '/settings prune.warn_hours=72 prune.buyer_days=20d ref.hold=36h pay.remind=off aftersale.remind=90m',
        );
      const browser = await d.login('boss');
      const page = await browser.get('/settings');
      const box = boxes(page.body);
      expect([...box.keys()]).toEqual(SETTINGS.map((spec) => spec.key));
      const row = (key: string) =>
        seen(page.body.slice(page.body.indexOf(`id="setting-${key}"`)).split('</tr>')[0]!);
      for (const [key, value] of box) expect(row(key), key).toContain(` ${value} `);
      expect(box.get('prune.warn_hours')).toBe(locale === 'zh' ? '72小时' : '72h');
      expect(box.get('ref.hold')).toBe(locale === 'zh' ? '1天12小时' : '1d 12h');
      expect(box.get('pay.remind')).toBe(locale === 'zh' ? '关' : 'off');
      expect(box.get('orders.track_payment')).toBe(locale === 'zh' ? '开' : 'on');
      expect(box.get('pickup.shortage')).toBe(locale === 'zh' ? '后单先缺' : 'first');
      if (locale === 'zh') expect([...box.values()].flatMap((v) => englishWords(v, ['UTC']))).toEqual([]);
      const before = specs.map((spec) => getSetting(community(), spec));
      for (const [key, value] of box) {
        const saved = await browser.post('/settings', { key, value });
        expect(saved.body, `${key}=${value}`).toContain('notice ok');
      }
      expect(specs.map((spec) => getSetting(community(), spec))).toEqual(before);
    },
  );

  it('GIVEN a Chinese group THEN the page takes what the chat takes: 3天 for an hours setting, 北京 for the timezone', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    const browser = await d.login('boss');
    const hours = await browser.post('/settings', { key: 'prune.warn_hours', value: '3天' });
    expect(hours.body).toContain('notice ok');
    expect(stored('prune.warn_hours')).toBe('72h');
    expect(boxes(hours.body).get('prune.warn_hours')).toBe('72小时');
    const tz = await browser.post('/settings', { key: 'tz', value: '北京' });
    expect(tz.body).toContain('notice ok');
    expect(community().timezone).toBe('Asia/Shanghai');
    // The chat answers the same, and lists each setting by the Chinese name it can be typed as.
    expect(await d.group.as('boss').reply('设置 清理警告小时数=2天 时区=北京')).toBe(
      '已保存：清理警告小时数=2天，时区=北京。',
    );
    expect(stored('prune.warn_hours')).toBe('48h');
    const list = await d.group.as('boss').reply('设置');
    expect(list).toContain('清理警告小时数=48小时 — 提醒后多少小时内回复即可保留');
    expect(englishWords(list, ['UTC', 'Asia/Shanghai'])).toEqual([]);
    // A length that is not a whole number of hours is refused as in the chat, and changes nothing.
    const odd = await browser.post('/settings', { key: 'prune.warn_hours', value: '90分钟' });
    expect(odd.status).toBe(400);
    expect(stored('prune.warn_hours')).toBe('48h');
  });
});
