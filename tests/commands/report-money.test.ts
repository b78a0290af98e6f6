import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { reportChartSvg } from '../../commands/report-chart.js';
import { reportSummary } from '../../commands/report-text.js';
import { claimPayment, confirmClaims, markPaid, recordRefund } from '../../src/services/payments.js';
import type { Deal } from '../../src/store/schema.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';
import { fixtureReport } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

describe('/report shows money: GMV, refunds, net sales, collected, still owed', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  /**
   * ¥10 mangoes, 成团 at 2: alice ×1 marked paid (cash), bob ×2 claimed and confirmed, then ¥5 back
   * to bob for a bad mango; carol ×1 has not paid.
   */
  async function groupWithMoney(locale: 'en' | 'zh' = 'en') {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai', locale });
    const group = t.group();
    const title = locale === 'zh' ? '芒果' : 'Mangoes';
    await group.as('owner').says(`/deal new "${title}" price=10 min=2`);
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    await group.as('carol').says('+1');
    const deal = (): Deal => t.store.tables.deals.get('memory:main#1')!;
    const now = () => t.clock.now();
    t.store.transact((tx) => markPaid(tx, deal(), 'alice', 'owner', now()));
    t.store.transact((tx) => claimPayment(tx, deal(), 'bob', now()));
    t.store.transact((tx) => confirmClaims(tx, deal(), { userId: 'bob' }, 'owner', now()));
    t.store.transact((tx) => recordRefund(tx, deal(), 'bob', 500, 'one bad mango', 'owner', now()));
    return group;
  }

  it('GIVEN payments, a refund and an unpaid member THEN the summary has the money lines', async () => {
    const group = await groupWithMoney();
    const [text] = await group.as('owner').says('/report 7d');
    expect(text).toContain('💰 GMV ¥40.00');
    expect(text).toContain('↩️ Refunds ¥5.00, of them off sales ¥5.00 · net sales ¥35.00');
    // No money came in through Telegram here, so that way is not named.
    expect(text).toContain('💵 Collected ¥30.00: confirmed claims ¥20.00 · marked paid ¥10.00\n');
    expect(text).toContain('🧾 Now: still owed ¥10.00 by 1 member · refunds due ¥0.00');
  });

  it('in Chinese the money lines are Chinese, with no English word', async () => {
    const group = await groupWithMoney('zh');
    const [text] = await group.as('owner').says('报告 7天');
    expect(text).toContain('↩️ 退款 ¥5.00，其中冲减销售 ¥5.00 · 净销售额 ¥35.00');
    expect(text).toContain('💵 已收款 ¥30.00：确认收款 ¥20.00 · 标记已付 ¥10.00');
    expect(text).toContain('🧾 当前：待收 ¥10.00（1 人）· 待退款 ¥0.00');
    expect(englishWords(text!, ['main'])).toEqual([]);
  });

  it('/report json carries the money section and the money per day', async () => {
    const group = await groupWithMoney();
    const [sent] = await group.as('owner').says('/report 7d json');
    const json = ReportJsonSchema.parse(
      JSON.parse(await readFile(sent!.replace(/^\[dm owner\] file: /, ''), 'utf8')),
    );
    expect(json.money.refundsCents.value).toBe(500);
    expect(json.money.salesRefundsCents.value).toBe(500);
    expect(json.money.netSalesCents.value).toBe(3500);
    expect(json.money.collectedCents.value).toBe(3000);
    expect(json.money.collectedByMethod.marked.value).toBe(1000);
    expect(json.money.collectedByMethod.confirmed.value).toBe(2000);
    expect(json.money.owedNow).toEqual({ cents: 1000, lines: 1, members: 1 });
    expect(json.money.refundDueNow).toEqual({ cents: 0, lines: 0, members: 0 });
    expect(json.daily.at(-1)).toMatchObject({ collectedCents: 3000, refundsCents: 500 });
  });
});

describe('money in the report text and chart (fixture)', () => {
  it('each money number comes with the previous period and the change', () => {
    const text = reportSummary('en', fixtureReport(), 4096);
    expect(text).toContain(
      '↩️ Refunds ¥7.00 (¥7.00, ±0%), of them off sales ¥3.00 (¥7.00, −57%) · net sales ¥30.00 (¥14.00, +114%)',
    );
    expect(text).toContain(
      '💵 Collected ¥33.00 (¥21.00, +57%): confirmed claims ¥18.00 · marked paid ¥10.00 · paid in Telegram ¥5.00',
    );
    expect(text).toContain('🧾 Now: still owed ¥10.00 by 1 member · refunds due ¥56.00 to 1 member');
  });

  it('the chart draws refunds and money collected per day, labelled in the group language', () => {
    const svg = reportChartSvg('zh', fixtureReport('芒果团'));
    for (const label of ['退款', '已收款', '成交额']) expect(svg).toContain(label);
    expect(reportChartSvg('en', fixtureReport())).toContain('Collected');
  });
});
