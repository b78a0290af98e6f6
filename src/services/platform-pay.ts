import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { dealIsDead, moneyState } from './money-state.js';
import { memberLines, recordPlatformPayment } from './payments.js';

/**
 * In-chat payment of what a member owes in a deal (Telegram Payments or Stars): what an invoice
 * asks for, what it carries back (the payload), the check before money moves, and the payment
 * recorded once it moved. The money logic itself is payments.ts (recordPlatformPayment); amounts
 * are integer cents of the community's money, and `units` are the platform currency's smallest
 * units (cents, fen, or whole Stars).
 */

/** What a member owes in a deal for an invoice now. */
export type PayDue =
  /** `cents`: the sum of what each of their lines still owes. */
  | { kind: 'owing'; cents: number }
  /** Nothing left to pay (paid, withdrawn, or points paid it all). */
  | { kind: 'nothing' }
  /** They said they paid another way (a claim awaiting the organiser): paying here would pay twice. */
  | { kind: 'claimed'; cents: number }
  /** The deal failed or was cancelled: nothing is owed. */
  | { kind: 'dead' }
  | { kind: 'no_order' };

/** What `userId` owes in `deal` now (see PayDue). */
export function payDue(tables: Tables, deal: Deal, userId: string): PayDue {
  const lines = memberLines(tables, deal.id, userId);
  if (lines.length === 0) return { kind: 'no_order' };
  if (dealIsDead(deal)) return { kind: 'dead' };
  const states = lines.map((o) => moneyState(o, deal));
  const claimed = states.filter((s) => s.state === 'claimed');
  if (claimed.length > 0) return { kind: 'claimed', cents: claimed.reduce((n, s) => n + s.claimedCents, 0) };
  const cents = states.reduce((n, s) => n + s.owedCents, 0);
  return cents > 0 ? { kind: 'owing', cents } : { kind: 'nothing' };
}

/** How the platform's money counts in cents (Capabilities.payments). */
export interface PayRate {
  currency: string;
  centsPerUnit: number;
}

/** An invoice's amount for `cents`: whole units, rounded up (the organiser never gets less than owed). */
export function unitsFor(cents: number, rate: PayRate): number {
  return Math.max(1, Math.ceil(cents / rate.centsPerUnit));
}

/**
 * What an invoice is for, carried through the platform and back: the community, the deal's
 * number, the member (platform user id), the cents owed when it was sent and the units it asked.
 * `tb1|telegram:-1001234567890|3|1001|4500|4500`: far within Telegram's 128 bytes.
 */
export interface PayPayload {
  communityId: string;
  no: number;
  userId: string;
  cents: number;
  units: number;
}

const PAYLOAD = /^tb1\|([^|]{1,64})\|(\d{1,9})\|([^|]{1,32})\|(\d{1,12})\|(\d{1,12})$/;

/** The payload of an invoice, or undefined where it would not fit (an id of unexpected length). */
export function encodePayload(p: PayPayload): string | undefined {
  const text = `tb1|${p.communityId}|${p.no}|${p.userId}|${p.cents}|${p.units}`;
  return PAYLOAD.test(text) ? text : undefined;
}

/** A payload read back; undefined for one this bot did not write. */
export function decodePayload(text: string): PayPayload | undefined {
  const m = PAYLOAD.exec(text);
  if (!m) return undefined;
  return { communityId: m[1]!, no: Number(m[2]), userId: m[3]!, cents: Number(m[4]), units: Number(m[5]) };
}

/** Why a member may not go ahead with paying an invoice now; undefined: they may. */
export type PayRefusal =
  | { kind: 'not_yours' }
  | { kind: 'changed'; cents: number }
  | { kind: 'nothing' }
  | { kind: 'claimed' }
  | { kind: 'dead' }
  /** Payments were turned off since the invoice was sent. */
  | { kind: 'off' };

/**
 * The check before money moves: the payer is the member the invoice is for, the lines still owe
 * exactly what the invoice was for, and the platform asks exactly what the invoice asked.
 */
export function checkPayment(
  tables: Tables,
  deal: Deal,
  invoice: PayPayload,
  payer: string,
  asked: { currency: string; total: number },
  rate: PayRate | undefined,
): PayRefusal | undefined {
  if (payer !== invoice.userId) return { kind: 'not_yours' };
  const due = payDue(tables, deal, invoice.userId);
  if (due.kind === 'no_order' || due.kind === 'nothing') return { kind: 'nothing' };
  if (due.kind === 'dead' || due.kind === 'claimed') return { kind: due.kind };
  if (due.cents !== invoice.cents) return { kind: 'changed', cents: due.cents };
  if (!rate) return { kind: 'off' };
  // An invoice in another currency or for another total than this one asked for is not this one.
  if (asked.currency !== rate.currency || asked.total !== invoice.units)
    return { kind: 'changed', cents: due.cents };
  return undefined;
}

/**
 * What a payment counts as, in cents: exactly what the invoice was for when the platform took what
 * it asked (so rounding up to whole Stars owes nobody anything); else the units at the rate of
 * their currency. Undefined when the currency cannot be counted (Stars after they were turned off).
 */
export function centsOfPayment(
  paid: { currency: string; total: number },
  invoice: PayPayload,
  rate: PayRate | undefined,
): number | undefined {
  if (rate && paid.currency === rate.currency) {
    if (paid.total === invoice.units) return invoice.cents;
    return paid.total * rate.centsPerUnit;
  }
  // A currency turned off or changed since the invoice: one with cents counts one unit a cent.
  if (paid.currency === 'XTR') return undefined;
  return paid.total;
}

export type PlatformPayment =
  | {
      kind: 'paid';
      cents: number;
      /** What the member's lines in the deal still owe, and are owed back, after this payment. */
      owedCents: number;
      refundDueCents: number;
      /** The deal had failed or been cancelled when the money came. */
      dead: boolean;
      deal: Deal;
    }
  /** This charge was recorded before (a repeated update): nothing changed. */
  | { kind: 'duplicate' }
  /** The member has no line in the deal to record it on (money to give back by hand). */
  | { kind: 'no_order' };

/**
 * Records a payment the platform reports for a member's lines in a deal, once per charge id
 * (checked on all their lines, withdrawn ones too, so a line changed since never pays twice). The
 * money goes first to their active lines, what each owes, anything beyond on the last (see
 * recordPlatformPayment); with none active (all withdrawn, or the deal died) on all their lines.
 */
export function payFromPlatform(
  tx: Tx,
  deal: Deal,
  userId: string,
  cents: number,
  chargeId: string,
  now: Date,
): PlatformPayment {
  const lines = memberLines(tx.tables, deal.id, userId);
  if (lines.length === 0) return { kind: 'no_order' };
  if (lines.some((o) => charged(tx.tables, o, chargeId))) return { kind: 'duplicate' };
  const active = lines.filter((o) => o.status === 'active');
  const outcome = recordPlatformPayment(tx, deal, active.length > 0 ? active : lines, cents, chargeId, now);
  if (outcome.kind === 'duplicate') return outcome;
  const current = tx.get('deals', deal.id) ?? deal;
  const after = memberLines(tx.tables, deal.id, userId).map((o) => moneyState(o, current));
  return {
    kind: 'paid',
    cents,
    owedCents: after.reduce((n, m) => n + m.owedCents, 0),
    refundDueCents: after.reduce((n, m) => n + m.refundDueCents, 0),
    dead: dealIsDead(current),
    deal: current,
  };
}

function charged(tables: Tables, order: Order, chargeId: string): boolean {
  return tables.payments.by('order', order.id).some((p) => p.chargeId === chargeId);
}
