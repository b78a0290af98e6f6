import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { png } from '../helpers/images.js';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

/**
 * Reviews through `npm start`'s console, in a Chinese group: goods handed over to two of three
 * buyers, who review (one with a photo sent right after); the one not picked up and a stranger are
 * refused, a second review is refused; the leader replies (told privately), hides one with a
 * reason (in the audit), and the next deal of the same product shows its stars on the card after
 * a restart. The clock is moved to 2030-01-01 00:00 UTC first, so the dates read the same.
 */

describe('npm start: reviews from members who picked up, in a Chinese group', () => {
  it('pickers review once, others are refused, the leader replies and hides with a reason', async () => {
    const dir = await tempDataDir();
    const photo = join(dir, 'mango.png');
    await writeFile(photo, png());
    const first = await runScript(
      dir,
      [
        ':clock 2030-01-01T00:00:00Z',
        '/lang zh',
        '开团 "芒果" price=30 min=1 ends=24h',
        'alice> +1',
        'bob> +2',
        'carol> +1',
        // Their reviews are shown to the group under their names (隐私 开启 公开评价).
        'alice> 隐私 开启 公开评价',
        'bob> 隐私 开启 公开评价',
        ':clock +25h',
        '已提货 #1 @alice',
        '已提货 #1 @bob',
        'alice> 评价 #1 5星 很甜，下次还买',
        'alice> 评价 #1 1 改主意了',
        'carol> 评价 #1 5',
        'dave> 评价 #1 5',
        'bob> 评价 #1 很好',
        'bob> 评价 #1 ★★ 坏了两个',
        `:image ${photo} bob>`,
        '回复评价 #1 @bob 抱歉，已退款',
        'carol> 查看评价 #1',
        '隐藏评价 #1 @bob',
        '隐藏评价 #1 @bob 含有电话号码',
        'carol> 查看评价 #1',
        '审计',
        '',
      ].join('\n'),
    );
    expect(first.code).toBe(0);
    const one = withoutIds(first.stdout);
    // Quiet: one line each in the deal's notice (the console has no reactions), no reply per review.
    expect(one).toContain('[main] bot: #1 芒果：\n  alice 评价 ★★★★★\n');
    expect(one).toContain('[main] bot: 你已评价过 #1（★★★★★）。每人只能评价一次，评价后不能修改。');
    expect(one).toContain('[main] bot: 你的 #1 订单提货或送达后才能评价。');
    expect(one).toContain('[main] bot: 只有在 #1 下单的成员本人才能评价，且须在订单提货或送达之后。');
    expect(one).toContain('[main] bot: 请打 1 到 5 星，例如：评价 #1 5 很甜（也可写 ★★★★★ 或 5星）。');
    expect(one).toContain('bob 附上了照片');
    expect(one).toContain('[dm bob] bot: 团长回复了你对 #1 芒果 的评价：抱歉，已退款');
    expect(one).toContain(
      [
        '[main] bot: #1 芒果 的评价：★ 3.5（2 条评价）',
        '  📷：附有照片（查看评价 #1 照片）',
        '  ★★☆☆☆ bob · 2030-01-02：坏了两个 📷',
        '    ↳ 团长回复：抱歉，已退款',
        '  ★★★★★ alice · 2030-01-02：很甜，下次还买',
      ].join('\n'),
    );
    expect(one).toContain('[main] bot: 请写明原因（会记入审计）：隐藏评价 #1 @bob 原因');
    expect(one).toContain(
      '[main] bot: #1 芒果 的评价：★ 5.0（1 条评价）\n  ★★★★★ alice · 2030-01-02：很甜，下次还买\n',
    );
    expect(one).toContain('#1 隐藏评价（含有电话号码） · bob — 操作人 owner');

    // After a restart, reviews are still there, and a second review is still refused.
    const second = await runScript(
      dir,
      ['alice> 评价 #1 3 再评一次', 'carol> 查看评价 #1', '存模板 #1 芒果', '开团 模板=芒果', ''].join('\n'),
    );
    expect(second.code).toBe(0);
    const two = withoutIds(second.stdout);
    expect(two).toContain('你已评价过 #1（★★★★★）');
    expect(two).toContain('#1 芒果 的评价：★ 5.0（1 条评价）');
    // The next deal of the same product: its card shows the product's stars (the hidden one left out).
    expect(two).toMatch(/\[main\] bot: 🛒 #2 芒果 — ¥30\.00\n {2}★ 5\.0（1 条评价）\n/);
  });
});
