import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

/**
 * After-sales (售后) through `npm start`'s console, in a Chinese group: a member opens a ticket on
 * her picked-up line with a photo sent right after, refusals for a line not picked up and an amount
 * above what was paid, the admins' queue and the ticket with its photo privately, a restart, the
 * reminder once a day has passed (once, also after the restart), the approval with its refund and
 * the member told privately, her /mytickets, and /audit.
 */

const count = (out: string, text: string) => out.split(text).length - 1;

describe('npm start: an after-sales ticket from opening to refund, in a Chinese group', () => {
  it('open with a photo, refusals, queue, restart, reminder once, approve, the member told', async () => {
    const dir = await tempDataDir();
    const photo = join(dir, 'bad-mango.png');
    const png = Buffer.alloc(2000);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(
      png,
    );
    await writeFile(photo, png);
    const first = await runScript(
      dir,
      [
        ':clock 2030-01-01T00:00:00Z',
        '/lang zh',
        ':admin wang',
        'wang> 大家好',
        '开团 "芒果" price=10 min=1 ends=24h',
        'alice> +2',
        'bob> +1',
        '已付款 #1 @alice',
        ':clock +24h',
        'wang> 已提货 #1 @alice',
        'bob> 售后 #1 "坏了"',
        'alice> 售后 #1 "坏了2个" 金额=30',
        'alice> 售后 #1 "坏了2个" 金额=10',
        `:image ${photo} alice>`,
        'wang> 售后列表',
        'wang> 售后单 T1',
        '',
      ].join('\n'),
    );
    expect(first.code).toBe(0);
    const one = withoutIds(first.stdout);
    expect(one).toContain('[main] bot: 你在 #1 的货还没有标记为已提货或已送达，提货后才能申请售后。');
    // What alice paid is told to her privately, not read out in the group.
    expect(one).toContain('[dm alice] bot: 最多只能申请退 ¥20.00（这条订单可申请的余额）。未登记售后单。');
    expect(one).toContain('[main] bot: 申请金额超过这条订单可退的金额，详情已私信发你。未登记售后单。');
    expect(one).toContain(
      '[dm alice] bot: 售后单 T1 已登记：#1 芒果（第1条 ×2），“坏了2个”，申请退 ¥10.00。如有照片，请在 10 分钟内发来。团长会私信答复你；发送「我的售后」查看进度。',
    );
    // The group hears that a ticket exists, never the complaint.
    expect(one).toContain('[main] bot: 售后单 T1 已登记。发送“我的售后”查看进度。');
    expect(one).toContain('[main] bot: 照片已收到。');
    expect(one).not.toMatch(/\[main\] bot: [^\n]*坏了2个/);
    expect(one).toContain(
      '[dm wang] bot: 待处理售后单 1 个，最早的在前（发送「售后单 T1」查看一个）：\n  T1 #1 芒果 第1条 ×2 · alice · “坏了2个” · 申请退 ¥10.00 · 1 张照片 · 已等 0分钟',
    );
    expect(one).toMatch(
      /\[dm wang\] bot image: \S+\/aftersales\/[0-9a-f]{16}\/t1-\d+-[0-9a-f]{6}\.png\n {2}T1 照片 1\/1/,
    );
    expect(one).toContain('[main] bot: 已私信发给你 T1 及 1 张照片。');

    // A restart, a day later: the reminder goes to each admin once.
    const second = await runScript(
      dir,
      [
        ':clock 2030-01-03T01:00:00Z',
        ':clock +1h',
        'wang> 售后 同意 T1',
        'alice> 我的售后',
        'owner> 审计',
        '',
      ].join('\n'),
    );
    expect(second.code).toBe(0);
    const two = withoutIds(second.stdout);
    const reminder =
      '有售后单等待超过 1天：\n  T1 #1 芒果 第1条 ×2 · alice · “坏了2个” · 申请退 ¥10.00 · 1 张照片 · 已等 1天1小时';
    expect(count(two, `[dm wang] bot: main ${reminder}`)).toBe(1);
    expect(count(two, `[dm owner] bot: main ${reminder}`)).toBe(1);
    expect(two).toContain('[dm wang] bot: T1 已同意：已给 alice 退款 ¥10.00。');
    expect(two).toContain('[main] bot: 售后单 T1 已处理，已私信告知成员。');
    expect(two).toContain('[dm alice] bot: 你的售后单 T1（#1 芒果）已同意：已退款 ¥10.00。');
    expect(two).toContain('[dm alice] bot: 你的售后单：\n  T1 #1 芒果 第1条 ×2 — 已同意，已退款 ¥10.00');
    expect(two).toContain('#1 退款 ¥10.00（售后 T1） · alice — 操作人 wang');
    expect(two).toContain('售后 T1 同意 ¥10.00 · alice — 操作人 wang');

    // Restarted again: nothing is reminded twice.
    const third = await runScript(dir, [':clock +2d', ''].join('\n'));
    expect(third.stdout).not.toContain('售后单等待');
  }, 60_000);
});
