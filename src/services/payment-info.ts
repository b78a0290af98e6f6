import type { Deal, Order, PaymentInfo } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { dealIsDead, moneyState } from './money-state.js';

/**
 * A community's payment instructions (`/pay setup`: a text and the leader's payment code) and the
 * screenshots members send with their claims. Files are written by the caller (src/core/images.ts);
 * here only the records that point at them, as paths relative to the data dir.
 */

/** The community's payment instructions, if an admin set them up. */
export function paymentInfo(tables: Tables, communityId: string): PaymentInfo | undefined {
  return tables.paymentInfo.get(communityId);
}

/** Whether members can be shown how to pay: instructions with a text or a payment code. */
export function hasPaymentInfo(tables: Tables, communityId: string): boolean {
  const info = paymentInfo(tables, communityId);
  return info !== undefined && (info.text !== '' || info.image !== undefined);
}

export interface PaymentInfoSet {
  info: PaymentInfo;
  /** The payment code the new one replaced (the caller deletes its file once this is on disk). */
  replacedImage?: string;
}

/**
 * Sets the instructions: a new text, a new payment code image, or both; what is not given stays as
 * it was (an admin fixing the text keeps the code, and the other way round).
 */
export function setPaymentInfo(
  tx: Tx,
  communityId: string,
  change: { text?: string; image?: string },
  by: string,
  now: Date,
): PaymentInfoSet {
  const old = tx.get('paymentInfo', communityId);
  const info: PaymentInfo = {
    id: communityId,
    communityId,
    text: change.text ?? old?.text ?? '',
    by,
    at: now.toISOString(),
  };
  const image = change.image ?? old?.image;
  if (image !== undefined) info.image = image;
  tx.put('paymentInfo', info);
  const replaced = change.image !== undefined && old?.image !== change.image ? old?.image : undefined;
  return replaced ? { info, replacedImage: replaced } : { info };
}

/**
 * `/pay setup` without a picture: admin `by` waits to send the payment code from `now`
 * (PaymentInfo.setupWait, so a restart keeps it; one admin's at a time). With no instructions yet,
 * a record with no text holds the wait (hasPaymentInfo: still none).
 */
export function awaitPaymentImage(tx: Tx, communityId: string, by: string, now: Date): PaymentInfo {
  const old = tx.get('paymentInfo', communityId) ?? {
    id: communityId,
    communityId,
    text: '',
    by,
    at: now.toISOString(),
  };
  return tx.put('paymentInfo', { ...old, setupWait: { by, at: now.toISOString() } });
}

/** Admin `userId` no longer waits to send the payment code (`/forget`); a record holding only the wait goes. */
export function endPaymentImageWaitOf(tx: Tx, communityId: string, userId: string): void {
  const info = tx.get('paymentInfo', communityId);
  if (info?.setupWait?.by !== userId) return;
  if (info.text === '' && info.image === undefined) tx.delete('paymentInfo', communityId);
  else tx.put('paymentInfo', { ...info, setupWait: undefined });
}

/** When admin `userId` asked to send the payment code (ms), if they did within `windowMs` before `now`. */
export function paymentImageAskedAt(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
  windowMs: number,
): number | undefined {
  const wait = paymentInfo(tables, communityId)?.setupWait;
  const at = wait?.by === userId ? Date.parse(wait.at) : undefined;
  return at !== undefined && at > now.getTime() - windowMs ? at : undefined;
}

/** Removes the instructions; returns what was removed (its image file is the caller's to delete). */
export function clearPaymentInfo(tx: Tx, communityId: string): PaymentInfo | undefined {
  const old = tx.get('paymentInfo', communityId);
  if (old) tx.delete('paymentInfo', communityId);
  return old;
}

/** A member's claim a screenshot sent now belongs to: their claimed lines of one deal. */
export interface ClaimAwaitingProof {
  deal: Deal;
  orders: Order[];
}

/**
 * The member's latest claim in the community made within `windowMs` before `now` whose lines are
 * still claimed and carry no screenshot: a picture they send now is its proof (WeChat cannot send a
 * picture with a caption, so `已付 #3` and the screenshot come as two messages).
 */
export function claimAwaitingProof(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
  windowMs: number,
): ClaimAwaitingProof | undefined {
  const since = new Date(now.getTime() - windowMs).toISOString();
  const waiting = tables.orders
    .by('buyer', `${communityId}/${userId}`)
    .filter((o) => o.claimedAt !== undefined && o.claimedAt >= since && o.claimProof === undefined)
    .sort((a, b) => (a.claimedAt! < b.claimedAt! ? 1 : -1));
  const latest = waiting[0];
  const deal = latest && tables.deals.get(latest.dealId);
  if (!deal || dealIsDead(deal)) return undefined;
  const orders = waiting.filter(
    (o) =>
      o.dealId === deal.id && o.claimedAt === latest.claimedAt && moneyState(o, deal).state === 'claimed',
  );
  return orders.length > 0 ? { deal, orders } : undefined;
}

/** Puts the screenshot `proof` on the member's claimed lines in a deal; returns the lines changed. */
export function attachProof(tx: Tx, deal: Deal, userId: string, proof: string, now: Date): Order[] {
  const current = tx.get('deals', deal.id) ?? deal;
  const at = now.toISOString();
  return tx.tables.orders
    .by('dealBuyer', `${deal.id}|${userId}`)
    .filter((o) => moneyState(o, current).state === 'claimed')
    .map((o) => tx.put('orders', { ...o, claimProof: proof, updatedAt: at }));
}

/** A screenshot as an admin reviews it: the claimed lines it came with (a member's lines of one deal). */
export interface ProofToReview {
  deal: Deal;
  orders: Order[];
  proof: string;
}

/**
 * Claimed lines that came with a screenshot, for admins to look at before confirming: those of
 * deal `dealId`, or of every deal in the community; one entry per screenshot, oldest claim first.
 */
export function proofsToReview(tables: Tables, communityId: string, dealId?: string): ProofToReview[] {
  const deals = dealId
    ? [tables.deals.get(dealId)].filter((d): d is Deal => d !== undefined)
    : tables.deals.by('community', communityId);
  const byProof = new Map<string, ProofToReview>();
  for (const deal of deals)
    for (const order of tables.orders.by('deal', deal.id)) {
      const proof = order.claimProof;
      if (!proof || moneyState(order, deal).state !== 'claimed') continue;
      const known = byProof.get(proof);
      if (known) known.orders.push(order);
      else byProof.set(proof, { deal, orders: [order], proof });
    }
  const claimed = (p: ProofToReview) => p.orders[0]!.claimedAt ?? '';
  return [...byProof.values()].sort((a, b) => (claimed(a) < claimed(b) ? -1 : 1));
}
