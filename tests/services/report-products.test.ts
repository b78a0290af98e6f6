import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportSummary } from '../../commands/report-text.js';
import { ManualClock } from '../../src/core/clock.js';
import { setConsent } from '../../src/services/consent.js';
import { closeDeal, createDeal, type DealInput } from '../../src/services/deals.js';
import { placeOrder } from '../../src/services/orders.js';
import { buildReport, type Report } from '../../src/services/report.js';
import { findTemplate, saveTemplate, templateInput } from '../../src/services/templates.js';
import type { Community, Deal } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { community } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

const DAY = 86_400_000;

/**
 * The report by product: the deals of one template across weeks count together; deals without a
 * template count under their own title. Shanghai; the report is made 2026-11-25 16:00 local, `7d`.
 */
describe('the report groups deals by product', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let group: Community;
  const now = () => clock.now();
  const report = (period = '7d'): Report => {
    const outcome = buildReport(store.tables, group, period, now());
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    return outcome.report;
  };
  /** A deal with one line per [buyer, qty], closed (成团 with a group of 1). */
  function soldDeal(input: Partial<DealInput> & { title: string }, lines: [string, number][]): Deal {
    const endsAt = new Date(now().getTime() + DAY);
    const deal = store.transact((t) =>
      createDeal(t, group, { priceCents: 1000, min: 1, endsAt, ...input }, 'owner', now()),
    ).value;
    for (const [user, qty] of lines)
      store.transact((t) => placeOrder(t, deal, { userId: user, name: user }, { qty }, now()));
    store.transact((t) => closeDeal(t, t.get('deals', deal.id)!, now()));
    return store.tables.deals.get(deal.id)!;
  }
  function review(deal: Deal, user: string, stars: number, hidden = false): void {
    store.transact((t) =>
      t.put('reviews', {
        id: `${deal.id}/${user}`,
        communityId: group.id,
        dealId: deal.id,
        ...(deal.templateId ? { templateId: deal.templateId } : {}),
        userId: user,
        name: user,
        stars,
        text: '',
        createdAt: now().toISOString(),
        ...(hidden ? { hidden: { reason: 'spam', by: 'owner', at: now().toISOString() } } : {}),
      }),
    );
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-report-products-'));
    clock = new ManualClock('2026-11-10T08:00:00Z');
    store = await Store.open({ dir, clock });
    group = store.transact((t) => t.put('communities', community)).value;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a template opened two weeks running and untemplated deals THEN one line per product', () => {
    // Two weeks before: mangoes, saved as a template (outside the 7-day period).
    const first = soldDeal({ title: 'Mangoes' }, [['alice', 1]]);
    store.transact((t) => saveTemplate(t, first, 'Mango', 'owner', now()));
    clock.advance(9 * DAY); // 11-19 16:00 local: inside the period from here on
    const template = findTemplate(store.tables, group.id, 'mango')!;
    const second = soldDeal(templateInput(template, now()), [
      ['alice', 2],
      ['bob', 1],
    ]);
    const third = soldDeal({ ...templateInput(template, now()), title: 'Mangoes XL', priceCents: 2000 }, [
      ['alice', 1],
    ]);
    review(second, 'alice', 5);
    review(third, 'alice', 4);
    review(second, 'bob', 1, true); // hidden: counted nowhere
    // dave never made his reviews public: the group may not see it, so the report does not count it.
    review(third, 'dave', 1);
    // The same title without a template, twice: one product; a deal nobody bought still counts as opened.
    soldDeal({ title: 'Eggs', priceCents: 500 }, [['carol', 3]]);
    soldDeal({ title: 'eggs ' }, []);
    const eggs = store.tables.deals.by('community', group.id).find((d) => d.title === 'Eggs')!;
    review(eggs, 'carol', 3);
    for (const user of ['alice', 'bob', 'carol'])
      store.transact((t) => setConsent(t, group.id, user, 'reviews', true, now(), 'command'));
    clock.advance(6 * DAY);

    const r = report();
    expect(ReportJsonSchema.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(true);
    expect(r.products.products).toEqual([
      {
        key: `template:${template.id}`,
        templateId: template.id,
        name: 'Mango',
        deals: 2,
        buyers: 2,
        units: 4,
        gmvCents: 3 * 1000 + 2000,
        reviews: 2,
        stars: 4.5,
      },
      {
        key: 'title:eggs',
        templateId: null,
        name: 'eggs ',
        deals: 2,
        buyers: 1,
        units: 3,
        gmvCents: 1500,
        reviews: 1,
        stars: 3,
      },
    ]);
    const summary = reportSummary('en', r, 4096);
    expect(summary).toContain('🏷 Mango: 2 deals · 2 buyers · 4 units · ¥50.00 · ★4.5 (2 reviews)');
    const zh = reportSummary('zh', r, 4096);
    expect(zh).toContain('🏷 Mango：开团 2 · 购买 2 人 · 4 件 · 成交额 ¥50.00 · ★4.5（2 条评价）');
    expect(zh).toContain('🏷 eggs：开团 2 · 购买 1 人 · 3 件 · 成交额 ¥15.00 · ★3（1 条评价）');
    // The 30 days take in the first week's mangoes too.
    expect(report('30d').products.products[0]).toMatchObject({
      name: 'Mango',
      deals: 3,
      buyers: 2,
      units: 5,
    });
  });

  it('a period that opened and sold nothing has no product lines', () => {
    soldDeal({ title: 'Mangoes' }, [['alice', 1]]);
    clock.advance(30 * DAY);
    const r = report();
    expect(r.products.products).toEqual([]);
    expect(reportSummary('en', r, 4096)).not.toContain('🏷');
  });
});
