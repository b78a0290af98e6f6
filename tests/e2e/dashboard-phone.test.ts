import { afterEach, describe, expect, it } from 'vitest';
import { reportText } from '../../commands/report-text.js';
import { type RunningDashboard, startDashboard } from '../../dashboard/server.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { press, screenshot, useBrowser } from '../helpers/browser.js';
import { DashboardHarness } from '../helpers/dashboard.js';

/**
 * The overview on a phone (390 px wide, an iPhone's width) in Debian's Chromium: the period shown
 * is marked among the presets, and the chart's legend stays clear of its axis titles (on a narrow
 * chart the legend spans the whole width, where the titles sit at the corners).
 * GIVEN group `main` (Asia/Shanghai) with a deal formed on 2026-11-17 and another on 2026-11-25.
 */

const b = useBrowser();
let d: DashboardHarness | undefined;
let dash: RunningDashboard | undefined;

afterEach(async () => {
  await dash?.close();
  await d?.close();
  dash = undefined;
  d = undefined;
});

/** A text of the chart's SVG and where the browser drew it, in CSS pixels. */
interface Drawn {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Whether two boxes share any area. */
const overlap = (a: Drawn, b: Drawn) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The overview with no period chosen, opened by `boss` logged in from the chat, at `width` px. */
async function overviewAt(locale: Locale, width: number) {
  d = await DashboardHarness.create({ start: '2026-11-17T08:00:00Z', timezone: 'Asia/Shanghai', locale });
  await d.group.as('boss').says('/deal new "Mangoes" price=10 min=2');
  await d.group.as('alice').says('+1');
  await d.group.as('bob').says('+1');
  await d.t.advance('8d');
  await d.group.as('boss').says('/deal new "Mangoes" price=12 min=2');
  await d.group.as('alice').says('+2');
  await d.group.as('carol').says('+1');
  dash = await startDashboard(d.deps, 0, '127.0.0.1');
  const { page } = b;
  await page.setViewportSize({ width, height: 844 });
  await page.goto(`${dash.url}${await d.linkFor('boss')}`);
  await press(page, locale === 'zh' ? '登录' : 'Log in');
  expect(page.url()).toBe(`${dash.url}/`);
  await page.locator('#report-chart svg text').first().waitFor();
  return page;
}

/** Every text of the chart as drawn (a string to evaluate: the tests' types have no DOM). */
const DRAWN_TEXTS = `[...document.querySelectorAll('#report-chart svg text')].map((e) => {
  const r = e.getBoundingClientRect();
  return { text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
})`;

/** The chosen preset's words and background, and another preset's background. */
const PRESET_COLOURS = `(() => {
  const bg = (a) => getComputedStyle(a).backgroundColor;
  const chosen = document.querySelector('.presets a[aria-current="page"]');
  const other = document.querySelector('.presets a:not([aria-current])');
  return { chosen: chosen && chosen.textContent, chosenBg: chosen && bg(chosen), otherBg: bg(other) };
})()`;

describe('the overview on a phone', () => {
  it.each([
    ['en', '30 days'],
    ['zh', '30天'],
  ] as const)(
    '%s: the default 30 days is marked, and the chart legend clears the axis titles',
    async (locale, preset) => {
      const page = await overviewAt(locale, 390);
      const colours = await page.evaluate<{ chosen: string; chosenBg: string; otherBg: string }>(
        PRESET_COLOURS,
      );
      expect(colours.chosen).toBe(preset);
      expect(colours.chosenBg).not.toBe(colours.otherBg);

      const t = reportText(locale);
      const texts = await page.evaluate<Drawn[]>(DRAWN_TEXTS);
      const labels = [t.chartGmv, t.chartRefunds, t.chartCollected, t.chartActive];
      // The legend's entry of a name is its topmost text (the legend is drawn above the grid); its
      // symbol (25 px and a gap) stands to the left of its words.
      const legend = labels.map((label) => {
        const entry = texts.filter((x) => x.text === label).sort((a, b) => a.top - b.top)[0];
        expect(entry, label).toBeDefined();
        return { ...entry!, left: entry!.left - 30 };
      });
      const money = texts.find((x) => x.text?.startsWith(`${t.chartMoney} (`));
      const active = texts.filter((x) => x.text === t.chartActive).sort((a, b) => a.top - b.top)[1];
      expect(money).toBeDefined();
      expect(active).toBeDefined();
      for (const title of [money!, active!])
        for (const entry of legend)
          expect(overlap(title, entry), `${title.text} / ${entry.text}`).toBe(false);
      // The axis titles still sit above the plot, not on the pyramid's title below it.
      const tiers = texts.find((x) => x.text === t.chartTiers)!;
      expect(money!.bottom).toBeLessThan(tiers.top);
      await screenshot(page, `phone-overview-chart-${locale}`);
    },
  );

  it('a laptop’s wide chart keeps the legend and titles apart too', async () => {
    const page = await overviewAt('en', 1280);
    const t = reportText('en');
    const texts = await page.evaluate<Drawn[]>(DRAWN_TEXTS);
    const legend = texts.filter((x) => x.text === t.chartGmv).sort((a, b) => a.top - b.top)[0]!;
    const money = texts.find((x) => x.text?.startsWith(`${t.chartMoney} (`))!;
    expect(overlap(money, { ...legend, left: legend.left - 30 })).toBe(false);
  });
});
