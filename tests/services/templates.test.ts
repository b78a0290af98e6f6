import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeal } from '../../src/services/deals.js';
import {
  dealCopyInput,
  deleteTemplate,
  findTemplate,
  saveTemplate,
  templateInput,
  templateUsage,
} from '../../src/services/templates.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

const HOUR = 3_600_000;

describe('deal templates and copies', () => {
  let s: DealStore;
  beforeEach(async () => {
    s = await openDealStore({
      title: '芒果',
      priceCents: 3990,
      min: 10,
      stock: 100,
      limit: 5,
      unit: '箱',
      options: ['5斤', '10斤'],
      optionPrices: { '5斤': 3990, '10斤': 6990 },
      optionStock: { '10斤': 20 },
      pickup: '东门',
      photos: ['deal-photos/mango.jpg'],
    });
  });
  afterEach(async () => {
    await s.close();
  });
  const now = () => s.clock.now();
  const tx = <T>(fn: Parameters<typeof s.store.transact<T>>[0]) => s.store.transact(fn).value;

  it('round trip: save → a new deal from it has the same fields and a new deadline of the same length', () => {
    const saved = tx((t) => saveTemplate(t, s.deal, ' 芒果 ', 'owner', now()));
    expect(saved).toMatchObject({ kind: 'saved', linked: true });
    s.clock.advance(7 * 24 * HOUR);
    // Found by its name however it is typed: width, case and spaces aside.
    const template = findTemplate(s.store.tables, s.community.id, '芒果')!;
    expect(findTemplate(s.store.tables, s.community.id, '  芒果')).toEqual(template);
    const input = templateInput(template, now());
    const next = tx((t) => createDeal(t, s.community, input, 'owner', now()));
    const same = (d: typeof next) => {
      const { id, no, createdAt, endsAt, templateId, ...rest } = d;
      return rest;
    };
    expect(same(next)).toEqual(same({ ...s.deal, templateId: template.id }));
    expect(next.no).toBe(2);
    expect(next.templateId).toBe(template.id);
    expect(Date.parse(next.endsAt) - now().getTime()).toBe(48 * HOUR);
    expect(next.photos).toEqual(['deal-photos/mango.jpg']);
  });

  it('saving again under the same name (any case) updates it; the source deal joins the product', () => {
    tx((t) => saveTemplate(t, s.deal, 'Mango', 'owner', now()));
    expect(s.store.tables.deals.get(s.deal.id)!.templateId).toBe('memory:g|mango');
    const other = tx((t) =>
      createDeal(
        t,
        s.community,
        { title: 'Mango XL', priceCents: 5000, min: 3, endsAt: new Date(now().getTime() + 24 * HOUR) },
        'owner',
        now(),
      ),
    );
    const again = tx((t) => saveTemplate(t, other, 'MANGO', 'bob', now()));
    expect(again).toMatchObject({ kind: 'updated', linked: true });
    const template = findTemplate(s.store.tables, s.community.id, 'mango')!;
    expect(template).toMatchObject({
      title: 'Mango XL',
      priceCents: 5000,
      durationMs: 24 * HOUR,
      createdBy: 'owner',
    });
    expect(s.store.tables.templates.size).toBe(1);
    // A deal made from one product saved under another name stays with the first.
    const third = tx((t) => saveTemplate(t, s.store.tables.deals.get(s.deal.id)!, '大芒果', 'owner', now()));
    expect(third).toMatchObject({ kind: 'saved', linked: false });
    expect(s.store.tables.deals.get(s.deal.id)!.templateId).toBe('memory:g|mango');
    expect(templateUsage(s.store.tables, s.community.id).get('memory:g|mango')).toEqual({
      deals: 2,
      buyers: 0,
    });
  });

  it('refuses an empty or too long name and changes nothing', () => {
    for (const name of ['', '   ', 'x'.repeat(21)])
      expect(tx((t) => saveTemplate(t, s.deal, name, 'owner', now()))).toEqual({ kind: 'bad_name' });
    expect(s.store.tables.templates.size).toBe(0);
    expect(s.store.tables.deals.get(s.deal.id)!.templateId).toBeUndefined();
  });

  it('a copy takes the product and its template, not the orders, status, card or topic', () => {
    const source = tx((t) =>
      t.put('deals', {
        ...s.deal,
        status: 'closed',
        sold: 7,
        buyers: 3,
        lines: 3,
        optionSold: { '5斤': 7 },
        rosterMessageId: 'm1',
        threadId: 't1',
        templateId: 'memory:g|芒果',
      }),
    );
    s.clock.advance(3 * HOUR);
    const input = dealCopyInput(s.store.tables, source, now());
    expect(input).toMatchObject({
      title: '芒果',
      stock: 100,
      templateId: 'memory:g|芒果',
      copiedFrom: source.id,
    });
    expect(input.endsAt.getTime() - now().getTime()).toBe(48 * HOUR);
    const copy = tx((t) => createDeal(t, s.community, input, 'owner', now()));
    expect(copy).toMatchObject({ status: 'open', sold: 0, buyers: 0, lines: 0, optionSold: {} });
    expect(copy.rosterMessageId).toBeUndefined();
    expect(copy.threadId).toBeUndefined();
  });

  it('deletes a template by name; deals made from it keep its id', () => {
    tx((t) => saveTemplate(t, s.deal, '芒果', 'owner', now()));
    expect(tx((t) => deleteTemplate(t, s.community.id, '桃子'))).toEqual({ kind: 'no_template' });
    expect(tx((t) => deleteTemplate(t, s.community.id, '芒果')).kind).toBe('deleted');
    expect(s.store.tables.templates.size).toBe(0);
    expect(s.store.tables.deals.get(s.deal.id)!.templateId).toBe('memory:g|芒果');
  });
});
