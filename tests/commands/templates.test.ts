import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

const HOUR = 3_600_000;
const MANGOES =
  '/deal new "Fresh mangoes" price=39.9 min=3 stock=50 limit=5 ends=24h unit=box options="S:39.9,L:59.9"';

describe('deal templates and copies in a group chat', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group();
  });
  afterEach(async () => {
    await t.close();
  });
  const owner = () => group.as('owner');
  const deal = (no: number) => t.store.tables.deals.get(`memory:main#${no}`)!;
  const now = () => t.clock.now().getTime();

  it('/deal copy #1 ends=48h stock=100: everything else from #1, a fresh deal with its own card', async () => {
    await owner().says(MANGOES);
    await group.as('alice').says('+2 L');
    await owner().says('/deal close #1');
    t.clock.advance(5 * 24 * HOUR);
    const [card] = await owner().says('/deal copy #1 ends=48h stock=100');
    expect(card).toContain('🛒 #2 Fresh mangoes');
    expect(deal(2)).toMatchObject({
      title: 'Fresh mangoes',
      min: 3,
      stock: 100,
      limit: 5,
      unit: 'box',
      options: ['S', 'L'],
      optionPrices: { S: 3990, L: 5990 },
      status: 'open',
      sold: 0,
      buyers: 0,
      copiedFrom: 'memory:main#1',
    });
    expect(Date.parse(deal(2).endsAt) - now()).toBe(48 * HOUR);
    expect(deal(2).rosterMessageId).not.toBe(deal(1).rosterMessageId);
    // Nothing typed: the deadline is as far away as #1 ran (24 h).
    await owner().says('/deal copy #2');
    expect(Date.parse(deal(3).endsAt) - now()).toBe(48 * HOUR);
    await owner().says('复制团购 #1 价格=45');
    expect(deal(4)).toMatchObject({ priceCents: 4500, stock: 50, copiedFrom: 'memory:main#1' });
    expect(Date.parse(deal(4).endsAt) - now()).toBe(24 * HOUR);
  });

  it('a 2h deal opened seconds into a minute, ending on the hour, copies and saves as exactly 2h, scheduled or not', async () => {
    // 16:00:37 in Shanghai; it ends at 18:00 sharp.
    t.clock.advance(37_000);
    await owner().says('/deal new "Peaches" price=10 min=1 ends="11-25 18:00"');
    expect(deal(1).endsAt).toBe('2026-11-25T10:00:00.000Z');
    await owner().says('/template save #1 Peach');
    expect(t.store.tables.templates.get('memory:main|peach')?.durationMs).toBe(2 * HOUR);
    t.clock.advance(24 * HOUR + 13_000);
    await owner().says('/deal new from=Peach');
    expect(Date.parse(deal(2).endsAt) - Date.parse(deal(2).createdAt)).toBe(2 * HOUR);
    await owner().says('/deal new from=Peach starts=3h');
    expect(Date.parse(deal(3).endsAt) - Date.parse(deal(3).startsAt!)).toBe(2 * HOUR);
    await owner().says('/deal copy #1');
    expect(Date.parse(deal(4).endsAt) - Date.parse(deal(4).createdAt)).toBe(2 * HOUR);
    await owner().says('/deal copy #1 starts=3h');
    expect(Date.parse(deal(5).endsAt) - Date.parse(deal(5).startsAt!)).toBe(2 * HOUR);
    await owner().says('/template save #3 Peach');
    expect(t.store.tables.templates.get('memory:main|peach')?.durationMs).toBe(2 * HOUR);
  });

  it('a deal whose stock a shortage lowered copies and saves with the stock it was planned with', async () => {
    await owner().says('/deal new "Peaches" price=10 min=1 stock=20 ends=24h options="S:10:8,L:12:12"');
    await group.as('alice').says('+5 L');
    await group.as('bob').says('+3 S');
    await owner().says('/deal close #1');
    await owner().says('/arrived #1 L=3 S=3');
    // The shortage took 2 L off the stock: they never existed.
    expect(deal(1)).toMatchObject({ stock: 18, optionStock: { S: 8, L: 10 } });
    await owner().says('/deal copy #1');
    expect(deal(2)).toMatchObject({ stock: 20, optionStock: { S: 8, L: 12 } });
    await owner().says('/template save #1 Peach');
    await owner().says('/deal new from=Peach');
    expect(deal(3)).toMatchObject({ stock: 20, optionStock: { S: 8, L: 12 } });
  });

  it('a cancelled deal copies too: it is the product that is copied', async () => {
    await owner().says(MANGOES);
    await owner().says('/deal cancel #1');
    await owner().says('/deal copy #1');
    expect(deal(2)).toMatchObject({ status: 'open', title: 'Fresh mangoes' });
  });

  it('templates round trip: save, list, open from it with a field changed, update, delete', async () => {
    await owner().says(MANGOES);
    await group.as('alice').says('+1 S');
    expect(await owner().reply('/template save #1 Mango')).toBe(
      'Template "Mango" saved from #1. Open it again with /deal new from=Mango.',
    );
    t.clock.advance(7 * 24 * HOUR);
    const [card] = await owner().says('/deal new from=mango stock=100');
    expect(card).toContain('🛒 #2 Fresh mangoes');
    expect(deal(2)).toMatchObject({
      title: 'Fresh mangoes',
      priceCents: 3990,
      min: 3,
      stock: 100,
      limit: 5,
      options: ['S', 'L'],
      templateId: 'memory:main|mango',
    });
    expect(Date.parse(deal(2).endsAt) - now()).toBe(24 * HOUR);
    // A title typed with from= replaces the template's.
    await owner().says('/deal new "Mangoes, week 3" from=Mango ends=72h');
    expect(deal(3)).toMatchObject({ title: 'Mangoes, week 3', templateId: 'memory:main|mango' });
    expect(Date.parse(deal(3).endsAt) - now()).toBe(72 * HOUR);
    // A scheduled start: the template's length counts from it.
    await owner().says('/deal new from=Mango starts=48h');
    expect(deal(4).status).toBe('scheduled');
    expect(Date.parse(deal(4).endsAt) - Date.parse(deal(4).startsAt!)).toBe(24 * HOUR);
    expect(await owner().reply('/help admin')).toMatch(/\/deal copy[\s\S]*\/template save[\s\S]*\/templates/);
    expect(await owner().reply('/templates')).toBe(
      [
        'Templates (open one with /deal new from=NAME):',
        'Mango: Fresh mangoes — ¥39.90/box and up · group of 3 · stock 50 · runs 1d · 4 deals, 1 buyer',
      ].join('\n'),
    );
    expect(await owner().reply('/template save #2 MANGO')).toBe('Template "MANGO" updated from #2.');
    expect(t.store.tables.templates.size).toBe(1);
    expect(await owner().reply('/template delete mango')).toBe(
      'Template "MANGO" deleted. The 4 deals made from it still count together in /report.',
    );
    expect(t.store.tables.templates.size).toBe(0);
  });

  it('refusals are clear and change nothing', async () => {
    await owner().says(MANGOES);
    await owner().says('/template save #1 芒果');
    const snapshot = () => ({
      deals: t.store.tables.deals.size,
      templates: [...t.store.tables.templates.values()],
    });
    const state = snapshot();
    const cases: [string, string | RegExp][] = [
      ['/deal copy #9', 'There is no deal #9 in this group. /deals lists the open ones.'],
      ['/deal copy #1 stock=0', /^Invalid stock/],
      ['/deal copy #1 ends=yesterday', /^I cannot read ends=yesterday|already past/],
      ['/deal new from=桃子', 'No template called "桃子". Templates: 芒果 (/templates shows them).'],
      [
        '/deal new price=10',
        'Give the deal a title, or open it from a template: /deal new from=NAME (see /templates).',
      ],
      ['/template save #9 桃子', 'There is no deal #9 in this group. /deals lists the open ones.'],
      [
        `/template save #1 ${'长'.repeat(21)}`,
        'A template name has 1 to 20 characters, e.g. /template save #3 Mangoes.',
      ],
      ['/template save #1', /^Missing/],
      ['/template delete 桃子', 'No template called "桃子". Templates: 芒果 (/templates shows them).'],
    ];
    for (const [text, expected] of cases) {
      const out = await owner().says(text);
      expect(out, text).toHaveLength(1);
      if (typeof expected === 'string') expect(out[0], text).toBe(expected);
      else expect(out[0], text).toMatch(expected);
      expect(snapshot(), text).toEqual(state);
    }
    // Members may not copy or save.
    expect(await group.as('alice').reply('/deal copy #1')).toMatch(/admins/);
    expect(await group.as('alice').reply('/template save #1 x')).toMatch(/admins/);
    expect(snapshot()).toEqual(state);
  });

  it('a Chinese group does it all in its own words', async () => {
    await owner().says('/lang zh');
    await owner().says('开团 "阳山水蜜桃" 价格=59 成团人数=2 库存=30 截止=48小时');
    const replies = [
      await owner().reply('存模板 #1 水蜜桃'),
      await owner().reply('存模板 #1 水蜜桃'),
      await owner().reply('模板'),
      await owner().reply('开团 模板=桃子'),
      await owner().reply('删除模板 桃子'),
      await owner().reply(`存模板 #1 ${'长'.repeat(21)}`),
      await owner().reply('开团 价格=10'),
      await owner().reply('再开一团 #1 价格=abc'),
      await owner().reply('存模板'),
      await owner().reply('删除模板'),
    ];
    expect(replies).toEqual([
      '已将 #1 保存为模板「水蜜桃」。下次开团发送：开团 模板=水蜜桃',
      '已用 #1 更新模板「水蜜桃」。',
      '模板列表（开团 模板=名称 即可再开）：\n水蜜桃：阳山水蜜桃 — ¥59.00 · 2 人成团 · 库存 30 · 时长 2天 · 已开 1 团，共 0 人购买',
      '没有名为「桃子」的模板。现有模板：水蜜桃（发送“模板”查看详情）。',
      '没有名为「桃子」的模板。现有模板：水蜜桃（发送“模板”查看详情）。',
      '模板名称为 1 到 20 个字，例如：存模板 #3 芒果',
      '请填写团购标题，或用模板开团：开团 模板=名称（发送“模板”查看）。',
      expect.stringMatching(/\n用法：复制团购 #3 \[键=值…\]$/),
      expect.stringMatching(/\n用法：存模板 #3 名字$/),
      expect.stringMatching(/\n用法：删除模板 名字$/),
    ]);
    for (const reply of replies) expect(englishWords(reply), reply).toEqual([]);
    const [card] = await owner().says('开团 模板=水蜜桃 库存=100');
    expect(card).toContain('#2 阳山水蜜桃');
    expect(deal(2)).toMatchObject({ stock: 100, min: 2, templateId: 'memory:main|水蜜桃' });
    await owner().says('再开一团 #2 限购=2');
    expect(deal(3)).toMatchObject({
      stock: 100,
      limit: 2,
      copiedFrom: 'memory:main#2',
      templateId: 'memory:main|水蜜桃',
    });
  });

  it('with 模板=, an unquoted stray word is refused, not taken as the title; a quoted title still replaces it', async () => {
    await owner().says('/lang zh');
    await owner().says('开团 "阳山水蜜桃" 价格=59 截止=48小时');
    await owner().says('存模板 #1 芒果');
    const reply = await owner().reply('开团 模板=芒果 库存=100 截止=周五 20:00');
    expect(reply).toMatch(/^多余的参数：「20:00」。\n用法：开团/);
    expect(deal(2)).toBeUndefined();
    await owner().says('开团 模板=芒果 库存=100 截止="周五 20:00"');
    expect(deal(2)).toMatchObject({ title: '阳山水蜜桃', stock: 100 });
    await owner().says('开团 "水蜜桃第二周" 模板=芒果');
    expect(deal(3)?.title).toBe('水蜜桃第二周');
    await owner().says('开团 模板=芒果 标题=水蜜桃三周');
    expect(deal(4)?.title).toBe('水蜜桃三周');
  });

  it('/templates shows an option-priced template at its lowest price with "from", as the card does', async () => {
    const [card] = await owner().says('/deal new "Mangoes" price=39.9 options="5斤:59,10斤:109" ends=24h');
    expect(card).toContain('¥59.00 and up');
    await owner().says('/template save #1 Mango');
    expect(await owner().reply('/templates')).toContain('Mango: Mangoes — ¥59.00 and up ·');
    await owner().says('/lang zh');
    expect(await owner().reply('模板')).toContain('Mango：Mangoes — ¥59.00起 ·');
  });
});
