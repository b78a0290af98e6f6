import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, reportChartSvg } from '../../commands/report-chart.js';
import { reportSummary } from '../../commands/report-text.js';
import { buildReport } from '../../src/services/report.js';
import { TestBot } from '../helpers/chat.js';
import { community, fillReportFixture, fixtureReport, NOW } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

/** Signature, then the IHDR chunk: width and height as big-endian 32-bit integers. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('/report in a group chat', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  async function groupWithSales(options: Parameters<typeof TestBot.create>[0] = {}) {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai', ...options });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    return group;
  }

  it('GIVEN sales THEN an admin gets the summary and a PNG chart of the expected size', async () => {
    const group = await groupWithSales();
    const out = await group.as('owner').says('/report');
    expect(out).toHaveLength(2);
    expect(out[0]).toContain('📊 main — last 30 days');
    expect(out[0]).toContain('💰 GMV ¥30.00');
    expect(out[0]).toContain('orders 2');
    expect(out[0]).toContain('客单价 ¥15.00');
    expect(out[1]).toMatch(/^image: .*\/exports\/report-memory_main-30d-.*\.png$/);
    const png = await readFile(out[1]!.slice('image: '.length));
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it('a member is refused and nothing is written', async () => {
    const group = await groupWithSales();
    expect(await group.as('alice').reply('/report')).toMatch(/Only group admins can use \/report/);
    await expect(stat(join(t.dir, 'exports'))).rejects.toThrow();
  });

  it('a wrong period gets one reply naming the forms; a future month is refused', async () => {
    const group = await groupWithSales();
    expect(await group.as('owner').reply('/report 12d')).toMatch(/Unknown period "12d": use 7d, 30d, 90d/);
    expect(await group.as('owner').reply('/report 2027-01')).toBe('2027-01 has not started yet.');
  });

  it('without image support only the text is sent, and it fits the platform limit', async () => {
    const group = await groupWithSales({ capabilities: { images: false, maxMessageLength: 700 } });
    const out = await group.as('owner').says('/report 7d');
    expect(out).toHaveLength(1);
    expect(out[0]!.length).toBeLessThanOrEqual(700);
    expect(out[0]).toContain('💰 GMV ¥30.00');
  });

  it('/report json sends the metrics privately as a JSON file that matches the published schema', async () => {
    const group = await groupWithSales();
    const [sent] = await group.as('owner').says('/report json');
    expect(sent).toMatch(/^\[dm owner\] file: .*\.json$/);
    const json = JSON.parse(await readFile(sent!.replace(/^\[dm owner\] file: /, ''), 'utf8'));
    const report = ReportJsonSchema.parse(json);
    expect(report.commerce.gmvCents.value).toBe(3000);
    expect(report.period.key).toBe('30d');
  });

  it('/report json where the platform takes no files: the JSON comes in messages that join back whole', async () => {
    const group = await groupWithSales({ capabilities: { files: false, maxMessageLength: 700 } });
    const sent = await group.as('owner').says('/report json');
    expect(sent.length).toBeGreaterThan(1);
    const parts = sent.map((s) => s.replace(/^\[dm owner\] /, ''));
    expect(parts.every((p) => p.length <= 700)).toBe(true);
    const report = ReportJsonSchema.parse(JSON.parse(parts.join('')));
    expect(report.commerce.gmvCents.value).toBe(3000);
  });

  it('in Chinese the reply is in Chinese', async () => {
    const group = await groupWithSales({ locale: 'zh' });
    const [text] = await group.as('owner').says('/report 7d');
    expect(text).toContain('成交额 GMV ¥30.00');
    expect(text).toContain('近 7 天');
  });
});

describe('weekly digest (report.weekly=on)', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('posts the 7-day summary on Monday 09:00 community time, once per week, also across a restart', async () => {
    // Wednesday 2026-11-25 16:00 in Shanghai.
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    const group = t.group();
    expect(await group.as('owner').reply('/settings report.weekly=on')).toBe('Saved: report.weekly=on.');
    expect(await t.advance('1h')).toEqual([]); // turning it on arms it; the first digest is next Monday
    // Monday 2026-11-30 09:00 Shanghai = 01:00Z.
    expect(await t.advance('4d')).toEqual([]);
    expect(await t.advance('15h')).toEqual([]); // Monday 08:00 local
    const monday = await t.advance('1h');
    expect(monday).toHaveLength(2);
    expect(monday[0]).toMatch(/^🗓 Weekly report\n📊 main — last 7 days/);
    expect(monday[1]).toMatch(/^image: .*\.png$/);
    expect(await t.advance('1h')).toEqual([]);
    const dir = t.dir;
    await t.bot.stop();
    const restarted = await TestBot.create({ start: '2026-11-30T03:00:00Z', dir });
    try {
      expect(await restarted.advance('1h')).toEqual([]);
      const next = await restarted.advance('7d');
      expect(next.filter((a) => a.includes('Weekly report'))).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('is off by default, and turning it off stops it', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('hello');
    expect((await t.advance('7d')).some((a) => a.includes('Weekly report'))).toBe(false);
    await group.as('owner').says('/settings report.weekly=on');
    await t.advance('7d');
    await group.as('owner').says('/settings report.weekly=off');
    expect((await t.advance('7d')).some((a) => a.includes('Weekly report'))).toBe(false);
  });
});

describe('report text and chart', () => {
  it('"—" stands for a division by zero, and there is no previous column without a previous period', () => {
    const outcome = buildReport(fillReportFixture(), community, '2026-09', NOW);
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    const text = reportSummary('en', outcome.report, 4096);
    expect(text).toContain('客单价 —');
    expect(text).toContain('成团率 —');
    expect(text).not.toContain('in brackets');
  });

  it.each([2000, 4096, 500])('fits a %i-character message even with long names', (max) => {
    const report = fixtureReport('团'.repeat(200));
    report.commerce.topDeals = [1, 2, 3].map((no) => ({
      no,
      title: 'x'.repeat(300),
      orders: 1,
      gmvCents: 100,
    }));
    for (const locale of ['en', 'zh'] as const) {
      const text = reportSummary(locale, report, max);
      expect(text.length).toBeLessThanOrEqual(max);
      expect(text.startsWith('📊')).toBe(true);
      // Money is never among the lines dropped to fit (Discord's 2,000 characters).
      if (max >= 2000) for (const icon of ['↩️', '💵', '🧾']) expect(text).toContain(icon);
    }
  });

  it('the Chinese chart SVG carries the Chinese labels', () => {
    const svg = reportChartSvg('zh', fixtureReport('芒果团'));
    for (const label of ['芒果团', '近 7 天', '成交额', '活跃成员', '核心', '普通', '边缘', '僵尸候选'])
      expect(svg).toContain(label);
    expect(svg).toContain(`width="${CHART_WIDTH}"`);
  });
});
