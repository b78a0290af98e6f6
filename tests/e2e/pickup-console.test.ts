import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-text.js';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

/**
 * Goods to buyers through `npm start`'s console, as a Chinese group's leader runs a whole deal:
 * two pickup points with times and a keeper, members choosing where to collect (in the order, by
 * their usual point, asked once), close, shipped, arrival at 东门 short by 2 (the first orders get
 * theirs), pickup codes sent privately, a restart, the reminder before the window ends, the keeper
 * checking codes at the point (once, unpaid flagged, undo within 10 minutes and not after), the
 * sheet in the chat, as CSV and as PDF.
 *
 * The clock is moved to 2030-01-01 00:00 UTC (Tuesday 08:00 in Beijing) first, so the dates read
 * the same on every run: 东门驿站 opens Saturday 2030-01-05 10:00-12:00, 西门 Sunday 9:00-11:00.
 */

/** The lines of a transcript the group sees (messages and card edits), each with its indented rest. */
function groupMessages(out: string): string[] {
  return out.split(/\n(?=\[)/).filter((m) => m.startsWith('[main] '));
}

/** The pickup code the member was sent privately with the arrival notice. */
function codeOf(out: string, member: string): string {
  const found = new RegExp(`\\[dm ${member}\\] bot: 📦 [^\\n]*你的提货码：([2-9A-Z]{6})`).exec(out);
  if (!found) throw new Error(`no pickup code for ${member} in:\n${out}`);
  return found[1]!;
}

/** The path of the file sent privately to the owner whose caption starts with `caption`. */
function fileSent(out: string, ext: 'csv' | 'pdf'): string {
  const found = new RegExp(`\\[dm owner\\] bot file: (\\S+\\.${ext})\\n`).exec(out);
  if (!found) throw new Error(`no ${ext} sent in:\n${out}`);
  return found[1]!;
}

const count = (out: string, text: string) => out.split(text).length - 1;

describe('npm start: goods to buyers at two pickup points, in a Chinese group', () => {
  it('points, orders, close, arrival short by 2, codes privately, a restart, reminders, pickups at the point, the sheet', async () => {
    const dir = await tempDataDir();
    const first = await runScript(
      dir,
      [
        ':clock 2030-01-01T00:00:00Z',
        '/lang zh',
        '时区 北京',
        'kim> 大家好',
        '自提点 添加 东门驿站 时间="周六 10:00-12:00" 负责人=@kim',
        '自提点 添加 西门 时间="周日 9:00-11:00"',
        '开团 "大闸蟹" price=88 options=大份:88,小份:48 min=2 ends=48h',
        'alice> +1 大份 东门',
        'carol> 我的自提点 东门',
        'carol> +3 大份',
        'frank> 东门自提+1 小份',
        'bob> 接龙 2 小份 西门 周日来拿',
        'dave> +1 小份',
        'dave> +2 小份',
        'erin> +1 小份',
        'erin> 西门',
        'alice> 已付 #1',
        'carol> 已付 #1',
        '确认收款 #1 全部',
        '截团 #1',
        '发货 #1 顺丰 SF1234567890',
        '到货 #1 东门 大份=2 小份=1',
        '到货 #1 西门 全部',
        '',
      ].join('\n'),
    );
    expect(first.code).toBe(0);
    const one = withoutIds(first.stdout);

    // Where each member collects: named in the order, their usual point, the answer to the one question.
    expect(one).toContain(
      '[main] bot: 已添加自提点 1 东门驿站。\n[main] bot: 已添加自提点 2 西门。\n[main] bot: 🛒 #1 大闸蟹 — ¥48.00起',
    );
    expect(one).toContain('  自提点：东门驿站（周六 10:00-12:00） · 西门（周日 9:00-11:00）\n');
    expect(one).toContain('[main] bot: 已将常用自提点设为 东门驿站：下单没写自提点时就在这里自提。');
    const asked = (who: string) =>
      `[main] bot: #1 大闸蟹：\n  ✗ ${who}：在哪个自提点取货？东门驿站、西门，直接回复自提点即可，例如 东门驿站（也可设置常用自提点：我的自提点 东门驿站）`;
    // dave is asked once, not again for his second try, and orders nothing without answering.
    expect(count(one, asked('dave'))).toBe(1);
    expect(count(one, asked('erin'))).toBe(1);
    expect(one).toContain(
      [
        '  状态：已截团（成团）',
        // alice and carol paid (确认收款 #1 全部): a count, nobody named.
        '  已付款：2/5 人',
        '  📍 东门驿站（5 件）',
        '  1. alice ×1 大份',
        '  2. carol ×3 大份',
        '  3. frank ×1 小份',
        '  📍 西门（3 件）',
        '  4. bob ×2 小份（周日来拿）',
        '  5. erin ×1 小份',
        '  合计：大份 ×4 · 小份 ×4；8 件，¥544.00',
      ].join('\n'),
    );
    expect(one).not.toMatch(/dave ×/);

    // Shipped: once in the group, privately to each buyer.
    expect(count(one, '[main] bot: 🚚 #1 大闸蟹 已发货（东门驿站、西门）。备注：顺丰 SF1234567890')).toBe(1);
    expect(one).toContain(
      '[dm bob] bot: 🚚 main：#1 大闸蟹 已发货。备注：顺丰 SF1234567890。到货后会通知你。',
    );

    // Arrival at 东门 short by 2 大份: the last order (carol, paid) is shorted, and owed back.
    const arrival = [
      '[main] bot: 📦 #1 大闸蟹 已到 东门驿站。',
      '  到货/订购：大份 2/4、小份 1/1。',
      '  缺货 大份 ×2（后下单的先缺）：carol ×3 大份 → ×1。',
      '  需退款：carol ¥176.00。退款后发送 退款 #1 @成员 记录。',
      '  提货时间：2030-01-05 10:00–12:00。',
      '  提货码已私信发给每位买家（发送 我的订单 也能查看）。',
    ].join('\n');
    expect(count(one, arrival)).toBe(1);
    const [a, c, f] = [codeOf(one, 'alice'), codeOf(one, 'carol'), codeOf(one, 'frank')];
    expect(new Set([a, c, f]).size).toBe(3);
    expect(one).toContain(
      `[dm alice] bot: 📦 main：#1 大闸蟹 已到 东门驿站。你的提货码：${a}（×1 大份）。提货时间：2030-01-05 10:00–12:00。`,
    );
    expect(one).toContain(
      `[dm carol] bot: 📦 main：#1 大闸蟹 已到 东门驿站。到货不足：你的 ×3 大份 改为 ×1（少 ¥176.00）。将退还你 ¥176.00。你的提货码：${c}（×1 大份）。提货时间：2030-01-05 10:00–12:00。`,
    );
    expect(one).toContain(
      `[dm frank] bot image: ${dir}/exports/pickup-console_main-${f}.png\n  ${f}（×1 小份）`,
    );
    // Each point's buyers hear of their own point's goods only.
    expect(one.match(/\[dm \w+\] bot: 📦 main：#1 大闸蟹 已到 东门驿站/g)).toHaveLength(3);
    const [b, e] = [codeOf(one, 'bob'), codeOf(one, 'erin')];
    expect(one).toContain(
      `[dm bob] bot: 📦 main：#1 大闸蟹 已到 西门。你的提货码：${b}（×2 小份）。提货时间：2030-01-06 09:00–11:00。`,
    );

    // Restarted on the same data dir: Saturday 10:05, within 东门驿站's window.
    const second = await runScript(
      dir,
      [
        ':clock 2030-01-05T02:05:00Z',
        `kim> 核销 ${a}`,
        `kim> 核销 ${a}`,
        `kim> 核销 ${f}`,
        `kim> 核销 ${f} 确认`,
        `kim> 撤销核销 ${f}`,
        `kim> 核销 ${b}`,
        ':clock +11m',
        `kim> 撤销核销 ${a}`,
        `核销 ${c}`,
        '分拣单 #1',
        '分拣单 #1 表格',
        '',
      ].join('\n'),
    );
    expect(second.code).toBe(0);
    const two = withoutIds(second.stdout);
    // Nothing said before the restart is said again.
    expect(two).not.toContain('你的提货码');
    expect(two).not.toContain('📦 #1 大闸蟹 已到');

    // The reminder before the window ends, once each, and the keeper's list of what still waits.
    for (const [who, code, line] of [
      ['alice', a, '×1 大份'],
      ['carol', c, '×1 大份'],
      ['frank', f, '×1 小份'],
    ] as const)
      expect(
        count(
          two,
          `[dm ${who}] bot: ⏰ main：你在 #1 大闸蟹 的订单（${line}）已到 东门驿站，还未取货。请在 2030-01-05 12:00 前取货（周六 10:00-12:00）。取货码：${code}。`,
        ),
      ).toBe(1);
    expect(two).toContain(
      [
        '[dm kim] bot: 📦 东门驿站：#1 大闸蟹 还有 3 人共 3 件未取货（取货截止 2030-01-05 12:00）。',
        `  • alice：×1 大份 · 取货码 ${a}`,
        `  • carol：×1 大份 · 取货码 ${c}`,
        `  • frank：×1 小份 · 取货码 ${f}`,
      ].join('\n'),
    );

    // The keeper checks codes at the point; the answers come privately, the member gets a receipt.
    expect(two).toContain(
      `[dm kim] bot: ✓ ${a} 已核销：请将 #1 大闸蟹 ×1 大份 交给 alice（东门驿站）。核销错了？10 分钟内发送“撤销核销 ${a}”。`,
    );
    expect(two).toContain(
      '[dm alice] bot: ✓ 你在 #1 大闸蟹 的 ×1 大份 已于 2030-01-05 10:05 在 东门驿站 提货。如非本人提货，请联系团长。',
    );
    expect(two).toContain(
      `[dm kim] bot: ${a} 已于 2030-01-05 10:05 核销（核销人 kim）：alice #1 大闸蟹 ×1 大份。请勿重复交货。`,
    );
    // frank has not paid: flagged first, handed over on 确认, then undone within 10 minutes.
    expect(two).toContain(
      `[dm kim] bot: ⚠ ${f}：frank #1 大闸蟹 ×1 小份——未付款 ¥48.00。尚未核销。请先收款，或发送“核销 ${f} 确认”照常交货。`,
    );
    expect(two).toContain(
      `[dm kim] bot: ✓ ${f} 已在未付款情况下交货（仍欠 ¥48.00，已记录）：frank #1 大闸蟹 ×1 小份。核销错了？10 分钟内发送“撤销核销 ${f}”。`,
    );
    expect(two).toContain(
      `[dm kim] bot: ↩ 已撤销核销 ${f}：frank #1 大闸蟹 ×1 小份 恢复为待提货，核销码仍有效。`,
    );
    // A code of the other point is refused naming the right one.
    expect(two).toContain(
      `[dm kim] bot: ${b} 应在 西门 提货，不在 东门驿站。请让成员到 西门 提货。未做任何更改。`,
    );
    // After 10 minutes the pickup stays.
    expect(two).toContain(
      `[dm kim] bot: ${a} 已于 2030-01-05 10:05 核销，已超过 10 分钟，不能撤销。未做任何更改。`,
    );
    // An admin checks anywhere.
    expect(two).toContain(
      '[dm carol] bot: ✓ 你在 #1 大闸蟹 的 ×1 大份 已于 2030-01-05 10:16 在 东门驿站 提货。如非本人提货，请联系团长。',
    );

    // No pickup code is ever shown in the group.
    for (const message of [...groupMessages(one), ...groupMessages(two)])
      for (const code of [a, c, f, b]) expect(message).not.toContain(code);

    // The sheet: the numbers in the chat, the CSV exactly, the PDF opened again with its Chinese.
    expect(two).toContain(
      [
        '[main] bot: 📋 #1 大闸蟹 分拣清单',
        '  东门驿站（周六 10:00-12:00）：3 单 · 大份 ×2 · 小份 ×1 · 已提 2/3 单 · 已到货 2030-01-01 08:00',
        '  西门（周日 9:00-11:00）：2 单 · 小份 ×3 · 已提 0/2 单 · 已到货 2030-01-01 08:00',
        '  供应商汇总：大份 ×2 · 小份 ×4 · 共 6 件',
        '  可打印的分拣单已私信发给你；要表格请发 分拣单 #1 表格。',
      ].join('\n'),
    );
    const csv = await readFile(fileSent(two, 'csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split(/\r?\n/).filter(Boolean)).toEqual([
      '自提点,序号,成员,代订给,规格,数量,缺货,备注,金额,付款状态,待收,已提货,提货时间,核销码',
      `东门驿站,1,alice,,大份,1,,,88.00,已付款,0.00,是,2030-01-05 10:05,${a}`,
      `东门驿站,2,carol,,大份,1,2,,88.00,待退款,0.00,是,2030-01-05 10:16,${c}`,
      `东门驿站,3,frank,,小份,1,,,48.00,待付款,48.00,否,,${f}`,
      '东门驿站,小计,,,大份,2,,,176.00,,0.00,,,',
      '东门驿站,小计,,,小份,1,,,48.00,,48.00,,,',
      `西门,4,bob,,小份,2,,周日来拿,96.00,待付款,96.00,否,,${b}`,
      `西门,5,erin,,小份,1,,,48.00,待付款,48.00,否,,${e}`,
      '西门,小计,,,小份,3,,,144.00,,144.00,,,',
      '全部自提点,总计,,,大份,2,,,176.00,,0.00,,,',
      '全部自提点,总计,,,小份,4,,,192.00,,192.00,,,',
    ]);
    const { pages } = await readPdf(fileSent(two, 'pdf'));
    expect(pages).toHaveLength(3);
    for (const text of [
      '东门驿站',
      '负责人：kim',
      'alice',
      '缺货 2',
      '待退款 ¥176.00',
      '待付款 ¥48.00',
      a,
      '第 1 页，共 3 页',
    ])
      expect(pages[0]).toContain(text);
    for (const text of ['西门', 'bob', '周日来拿', b]) expect(pages[1]).toContain(text);
    expect(pages[2]).toContain('供应商汇总');
    for (const name of ['alice', 'bob', 'carol', 'erin', 'frank']) expect(pages[2]).not.toContain(name);
  });
});
