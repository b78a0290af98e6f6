import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { readPdf } from '../helpers/pdf-text.js';

/**
 * A leader compares the card, /orders and the sheet by line number: each line has the same number
 * in all of them (its place on the card, grouped by pickup point), whatever order the members
 * ordered in; a withdrawn line /orders still lists for its money has no number.
 */

const START = '2026-11-25T08:00:00Z';

describe('the numbers of a deal’s lines', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('are the card’s on /orders, the sheet CSV and the PDF', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says('/pickup add 东门');
    await group.as('owner').says('/pickup add 西门');
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 ends=48h');
    // Ordered alternately: 东门, 西门, 东门; dan paid and withdrew (owed back, so /orders lists him).
    await group.as('alice').says('+1 东门');
    await group.as('dan').says('+1 东门');
    await group.as('owner').says('/paid #1 @dan');
    await group.as('dan').says('/cancel #1');
    await group.as('bob').says('+2 西门');
    await group.as('carol').says('+3 东门');
    const closed = await group.as('owner').says('/deal close #1');
    const card = closed.find((m) => m.startsWith('edited'))!;
    expect(card).toContain('📍 东门 (4 units)\n1. alice ×1\n2. carol ×3\n📍 西门 (2 units)\n3. bob ×2');

    expect(await group.as('owner').reply('/orders #1')).toBe(
      [
        '#1 Eggs',
        '📍 东门 (4 units)',
        '1. alice ×1 — ¥12.00 · owing ¥12.00',
        '– dan ×1 — ¥12.00 · withdrawn · refund due ¥12.00',
        '2. carol ×3 — ¥36.00 · owing ¥36.00',
        '📍 西门 (2 units)',
        '3. bob ×2 — ¥24.00 · owing ¥24.00',
        'Total: 6 units, ¥72.00',
      ].join('\n'),
    );
    const ordersCsv = await group.as('owner').says('/orders #1 csv');
    const ordersFile = ordersCsv[0]!.replace(/^\[dm owner\] file: /, '');
    const orderRows = parse(await readFile(ordersFile, 'utf8'), { bom: true }) as string[][];
    expect(orderRows.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual(['1 alice', ' dan', '3 bob', '2 carol']);

    const sheet = await group.as('owner').says('/sheet #1 csv');
    const sheetFile = sheet[0]!.replace(/^\[dm owner\] file: /, '');
    const rows = parse(await readFile(sheetFile, 'utf8'), { bom: true }) as string[][];
    expect(rows.filter((r) => /^\d+$/.test(r[1]!)).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      '东门 1 alice',
      '东门 2 carol',
      '西门 3 bob',
    ]);
    const pdf = await group.as('owner').says('/sheet #1 pdf');
    const { pages } = await readPdf(pdf[0]!.replace(/^\[dm owner\] file: /, ''));
    expect(pages[0]).toMatch(/1\s*alice[\s\S]*2\s*carol/);
    expect(pages[1]).toMatch(/3\s*bob/);
  });
});
