import { afterEach, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/services/report.js';
import { DashboardHarness } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';

/**
 * The overview's incentive ROI table (激励投入产出): the same numbers as buildReport. GIVEN group
 * `main` (Asia/Shanghai): alice checks in and buys ¥10 in a deal that forms, bob is awarded points
 * and buys nothing.
 */

let d: DashboardHarness;
afterEach(async () => {
  await d.close();
});

async function withIncentives(locale: 'en' | 'zh'): Promise<DashboardHarness> {
  d = await DashboardHarness.create({ start: '2026-11-20T08:00:00Z', timezone: 'Asia/Shanghai', locale });
  await d.group.as('boss').says(`/deal new "${locale === 'zh' ? '芒果' : 'Mangoes'}" price=10 min=2`);
  await d.group.as('alice').says('+1');
  await d.group.as('carol').says('+1');
  await d.group.as('alice').says(locale === 'zh' ? '签到' : '/checkin');
  await d.group.as('bob').says(locale === 'zh' ? '大家好' : 'hello');
  await d.group.as('boss').says('/award @bob 20');
  await d.t.advance('1h');
  return d;
}

function reportOf(period: string): Report {
  const community = d.t.store.tables.communities.get('memory:main')!;
  const out = buildReport(d.t.store.tables, community, period, d.t.clock.now());
  if (out.kind !== 'report') throw new Error(out.kind);
  return out.report;
}

/** The table's rows: source → the raw values of its cells, in column order. */
function rows(page: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const chunk of page.split('<tr data-source="').slice(1)) {
    const source = chunk.slice(0, chunk.indexOf('"'));
    const row = chunk.slice(0, chunk.indexOf('</tr>'));
    found.set(
      source,
      [...row.matchAll(/data-raw="([^"]*)"/g)].map((m) => m[1]!),
    );
  }
  return found;
}

describe('the overview’s incentive ROI table', () => {
  it('GIVEN a check-in by a buyer and an award to a member who bought nothing THEN each row is buildReport’s figures', async () => {
    await withIncentives('en');
    const page = (await (await d.login('boss')).get('/?period=7d')).body;
    const { incentives } = reportOf('7d');
    expect(incentives.sources.checkin.earnersGmvCents.value).toBe(1000);
    expect(incentives.sources.award.points.value).toBe(20);
    const shown = rows(page);
    expect([...shown.keys()]).toEqual(['checkin', 'referral', 'topic', 'award', 'order', 'total']);
    for (const [source, cells] of shown) {
      const f = source === 'total' ? incentives.total : incentives.sources[source as 'checkin'];
      const values = [f.points, f.earners, f.earnersGmvCents, f.gmvPerPointCents].map((m) =>
        m.value === null ? '' : String(m.value),
      );
      expect([source, ...cells]).toEqual([source, ...values]);
    }
    expect(page).toContain('Incentive ROI');
    expect(page).toContain('GMV per point');
  });

  it('in a Chinese group the table has no English word', async () => {
    await withIncentives('zh');
    const page = (await (await d.login('boss')).get('/?period=7d')).body;
    const section = page.slice(page.lastIndexOf('<section>', page.indexOf('激励投入产出')));
    const text = section
      .slice(0, section.indexOf('</section>'))
      .replace(/<[^>]+>/g, ' ')
      .replaceAll('&quot;', '"');
    expect(text).toContain('签到');
    expect(englishWords(text)).toEqual([]);
  });
});
