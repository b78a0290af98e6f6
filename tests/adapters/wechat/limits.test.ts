import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRef } from '../../../src/core/events.js';
import { WECHAT_LIMITS, WechatWorld, waitFor } from './harness.js';

/** The WeChat adapter against a mock puppet that refuses bursts the way WeChat restricts accounts. */
describe('WeChat: posting limits and the group commit', () => {
  let w: WechatWorld;
  beforeEach(async () => {
    w = await WechatWorld.create();
  });
  afterEach(async () => {
    await w.close();
  });

  const group = (roomId: string): ChatRef => ({ platform: 'wechat', chatId: roomId, kind: 'group' });

  it('the fake refuses a post within a second of the last, and an 11th in a minute', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    await w.adapter.send(group(room.id), { kind: 'text', text: '一' });
    await expect(w.adapter.send(group(room.id), { kind: 'text', text: '二' })).rejects.toMatchObject({
      retryable: true,
    });
    for (let i = 2; i <= WECHAT_LIMITS.perMinute; i++) {
      w.clock.advance(1_000);
      await w.adapter.send(group(room.id), { kind: 'text', text: `第${i}条` });
    }
    w.clock.advance(1_000);
    await expect(w.adapter.send(group(room.id), { kind: 'text', text: '太多了' })).rejects.toBeDefined();
    expect(w.restrictions.map((r) => r.reason)).toEqual(['gap', 'minute']);
  });

  it('replies the outbox paces through the adapter are never refused', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    for (let i = 0; i < 5; i++)
      w.bot.outbox.send(w.adapter, group(room.id), { kind: 'text', text: `第${i}条` });
    await waitFor(() => w.botSaid(room.id).length === 5, w.clock, 'five posts', 250);
    expect(w.restrictions).toEqual([]);
  });

  it('messages of two posts each are counted as two: six of them never put 11 posts in one minute', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    const line = '团'.repeat(1500);
    for (let i = 0; i < 6; i++)
      w.bot.outbox.send(w.adapter, group(room.id), { kind: 'text', text: `${line}\n${line}${i}` });
    await waitFor(() => w.botSaid(room.id).length === 12, w.clock, 'twelve posts', 1_000);
    expect(w.restrictions).toEqual([]);
    const times = w.botSaid(room.id).map((s) => s.at);
    // The 11th post waited for the first minute's budget to free up.
    expect(times[10]! - times[0]!).toBeGreaterThanOrEqual(60_000);
  });

  it('20 members ordering at once are all recorded, sharing journal writes instead of one each', async () => {
    const owner = w.contact('王姐');
    const members = Array.from({ length: 20 }, (_, i) => w.contact(`成员${i}`));
    const room = w.room('团购', [owner, ...members], owner);
    await w.login();
    owner.say('大家好').to(room);
    const recorded = (id: string) => w.store.tables.members.get(`wechat:${room.id}/${id}`);
    await waitFor(() => recorded(owner.id) !== undefined, w.clock, 'the first message');
    await w.store.flushed();
    const before = w.store.stats.writes;
    for (const member of members) member.say('+1').to(room);
    await waitFor(() => members.every((m) => recorded(m.id)), w.clock, 'all 20');
    await w.store.flushed();
    expect(w.store.stats.writes - before).toBeLessThan(members.length / 2);
  });
});
