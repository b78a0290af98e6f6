import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { recordArrival, recordMessage } from '../../src/services/members.js';
import { attributeCode, ensureInvite } from '../../src/services/referrals.js';
import type { Community } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';

describe('first sight: a member the bot first sees after it arrived is new', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let community: Community;

  const speaks = (userId: string) =>
    store.transact((tx) => recordMessage(tx, community, { id: userId, name: userId }, 'member', clock.now()))
      .value;
  const listed = (userIds: string[]) =>
    store.transact((tx) => recordArrival(tx, community.id, userIds, clock.now())).value;
  const redeem = (userId: string) =>
    store.transact((tx) => {
      const invite = ensureInvite(tx, community, 'alice', clock.now());
      const member = tx.get('members', `${community.id}/${userId}`)!;
      return attributeCode(tx, community, member, invite.code, clock.now());
    }).value;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-members-'));
    clock = new ManualClock('2026-11-25T08:00:00Z');
    store = await Store.open({ dir, clock });
    community = store.transact((tx) =>
      tx.put('communities', {
        id: 'wechat:room',
        platform: 'wechat',
        chatId: 'room',
        title: 'room',
        locale: 'zh',
        timezone: 'Asia/Shanghai',
        createdAt: clock.now().toISOString(),
        settings: {},
      }),
    ).value;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN the member list at arrival WHEN someone not on it speaks THEN they joined then and a code works; those on it are not new', () => {
    // No list yet (a platform that reports its joins): an unknown sender was already there.
    expect(speaks('zoe').joinedAt).toBeUndefined();
    expect(redeem('zoe')).toEqual({ kind: 'not_new' });

    listed(['alice', 'dan']);
    clock.advance(3_600_000);
    const carol = speaks('carol');
    expect(carol.joinedAt).toBe(clock.now().toISOString());
    expect(carol.firstSeen).toBe(carol.joinedAt);
    expect(redeem('carol')).toMatchObject({ kind: 'attributed', inviter: 'alice' });
    expect(store.tables.referrals.get(`${community.id}/carol`)).toMatchObject({ status: 'pending' });
    // Dan was in the room before the bot, and speaks for the first time only now.
    expect(speaks('dan').joinedAt).toBeUndefined();
    expect(redeem('dan')).toEqual({ kind: 'not_new' });
  });

  it('only the first list counts: a later one (a restart) cannot make a newcomer an old member', () => {
    listed(['alice']);
    clock.advance(60_000);
    expect(listed(['alice', 'carol']).userIds).toEqual(['alice']);
    expect(speaks('carol').joinedAt).toBeDefined();
  });
});
