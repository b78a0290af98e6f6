import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRef } from '../../../src/core/events.js';
import { WechatWorld } from './harness.js';

/**
 * Where room members stand, as pruning asks it: read from the room as WeChat has it now (owner,
 * admins, member list), not from what the bot last saw in a message or a room event.
 */
describe('WeChat adapter: memberStanding on wechaty with the mock puppet', () => {
  let w: WechatWorld;
  beforeEach(async () => {
    w = await WechatWorld.create();
  });
  afterEach(async () => {
    await w.close();
  });

  it('GIVEN Alice was made a room admin and Carol left, both without an event THEN the room says so: admin, gone; Dave a member, the 群主 the owner', async () => {
    const owner = w.contact('王姐');
    const [alice, carol, dave] = ['Alice', 'Carol', 'Dave'].map((name) => w.contact(name));
    const room = w.room('团购', [owner, alice!, carol!, dave!], owner);
    await w.login();
    const chat: ChatRef = { platform: 'wechat', chatId: room.id, kind: 'group' };
    // Read once while all were there, so the room (and its payload) is in wechaty's cache.
    expect(Object.fromEntries(await w.adapter.memberStanding(chat, [alice!.id, carol!.id]))).toEqual({
      [alice!.id]: 'member',
      [carol!.id]: 'member',
    });
    w.makeAdmin(room, alice!);
    w.leaveUnseen(room, carol!);
    const standing = await w.adapter.memberStanding(chat, [alice!.id, carol!.id, dave!.id, owner.id]);
    expect(Object.fromEntries(standing)).toEqual({
      [alice!.id]: 'admin',
      [carol!.id]: 'gone',
      [dave!.id]: 'member',
      [owner.id]: 'owner',
    });
  });
});
