import { buildReport, type Report } from '../../../src/services/report.js';
import {
  type Activity,
  type Community,
  type Deal,
  type LedgerEntry,
  type Member,
  OrderSchema,
  type Referral,
  type TopicState,
} from '../../../src/store/schema.js';
import { createTables, type Tables } from '../../../src/store/tables.js';
import type { Tx } from '../../../src/store/tx.js';

/**
 * Worlds built to fire (or, just short, not fire) each suggestion rule of /report. Timezone
 * Asia/Shanghai (UTC+8); now = 2026-11-25 16:00 local. For `7d` the current days are 11-19 … 11-25
 * (from 2026-11-18T16:00Z), the previous ones 11-12 … 11-18. The base has 12 members (m01 … m12)
 * who, with the owner, wrote on 11-16 and 11-24 (no hours kept): both periods have 13 active members.
 */
export const NOW = new Date('2026-11-25T08:00:00.000Z');
export const START = NOW.toISOString();
export const CID = 'memory:main';

type Row =
  | { table: 'communities'; row: Community }
  | { table: 'members'; row: Member }
  | { table: 'activity'; row: Activity }
  | { table: 'deals'; row: Deal }
  | { table: 'orders'; row: ReturnType<typeof OrderSchema.parse> }
  | { table: 'referrals'; row: Referral }
  | { table: 'ledger'; row: LedgerEntry }
  | { table: 'topicState'; row: TopicState };

export const BASE_MEMBERS = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

export class World {
  readonly rows: Row[] = [];
  private ledgerSeq = 0;

  constructor(locale: 'en' | 'zh' = 'en', createdAt = '2026-09-01T00:00:00.000Z') {
    this.rows.push({
      table: 'communities',
      row: {
        id: CID,
        platform: 'memory',
        chatId: 'main',
        title: 'main',
        locale,
        timezone: 'Asia/Shanghai',
        createdAt,
        settings: {},
      },
    });
    this.member('owner', { role: 'owner' });
  }

  /** Leaves out the activity buckets of these members (fewer active members). */
  silence(userIds: string[], day?: string): this {
    const kept = this.rows.filter(
      (r) =>
        !(
          r.table === 'activity' &&
          userIds.includes(r.row.userId) &&
          (day === undefined || r.row.day === day)
        ),
    );
    this.rows.splice(0, this.rows.length, ...kept);
    return this;
  }

  /** The base: 12 members active in both periods. */
  static base(locale: 'en' | 'zh' = 'en'): World {
    const world = new World(locale);
    for (const id of ['owner', ...BASE_MEMBERS]) {
      if (id !== 'owner') world.member(id);
      world.talk(id, '2026-11-16', 1);
      world.talk(id, '2026-11-24', 1);
    }
    return world;
  }

  member(userId: string, extra: Partial<Member> = {}): this {
    this.rows.push({
      table: 'members',
      row: {
        id: `${CID}/${userId}`,
        communityId: CID,
        userId,
        name: userId,
        status: 'active',
        role: 'member',
        firstSeen: '2026-09-01T00:00:00.000Z',
        messageCount: 0,
        points: 0,
        streak: 0,
        ...extra,
      },
    });
    return this;
  }

  /** `messages` on a local day; with `hour`, all of them in that local hour (Activity.hours). */
  talk(userId: string, day: string, messages: number, hour?: number): this {
    // The member record moves with it, as recordMessage moves it (the tier line reads lastMessageAt).
    const at = `${day}T${String(((hour ?? 12) + 16) % 24).padStart(2, '0')}:00:00.000Z`;
    const member = this.rows.find((r) => r.table === 'members' && r.row.userId === userId);
    if (member?.table === 'members' && (member.row.lastMessageAt ?? '') < at)
      member.row = { ...member.row, lastMessageAt: at };
    const hours =
      hour === undefined ? undefined : Array.from({ length: 24 }, (_, h) => (h === hour ? messages : 0));
    this.rows.push({
      table: 'activity',
      row: {
        id: `${CID}/${userId}|${day}`,
        communityId: CID,
        userId,
        day,
        messages,
        ...(hours ? { hours } : {}),
      },
    });
    return this;
  }

  deal(no: number, status: Deal['status'], extra: Partial<Deal> = {}): this {
    this.rows.push({
      table: 'deals',
      row: {
        id: `${CID}#${no}`,
        communityId: CID,
        no,
        title: `Deal ${no}`,
        priceCents: 1000,
        min: 1,
        endsAt: '2026-11-30T00:00:00.000Z',
        options: [],
        optionPrices: {},
        optionStock: {},
        optionSold: {},
        status,
        createdAt: '2026-11-20T02:00:00.000Z',
        createdBy: 'owner',
        sold: 0,
        buyers: 0,
        lines: 0,
        ...extra,
      },
    });
    return this;
  }

  order(no: number, userId: string, at: string): this {
    this.rows.push({
      table: 'orders',
      row: OrderSchema.parse({
        id: `${CID}#${no}/${userId}`,
        dealId: `${CID}#${no}`,
        communityId: CID,
        userId,
        name: userId,
        line: 1,
        qty: 1,
        unitPriceCents: 1000,
        discountCents: 0,
        pointsUsed: 0,
        status: 'active',
        createdAt: at,
        updatedAt: at,
      }),
    });
    return this;
  }

  referral(inviteeId: string, inviterId: string, status: Referral['status'] = 'qualified'): this {
    this.rows.push({
      table: 'referrals',
      row: {
        id: `${CID}/${inviteeId}`,
        communityId: CID,
        inviterId,
        inviteeId,
        source: 'link',
        status,
        joinedAt: '2026-11-19T02:00:00.000Z',
        decidedAt: '2026-11-22T00:00:00.000Z',
      },
    });
    return this;
  }

  points(userId: string, delta: number, reason: LedgerEntry['reason'], at: string): this {
    this.rows.push({
      table: 'ledger',
      row: { id: `w${++this.ledgerSeq}`, communityId: CID, userId, delta, reason, at },
    });
    return this;
  }

  topicsScheduled(): this {
    this.rows.push({
      table: 'topicState',
      row: {
        id: CID,
        seeded: true,
        nextNo: 1,
        nextSeq: 0,
        posts: 0,
        cron: '0 20 * * *',
        cronSince: '2026-09-02T00:00:00.000Z',
      },
    });
    return this;
  }

  tables(): Tables {
    const tables = createTables();
    for (const { table, row } of this.rows) (tables[table] as unknown as { put(r: unknown): void }).put(row);
    return tables;
  }

  /** Puts the world into a running bot's store (either engine). */
  putInto(tx: Tx): void {
    for (const { table, row } of this.rows) tx.put(table, row as never);
  }

  report(period = '7d', now = NOW): Report {
    const tables = this.tables();
    const outcome = buildReport(tables, tables.communities.get(CID)!, period, now);
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    return outcome.report;
  }
}

/** The rules that fired in a report. */
export function rules(report: Report): string[] {
  return report.suggestions.kind === 'ok' ? report.suggestions.items.map((s) => s.rule) : [];
}

/** One rule's suggestion (failing when it did not fire). */
export function suggestion<R extends string>(report: Report, rule: R) {
  if (report.suggestions.kind !== 'ok') throw new Error('thin');
  const found = report.suggestions.items.find((s) => s.rule === rule);
  if (!found) throw new Error(`${rule} did not fire: ${rules(report).join(', ')}`);
  return found;
}

// The scenarios: each adds what makes its rule fire; `short` builds it just short of the threshold.

/** 60 messages at 20:00 on 11-23 (5 per member); three deals opened at 10:00 (#1 … #3), `inPeak` of them at 20:00. */
export function offPeakDeals(world: World, inPeak = 0, messagesEach = 5): World {
  for (const id of BASE_MEMBERS) world.talk(id, '2026-11-23', messagesEach, 20);
  for (const [i, day] of ['20', '21', '22'].entries()) {
    const hour = i < inPeak ? '12' : '02'; // 20:00 or 10:00 local
    world.deal(i + 1, 'open', { createdAt: `2026-11-${day}T${hour}:00:00.000Z` });
  }
  return world;
}

/** Deal #4 failed on 11-22 with `buyers` of 5 buyers, open 48 hours. */
export function nearMissDeal(world: World, buyers = 4): World {
  world.deal(4, 'failed', {
    min: 5,
    buyers,
    createdAt: '2026-11-20T02:00:00.000Z',
    closedAt: '2026-11-22T02:00:00.000Z',
  });
  for (const id of BASE_MEMBERS.slice(0, buyers)) world.order(4, id, '2026-11-20T03:00:00.000Z');
  return world;
}

/** Deal #5 sold to 5 members in the previous period; deal #6 to `buyersNow` in this one. */
export function fallingConversion(world: World, buyersNow = 2): World {
  world.deal(5, 'closed', {
    buyers: 5,
    createdAt: '2026-11-13T02:00:00.000Z',
    formedAt: '2026-11-13T05:00:00.000Z',
    closedAt: '2026-11-15T00:00:00.000Z',
  });
  for (const id of BASE_MEMBERS.slice(0, 5)) world.order(5, id, '2026-11-13T03:00:00.000Z');
  world.deal(6, 'succeeded', {
    buyers: buyersNow,
    createdAt: '2026-11-20T02:00:00.000Z',
    formedAt: '2026-11-20T05:00:00.000Z',
  });
  for (const id of BASE_MEMBERS.slice(0, buyersNow)) world.order(6, id, '2026-11-20T03:00:00.000Z');
  return world;
}

/** `count` members who last wrote on 11-08: active at the period's start (tier.marginal_days 14), marginal now. */
export function driftingMembers(world: World, count = 20): World {
  for (let i = 1; i <= count; i++) {
    const id = `z${String(i).padStart(2, '0')}`;
    world.member(id).talk(id, '2026-11-08', 1);
  }
  return world;
}

/** m01 invited i1 … i`bought` (and one more who bought nothing); they bought in deal #7 this period. */
export function referrerWithBuyers(world: World, bought = 2): World {
  world.deal(7, 'succeeded', { createdAt: '2026-11-20T12:00:00.000Z', formedAt: '2026-11-21T05:00:00.000Z' });
  for (let i = 1; i <= bought + 1; i++) {
    const id = `i${i}`;
    world.member(id, { joinedAt: '2026-11-19T02:00:00.000Z', invitedBy: 'm01' }).referral(id, 'm01');
    if (i <= bought) world.order(7, id, '2026-11-21T03:00:00.000Z');
  }
  return world;
}

/** 1,000 points held before the period; `added` more awarded in it, none redeemed. */
export function pilingPoints(world: World, added = 500): World {
  world.points('m02', 1000, 'award', '2026-11-05T00:00:00.000Z');
  world.points('m03', added, 'checkin', '2026-11-21T00:00:00.000Z');
  return world;
}
