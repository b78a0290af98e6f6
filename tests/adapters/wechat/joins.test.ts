import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { mock } from 'wechaty-puppet-mock';
import { silentLogger } from '../../../src/core/logger.js';
import { WechatWorld, waitFor } from './harness.js';

const DONE = '谢谢！已记录你的邀请人：Alice。';
const NOT_NEW = '邀请码只适用于新入群的成员。';

describe('WeChat joins as puppets report them (or do not)', () => {
  let w: WechatWorld;
  beforeEach(async () => {
    w = await WechatWorld.create();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await w.close();
  });

  const member = (roomId: string, userId: string) => w.store.tables.members.get(`wechat:${roomId}/${userId}`);
  const referral = (roomId: string, userId: string) =>
    w.store.tables.referrals.get(`wechat:${roomId}/${userId}`);

  /** What the bot answers in the room when `who` says `text`. */
  async function answer(
    who: mock.ContactMock,
    room: mock.RoomMock,
    text: string,
  ): Promise<string | undefined> {
    const before = w.botSaid(room.id).length;
    who.say(text).to(room);
    return (await w.botSays(room.id, before + 1)).at(-1)?.text;
  }

  /** Alice asks for her invite code; returns it once the bot has answered. */
  async function codeOf(alice: mock.ContactMock, room: mock.RoomMock): Promise<string> {
    await answer(alice, room, '/invite');
    return [...w.store.tables.invites.values()].find((i) => i.userId === alice.id)!.code;
  }

  it('GIVEN QR-code joins, reported without an inviter or lost as an error THEN both newcomers can name their inviter with a code', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const bob = w.contact('Bob');
    const carol = w.contact('Carol');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();
    const code = await codeOf(alice, room);

    w.joinByQrCode(room, bob); // a room-join naming nobody else as inviter
    w.joinUnreported(room, carol); // wechaty emits an error; no room-join at all
    expect(await answer(bob, room, `/ref ${code}`)).toBe(DONE);
    expect(await answer(carol, room, `/ref ${code}`)).toBe(DONE);
    // In the room before the bot started: not new.
    expect(await answer(owner, room, `/ref ${code}`)).toBe(NOT_NEW);
    expect(referral(room.id, carol.id)).toMatchObject({
      inviterId: alice.id,
      source: 'code',
      status: 'pending',
    });
    expect(member(room.id, carol.id)?.joinedAt).toBeDefined();
    expect(referral(room.id, owner.id)).toBeUndefined();
  });

  it('GIVEN the bot is added to a room with members THEN they are not new, while someone who came in after it is', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const dan = w.contact('Dan');
    const erin = w.contact('Erin');
    await w.login();
    const room = w.room('新团购群', [owner, alice, dan], owner, false);
    await w.addBot(room, owner);
    const code = await codeOf(alice, room);

    w.joinUnreported(room, erin);
    expect(await answer(dan, room, `/ref ${code}`)).toBe(NOT_NEW);
    expect(await answer(erin, room, `/ref ${code}`)).toBe(DONE);
    expect(member(room.id, dan.id)?.joinedAt).toBeUndefined();
  });

  it("GIVEN a puppet that lists a room before it has synced it (without the bot's account) THEN that list is not kept but logged, and nobody on the whole list is new", async () => {
    const warn = vi.spyOn(silentLogger, 'warn');
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const bob = w.contact('Bob');
    const room = w.room('团购', [owner, alice, bob], owner);
    const wholeList = w.puppet.roomMemberList.bind(w.puppet);
    let synced = false;
    // Not synced yet: only the owner is known.
    w.puppet.roomMemberList = async (roomId) => (synced ? wholeList(roomId) : [owner.id]);
    w.mocker.login(w.me);
    await waitFor(() => w.puppet.isLoggedIn, undefined, 'login');
    w.puppet.emit('ready', { data: 'ready' });
    const incomplete = () =>
      warn.mock.calls.filter(([, message]) => String(message).includes('without the bot')).length;
    await waitFor(() => incomplete() === 1, w.clock, 'the incomplete list logged');
    expect(w.listed(room.id)).toBe(false);

    const code = await codeOf(alice, room); // asked again before Alice's message: still incomplete
    expect(await answer(bob, room, `/ref ${code}`)).toBe(NOT_NEW);
    expect(w.listed(room.id)).toBe(false);
    expect(incomplete()).toBe(1); // logged once a room

    synced = true;
    await answer(owner, room, '/invite');
    expect(w.store.tables.arrivals.get(`wechat:${room.id}`)?.userIds.sort()).toEqual(
      [w.me.id, owner.id, alice.id, bob.id].sort(),
    );
    expect(await answer(bob, room, `/ref ${code}`)).toBe(NOT_NEW);
    expect(referral(room.id, bob.id)).toBeUndefined();
  });

  it('GIVEN the bot account adds someone THEN the bot is credited nothing and the newcomer can still give a code', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const bob = w.contact('Bob');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();
    room.add(bob).by(w.me);
    await waitFor(() => member(room.id, bob.id) !== undefined, w.clock, 'bob recorded');
    expect(member(room.id, bob.id)).toMatchObject({ status: 'active', invitedBy: undefined });
    expect(member(room.id, bob.id)?.joinedAt).toBeDefined();
    expect(referral(room.id, bob.id)).toBeUndefined();

    const code = await codeOf(alice, room);
    expect(await answer(bob, room, `/ref ${code}`)).toBe(DONE);
  });
});
