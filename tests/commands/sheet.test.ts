import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPoint } from '../../src/services/pickup-points.js';
import type { Order } from '../../src/store/schema.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';
import { readPdf } from '../helpers/pdf-text.js';

/**
 * `/sheet #1 [point] [csv|pdf]` (清单 / 分拣单): a deal's lines per pickup point for packing, with
 * money and pickup states and codes, totals per option per point and for the supplier.
 *
 * GIVEN crabs in two sizes, two pickup points (东门驿站 kept by kate, 北门) and lines at each, one
 * without a point: alice (大份 ×2 and 小份, paid, then one 大份 short), carol (picked up), bob
 * (claimed, with a note), the owner's line for 王阿姨, dave (no point).
 */

const START = '2026-11-25T08:00:00Z';

let t: TestBot;
let group: GroupChat;

/** The path of the file the bot sent the owner privately (`[dm owner] file: …`). */
function fileOf(out: string[]): string {
  const line = out.find((l) => l.startsWith('[dm owner] file: '));
  if (!line) throw new Error(`no file in ${JSON.stringify(out)}`);
  return line.slice('[dm owner] file: '.length);
}

/** The CSV file sent, parsed back: each row's cells joined by `|` (a cell holding `|` would show). */
async function csvRows(out: string[]): Promise<string[]> {
  const text = await readFile(fileOf(out), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return (parse(text, { bom: true }) as string[][]).map((row) => row.join('|'));
}

/** 北门's rows: bob's claimed line with his note, the owner's line for 王阿姨, subtotals per option. */
const NORTH = [
  '北门|4|bob||小份|1||leave at the door|48.00|claimed|48.00|no||',
  '北门|5|owner|王阿姨|大份|1|||88.00|owing|88.00|no||',
  '北门|subtotal|||大份|1|||88.00||88.00|||',
  '北门|subtotal|||小份|1|||48.00||48.00|||',
];

/** Changes lines in the store as arrival, shortage and codes would (other commands' work). */
function change(id: string, fields: Partial<Order>): void {
  t.store.transact((tx) => {
    const order = tx.tables.orders.get(id)!;
    tx.put('orders', { ...order, ...fields });
  });
}

const lineId = (line: number) =>
  [...t.store.tables.orders.values()].find((o) => o.dealId === 'memory:main#1' && o.line === line)!.id;

async function exportsNow(): Promise<string[]> {
  return readdir(join(t.dir, 'exports')).catch(() => []);
}

async function seed(): Promise<void> {
  await group.as('owner').says('/deal new "Crabs" price=88 min=2 options="大份:88,小份:48"');
  await group.as('alice').says('+2 大份');
  await group.as('bob').says('/join #1 1 小份 leave at the door');
  await group.as('carol').says('+1 小份');
  await group.as('alice').says('+1 小份');
  await group.as('dave').says('+1 大份');
  await group.as('owner').says('/join #1 1 大份 for=王阿姨');
  // Points added after the orders, then each line given its point, as choosing one does.
  const community = t.store.tables.communities.get('memory:main')!;
  const now = t.clock.now();
  t.store.transact((tx) => {
    addPoint(tx, community, { name: '东门驿站', times: '周六 10:00-12:00', keeper: 'kate' }, 'owner', now);
    addPoint(tx, community, { name: '北门' }, 'owner', now);
    addPoint(tx, community, { name: '西门' }, 'owner', now);
  });
  for (const line of [1, 3, 4]) change(lineId(line), { pointId: 'memory:main|p1' });
  for (const line of [2, 6]) change(lineId(line), { pointId: 'memory:main|p2' });
  await group.as('owner').says('/deal close #1');
  await group.as('owner').says('/paid #1 @alice');
  await group.as('bob').says('已付 #1');
  // Goods arrived at 东门 a day later, one 大份 short on alice's line; codes handed out; carol picked up.
  await t.advance('1d');
  t.store.transact((tx) =>
    tx.put('fulfilments', {
      id: 'memory:main#1|memory:main|p1',
      communityId: 'memory:main',
      dealId: 'memory:main#1',
      pointId: 'memory:main|p1',
      state: 'arrived',
      arrivedAt: t.clock.now().toISOString(),
      arrived: { 大份: 1, 小份: 2 },
    }),
  );
  change(lineId(1), { qty: 1, shortQty: 1, pickupCode: 'K7PQ2M' });
  change(lineId(3), { pickupCode: 'H4XW9A' });
  change(lineId(4), { pickupCode: 'Z2RT5C' });
  await t.advance('2h5m');
  await group.as('owner').says('/delivered #1 @carol');
}

describe('GIVEN a closed deal with lines at two points and one without', () => {
  beforeEach(async () => {
    t = await TestBot.create({ start: START });
    group = t.group();
    await seed();
  });
  afterEach(async () => {
    await t.close();
  });

  it('WHEN the owner asks for the CSV THEN it holds every line per point, subtotals per option and the supplier totals, exactly', async () => {
    const out = await group.as('owner').says('/sheet #1 csv');
    // Only the file, privately: the group sees nothing.
    expect(out).toHaveLength(1);
    expect(fileOf(out)).toMatch(/exports\/sheet-memory_main-1-2026-11-26T10-05-00-000Z\.csv$/);
    expect(await csvRows(out)).toEqual([
      'point|line|member|ordered for|option|quantity|short|note|amount|payment|to collect|picked up|picked up at|code',
      '东门驿站|1|alice||大份|1|1||88.00|refund due|0.00|no||K7PQ2M',
      '东门驿站|3|alice||小份|1|||48.00|paid|0.00|no||Z2RT5C',
      '东门驿站|2|carol||小份|1|||48.00|owing|48.00|yes|2026-11-26 10:05|H4XW9A',
      '东门驿站|subtotal|||大份|1|||88.00||0.00|||',
      '东门驿站|subtotal|||小份|2|||96.00||48.00|||',
      ...NORTH,
      'No pickup point chosen|6|dave||大份|1|||88.00|owing|88.00|no||',
      'No pickup point chosen|subtotal|||大份|1|||88.00||88.00|||',
      'all points|total|||大份|3|||264.00||176.00|||',
      'all points|total|||小份|3|||144.00||96.00|||',
    ]);
  });

  it('WHEN the owner names a point THEN the sheet holds that point only, without the supplier totals', async () => {
    const rows = await csvRows(await group.as('owner').says('/sheet #1 北门 csv'));
    expect(rows.slice(1)).toEqual(NORTH);
    // By number too, and the lines that name no point.
    const first = await csvRows(await group.as('owner').says('/sheet #1 1 csv'));
    expect(new Set(first.slice(1).map((r) => r.split('|')[0]))).toEqual(new Set(['东门驿站']));
    const none = await csvRows(await group.as('owner').says('/sheet #1 none csv'));
    expect(none.slice(1)).toEqual([
      'No pickup point chosen|6|dave||大份|1|||88.00|owing|88.00|no||',
      'No pickup point chosen|subtotal|||大份|1|||88.00||88.00|||',
    ]);
  });

  it('WHEN the owner asks with no format THEN the chat gets a summary per point and the supplier totals, and the PDF comes privately', async () => {
    const out = await group.as('owner').says('/sheet #1');
    expect(out[0]).toBe(
      [
        '📋 #1 Crabs — sheet',
        '东门驿站 (周六 10:00-12:00): 3 lines · 大份 ×1 · 小份 ×2 · picked up 1 of 3 · arrived 2026-11-26 08:00',
        '北门: 2 lines · 大份 ×1 · 小份 ×1 · picked up 0 of 2',
        'No pickup point chosen: 1 line · 大份 ×1 · picked up 0 of 1',
        'For the supplier: 大份 ×3 · 小份 ×3 · 6 units in all',
        'The printable sheet (PDF) is sent to you privately; /sheet #1 csv for a spreadsheet.',
      ].join('\n'),
    );
    expect(fileOf(out)).toMatch(/exports\/sheet-memory_main-1-.*\.pdf$/);
    expect(out[1]).toMatch(/^\[dm owner\] file: /);
  });

  it('WHEN the PDF is opened again THEN each point has its pages with names, options, states and codes, and the supplier page names no member', async () => {
    const { pages, attachments, info } = await readPdf(fileOf(await group.as('owner').says('/sheet #1 pdf')));
    expect(info.Title).toBe('#1 Crabs — packing sheet');
    expect(pages).toHaveLength(4);
    const [east, north, none, supplier] = pages as [string, string, string, string];
    expect(east).toContain('东门驿站');
    expect(east).toContain('周六 10:00-12:00 · keeper: kate · arrived 2026-11-26 08:00');
    for (const text of [
      'alice',
      'carol',
      '大份',
      '小份',
      'K7PQ2M',
      'H4XW9A',
      'Z2RT5C',
      'refund due ¥88.00',
      'owing ¥48.00',
    ])
      expect(east).toContain(text);
    expect(east).toContain('short 1');
    expect(east).toContain('✓ 11-26 10:05');
    expect(east).not.toContain('bob');
    expect(north).toContain('北门');
    expect(north).toContain('王阿姨 (ordered by owner)');
    expect(north).toContain('leave at the door');
    expect(north).toContain('claimed');
    expect(none).toContain('No pickup point chosen');
    expect(none).toContain('dave');
    expect(supplier).toContain('For the supplier');
    expect(supplier).toContain('6 units in all');
    for (const name of ['alice', 'bob', 'carol', 'dave', '王阿姨']) expect(supplier).not.toContain(name);
    expect(supplier).toContain('Page 4 of 4');
    // The data rides along as the same CSV.
    expect(attachments.get('sheet-1.csv')).toContain('东门驿站,1,alice,,大份,1,1,,88.00,refund due');
  });

  it('WHEN an unknown point, or one without lines, is named THEN the answer says so and nothing is sent', async () => {
    const before = await exportsNow();
    expect(await group.as('owner').says('/sheet #1 南门 pdf')).toEqual([
      '#1 has no pickup point “南门”. Its points: 1 东门驿站, 2 北门, 3 西门.',
    ]);
    expect(await group.as('owner').says('/sheet #1 西门')).toEqual(['No orders in #1 go to 西门.']);
    expect(await exportsNow()).toEqual(before);
  });

  it('WHEN every line names a point THEN /sheet #1 none says no line is without one, not that the deal has no orders', async () => {
    change(lineId(5), { pointId: 'memory:main|p2' });
    const before = await exportsNow();
    expect(await group.as('owner').says('/sheet #1 none')).toEqual([
      'Every order in #1 has a pickup point: none is without one.',
    ]);
    expect(await exportsNow()).toEqual(before);
  });

  it('WHEN a member asks THEN they are refused and get no file', async () => {
    const before = await exportsNow();
    expect(await group.as('alice').says('/sheet #1 csv')).toEqual([
      'Only group admins can use /sheet. Nothing was changed.',
    ]);
    expect(await exportsNow()).toEqual(before);
  });

  it('WHEN a member is forgotten THEN the sheet PDF naming them is deleted', async () => {
    const pdf = fileOf(await group.as('owner').says('/sheet #1 pdf'));
    await group.as('dave').says('/forget');
    await group.as('dave').says('/forget confirm');
    expect(await exportsNow()).not.toContain(pdf.split('/').at(-1));
  });
});

describe('GIVEN a Chinese group without pickup points', () => {
  beforeEach(async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    group = t.group();
    await group.as('owner').says('/lang zh');
    await group.as('owner').says('/deal new "大闸蟹" price=88 min=1 options="大份:88,小份:48"');
    await group.as('小红', '小红').says('+2 大份 周六来拿');
    await group.as('bob').says('+1 小份');
  });
  afterEach(async () => {
    await t.close();
  });

  it('WHEN the leader sends 分拣单 THEN the summary, the CSV headers and the PDF are in Chinese', async () => {
    const out = await group.as('owner').says('分拣单 #1');
    expect(out[0]).toBe(
      [
        '📋 #1 大闸蟹 分拣清单',
        '全部订单：2 单 · 大份 ×2 · 小份 ×1 · 已提 0/2 单',
        '供应商汇总：大份 ×2 · 小份 ×1 · 共 3 件',
        '可打印的分拣单已私信发给你；要表格请发 分拣单 #1 表格。',
      ].join('\n'),
    );
    const { pages } = await readPdf(fileOf(out));
    expect(pages).toHaveLength(2);
    for (const text of [
      '#1 大闸蟹 分拣单',
      '全部订单',
      '成员',
      '规格',
      '数量',
      '付款状态',
      '核销码',
      '小红',
      '周六来拿',
      '待付款 ¥176.00',
    ])
      expect(pages[0]).toContain(text);
    expect(pages[1]).toContain('供应商汇总');
    expect(pages[1]).toContain('共 3 件');
    expect(pages[1]).toContain('第 2 页，共 2 页');

    const rows = await csvRows(await group.as('owner').says('分拣单 #1 表格'));
    expect(rows).toEqual([
      '自提点|序号|成员|代订给|规格|数量|缺货|备注|金额|付款状态|待收|已提货|提货时间|核销码',
      '全部订单|1|小红||大份|2||周六来拿|176.00|待付款|176.00|否||',
      '全部订单|2|bob||小份|1|||48.00|待付款|48.00|否||',
      '全部订单|小计|||大份|2|||176.00||176.00|||',
      '全部订单|小计|||小份|1|||48.00||48.00|||',
      '全部自提点|总计|||大份|2|||176.00||176.00|||',
      '全部自提点|总计|||小份|1|||48.00||48.00|||',
    ]);
  });

  it('WHEN a member sends 分拣单 THEN the refusal names 分拣单, the word the leader knows', async () => {
    expect(await group.as('bob').says('分拣单 #1')).toEqual([
      '只有群管理员可以使用「分拣单」，未做任何更改。',
    ]);
  });

  it('WHEN a point is named where there are none, or the deal was cancelled THEN it says so and sends nothing', async () => {
    expect(await group.as('owner').says('分拣单 #1 东门')).toEqual([
      '#1 没有自提点“东门”：本团订单未指定自提点。',
    ]);
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('owner').says('分拣单 #1')).toEqual([
      '#1 未能成团（已取消），没有货品需要分发。发 订单 #1 退款 查看待退款项。',
    ]);
  });
});
