import { describe, expect, it } from 'vitest';
import { isNotFound, toDeliveryError } from '../../../adapters/wechat/errors.js';
import {
  normalizeJoin,
  normalizeLeave,
  normalizeMessage,
  roleIn,
  stripMention,
  type WechatMessageData,
  type WechatRoomData,
} from '../../../adapters/wechat/normalize.js';
import { DeliveryError } from '../../../src/core/adapter.js';
import { splitText } from '../../../src/core/split-text.js';

const ROOM: WechatRoomData = {
  id: '20000001@chatroom',
  topic: '阳光小区团购',
  ownerId: 'wxid_owner',
  adminIds: ['wxid_admin'],
};
const ALICE = { id: 'wxid_alice', name: '爱丽丝' };
const AT = new Date('2026-11-25T08:00:00Z');

function message(extra: Partial<WechatMessageData> = {}): WechatMessageData {
  return {
    id: 'msg1',
    self: false,
    isText: true,
    text: '积分',
    talker: ALICE,
    room: ROOM,
    date: AT,
    ...extra,
  };
}

describe('WeChat normalize', () => {
  it('a room text message becomes a group MessageEvent with the room topic as title', () => {
    expect(normalizeMessage(message())).toEqual({
      type: 'message',
      id: 'msg1',
      chat: { platform: 'wechat', chatId: '20000001@chatroom', kind: 'group', title: '阳光小区团购' },
      sender: { id: 'wxid_alice', name: '爱丽丝', role: 'member' },
      text: '积分',
      at: '2026-11-25T08:00:00.000Z',
    });
  });

  it('a message without a room is a direct chat with the talker, and carries no role', () => {
    const event = normalizeMessage(message({ room: undefined, text: '/start' }));
    expect(event?.chat).toEqual({
      platform: 'wechat',
      chatId: 'wxid_alice',
      kind: 'direct',
      title: '爱丽丝',
    });
    expect(event?.sender).toEqual({ id: 'wxid_alice', name: '爱丽丝' });
  });

  it("the bot's own messages, non-text messages and empty texts are ignored", () => {
    expect(normalizeMessage(message({ self: true }))).toBeUndefined();
    expect(normalizeMessage(message({ isText: false }))).toBeUndefined();
    expect(normalizeMessage(message({ text: '   ' }))).toBeUndefined();
  });

  it('the room owner (群主) is owner, reported admins are admin, everyone else member', () => {
    expect(roleIn(ROOM, 'wxid_owner')).toBe('owner');
    expect(roleIn(ROOM, 'wxid_admin')).toBe('admin');
    expect(roleIn(ROOM, 'wxid_alice')).toBe('member');
    expect(roleIn({ id: 'r@chatroom', topic: 't' }, 'wxid_owner')).toBe('member');
    expect(normalizeMessage(message({ talker: { id: 'wxid_owner', name: '王姐' } }))?.sender.role).toBe(
      'owner',
    );
  });

  it('official accounts are bots', () => {
    const event = normalizeMessage(message({ talker: { id: 'gh_1', name: '某公众号', official: true } }));
    expect(event?.sender.isBot).toBe(true);
  });

  it('a leading @mention of the bot is trimmed; other text reaches the core untouched', () => {
    expect(stripMention('@tuanbot\u2005帮助', ['tuanbot'])).toBe('帮助');
    expect(stripMention('@团购助手 /lang en', ['团购助手', 'tuanbot'])).toBe('/lang en');
    expect(stripMention('@tuanbot', ['tuanbot'])).toBe('');
    expect(stripMention('@tuanbotx 帮助', ['tuanbot'])).toBe('@tuanbotx 帮助');
    expect(stripMention('@Alice 帮助', ['tuanbot'])).toBe('@Alice 帮助');
    expect(stripMention('积分 @tuanbot', ['tuanbot'])).toBe('积分 @tuanbot');
    expect(stripMention('@a.b* hi', ['a.b*'])).toBe('hi');
    expect(normalizeMessage(message({ text: '@tuanbot\u2005积分', selfNames: ['tuanbot'] }))?.text).toBe(
      '积分',
    );
  });

  it('a join gives one event per invitee, each crediting the inviter; the bot itself is skipped', () => {
    const bob = { id: 'wxid_bob', name: 'Bob' };
    const events = normalizeJoin(ROOM, [bob, { id: 'wxid_me', name: 'tuanbot' }], ALICE, AT, 'wxid_me');
    expect(events).toEqual([
      {
        type: 'member_joined',
        id: `wxid_bob@${AT.getTime()}`,
        chat: { platform: 'wechat', chatId: '20000001@chatroom', kind: 'group', title: '阳光小区团购' },
        member: { id: 'wxid_bob', name: 'Bob' },
        inviter: { id: 'wxid_alice', name: '爱丽丝' },
        at: '2026-11-25T08:00:00.000Z',
      },
    ]);
  });

  it('someone who joined by themselves (QR code) has no inviter', () => {
    const [event] = normalizeJoin(ROOM, [ALICE], ALICE, AT, 'wxid_me');
    expect(event?.inviter).toBeUndefined();
  });

  it('a leave names the remover only when someone else removed the member', () => {
    const [removed] = normalizeLeave(ROOM, [ALICE], { id: 'wxid_owner', name: '王姐' }, AT, 'wxid_me');
    expect(removed?.removedBy).toEqual({ id: 'wxid_owner', name: '王姐' });
    const [left] = normalizeLeave(ROOM, [ALICE], ALICE, AT, 'wxid_me');
    expect(left).toMatchObject({ type: 'member_left', member: { id: 'wxid_alice' } });
    expect(left?.removedBy).toBeUndefined();
    expect(normalizeLeave(ROOM, [{ id: 'wxid_me', name: 'tuanbot' }], ALICE, AT, 'wxid_me')).toEqual([]);
  });

  it('texts over the limit are split at line breaks, and a single long line hard', () => {
    expect(splitText('short', 10)).toEqual(['short']);
    expect(splitText('aaaa\nbbbb\ncccc', 9)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('unknown rooms, contacts and files are final delivery errors; puppet trouble is retryable', () => {
    expect(isNotFound(new Error('no payload found for id x@chatroom'))).toBe(true);
    expect(isNotFound(Object.assign(new Error('NOT_FOUND'), { code: 5 }))).toBe(true);
    expect(isNotFound(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).toBe(true);
    expect(toDeliveryError(new Error('MockRoom.load(): r not exist.'), 'send').retryable).toBe(false);
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14 });
    expect(toDeliveryError(unavailable, 'send').retryable).toBe(true);
    expect(toDeliveryError(new Error('socket hang up'), 'send').retryable).toBe(true);
    const already = new DeliveryError('x', false);
    expect(toDeliveryError(already, 'send')).toBe(already);
  });
});
