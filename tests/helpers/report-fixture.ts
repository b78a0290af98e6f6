import { buildReport, type Report } from '../../src/services/report.js';
import {
  type Community,
  type Deal,
  type LedgerEntry,
  type Member,
  type Order,
  OrderSchema,
  type Payment,
  type Referral,
} from '../../src/store/schema.js';
import { createTables, type Tables } from '../../src/store/tables.js';

/**
 * A community with hand-placed records and known report answers (see tests/services/report.test.ts).
 * Timezone Asia/Shanghai (UTC+8); now = 2026-11-25 16:00 local. For `7d` the current days are
 * 11-19 … 11-25 (from 2026-11-18T16:00Z) and the previous ones 11-12 … 11-18.
 */
export const NOW = new Date('2026-11-25T08:00:00.000Z');
export const CID = 'memory:main';

export const community: Community = {
  id: CID,
  platform: 'memory',
  chatId: 'main',
  title: 'main',
  locale: 'en',
  timezone: 'Asia/Shanghai',
  createdAt: '2026-09-01T00:00:00.000Z',
  settings: {},
};

function member(userId: string, extra: Partial<Member>): Member {
  return {
    id: `${CID}/${userId}`,
    communityId: CID,
    userId,
    name: userId,
    status: 'active',
    role: 'member',
    firstSeen: extra.joinedAt ?? '2026-09-01T00:00:00.000Z',
    messageCount: 0,
    points: 0,
    streak: 0,
    ...extra,
  };
}

function deal(no: number, title: string, status: Deal['status'], extra: Partial<Deal>): Deal {
  return {
    id: `${CID}#${no}`,
    communityId: CID,
    no,
    title,
    priceCents: 1000,
    min: 1,
    endsAt: '2026-11-30T00:00:00.000Z',
    options: [],
    optionPrices: {},
    optionStock: {},
    optionSold: {},
    status,
    createdAt: '2026-11-19T01:00:00.000Z',
    createdBy: 'owner',
    sold: 0,
    buyers: 0,
    lines: 0,
    ...extra,
  };
}

function order(
  no: number,
  userId: string,
  qty: number,
  price: number,
  at: string,
  extra: Partial<Order> = {},
): Order {
  // Parsed, so fields other features add with a default are filled in.
  return OrderSchema.parse({
    id: `${CID}#${no}/${userId}`,
    dealId: `${CID}#${no}`,
    communityId: CID,
    userId,
    name: userId,
    line: 1,
    qty,
    unitPriceCents: price,
    discountCents: 0,
    pointsUsed: 0,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    ...extra,
  });
}

let ledgerSeq = 0;
function entry(userId: string, delta: number, reason: LedgerEntry['reason'], at: string): LedgerEntry {
  return { id: `l${++ledgerSeq}`, communityId: CID, userId, delta, reason, at };
}

function referral(inviteeId: string, inviterId: string, extra: Partial<Referral>): Referral {
  return {
    id: `${CID}/${inviteeId}`,
    communityId: CID,
    inviterId,
    inviteeId,
    source: 'link',
    status: 'pending',
    joinedAt: '2026-11-20T02:00:00.000Z',
    ...extra,
  };
}

let paymentSeq = 0;
function payment(
  no: number,
  userId: string,
  kind: Payment['kind'],
  cents: number,
  method: Payment['method'],
  at: string,
  extra: Partial<Payment> = {},
): Payment {
  const orderId = `${CID}#${no}/${userId}`;
  return {
    id: `${orderId}|${kind}|${++paymentSeq}`,
    communityId: CID,
    dealId: `${CID}#${no}`,
    orderId,
    userId,
    kind,
    cents,
    method,
    by: 'owner',
    at,
    ...extra,
  };
}

/**
 * Fills tables (fresh ones by default) with the fixture. Money (7d): collected ¥18 confirmed + ¥10
 * marked + ¥5 in Telegram (previous: ¥21 confirmed); refunds ¥3 off alice's mangoes (one short) and
 * ¥4 of dave's ¥10 on the failed durian (previous: ¥7 off the old honey); bob still owes ¥10; dave
 * is owed ¥6 on the durian and ¥50 on his withdrawn mango line, paid before amounts were kept.
 */
export function fillReportFixture(tables: Tables = createTables()): Tables {
  const put = <T extends { id: string }>(table: { put(row: T): unknown }, rows: T[]) => {
    for (const row of rows) table.put(Object.freeze(row));
  };
  put(tables.communities, [community]);
  put(tables.members, [
    member('owner', { role: 'owner', lastMessageAt: '2026-11-25T07:00:00.000Z' }),
    member('alice', { joinedAt: '2026-11-13T02:00:00.000Z', invitedBy: 'owner' }),
    member('bob', { joinedAt: '2026-11-20T02:00:00.000Z', invitedBy: 'alice' }),
    // One second before the 7d period starts (11-18 23:59:59 local), and exactly at its start.
    member('carol', { joinedAt: '2026-11-18T15:59:59.000Z' }),
    member('dave', { joinedAt: '2026-11-18T16:00:00.000Z', invitedBy: 'alice' }),
    member('erin', {
      firstSeen: '2026-09-02T00:00:00.000Z',
      status: 'left',
      leftAt: '2026-11-21T00:00:00.000Z',
    }),
    member('frank', {
      firstSeen: '2026-09-02T00:00:00.000Z',
      status: 'removed',
      leftAt: '2026-11-14T00:00:00.000Z',
    }),
    member('zed', { lastMessageAt: '2026-09-05T00:00:00.000Z' }),
  ]);
  put(
    tables.activity,
    (
      [
        ['owner', '2026-11-25', 3],
        ['owner', '2026-11-12', 2],
        ['alice', '2026-11-19', 5],
        ['alice', '2026-11-18', 1],
        ['bob', '2026-11-20', 2],
        ['zed', '2026-09-05', 1],
      ] as const
    ).map(([userId, day, messages]) => ({
      id: `${CID}/${userId}|${day}`,
      communityId: CID,
      userId,
      day,
      messages,
    })),
  );
  put(tables.deals, [
    deal(1, 'Mangoes', 'closed', {
      formedAt: '2026-11-19T03:00:00.000Z',
      closedAt: '2026-11-21T00:00:00.000Z',
    }),
    deal(2, 'Tea', 'succeeded', {
      priceCents: 500,
      createdAt: '2026-11-21T00:00:00.000Z',
      formedAt: '2026-11-22T00:00:00.000Z',
    }),
    deal(3, 'Durian', 'failed', {
      min: 5,
      createdAt: '2026-11-22T00:00:00.000Z',
      closedAt: '2026-11-24T00:00:00.000Z',
    }),
    deal(4, 'Old honey', 'closed', {
      priceCents: 700,
      createdAt: '2026-11-12T00:00:00.000Z',
      formedAt: '2026-11-12T05:00:00.000Z',
      closedAt: '2026-11-14T00:00:00.000Z',
    }),
    deal(5, 'Cancelled rice', 'cancelled', {
      createdAt: '2026-11-23T00:00:00.000Z',
      closedAt: '2026-11-23T10:00:00.000Z',
    }),
  ]);
  put(tables.orders, [
    order(1, 'alice', 2, 1000, '2026-11-19T02:00:00.000Z', {
      discountCents: 200,
      pointsUsed: 200,
      paidCents: 1800,
      paidAt: '2026-11-20T00:00:00.000Z',
      refundedCents: 300,
      allowanceCents: 300,
      refundedAt: '2026-11-22T00:00:00.000Z',
    }),
    order(1, 'bob', 1, 1000, '2026-11-20T03:00:00.000Z'),
    // Marked paid before amounts were kept (paidAt, no paidCents, no entry), then withdrawn.
    order(1, 'dave', 5, 1000, '2026-11-19T05:00:00.000Z', {
      status: 'cancelled',
      paidAt: '2026-11-19T06:00:00.000Z',
    }),
    order(2, 'alice', 1, 500, '2026-11-21T01:00:00.000Z', {
      paidCents: 500,
      paidAt: '2026-11-23T00:00:00.000Z',
    }),
    order(3, 'dave', 1, 1000, '2026-11-22T05:00:00.000Z', {
      paidCents: 1000,
      paidAt: '2026-11-22T06:00:00.000Z',
      refundedCents: 400,
      refundedAt: '2026-11-24T02:00:00.000Z',
    }),
    order(4, 'owner', 3, 700, '2026-11-12T04:00:00.000Z', {
      paidCents: 2100,
      paidAt: '2026-11-13T00:00:00.000Z',
      refundedCents: 700,
      allowanceCents: 700,
      refundedAt: '2026-11-14T00:00:00.000Z',
    }),
  ]);
  put(tables.payments, [
    payment(4, 'owner', 'payment', 2100, 'confirmed', '2026-11-13T00:00:00.000Z'),
    payment(4, 'owner', 'refund', 700, 'recorded', '2026-11-14T00:00:00.000Z', { allowanceCents: 700 }),
    payment(1, 'alice', 'payment', 1800, 'confirmed', '2026-11-20T00:00:00.000Z'),
    payment(1, 'alice', 'refund', 300, 'recorded', '2026-11-22T00:00:00.000Z', { allowanceCents: 300 }),
    payment(3, 'dave', 'payment', 1000, 'marked', '2026-11-22T06:00:00.000Z'),
    payment(2, 'alice', 'payment', 500, 'telegram', '2026-11-23T00:00:00.000Z', { chargeId: 'ch_1' }),
    payment(3, 'dave', 'refund', 400, 'recorded', '2026-11-24T02:00:00.000Z', { reason: 'failed' }),
  ]);
  put(tables.referrals, [
    referral('alice', 'owner', {
      status: 'qualified',
      joinedAt: '2026-11-13T02:00:00.000Z',
      decidedAt: '2026-11-16T00:00:00.000Z',
    }),
    referral('bob', 'alice', { status: 'qualified', decidedAt: '2026-11-23T00:00:00.000Z' }),
    referral('dave', 'alice', { joinedAt: '2026-11-18T16:00:00.000Z' }),
    referral('ghost', 'alice', {
      status: 'rejected',
      reason: 'bot',
      joinedAt: '2026-11-21T00:00:00.000Z',
      decidedAt: '2026-11-21T00:00:00.000Z',
    }),
  ]);
  put(
    tables.invites,
    (
      [
        ['alice', 'A1', '2026-11-12T00:00:00.000Z'],
        ['alice', 'A2', '2026-11-19T00:00:00.000Z'],
        ['owner', 'O1', '2026-11-20T00:00:00.000Z'],
      ] as const
    ).map(([userId, code, createdAt]) => ({
      id: `${CID}|${code}`,
      communityId: CID,
      userId,
      code,
      createdAt,
    })),
  );
  put(tables.ledger, [
    entry('owner', 1, 'checkin', '2026-11-12T05:00:00.000Z'),
    entry('owner', 5, 'referral_join', '2026-11-16T00:00:00.000Z'),
    entry('alice', 10, 'welcome', '2026-11-19T00:00:00.000Z'),
    entry('alice', 300, 'award', '2026-11-19T01:00:00.000Z'),
    entry('alice', -200, 'redeem', '2026-11-19T02:00:00.000Z'),
    entry('bob', 10, 'welcome', '2026-11-23T00:00:00.000Z'),
    entry('bob', -5, 'redeem', '2026-11-23T01:00:00.000Z'),
    entry('bob', 5, 'refund', '2026-11-24T00:00:00.000Z'),
    entry('owner', -2, 'deduct', '2026-11-24T00:00:00.000Z'),
  ]);
  return tables;
}

/** The fixture's 7-day report, the community titled `title` (long names, Chinese names). */
export function fixtureReport(title = community.title): Report {
  const outcome = buildReport(fillReportFixture(), { ...community, title }, '7d', NOW);
  if (outcome.kind !== 'report') throw new Error(outcome.kind);
  return outcome.report;
}
