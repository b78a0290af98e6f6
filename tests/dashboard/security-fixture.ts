import { expect } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { type DashboardClient, DashboardHarness, type Page } from '../helpers/dashboard.js';
import { seedOrders } from '../helpers/order-seed.js';

/**
 * The scene of the dashboard's attack tests (security*.test.ts): group `main` (admin `boss`, owner
 * `owner`, the seeded orders of order-seed.ts) is the victim; group `other` (admin `mallory`, who is
 * a plain member of `main`) is the attacker's own. Both are logged in.
 */
export interface AttackScene {
  d: DashboardHarness;
  other: GroupChat;
  boss: DashboardClient;
  mallory: DashboardClient;
  /** Every order and deal as JSON: equal before and after means nothing changed. */
  stateOf(): string;
}

export async function attackScene(): Promise<AttackScene> {
  const d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  await seedOrders(d.t, d.group);
  const other = d.t.group('other').admin('mallory');
  await other.as('mallory').says('hello');
  await d.group.as('mallory').says('hello');
  const boss = await d.login('boss');
  const mallory = await d.login('mallory', other);
  const stateOf = () =>
    JSON.stringify([...d.t.store.tables.orders.values(), ...d.t.store.tables.deals.values()]);
  return { d, other, boss, mallory, stateOf };
}

const SECRET = /Authorization: Bearer (tb_[A-Za-z0-9_-]{43})$/m;

/** Makes an API token as `user` in `group` through the chat (`/apitoken new`); returns its secret. */
export async function tokenFrom(group: GroupChat, user: string): Promise<string> {
  const said = await group.as(user).says('/apitoken new tool');
  const secret = said.map((line) => SECRET.exec(line)?.[1]).find(Boolean);
  if (!secret) throw new Error(`no token: ${JSON.stringify(said)}`);
  return secret;
}

/** What nobody must ever see in an answer: a server error, a stack, an unrendered value. */
export function expectClean(page: Page, what: string): void {
  expect(page.status, what).toBeLessThan(500);
  expect(page.body, what).not.toMatch(
    /\bat \S+ \(\S+:\d+:\d+\)|TypeError|RangeError|\bNaN\b|undefined|\[object Object\]/,
  );
}
