import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { reportChartOption } from '../../commands/report-chart-option.js';
import { reportDefinitions } from '../../commands/report-definitions.js';
import { buildReport, type Report } from '../../src/services/report.js';
import { DashboardHarness } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';

/**
 * The overview page: the report of a chosen period with 环比 and definitions, the same numbers as
 * buildReport and `/report json`. GIVEN group `main` (Asia/Shanghai) with a deal formed on
 * 2026-11-17 and another on 2026-11-25 (now: 16:00 local), so 7 days have a previous period.
 */

let d: DashboardHarness;
afterEach(async () => {
  await d.close();
});

async function withSales(locale: 'en' | 'zh' = 'en'): Promise<DashboardHarness> {
  d = await DashboardHarness.create({ start: '2026-11-17T08:00:00Z', timezone: 'Asia/Shanghai', locale });
  const title = locale === 'zh' ? '芒果' : 'Mangoes';
  await d.group.as('boss').says(`/deal new "${title}" price=10 min=2`);
  await d.group.as('alice').says('+1');
  await d.group.as('bob').says('+1');
  await d.t.advance('8d');
  await d.group.as('boss').says(`/deal new "${title}" price=12 min=2`);
  await d.group.as('alice').says('+2');
  await d.group.as('carol').says('+1');
  return d;
}

function reportOf(period: string): Report {
  const community = d.t.store.tables.communities.get('memory:main')!;
  const out = buildReport(d.t.store.tables, community, period, d.t.clock.now());
  if (out.kind !== 'report') throw new Error(out.kind);
  return out.report;
}

/** The page's metric cards: path → the raw value, previous and change it carries. */
function cards(
  page: string,
): Map<string, { value: string; previous?: string; change?: string; text: string }> {
  const found = new Map<string, { value: string; previous?: string; change?: string; text: string }>();
  for (const chunk of page.split('<div class="metric" data-metric="').slice(1)) {
    const path = chunk.slice(0, chunk.indexOf('"'));
    const value = /class="value" data-raw="([^"]*)">([^<]*)</.exec(chunk)!;
    const previous = /class="previous" data-raw="([^"]*)"/.exec(chunk)?.[1];
    const change = /class="delta" data-raw="([^"]*)"/.exec(chunk)?.[1];
    found.set(path, {
      value: value[1]!,
      text: value[2]!,
      ...(previous !== undefined ? { previous, change } : {}),
    });
  }
  return found;
}

/** The value at a path of the report's JSON (`commerce.gmvCents`). */
function at(json: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], json);
}

interface ShownMetric {
  value: number | null;
  previous: number | null;
  change: number | null;
}
const isMetric = (v: unknown): v is ShownMetric => typeof v === 'object' && v !== null && 'unit' in v;

const raw = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Each card's numbers against the report's: metrics with their previous value and change, "now" counts. */
function expectSameNumbers(page: string, report: unknown) {
  const shown = cards(page);
  expect(shown.size).toBeGreaterThan(45);
  for (const [path, card] of shown) {
    const figure = /^activity\.tiers\.\w+$/.test(path)
      ? at(report, `${path}.count`)
      : /Now$/.test(path)
        ? at(report, `${path}.cents`)
        : at(report, path);
    if (isMetric(figure)) {
      const m = figure;
      // A period with nothing before it shows no previous value and no change at all.
      const shown = [path, card.value, card.previous ?? '', card.change ?? ''];
      expect(shown).toEqual([path, raw(m.value), raw(m.previous), raw(m.change)]);
    } else {
      expect([path, card.value]).toEqual([path, raw(figure)]);
    }
  }
}

describe('the overview page', () => {
  it('GIVEN 7 days THEN every card equals buildReport’s figure, its previous value and 环比, and /report json', async () => {
    await withSales();
    const browser = await d.login('boss');
    // The chat's JSON for the same period, at the same moment (asking is a message: asked first).
    const [sent] = await d.group.as('boss').says('/report 7d json');
    const json = JSON.parse(await readFile(sent!.replace(/^\[dm boss\] file: /, ''), 'utf8'));
    expect(json.period.key).toBe('7d');
    const page = await browser.get('/?period=7d');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-period="7d"');
    expectSameNumbers(page.body, reportOf('7d'));
    expectSameNumbers(page.body, json);
    const gmv = cards(page.body).get('commerce.gmvCents')!;
    expect(gmv).toMatchObject({ value: '3600', previous: '2000', text: '¥36.00' });
    expect(page.body).toContain('+80%');
  });

  it('a date range from the form is reported over those days; presets and the form are on the page', async () => {
    await withSales();
    const browser = await d.login('boss');
    const page = await browser.get('/?from=2026-11-18&to=2026-11-25');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-period="2026-11-18..2026-11-25"');
    // A range is named by its days: the period line says them once, not "A to B: A to B".
    const line = /<p class="period"[^>]*>([\s\S]*?)<\/p>/.exec(page.body)![1]!;
    expect(line.split('2026-11-18').length - 1).toBe(1);
    const range = reportOf('2026-11-18..2026-11-25');
    expect(range.period.days).toBe(8);
    expectSameNumbers(page.body, range);
    expect(cards(page.body).get('commerce.gmvCents')!.value).toBe('3600');
    expect(page.body).toContain('name="from" value="2026-11-18"');
    expect(page.body).toContain('name="to" value="2026-11-25"');
    for (const preset of ['7d', '30d', '90d', '2026-11', '2026-10'])
      expect(page.body).toContain(`href="./?period=${preset}"`);
    const month = await browser.get('/?period=2026-11');
    expectSameNumbers(month.body, reportOf('2026-11'));
    expect(cards(month.body).get('commerce.gmvCents')!.value).toBe('5600');
  });

  it('with no period chosen the 30-day preset is marked as the one shown; no page makes the browser ask for /favicon.ico', async () => {
    await withSales();
    const browser = await d.login('boss');
    const page = (await browser.get('/')).body;
    expect(page).toContain('data-period="30d"');
    expect(page).toContain('href="./?period=30d" aria-current="page"');
    expect(page.match(/aria-current="page"/g)).toHaveLength(2); // the nav's Overview and the preset
    // An empty icon in every page's head (the notice pages' too): no request for /favicon.ico, no 404.
    expect(page).toContain('<link rel="icon" href="data:,">');
    const forged = await d.client().get('/login/forged');
    expect(forged.body).toContain('<link rel="icon" href="data:,">');
  });

  it('each figure’s definition is its title and an accessible tooltip', async () => {
    await withSales();
    const page = (await (await d.login('boss')).get('/')).body;
    const definition = reportDefinitions('en')['commerce.gmvCents'];
    expect(page).toContain(
      `title="${definition}" aria-describedby="def-commerce-gmvCents">GMV</span><span class="tooltip" role="tooltip" id="def-commerce-gmvCents">${definition}</span></span>`,
    );
    expect(page).toContain(
      `title="${reportDefinitions('en')['money.collectedByMethod'].replaceAll('"', '&quot;')}"`,
    );
  });

  it('the chart is the chat’s ECharts option, drawn by the ECharts this dashboard serves (no CDN)', async () => {
    await withSales();
    const browser = await d.login('boss');
    const page = (await browser.get('/?period=30d')).body;
    const json = /<script type="application\/json" id="report-chart-option">([^<]*)<\/script>/.exec(
      page,
    )![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(reportChartOption('en', reportOf('30d')))));
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['assets/echarts.min.js', 'assets/overview-chart.js']);
    const lib = await browser.get('/assets/echarts.min.js');
    expect(lib.status).toBe(200);
    expect(lib.headers['content-type']).toMatch(/javascript/);
    const file = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
    expect(lib.body).toBe(readFileSync(file, 'utf8'));
    expect((await browser.get('/assets/overview-chart.js')).body).toContain('echarts.init');
  });

  it('a period that cannot be reported gets the reason, in the group’s language, and no numbers', async () => {
    await withSales();
    const browser = await d.login('boss');
    const refused = async (path: string) => {
      const page = await browser.get(path);
      expect(page.status, path).toBe(400);
      expect(cards(page.body).size, path).toBe(0);
      return page.body;
    };
    expect(await refused('/?from=2026-02-30&to=2026-03-01')).toContain(
      '2026-02-30 is not a day of the calendar',
    );
    expect(await refused('/?from=2026-11-20&to=2026-11-01')).toContain('starts after it ends');
    expect(await refused('/?from=2026-12-01&to=2026-12-05')).toContain('starts after today');
    expect(await refused('/?from=2025-01-01&to=2026-11-25')).toContain('a report covers at most 366');
    expect(await refused('/?from=2026-11-01')).toContain('Give both the first and the last day');
    expect(await refused('/?period=12d')).toContain('Unknown period &quot;12d&quot;');
    expect(await refused('/?from=2026-11-01&from=2026-11-02&to=2026-11-05')).toContain('is not a date range');
    const hostile = await refused('/?from=%3Cscript%3Ealert(1)%3C/script%3E&to=2026-11-05');
    expect(hostile).not.toContain('<script>alert(1)');
    expect(hostile).toContain('&lt;script&gt;alert(1)');
    // Still signed in, and the page works with a good period.
    expect((await browser.get('/?period=7d')).status).toBe(200);
  });

  it('in a Chinese group the page has no English word (text, titles, tooltips)', async () => {
    await withSales('zh');
    const page = (await (await d.login('boss')).get('/?period=7d')).body;
    expect(page).toContain('成交额');
    expect(page).toContain('环比');
    const attributes = [...page.matchAll(/(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]!);
    const text = page
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replaceAll('&quot;', '"');
    const words = englishWords([text, ...attributes].join('\n'), ['main', 'boss', 'Asia/Shanghai']);
    expect(words).toEqual([]);
    const bad = await (await d.login('boss')).get('/?from=2026-02-30&to=2026-03-01');
    expect(bad.body).toContain('2026-02-30 不是日历上的日期');
  });
});
