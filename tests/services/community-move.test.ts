import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { moveCommunity, rewriteId } from '../../src/services/community-move.js';
import { liveRecordId } from '../../src/store/outbox-record.js';
import { type CollectionName, type Records, recordSchemas } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import type { Tx } from '../../src/store/tx.js';

/** A Telegram group upgraded to a supergroup: its community follows it to the new chat id. */

const OLD: ChatRef = { platform: 'telegram', chatId: '-4001', kind: 'group', title: 'Veggies' };
const NEW: ChatRef = { platform: 'telegram', chatId: '-1004001', kind: 'group', title: 'Veggies HQ' };
/** Another group whose id starts with the old one's: nothing of it may move. */
const NEIGHBOUR: ChatRef = { platform: 'telegram', chatId: '-40011', kind: 'group', title: 'Fruit' };
const OLD_ID = 'telegram:-4001';
const NEW_ID = 'telegram:-1004001';
const AT = '2026-11-25T08:00:00.000Z';
/** The old id as a whole segment (not the prefix of -40011). */
const OLD_SEGMENT = /telegram:-4001(?![0-9])/;

/** One record of community `c` (chat `chatId`) in every collection that belongs to a community. */
function populate(tx: Tx, c: string, chatId: string): void {
  const chat = { platform: 'telegram', chatId, kind: 'group' as const };
  const put = <K extends CollectionName>(name: K, record: Records[K]) => tx.put(name, record);
  put('communities', {
    id: c,
    platform: 'telegram',
    chatId,
    title: 'Veggies',
    locale: 'zh',
    timezone: 'Asia/Shanghai',
    createdAt: AT,
    settings: { currency: '$' },
  });
  put('members', {
    id: `${c}/7`,
    communityId: c,
    userId: '7',
    name: 'Alice',
    status: 'active',
    role: 'member',
    firstSeen: AT,
    lastMessageAt: AT,
    messageCount: 5,
    points: 12,
    streak: 2,
    invitedBy: '8',
  });
  put('deals', {
    id: `${c}#1`,
    communityId: c,
    no: 1,
    title: 'Mangoes',
    priceCents: 1000,
    min: 2,
    endsAt: '2026-11-27T08:00:00.000Z',
    options: [],
    optionPrices: {},
    optionStock: {},
    optionSold: {},
    status: 'open',
    createdAt: AT,
    createdBy: '8',
    sold: 2,
    buyers: 1,
    lines: 1,
    rosterMessageId: '55',
    points: [`${c}|p1`],
    // Made from a template, as a copy of another deal: both ids hold the community's.
    templateId: `${c}|mangoes`,
    copiedFrom: `${c}#0`,
    // An admin waiting to send its photos: a user id only, it moves with the deal as it is.
    photoWait: { by: '8', at: AT, until: '2026-11-25T10:10:00.000Z', taken: 0 },
  });
  put('templates', {
    id: `${c}|mangoes`,
    communityId: c,
    name: 'Mangoes',
    title: 'Mangoes',
    priceCents: 1000,
    min: 2,
    durationMs: 48 * 3_600_000,
    options: [],
    optionPrices: {},
    optionStock: {},
    photos: [],
    fromDealId: `${c}#1`,
    createdAt: AT,
    createdBy: '8',
    updatedAt: AT,
  });
  put('tickets', {
    id: `${c}|t1`,
    communityId: c,
    no: 1,
    dealId: `${c}#1`,
    orderId: `${c}#1/7`,
    userId: '7',
    name: 'Alice',
    reason: '坏了2个',
    askedCents: 500,
    photos: [],
    status: 'open',
    createdAt: AT,
    updatedAt: AT,
  });
  // The dashboard's access records (ids are hashes of secrets: only communityId names the group).
  put('dashboardLinks', {
    id: `link-${chatId.replace('-', 'n')}`,
    communityId: c,
    userId: '8',
    name: 'Boss',
    createdAt: AT,
    expiresAt: AT,
  });
  put('dashboardSessions', {
    id: `session-${chatId.replace('-', 'n')}`,
    communityId: c,
    platform: 'telegram',
    userId: '8',
    name: 'Boss',
    createdAt: AT,
    expiresAt: AT,
    checkedAt: AT,
  });
  put('apiTokens', {
    id: `token-${chatId.replace('-', 'n')}`,
    communityId: c,
    no: 1,
    label: 'sheets',
    createdBy: '8',
    createdByName: 'Boss',
    createdAt: AT,
    calls: 0,
  });
  // Consent ledger, subscriptions and offers (#22).
  put('consents', {
    id: `${c}/7|offers|1`,
    communityId: c,
    userId: '7',
    purpose: 'offers',
    granted: true,
    at: AT,
    version: '2026-12-01',
    via: 'subscribe',
    seq: 1,
  });
  put('subscriptions', {
    id: `${c}/7|水果`,
    communityId: c,
    userId: '7',
    category: '水果',
    key: '水果',
    createdAt: AT,
  });
  put('offers', {
    id: `${c}#1|7`,
    communityId: c,
    dealId: `${c}#1`,
    userId: '7',
    key: '水果',
    day: '2026-12-01',
    at: AT,
    state: 'reached',
  });
  // A network of groups started from this one (#22), and the code another group linked with.
  put('networks', {
    id: `${c}|net|1`,
    communityId: c,
    platform: 'telegram',
    communityIds: [c, 'telegram:-7000'],
    createdBy: '8',
    createdAt: AT,
  });
  put('communities', { ...tx.get('communities', c)!, networkId: `${c}|net|1` });
  put('networkInvites', {
    id: `K7PQ2M${chatId}`,
    communityId: c,
    createdBy: '8',
    createdAt: AT,
    expiresAt: AT,
    usedAt: AT,
    usedBy: 'telegram:-7000',
  });
  put('reviews', {
    id: `${c}#1/7`,
    communityId: c,
    dealId: `${c}#1`,
    templateId: `${c}|mangoes`,
    userId: '7',
    name: 'Alice',
    stars: 5,
    text: '很甜',
    createdAt: AT,
  });
  put('pickupPoints', {
    id: `${c}|p1`,
    communityId: c,
    no: 1,
    name: '东门驿站',
    times: '周六 10:00-12:00',
    window: { weekday: 6, start: '10:00', end: '12:00' },
    keeper: '8',
    verifiers: ['9'],
    status: 'active',
    createdAt: AT,
    createdBy: '8',
  });
  put('fulfilments', {
    id: `${c}#1|${c}|p1`,
    communityId: c,
    dealId: `${c}#1`,
    pointId: `${c}|p1`,
    state: 'arrived',
    arrivedAt: AT,
    arrived: { '': 2 },
    by: '8',
  });
  put('orders', {
    id: `${c}#1/7`,
    dealId: `${c}#1`,
    communityId: c,
    userId: '7',
    name: 'Alice',
    line: 1,
    qty: 2,
    sourceMessageId: `${chatId}:60`,
    unitPriceCents: 1000,
    discountCents: 0,
    pointsUsed: 0,
    pointsRevision: 0,
    status: 'active',
    createdAt: AT,
    updatedAt: AT,
  });
  put('ledger', {
    id: `checkin:${c}/7:2026-11-25`,
    communityId: c,
    userId: '7',
    delta: 12,
    reason: 'checkin',
    ref: `${c}#1/7`,
    at: AT,
  });
  put('ledgerRollups', {
    id: `${c}|2026-09-01|checkin`,
    communityId: c,
    day: '2026-09-01',
    reason: 'checkin',
    delta: 3,
    entries: 1,
  });
  put('invites', { id: `${c}|AB12`, communityId: c, userId: '7', code: 'AB12', createdAt: AT });
  put('referrals', {
    id: `${c}/9`,
    communityId: c,
    inviterId: '7',
    inviteeId: '9',
    source: 'code',
    status: 'pending',
    joinedAt: AT,
  });
  put('activity', { id: `${c}/7|2026-11-25`, communityId: c, userId: '7', day: '2026-11-25', messages: 5 });
  put('jobRuns', { id: `topic-prompt:${c}`, job: 'topic-prompt', communityId: c, lastSlot: AT, ranAt: AT });
  put('topics', {
    id: `${c}|1`,
    communityId: c,
    no: 1,
    text: 'Hi?',
    seq: 0,
    used: true,
    createdAt: AT,
    createdBy: '8',
  });
  put('topicState', { id: c, seeded: true, nextNo: 2, nextSeq: 1, posts: 1, lastPostId: `${c}|p1` });
  put('topicPosts', {
    id: `${c}|p1`,
    communityId: c,
    topicNo: 1,
    text: 'Hi?',
    postedAt: AT,
    windowEndsAt: AT,
    messageId: '77',
    participants: ['7'],
    settled: false,
    by: 'auto',
  });
  put('pruneExemptions', { id: `${c}/9`, communityId: c, userId: '9', by: '8', at: AT });
  put('pruneWarnings', {
    id: `${c}/7`,
    communityId: c,
    userId: '7',
    warnedAt: AT,
    deadline: AT,
    by: 'auto',
    status: 'pending',
  });
  put('audit', {
    id: `${c}|${AT}|exempted|9`,
    communityId: c,
    at: AT,
    action: 'exempted',
    userId: '9',
    name: 'Bo',
    by: '8',
  });
  put('waitlist', {
    id: `${c}#1|9|||granted`,
    communityId: c,
    dealId: `${c}#1`,
    userId: '9',
    name: 'Bo',
    qty: 1,
    seq: 1,
    status: 'granted',
    createdAt: AT,
    updatedAt: AT,
    grantedAt: AT,
    payBy: AT,
  });
  put('payments', {
    id: `charge:ch_7|${c}#1/7`,
    communityId: c,
    dealId: `${c}#1`,
    orderId: `${c}#1/7`,
    userId: '7',
    kind: 'payment',
    cents: 1000,
    method: 'telegram',
    chargeId: 'ch_7',
    by: 'platform',
    at: AT,
  });
  put('payNotices', {
    id: `${c}#1|remind`,
    communityId: c,
    dealId: `${c}#1`,
    step: 'remind',
    dueAt: AT,
    at: AT,
    told: ['7'],
    pending: [],
    unreachable: [],
  });
  put('pickupNotices', {
    id: `${c}#1|${c}|p1|${AT}`,
    communityId: c,
    dealId: `${c}#1`,
    pointId: `${c}|p1`,
    windowEnd: AT,
    dueAt: AT,
    at: AT,
    told: ['7'],
    pending: [],
    unreachable: [],
  });
  put('paymentInfo', {
    id: c,
    communityId: c,
    text: 'WeChat Pay to 13800000000',
    by: '8',
    at: AT,
    setupWait: { by: '8', at: AT },
  });
  put('reportDigests', { id: c, communityId: c, lastSlot: AT });
  put('chatMoves', { id: `telegram:-3${chatId}`, communityId: c, chatId, at: AT });
  put('arrivals', { id: c, communityId: c, at: AT, userIds: ['7'] });
  // Owed: an answer replying to a member's message, the deal's card, and a private message.
  put('outbox', {
    id: `m-${chatId}-1`,
    communityId: c,
    chat,
    kind: 'send',
    priority: 'reply',
    out: { kind: 'text', text: 'noted', replyTo: `${chatId}:60` },
    origin: { messageId: `${chatId}:60` },
    createdAt: AT,
  });
  put('outbox', {
    id: liveRecordId(chat, `deal:${c}#1`),
    communityId: c,
    chat,
    kind: 'live',
    priority: 'card',
    key: `deal:${c}#1`,
    messageId: '55',
    createdAt: AT,
  });
  put('outbox', {
    id: `m-${chatId}-dm`,
    communityId: c,
    userId: '7',
    chat: { platform: 'telegram', chatId: '7', kind: 'direct' },
    kind: 'send',
    priority: 'reply',
    out: { kind: 'text', text: 'your orders' },
    createdAt: AT,
  });
}

/** Every record of every collection (processed event ids aside) as text, for "no trace of the old id". */
function everything(store: Store): string[] {
  return (Object.keys(recordSchemas) as CollectionName[])
    .filter((name) => name !== 'seen')
    .flatMap((name) => [...store.tables[name].values()].map((r) => `${name} ${JSON.stringify(r)}`));
}

describe('moving a community to its chat new id', () => {
  let dir: string;
  let store: Store;
  const clock = new ManualClock(AT);
  const move = () => store.transact((tx) => moveCommunity(tx, OLD, NEW, clock.now())).value;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-move-'));
    store = await Store.open({ dir, clock });
    store.transact((tx) => {
      populate(tx, OLD_ID, OLD.chatId);
      populate(tx, `telegram:${NEIGHBOUR.chatId}`, NEIGHBOUR.chatId);
    });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the fixture covers every collection a community owns (add yours to populate())', () => {
    const owned = (Object.keys(recordSchemas) as CollectionName[]).filter((n) => n !== 'seen');
    const covered = owned.filter((name) =>
      [...store.tables[name].values()].some((r) => OLD_SEGMENT.test(JSON.stringify(r))),
    );
    expect(covered).toEqual(owned);
  });

  it('GIVEN the group is linked in a network WHEN it moves THEN the network lists it by its new id, and every linked group names the network', () => {
    store.transact((tx) => {
      tx.put('communities', {
        ...tx.get('communities', OLD_ID)!,
        id: 'telegram:-7000',
        chatId: '-7000',
        title: 'Herbs',
        networkId: `${OLD_ID}|net|1`,
      });
    });
    move();
    const network = store.tables.networks.get(`${NEW_ID}|net|1`);
    expect(network).toMatchObject({ communityId: NEW_ID, communityIds: [NEW_ID, 'telegram:-7000'] });
    expect(store.tables.networks.get(`${OLD_ID}|net|1`)).toBeUndefined();
    expect(store.tables.communities.get(NEW_ID)?.networkId).toBe(network!.id);
    expect(store.tables.communities.get('telegram:-7000')?.networkId).toBe(network!.id);
    // Linked, not the home: the home's network lists the new id; the code it used names it.
    store.transact((tx) => {
      tx.put('networks', { ...network!, id: 'telegram:-7000|net|1', communityId: 'telegram:-7000' });
      tx.delete('networks', network!.id);
      for (const id of [NEW_ID, 'telegram:-7000'])
        tx.put('communities', { ...tx.get('communities', id)!, networkId: 'telegram:-7000|net|1' });
      tx.put('networkInvites', { ...tx.get('networkInvites', 'K7PQ2M-4001')!, usedBy: NEW_ID });
    });
    const LATER: ChatRef = { platform: 'telegram', chatId: '-1009001', kind: 'group', title: 'Veggies 2' };
    store.transact((tx) => moveCommunity(tx, NEW, LATER, clock.now()));
    expect(store.tables.networks.get('telegram:-7000|net|1')?.communityIds).toEqual([
      'telegram:-1009001',
      'telegram:-7000',
    ]);
    expect(store.tables.communities.get('telegram:-1009001')?.networkId).toBe('telegram:-7000|net|1');
    expect(store.tables.networkInvites.get('K7PQ2M-4001')?.usedBy).toBe('telegram:-1009001');
  });

  it('GIVEN a community with deals, orders, points and owed messages WHEN its group moves THEN everything follows, in one transaction', async () => {
    const before = everything(store).length;
    const commits = store.stats.commits;
    const outcome = move();
    expect(outcome).toMatchObject({ kind: 'moved', from: OLD_ID, to: NEW_ID, merged: false });
    expect(store.stats.commits).toBe(commits + 1);
    // Nothing is left under the old id but the record that remembers the move.
    const left = everything(store).filter((r) => OLD_SEGMENT.test(r));
    expect(left).toEqual([
      expect.stringMatching(/^chatMoves \{"id":"telegram:-4001","communityId":"telegram:-1004001"/),
    ]);
    expect(everything(store)).toHaveLength(before + 1);
    // The neighbour whose id starts with the old one's is untouched.
    expect(store.tables.deals.get('telegram:-40011#1')?.rosterMessageId).toBe('55');

    const { tables } = store;
    expect(tables.communities.get(NEW_ID)).toMatchObject({
      chatId: NEW.chatId,
      title: 'Veggies HQ',
      locale: 'zh',
      settings: { currency: '$' },
    });
    expect(tables.members.get(`${NEW_ID}/7`)).toMatchObject({ points: 12, invitedBy: '8', messageCount: 5 });
    expect(tables.orders.get(`${NEW_ID}#1/7`)).toMatchObject({ dealId: `${NEW_ID}#1`, qty: 2 });
    // A check-in key holds the community: the same day in the new chat must not pay twice.
    expect(tables.ledger.get(`checkin:${NEW_ID}/7:2026-11-25`)).toMatchObject({ ref: `${NEW_ID}#1/7` });
    expect(tables.topicState.get(NEW_ID)?.lastPostId).toBe(`${NEW_ID}|p1`);
    expect(tables.chatMoves.get('telegram:-3-4001')?.communityId).toBe(NEW_ID);
    // Message ids of the old chat mean nothing in the new one.
    expect(tables.deals.get(`${NEW_ID}#1`)?.rosterMessageId).toBeUndefined();
    expect(tables.orders.get(`${NEW_ID}#1/7`)?.sourceMessageId).toBeUndefined();
    expect(tables.topicPosts.get(`${NEW_ID}|p1`)?.messageId).toBeUndefined();
  });

  it('owed messages go to the new chat, a card is posted afresh there, a private message stays private', () => {
    const { live } = move();
    const newChat = { platform: 'telegram', chatId: NEW.chatId, kind: 'group', title: 'Veggies HQ' };
    const answer = store.tables.outbox.get(`m-${OLD.chatId}-1`);
    expect(answer).toMatchObject({ communityId: NEW_ID, chat: newChat, out: { text: 'noted' } });
    expect(answer?.out).not.toHaveProperty('replyTo');
    expect(answer).not.toHaveProperty('origin');
    const card = store.tables.outbox.get(liveRecordId(newChat, `deal:${NEW_ID}#1`));
    expect(card).toMatchObject({ key: `deal:${NEW_ID}#1`, chat: newChat });
    expect(card?.messageId).toBeUndefined();
    expect(live).toEqual([card]);
    expect(store.tables.outbox.get(`m-${OLD.chatId}-dm`)).toMatchObject({
      communityId: NEW_ID,
      chat: { chatId: '7', kind: 'direct' },
    });
  });

  it('GIVEN the move happened WHEN the second signal arrives THEN nothing changes', () => {
    move();
    const after = everything(store);
    const commits = store.stats.commits;
    expect(move()).toEqual({ kind: 'already_moved', to: NEW_ID, live: [] });
    expect(store.stats.commits).toBe(commits);
    expect(everything(store)).toEqual(after);
  });

  it('GIVEN members spoke in the new chat before the move WHEN it moves THEN the two are merged', () => {
    store.transact((tx) => {
      tx.put('communities', {
        ...tx.get('communities', OLD_ID)!,
        id: NEW_ID,
        chatId: NEW.chatId,
        locale: 'en',
        settings: { 'points.checkin': '3' },
      });
      tx.put('members', {
        ...tx.get('members', `${OLD_ID}/7`)!,
        id: `${NEW_ID}/7`,
        communityId: NEW_ID,
        name: 'Alice W',
        messageCount: 2,
        points: 0,
        invitedBy: undefined,
        lastMessageAt: '2026-11-26T08:00:00.000Z',
      });
      tx.put('activity', {
        id: `${NEW_ID}/7|2026-11-25`,
        communityId: NEW_ID,
        userId: '7',
        day: '2026-11-25',
        messages: 2,
      });
    });
    expect(move()).toMatchObject({ kind: 'moved', merged: true });
    expect(store.tables.members.get(`${NEW_ID}/7`)).toMatchObject({
      name: 'Alice W',
      messageCount: 7,
      points: 12,
      invitedBy: '8',
      lastMessageAt: '2026-11-26T08:00:00.000Z',
    });
    expect(store.tables.activity.get(`${NEW_ID}/7|2026-11-25`)?.messages).toBe(7);
    // What the admins set up over the group's life wins; a setting made only in the new chat stays.
    expect(store.tables.communities.get(NEW_ID)).toMatchObject({
      locale: 'zh',
      settings: { currency: '$', 'points.checkin': '3' },
    });
  });

  it('GIVEN an admin sent /pay setup without text in the new chat WHEN the old community moves THEN its instructions are kept, not that wait', () => {
    store.transact((tx) => {
      tx.put('communities', { ...tx.get('communities', OLD_ID)!, id: NEW_ID, chatId: NEW.chatId });
      tx.put('paymentInfo', {
        id: NEW_ID,
        communityId: NEW_ID,
        text: '',
        by: '8',
        at: '2026-11-26T08:00:00.000Z',
        setupWait: { by: '8', at: '2026-11-26T08:00:00.000Z' },
      });
    });
    expect(move()).toMatchObject({ kind: 'moved', merged: true });
    expect(store.tables.paymentInfo.get(NEW_ID)?.text).toBe('WeChat Pay to 13800000000');
  });

  it('GIVEN the new chat has a deal #1 of its own WHEN the old community would move THEN nothing of it moves, and owed messages still leave the old chat', () => {
    store.transact((tx) => {
      tx.put('communities', { ...tx.get('communities', OLD_ID)!, id: NEW_ID, chatId: NEW.chatId });
      tx.put('deals', {
        ...tx.get('deals', `${OLD_ID}#1`)!,
        id: `${NEW_ID}#1`,
        communityId: NEW_ID,
        title: 'Pears',
      });
    });
    const outcome = move();
    expect(outcome).toMatchObject({ kind: 'refused', collisions: [`deals/${NEW_ID}#1`] });
    expect(store.tables.deals.get(`${OLD_ID}#1`)?.title).toBe('Mangoes');
    expect(store.tables.deals.get(`${NEW_ID}#1`)?.title).toBe('Pears');
    expect(store.tables.orders.get(`${OLD_ID}#1/7`)).toBeDefined();
    expect(store.tables.chatMoves.get(OLD_ID)).toBeUndefined();
    // The old id refuses everything: the answer goes to the new chat, still owed for the old community.
    expect(store.tables.outbox.get(`m-${OLD.chatId}-1`)).toMatchObject({
      communityId: OLD_ID,
      chat: { chatId: NEW.chatId },
    });
  });

  it('GIVEN no community in the old chat THEN what was owed there is re-addressed, and the move is remembered', () => {
    store.transact((tx) => {
      for (const name of Object.keys(recordSchemas) as CollectionName[])
        for (const r of [...tx.tables[name].values()])
          if (OLD_SEGMENT.test(JSON.stringify(r)) && name !== 'outbox') tx.delete(name, r.id);
    });
    expect(move()).toMatchObject({ kind: 'no_community', to: NEW_ID });
    expect(store.tables.outbox.get(`m-${OLD.chatId}-1`)?.chat.chatId).toBe(NEW.chatId);
    expect(move()).toMatchObject({ kind: 'already_moved' });
  });

  it('rewrites the community id only as a whole segment', () => {
    expect(rewriteId('order:telegram:-4001#1/7', OLD_ID, NEW_ID)).toBe('order:telegram:-1004001#1/7');
    expect(rewriteId('telegram:-4001|p1', OLD_ID, NEW_ID)).toBe('telegram:-1004001|p1');
    expect(rewriteId('topic-prompt:telegram:-4001', OLD_ID, NEW_ID)).toBe('topic-prompt:telegram:-1004001');
    expect(rewriteId('telegram:-40011#1', OLD_ID, NEW_ID)).toBe('telegram:-40011#1');
    expect(rewriteId('award:-4001:55', OLD_ID, NEW_ID)).toBe('award:-4001:55');
  });
});
