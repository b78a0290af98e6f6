import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { type CollectionName, recordSchemas, SCHEMA_VERSION } from '../src/store/schema.js';
import { CHAT } from './tuanbot.js';

/**
 * A community with history, written straight into a data dir as the store's own snapshot format
 * (state.json, as Store.compact() writes it), so Store.open loads it like any restart would.
 * Proportions follow a busy group: one member per 10 points entries, one order per 5.
 */
export interface HistoryShape {
  ledger: number;
  members: number;
  orders: number;
}

export function historyOf(ledger: number): HistoryShape {
  return { ledger, members: Math.max(10, ledger / 10), orders: Math.max(10, ledger / 5) };
}

const COMMUNITY = `${CHAT.platform}:${CHAT.chatId}`;
const DAY = 86_400_000;
/** History ends a day before the benchmark runs; orders per past deal. */
const DEAL_SIZE = 1_000;
const REASONS = ['checkin', 'streak', 'topic', 'order', 'referral_join', 'award'] as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** A record as written to disk: fields with defaults may be left out, as in older snapshots. */
type Written<K extends CollectionName> = z.input<(typeof recordSchemas)[K]>;

/** Writes DIR/state.json holding shape's history; the burst's members u0… are among its members. */
export async function writeHistory(dir: string, shape: HistoryShape, now = Date.now()): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Two years of history: most points entries are older than the archive age (60 days).
  const start = now - 730 * DAY;
  const file = await open(join(dir, 'state.json'), 'w', 0o600);
  let chunk: string[] = [];
  let bytes = 0;
  const write = async (text: string) => {
    chunk.push(text);
    bytes += text.length;
    if (bytes > 1 << 20) await flush();
  };
  const flush = async () => {
    await file.write(chunk.join(''));
    chunk = [];
    bytes = 0;
  };
  // One record of each kind is checked against the schema, so a schema change fails here loudly
  // instead of as an unreadable snapshot later.
  const checked = new Set<CollectionName>();
  const collection = async <K extends CollectionName>(
    name: K,
    count: number,
    make: (i: number) => Written<K>,
    last = false,
  ) => {
    await write(`${JSON.stringify(name)}:[`);
    for (let i = 0; i < count; i++) {
      const record = make(i);
      if (!checked.has(name)) {
        recordSchemas[name].parse(record);
        checked.add(name);
      }
      await write(`${i ? ',' : ''}${JSON.stringify(record)}`);
    }
    await write(last ? ']' : '],');
  };

  await write(`{"version":${SCHEMA_VERSION},"seq":0,"savedAt":"${iso(now)}","collections":{`);
  await collection('communities', 1, () => ({
    id: COMMUNITY,
    platform: CHAT.platform,
    chatId: CHAT.chatId,
    title: CHAT.title ?? CHAT.chatId,
    locale: 'en',
    timezone: 'UTC',
    createdAt: iso(start),
    settings: {},
  }));
  const pointsPerMember = (shape.ledger / shape.members) * 5;
  await collection('members', shape.members, (i) => ({
    id: `${COMMUNITY}/u${i}`,
    communityId: COMMUNITY,
    userId: `u${i}`,
    name: `u${i}`,
    status: 'active',
    role: 'member',
    firstSeen: iso(start + (i % 300) * DAY),
    lastMessageAt: iso(now - DAY - (i % 60) * 3_600_000),
    messageCount: 20 + (i % 50),
    points: Math.round(pointsPerMember),
    streak: i % 7,
    lastCheckinDay: iso(now - DAY).slice(0, 10),
  }));
  const dealSize = Math.min(DEAL_SIZE, shape.members);
  const deals = Math.ceil(shape.orders / dealSize);
  const dealTime = (d: number) => start + Math.floor((d * 720 * DAY) / deals);
  await collection('deals', deals, (d) => {
    const sold = Math.min(dealSize, shape.orders - d * dealSize);
    return {
      id: `${COMMUNITY}#${d + 1}`,
      communityId: COMMUNITY,
      no: d + 1,
      title: `Past deal ${d + 1}`,
      priceCents: 1990,
      min: 10,
      stock: sold,
      endsAt: iso(dealTime(d) + 2 * DAY),
      options: [],
      status: 'closed',
      createdAt: iso(dealTime(d)),
      createdBy: 'owner',
      formedAt: iso(dealTime(d) + 3_600_000),
      closedAt: iso(dealTime(d) + 2 * DAY),
      sold,
      buyers: sold,
      lines: sold,
    };
  });
  await collection('orders', shape.orders, (i) => {
    const d = Math.floor(i / dealSize);
    const line = (i % dealSize) + 1;
    // Each past deal draws its buyers from a different stretch of the member list.
    const user = `u${(d * 7919 + i) % shape.members}`;
    const at = iso(dealTime(d) + line * 1_000);
    return {
      id: `${COMMUNITY}#${d + 1}/${user}`,
      dealId: `${COMMUNITY}#${d + 1}`,
      communityId: COMMUNITY,
      userId: user,
      name: user,
      line,
      qty: 1 + (i % 3),
      unitPriceCents: 1990,
      discountCents: 0,
      pointsUsed: 0,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      paidAt: at,
      deliveredAt: iso(dealTime(d) + 3 * DAY),
    };
  });
  await collection(
    'ledger',
    shape.ledger,
    (i) => {
      const reason = REASONS[i % REASONS.length]!;
      return {
        id: `${COMMUNITY}/u${i % shape.members}|${reason}|${i}`,
        communityId: COMMUNITY,
        userId: `u${i % shape.members}`,
        delta: 5,
        reason,
        at: iso(start + Math.floor((i * 729 * DAY) / shape.ledger)),
      };
    },
    true,
  );
  await write('}}');
  await flush();
  await file.sync();
  await file.close();
}
