import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/**
 * The example command a refused goods step suggests is one the leader can send as it is: in the
 * group's language (a Chinese group types `到货`, WeChat has no slashes) and naming `-` for the
 * lines without a point beside the points.
 */

const START = '2026-11-25T08:00:00Z';

describe('the example a refused goods step suggests', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function bot(): Promise<TestBot> {
    const t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    cleanup.push(() => t.close());
    return t;
  }

  it('a Chinese group is shown 到货 / 提货完成, not /arrived', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/lang zh');
    await group.as('owner').says('自提点 添加 东门驿站');
    await group.as('owner').says('自提点 添加 西门');
    await group.as('owner').says('开团 "大闸蟹" price=88 min=1 options=大份:88,小份:48');
    await group.as('alice').says('+2 大份 东门');
    await group.as('bob').says('+1 小份 东门');
    await group.as('owner').says('截团 #1');
    expect(await group.as('owner').reply('到货 #1 东门 大份=2')).toBe(
      '小份 到了多少（订了 1）？请写出每个规格，例如 到货 #1 东门驿站 大份=2 小份=1。未记录。',
    );
    expect(await group.as('owner').reply('到货 #1 大份=2 小份=1')).toBe(
      '哪个自提点？#1 送到 东门驿站、西门，例如 到货 #1 东门驿站。未做任何更改。',
    );
    expect(await group.as('owner').reply('提货完成 #1 东门')).toBe(
      '#1 的货还没有到 东门驿站：请先记录到货（到货 #1 东门驿站）。未做任何更改。',
    );
  });

  it('lines without a point beside the points are counted with "-" in the example', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Crabs" price=88 min=1 ends=48h options="L,S"');
    await group.as('dave').says('+1 L');
    await group.as('owner').says('/pickup add East');
    await group.as('owner').says('/pickup add West');
    await group.as('alice').says('+1 L East');
    await group.as('owner').says('/deal close #1');
    expect(await group.as('owner').reply('/arrived #1 - 1')).toBe(
      '#1 has options: count each one, e.g. /arrived #1 - L=1. Nothing recorded.',
    );
  });
});
