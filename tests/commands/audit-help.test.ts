import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/** /audit lists pickups (checks, undos) and shortages too: its help must say so, in both languages. */
describe('/audit help', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN an English group WHEN the admin asks /help audit THEN it names pickups and shortages', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const out = (await t.group().as('owner').says('/help audit')).join('\n');
    expect(out).toContain('payments, refunds, pickups and shortages');
  });

  it('GIVEN a Chinese group WHEN the admin asks 帮助 审计 THEN it names 提货 and 缺货', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    const out = (await t.group().as('owner').says('帮助 审计')).join('\n');
    expect(out).toContain('收款、退款、提货与缺货记录');
  });
});
