import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/**
 * What an arrival owes the members is never lost to its pictures: the announcement and each
 * buyer's pickup code are on disk with the arrival before any QR image is written, so a QR that
 * cannot be written (a full disk, a crash while writing) costs only the picture. And a whole point
 * is handed over at once only after its goods arrived.
 */

const START = '2026-11-25T08:00:00Z';

describe('goods arriving, in the chat', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function closedDeal(
    locale: 'en' | 'zh' = 'en',
  ): Promise<{ t: TestBot; say: (user: string, text: string) => Promise<string[]> }> {
    const t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai', locale });
    cleanup.push(() => t.close());
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=45 min=1 ends=48h');
    await group.as('alice').says('+2');
    await group.as('bob').says('+1');
    await group.as('owner').says('/deal close #1');
    return { t, say: (user, text) => group.as(user).says(text) };
  }
  const codeOf = (t: TestBot, user: string) =>
    [...t.store.tables.orders.values()].find((o) => o.userId === user)?.pickupCode;

  it('a QR image that cannot be written costs only the picture: the group and each buyer still hear, once', async () => {
    const { t, say } = await closedDeal();
    // Where the QR images go is a file, not a folder: every image write fails.
    await writeFile(join(t.dir, 'exports'), 'not a folder');
    const out = await say('owner', '/arrived #1');
    const alice = codeOf(t, 'alice');
    const bob = codeOf(t, 'bob');
    expect(alice).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(out).toEqual([
      [
        '📦 #1 Mangoes has arrived.',
        'Arrived of ordered: 3/3.',
        'Each buyer got their pickup code privately (also in /myorders).',
      ].join('\n'),
      `[dm alice] 📦 main: #1 Mangoes has arrived. Your pickup code: ${alice} (×2).`,
      `[dm bob] 📦 main: #1 Mangoes has arrived. Your pickup code: ${bob} (×1).`,
    ]);
    // Recorded once: asked again, it says so.
    expect(await say('owner', '/arrived #1')).toEqual([
      'Goods of #1: already arrived (2026-11-25 16:00). Nothing changed.',
    ]);
  });

  it('a whole point is not marked picked up before its goods arrived, in English and Chinese', async () => {
    const english = await closedDeal();
    expect(await english.t.dm('owner').reply('/verify #1 all confirm')).toBe(
      '[dm owner] Goods of #1 have not arrived yet: record the arrival first (/arrived #1). Nothing changed.',
    );
    const { t, say } = await closedDeal('zh');
    const before = JSON.stringify([...t.store.tables.orders.values()]);
    expect(await t.dm('owner').reply('核销 #1 全部 确认')).toBe(
      '[dm owner] #1 的货还没有到：请先记录到货（到货 #1）。未做任何更改。',
    );
    expect(JSON.stringify([...t.store.tables.orders.values()])).toBe(before);
    await say('owner', '/arrived #1');
    expect(await t.dm('owner').says('核销 #1 全部 确认')).toEqual([
      '[dm owner] ✓ #1：已核销 2 份订单。',
      '[dm alice] ✓ 你在 #1 Mangoes 的 ×2 已于 2026-11-25 16:00 提货。如非本人提货，请联系团长。\n满意吗？欢迎评价（每人一次，1–5 星）：评价 #1 5 内容',
      '[dm bob] ✓ 你在 #1 Mangoes 的 ×1 已于 2026-11-25 16:00 提货。如非本人提货，请联系团长。\n满意吗？欢迎评价（每人一次，1–5 星）：评价 #1 5 内容',
    ]);
    expect([...t.store.tables.orders.values()].every((o) => o.deliveredBy === 'owner')).toBe(true);
  });
});
