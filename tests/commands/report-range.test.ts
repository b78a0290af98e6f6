import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

describe('/report over a date range in a group chat', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  /** Wednesday 2026-11-25 16:00 in Shanghai; a deal of ¥30 formed today. */
  async function groupWithSales(locale: 'en' | 'zh' = 'en') {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai', locale });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    return group;
  }

  it('GIVEN sales today WHEN the admin asks for the days of November so far THEN the summary names them', async () => {
    const group = await groupWithSales();
    const [text] = await group.as('owner').says('/report 2026-11-01..2026-11-30');
    expect(text).toContain('📊 main — 2026-11-01 to 2026-11-30 (11-01 → 11-25');
    expect(text).toContain('💰 GMV ¥30.00');
    const [before] = await group.as('owner').says('/report 2026-11-01..2026-11-24');
    expect(before).toContain('💰 GMV ¥0.00');
  });

  it('/report RANGE json carries the range as the period key', async () => {
    const group = await groupWithSales();
    const [sent] = await group.as('owner').says('/report 2026-11-20..2026-11-25 json');
    expect(sent).toMatch(/^\[dm owner\] file: .*\.json$/);
    const json = ReportJsonSchema.parse(
      JSON.parse(await readFile(sent!.replace(/^\[dm owner\] file: /, ''), 'utf8')),
    );
    expect(json.period.key).toBe('2026-11-20..2026-11-25');
    expect(json.period.days).toBe(6);
    expect(json.commerce.gmvCents.value).toBe(3000);
  });

  it('a Chinese leader writes the range in Chinese, with or without spaces, and reads it in Chinese', async () => {
    const group = await groupWithSales('zh');
    const [text] = await group.as('owner').says('报告 11月1日 至 11月25日');
    expect(text).toContain('📊 main — 2026-11-01 至 2026-11-25');
    expect(text).toContain('成交额 GMV ¥30.00');
    const [again] = await group.as('owner').says('报告 2026年11月1日-2026年11月25日');
    expect(again).toContain('2026-11-01 至 2026-11-25');
  });

  it('refusals say what is wrong, in the group’s language, and write nothing', async () => {
    const group = await groupWithSales();
    const owner = group.as('owner');
    expect(await owner.reply('/report 2026-02-30..2026-03-01')).toBe(
      '2026-02-30 is not a day of the calendar; nothing was computed.',
    );
    expect(await owner.reply('/report 2026-11-15..2026-11-01')).toBe(
      'The range 2026-11-15..2026-11-01 starts after it ends: put the first day first.',
    );
    expect(await owner.reply('/report 2026-12-01..2026-12-31')).toMatch(/starts after today/);
    expect(await owner.reply('/report 2025-01-01..2026-11-25')).toBe(
      'The range 2025-01-01..2026-11-25 covers 694 days; a report covers at most 366.',
    );
    expect(await owner.reply('/report 2026-11-1..2026-11-15')).toMatch(
      /is not a date range: .*2026-11-01\.\.2026-11-15/,
    );
    await expect(stat(join(t.dir, 'exports'))).rejects.toThrow();
  });

  it('in Chinese too', async () => {
    const group = await groupWithSales('zh');
    const owner = group.as('owner');
    expect(await owner.reply('报告 2月30日至3月1日')).toBe('2026-02-30 不是日历上的日期，未生成报告。');
    expect(await owner.reply('报告 11月15日至11月1日')).toMatch(/开始日期晚于结束日期/);
    expect(await owner.reply('报告 2025年1月1日至2026年11月25日')).toMatch(/共 694 天；报告最多覆盖 366 天/);
  });

  it('help shows the range in both languages', async () => {
    const group = await groupWithSales();
    const en = (await group.as('owner').says('/help report')).join('\n');
    expect(en).toContain('YYYY-MM-DD..YYYY-MM-DD');
    expect(en).toContain('/report 2026-11-01..2026-11-15');
    expect(en).toMatch(/at most 366 days/);
    await t.close();
    const zhGroup = await groupWithSales('zh');
    const zh = (await zhGroup.as('owner').says('帮助 报告')).join('\n');
    expect(zh).toContain('报告 11月1日至11月15日');
    expect(zh).toMatch(/最多 366 天/);
  });
});
