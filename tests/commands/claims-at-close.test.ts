import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Claims nobody answered are listed for the admins once, in the announcement the group gets when
 * the deal closes (成团): no message of its own, and none while nothing waits.
 */

let t: TestBot;
let group: GroupChat;
afterEach(async () => {
  await t.close();
});

describe('GIVEN a deal that formed, with claims answered and not', () => {
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=24h');
    for (const user of ['alice', 'bob', 'carol']) await group.as(user).says('+1');
    await group.as('bob').says('+2');
    for (const user of ['alice', 'bob', 'carol']) await group.as(user).says('已付 #1');
    await group.as('owner').says('/confirm #1 @alice');
  });

  const CLOSED = '✅ #1 Mangoes closed: 成团 with 3 buyers, 4 units, total ¥180.00.';
  const WAITING =
    'Said they paid, not confirmed yet: bob ¥90.00, carol ¥45.00. Admins: /orders #1 claimed lists them; /confirm #1 @member (or all) once the money is there.';

  it('at the deadline, the close announcement lists the claims still waiting', async () => {
    const out = await t.advance('24h');
    expect(out).toContain(`${CLOSED} ${WAITING}`);
  });

  it('/deal close says it too; once all are answered, the announcement is as before', async () => {
    expect(await group.as('owner').says('/deal close #1')).toContain(`${CLOSED} ${WAITING}`);
  });

  it('with every claim answered, nothing is added', async () => {
    await group.as('owner').says('/confirm #1 all');
    expect(await t.advance('24h')).toContain(CLOSED);
  });
});

describe('GIVEN many claims', () => {
  it('ten are named and the rest counted, in Chinese too', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    group = t.group();
    await group.as('owner').says('/deal new "芒果" price=10 min=1 ends=24h');
    const users = Array.from({ length: 12 }, (_, i) => `u${i + 1}`);
    for (const user of users) await group.as(user).says('+1');
    for (const user of users) await group.as(user).says('已付 #1');
    const out = await group.as('owner').says('截团 #1');
    const named = users
      .slice(0, 10)
      .map((u) => `${u} ¥10.00`)
      .join('、');
    expect(out[0]).toBe(
      `✅ #1 芒果 已截团：12 人成团，共 12 件，合计 ¥120.00。已报付款、尚未确认：${named}等另外 2 人。管理员：发送 订单 #1 待确认 查看，收到款后发送 确认收款 #1 @成员（或 全部）。`,
    );
  });
});
