import type { Community, Deal, Order, PayNotice } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { botAbsent } from './community-presence.js';
import { dealIsDead, moneyState } from './money-state.js';
import { settleAwaited } from './notice-outcomes.js';
import { linesInState } from './payments.js';
import { trackPaymentSetting } from './referrals.js';
import { defineSetting, durationOrOff, getSetting } from './settings.js';
import { pendingGrant } from './waitlist.js';

/**
 * Money notices of a deal, each once per deal: a payment reminder some time after the deal formed
 * (`pay.remind`), another some time after it closed (`pay.remind_again`), and the cancellation of
 * lines still unpaid some time after it closed (`orders.unpaid_cancel`, see unpaid.ts). A step is
 * marked done by its PayNotice record, written with what it does and what it says, so a restart
 * neither repeats nor loses it. Plain functions, no chat text.
 */

/** How long after the deal formed owing members are reminded (ms), or false: never. */
export const payRemindSetting = defineSetting({
  key: 'pay.remind',
  schema: durationOrOff,
  default: (2 * 3_600_000) as number | false,
  durationUnitMs: 1,
});

/**
 * How long after the deal closed owing members are reminded again (ms), or false. Meant "before
 * pickup"; a deal's points open at different times (or at times not read as a window), so the
 * deal's close is the one anchor.
 */
export const payRemindAgainSetting = defineSetting({
  key: 'pay.remind_again',
  schema: durationOrOff,
  default: (6 * 3_600_000) as number | false,
  durationUnitMs: 1,
});

/** How long after the deal closed lines still owing are cancelled (ms), or false (the default). */
export const unpaidCancelSetting = defineSetting({
  key: 'orders.unpaid_cancel',
  schema: durationOrOff,
  default: false as number | false,
  durationUnitMs: 1,
});

export type PayStep = PayNotice['step'];

/**
 * A step more than this overdue is not done (the bot was off that long, or the setting was turned
 * on after the fact): a month-old reminder, or cancelling the lines of a deal long settled by hand,
 * would surprise more than help.
 */
export const PAY_STEP_FRESH_MS = 24 * 3_600_000;

/** A step that fell due and is not done. `covers`: earlier reminders it replaces (marked done with it). */
export interface DueStep {
  deal: Deal;
  community: Community;
  step: PayStep;
  dueAt: Date;
  covers: PayStep[];
}

/** The key of a deal's reminder step in `payNotices`: `<dealId>|<step>` (one record, so sent once). */
export function noticeId(dealId: string, step: PayStep): string {
  return `${dealId}|${step}`;
}

/** When a step of a deal falls due under the community's settings, or undefined (off, or not yet anchored). */
export function stepDueAt(community: Community, deal: Deal, step: PayStep): Date | undefined {
  const anchor = step === 'remind' ? deal.formedAt : deal.status === 'closed' ? deal.closedAt : undefined;
  const spec =
    step === 'remind'
      ? payRemindSetting
      : step === 'remind_again'
        ? payRemindAgainSetting
        : unpaidCancelSetting;
  const delay = getSetting(community, spec);
  if (anchor === undefined || delay === false) return undefined;
  return new Date(Date.parse(anchor) + delay);
}

const STEPS: readonly PayStep[] = ['unpaid_cancel', 'remind_again', 'remind'];

/**
 * The steps to do now, cancellations first (a reminder after them names only what is still owed).
 * Only deals that formed and did not fail or get cancelled; the first reminder only while the deal
 * counts as formed (succeeded or closed). Communities that do not track payments
 * (`orders.track_payment=off`) or whose group removed the bot get nothing.
 */
export function duePaySteps(tables: Tables, now: Date): DueStep[] {
  const byDeal: DueStep[][] = [];
  for (const deal of tables.deals.values()) {
    if (!deal.formedAt || dealIsDead(deal) || deal.status === 'open') continue;
    const community = tables.communities.get(deal.communityId);
    if (!community || botAbsent(community) || !getSetting(community, trackPaymentSetting)) continue;
    const fresh = STEPS.map((step) => ({ step, dueAt: stepDueAt(community, deal, step) })).filter(
      (s): s is { step: PayStep; dueAt: Date } =>
        s.dueAt !== undefined &&
        s.dueAt.getTime() <= now.getTime() &&
        now.getTime() - s.dueAt.getTime() < PAY_STEP_FRESH_MS &&
        !tables.payNotices.get(noticeId(deal.id, s.step)) &&
        // The first reminder comes after the second only by odd settings: it is moot by then.
        !(s.step === 'remind' && tables.payNotices.get(noticeId(deal.id, 'remind_again'))),
    );
    const due: DueStep[] = [];
    const cancel = fresh.find((s) => s.step === 'unpaid_cancel');
    if (cancel) due.push({ deal, community, ...cancel, covers: [] });
    // Two reminders due at once (after downtime): the later one goes, the earlier is done with it.
    const reminders = fresh.filter((s) => s.step !== 'unpaid_cancel');
    if (reminders[0])
      due.push({ deal, community, ...reminders[0], covers: reminders.slice(1).map((s) => s.step) });
    if (due.length > 0) byDeal.push(due);
  }
  // Deals by their earliest step; within a deal, the cancellation first.
  const earliest = (steps: DueStep[]) => Math.min(...steps.map((s) => s.dueAt.getTime()));
  return byDeal.sort((a, b) => earliest(a) - earliest(b)).flat();
}

/** What one member still owes in a deal: their owing lines (not claimed) and the sum, in cents. */
export interface Owing {
  userId: string;
  lines: Order[];
  cents: number;
}

/**
 * Members whose lines in the deal are still `owing` (claimed, paid and cancelled lines are left
 * out), in roster order; `keep`: which owing lines count (default all).
 */
export function owingMembers(
  tables: Tables,
  deal: Deal,
  keep: (line: Order) => boolean = () => true,
): Owing[] {
  const byUser = new Map<string, Owing>();
  for (const line of linesInState(tables, deal, ['owing'])) {
    if (!keep(line)) continue;
    const owing = byUser.get(line.userId) ?? { userId: line.userId, lines: [], cents: 0 };
    owing.lines.push(line);
    owing.cents += moneyState(line, deal).owedCents;
    byUser.set(line.userId, owing);
  }
  return [...byUser.values()];
}

/**
 * The members a payment reminder is for: as owingMembers, without lines holding units given from
 * the waitlist whose own deadline is still running (the grant's notice asked for payment by then,
 * and units unpaid at it go to the next in line; a second "you owe" seconds later says it twice).
 */
export function membersToRemind(tables: Tables, deal: Deal): Owing[] {
  return owingMembers(tables, deal, (line) => pendingGrant(tables, line) === undefined);
}

/**
 * Marks a step done (and the reminders it covers). `pending`: members sent a private message
 * whose outcome is awaited; `told`: everyone told, privately or in the group.
 */
export function recordNotice(
  tx: Tx,
  due: Pick<DueStep, 'deal' | 'step' | 'dueAt' | 'covers'>,
  now: Date,
  told: string[],
  pending: string[],
): PayNotice {
  const at = now.toISOString();
  const base = { communityId: due.deal.communityId, dealId: due.deal.id, dueAt: due.dueAt.toISOString(), at };
  for (const step of due.covers)
    tx.put('payNotices', {
      ...base,
      id: noticeId(due.deal.id, step),
      step,
      told: [],
      pending: [],
      unreachable: [],
    });
  return tx.put('payNotices', {
    ...base,
    id: noticeId(due.deal.id, due.step),
    step: due.step,
    told,
    pending,
    unreachable: [],
  });
}

/**
 * The outcome of one private message of a notice. Returns the notice with the members to mention
 * in the group when this was the last outcome awaited and someone was refused (they are taken off
 * the notice: mentioned once); else undefined.
 */
export function settleNotice(
  tx: Tx,
  id: string,
  userId: string,
  reached: boolean,
): { notice: PayNotice; mention: string[] } | undefined {
  const settled = settleAwaited(tx.get('payNotices', id), userId, reached);
  if (!settled) return undefined;
  const notice = tx.put('payNotices', settled.record);
  return settled.mention.length > 0 ? { notice, mention: settled.mention } : undefined;
}
