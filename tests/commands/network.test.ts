import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNetworkInvite, MAX_NETWORK_GROUPS } from '../../src/services/network-links.js';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

/**
 * A leader's network of groups (`/network`, 联营): two groups linked by an admin of each with a
 * one-time code sent privately; every refusal changes nothing; leaving keeps each group's history.
 */

const CODE = /: ([2-9A-HJ-NP-Z]{6})\n/;

describe('/network: linking a leader’s groups', () => {
  let t: TestBot;
  let fruit: GroupChat;
  let veg: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    fruit = t.group('fruit').admin('boss');
    veg = t.group('veg').admin('bob');
    await fruit.as('alice').says('hello');
    await veg.as('carol').says('hello');
  });
  afterEach(async () => {
    await t.close();
  });

  /** The code boss gets privately in `group`, and what the bot did. */
  async function codeFrom(group: GroupChat, admin: string): Promise<{ code: string; out: string[] }> {
    const out = await group.as(admin).says('/network add');
    const dm = out.find((line) => line.startsWith(`[dm ${admin}]`)) ?? '';
    return { code: CODE.exec(dm)?.[1] ?? '', out };
  }
  /** What linking is about, as stored: each group's network and the networks. */
  const state = () =>
    JSON.stringify([
      [...t.store.tables.communities.values()].map((c) => [c.id, c.networkId]),
      [...t.store.tables.networks.values()],
      [...t.store.tables.networkInvites.values()].map((i) => [i.id, i.usedAt]),
    ]);
  /** The texts the bot sent to chat `chatId` since action number `from`. */
  const sentTo = (chatId: string, from: number) =>
    t.adapter.actions
      .slice(from)
      .filter((a) => a.chat.chatId === chatId && a.kind === 'send')
      .map((a) => (a.kind === 'send' && a.out.kind === 'text' ? a.out.text : ''));

  it('GIVEN an admin of each group WHEN one makes a code and the other sends it THEN both groups are linked and told, the code went privately', async () => {
    const { code, out } = await codeFrom(fruit, 'boss');
    expect(code).toHaveLength(6);
    // The group hears that it was sent; only the private message holds the code.
    expect(out.filter((l) => !l.startsWith('[dm boss]'))).toEqual([
      'I sent you a one-time code privately: an admin of the other group sends it there within 24 hours.',
    ]);
    expect(out.find((l) => l.startsWith('[dm boss]'))).toContain(`/network join ${code}`);
    const before = t.adapter.actions.length;
    await veg.as('bob').says(`/network join ${code.toLowerCase()}`);
    expect(sentTo('veg', before)).toEqual([
      '🔗 Linked with "fruit": 2 groups in this network now (/network).',
    ]);
    expect(sentTo('fruit', before)).toEqual([
      '🔗 Linked with "veg": 2 groups in this network now (/network).',
    ]);
    const network = [...t.store.tables.networks.values()];
    expect(network).toEqual([
      expect.objectContaining({ communityId: 'memory:fruit', communityIds: ['memory:fruit', 'memory:veg'] }),
    ]);
    expect(t.store.tables.communities.get('memory:veg')?.networkId).toBe(network[0]!.id);
    // Any member sees the linked groups.
    expect(await fruit.as('alice').reply('/network')).toBe(
      [
        '🔗 This group is in a network of 2 groups:',
        '1. fruit (this group)',
        '2. veg',
        'Admins: /network add (a code to link one more group) · /network leave (unlink this group) · /report network (numbers of every group).',
      ].join('\n'),
    );
    // Each group's log says who linked it with which group.
    expect((await fruit.as('boss').says('/audit')).join('\n')).toMatch(
      /made a one-time code to link another group · boss — by boss[\s\S]*linked this group with · veg — by bob/,
    );
    expect((await veg.as('bob').says('/audit')).join('\n')).toContain(
      'linked this group with · fruit — by bob',
    );
  });

  it('GIVEN Chinese groups THEN 联营 添加, 联营 加入 and 联营 answer in Chinese, the code privately', async () => {
    await fruit.as('owner').says('/lang zh');
    await veg.as('owner').says('/lang zh');
    const out = await fruit.as('boss').says('联营 添加');
    expect(out.filter((l) => !l.startsWith('[dm boss]'))).toEqual([
      '一次性邀请码已私信发给你：请另一个群的管理员在 24 小时内在那个群发送。',
    ]);
    const code = /邀请码：([2-9A-HJ-NP-Z]{6})\n/.exec(out.find((l) => l.startsWith('[dm boss]')) ?? '')![1]!;
    expect(await veg.as('bob').says(`联营 加入 ${code}`)).toEqual([
      '🔗 已与「fruit」联营：本联营现有 2 个群（发送「联营」查看）。',
      '🔗 已与「veg」联营：本联营现有 2 个群（发送「联营」查看）。',
    ]);
    expect(await veg.as('carol').reply('联营')).toMatch(
      /^🔗 本群所在的联营共 2 个群：\n1\. fruit\n2\. veg（本群）/,
    );
    expect(await veg.as('bob').reply(`联营 加入 ${code}`)).toBe(
      `邀请码 ${code} 已被使用：每个邀请码只能联营一个群。请发送「联营 添加」重新获取。未做任何更改。`,
    );
  });

  it('a member who is not an admin can neither make a code nor join with one', async () => {
    expect(await fruit.as('alice').reply('/network add')).toMatch(/^Only group admins can use/);
    const { code } = await codeFrom(fruit, 'boss');
    const before = state();
    expect(await veg.as('carol').reply(`/network join ${code}`)).toMatch(/^Only group admins can use/);
    expect(await veg.as('carol').reply('/network leave')).toMatch(/^Only group admins can use/);
    expect(state()).toBe(before);
  });

  it('GIVEN the admin’s private chat is refused THEN the code is held for them and the group says to open it', async () => {
    t.adapter.unreachable.add('boss');
    const out = await fruit.as('boss').says('/network add');
    expect(out.some((l) => l.includes('/network join'))).toBe(false);
    expect(out.join('\n')).toContain('I sent you a one-time code privately');
    t.adapter.unreachable.delete('boss');
    const later = await t.dm('boss').says('hi');
    expect(later.join('\n')).toMatch(/Code to link another group with "fruit": [2-9A-Z]{6}/);
  });

  it('a wrong, expired or reused code, the same group, or a group linked elsewhere is refused and changes nothing', async () => {
    const herbs = t.group('herbs').admin('dan');
    await herbs.as('erin').says('hello');
    let before = state();
    expect(await veg.as('bob').reply('/network join ZZZZZZ')).toBe(
      'There is no code "ZZZZZZ". Check it, or ask for a new one with /network add in the other group. Nothing was changed.',
    );
    expect(await veg.as('bob').reply('/network join hello')).toMatch(/^There is no code "hello"/);
    expect(state()).toBe(before);

    const { code: own } = await codeFrom(fruit, 'boss');
    before = state();
    expect(await fruit.as('boss').reply(`/network join ${own}`)).toBe(
      'That code was made in this group: send it in the other group. Nothing was changed.',
    );
    expect(state()).toBe(before);

    await t.advance('25h');
    expect(await veg.as('bob').reply(`/network join ${own}`)).toBe(
      `The code ${own} has expired. Ask for a new one with /network add in the other group. Nothing was changed.`,
    );
    expect(state()).toBe(before);

    const { code } = await codeFrom(fruit, 'boss');
    await veg.as('bob').says(`/network join ${code}`);
    before = state();
    expect(await herbs.as('dan').reply(`/network join ${code}`)).toBe(
      `The code ${code} was already used: each code links one group. Ask for a new one with /network add. Nothing was changed.`,
    );
    const { code: again } = await codeFrom(fruit, 'boss');
    // Making a code throws the group's spent and expired ones away: they are kept nowhere but /audit.
    const codes = [...t.store.tables.networkInvites.values()].map((i) => i.id);
    expect(codes).toContain(again);
    expect(codes).not.toContain(own);
    expect(codes).not.toContain(code);
    before = state();
    expect(await veg.as('bob').reply(`/network join ${again}`)).toBe(
      'This group is already linked with "fruit". Nothing was changed.',
    );
    // A group of another network leaves that one first.
    const { code: fromHerbs } = await codeFrom(herbs, 'dan');
    before = state();
    expect(await veg.as('bob').reply(`/network join ${fromHerbs}`)).toBe(
      'This group is already in a network with "fruit": leave it first with /network leave. Nothing was changed.',
    );
    expect(state()).toBe(before);
  });

  it('GIVEN a code of a group on another platform, or of a group that removed the bot, THEN joining is refused', async () => {
    const now = t.clock.now();
    const elsewhere = await t.store.mutate((tx) => {
      const group = tx.put('communities', {
        id: 'telegram:-100',
        platform: 'telegram',
        chatId: '-100',
        title: 'Fruit on Telegram',
        locale: 'en',
        timezone: 'UTC',
        createdAt: now.toISOString(),
        settings: {},
      });
      const outcome = createNetworkInvite(tx, group, { userId: 'bob', name: 'bob' }, now);
      return outcome.kind === 'code' ? outcome.invite.id : '';
    });
    const before = state();
    expect(await veg.as('bob').reply(`/network join ${elsewhere}`)).toBe(
      '"Fruit on Telegram" is on another platform: only groups on one platform can be linked, because an admin here cannot be confirmed to be the same leader there. Nothing was changed.',
    );
    expect(state()).toBe(before);
    const { code } = await codeFrom(fruit, 'boss');
    await t.store.mutate((tx) =>
      tx.put('communities', { ...tx.get('communities', 'memory:fruit')!, removedAt: now.toISOString() }),
    );
    const removed = state();
    expect(await veg.as('bob').reply(`/network join ${code}`)).toBe(
      'The group that made this code no longer has the bot. Nothing was changed.',
    );
    expect(state()).toBe(removed);
  });

  it(`GIVEN ${MAX_NETWORK_GROUPS} linked groups THEN no code is made for an eleventh and an older code is refused`, async () => {
    const spare = (await codeFrom(fruit, 'boss')).code;
    for (let i = 1; i < MAX_NETWORK_GROUPS; i++) {
      const { code } = await codeFrom(fruit, 'boss');
      const group = t.group(`g${i}`).admin('boss');
      await group.as('boss').says(`/network join ${code}`);
    }
    expect(t.store.tables.communities.get('memory:fruit')).toBeDefined();
    expect([...t.store.tables.networks.values()][0]!.communityIds).toHaveLength(MAX_NETWORK_GROUPS);
    expect(await fruit.as('boss').reply('/network add')).toBe(
      'A network holds at most 10 groups and this one is full. Nothing was changed.',
    );
    const before = state();
    expect(await veg.as('bob').reply(`/network join ${spare}`)).toBe(
      'A network holds at most 10 groups and this one is full. Nothing was changed.',
    );
    expect(state()).toBe(before);
  });
});

describe('/network leave: unlinking keeps each group’s history', () => {
  let t: TestBot;
  let fruit: GroupChat;
  let veg: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    fruit = t.group('fruit').admin('boss');
    veg = t.group('veg').admin('bob');
    await fruit.as('boss').says('/deal new "Mangoes" price=10 min=1');
    await fruit.as('alice').says('+2');
    await veg.as('bob').says('/deal new "Leeks" price=5 min=1');
    await veg.as('carol').says('+1');
    const out = await fruit.as('boss').says('/network add');
    const code = CODE.exec(out.find((l) => l.startsWith('[dm boss]')) ?? '')![1]!;
    await veg.as('bob').says(`/network join ${code}`);
  });
  afterEach(async () => {
    await t.close();
  });

  const records = () =>
    JSON.stringify([[...t.store.tables.deals.values()], [...t.store.tables.orders.values()]]);

  it('GIVEN two linked groups WHEN one leaves THEN the network is dissolved, both are told, deals and orders stay put', async () => {
    const history = records();
    const members = t.store.tables.members.size;
    const out = await veg.as('bob').says('/network leave');
    expect(out).toEqual([
      'This group left the network, which is dissolved: no other group was left in it. Its deals, orders and members stay here.',
      '"veg" left the network; with this group alone in it, the network is dissolved.',
    ]);
    expect(records()).toBe(history);
    expect(t.store.tables.members.size).toBe(members);
    expect(t.store.tables.networks.size).toBe(0);
    expect([...t.store.tables.communities.values()].map((c) => c.networkId)).toEqual([undefined, undefined]);
    expect(await fruit.as('alice').reply('/network')).toMatch(
      /^This group is not linked with other groups\./,
    );
    expect(await fruit.as('boss').reply('/network leave')).toBe(
      'This group is not in a network: there is nothing to leave.',
    );
    expect((await fruit.as('boss').says('/audit')).join('\n')).toContain(
      'a group left; the network is dissolved · veg — by bob',
    );
    expect((await veg.as('bob').says('/audit')).join('\n')).toContain(
      'left the network of groups, which holds · "fruit" — by bob',
    );
  });

  it('GIVEN three groups WHEN the home leaves THEN the other two stay linked, the next one home', async () => {
    const herbs = t.group('herbs').admin('dan');
    const out = await veg.as('bob').says('/network add');
    const code = CODE.exec(out.find((l) => l.startsWith('[dm bob]')) ?? '')![1]!;
    await herbs.as('dan').says(`/network join ${code}`);
    expect(await fruit.as('boss').says('/network leave')).toEqual([
      'This group left the network; its deals, orders and members stay here. Still linked: "veg", "herbs".',
      '"fruit" left the network: 2 groups remain linked.',
      '"fruit" left the network: 2 groups remain linked.',
    ]);
    expect([...t.store.tables.networks.values()]).toEqual([
      expect.objectContaining({ communityId: 'memory:veg', communityIds: ['memory:veg', 'memory:herbs'] }),
    ]);
    expect(await herbs.as('dan').reply('/network')).toContain('1. veg\n2. herbs (this group)');
  });

  it('GIVEN an open deal shared with the other group THEN leaving is refused with the deal to close first', async () => {
    await fruit.as('boss').says('/deal new "Durian" price=30 min=5 groups=all');
    const shared = t.store.tables.deals.get('memory:fruit#2')!;
    expect(shared.shareId).toBe(shared.id);
    const before = JSON.stringify([...t.store.tables.networks.values()]);
    expect(await veg.as('bob').reply('/network leave')).toBe(
      'This group has open shared deals: #2 Durian. Close or cancel them first (/deal close #N); nothing was changed.',
    );
    expect(JSON.stringify([...t.store.tables.networks.values()])).toBe(before);
    await fruit.as('boss').says('/deal cancel #2');
    expect(await veg.as('bob').says('/network leave')).toHaveLength(2);
    // The shared deal stays in each group's history, as it was.
    expect(t.store.tables.deals.get('memory:veg#2')).toMatchObject({
      shareId: shared.id,
      status: 'cancelled',
    });
  });
});
