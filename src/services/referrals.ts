import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { localDay } from '../core/format.js';
import type { Community, Invite, Member, Order, Referral } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { memberId } from './members.js';
import { credit } from './points.js';
import { defineSetting, durationSetting, getSetting, onOff } from './settings.js';

/** Invites and referral rewards: attribution users can trust, fraud that does not pay. */

const pts = z.coerce.number().int().min(0).max(100_000);
export const joinRewardSetting = defineSetting({
  key: 'ref.join',
  schema: pts,
  default: 5,
});
export const orderRewardSetting = defineSetting({
  key: 'ref.order',
  schema: pts,
  default: 20,
});
export const welcomeSetting = defineSetting({
  key: 'ref.welcome',
  schema: pts,
  default: 10,
});
export const holdSetting = defineSetting({
  key: 'ref.hold',
  schema: durationSetting,
  default: 3 * 86_400_000,
  durationUnitMs: 1,
});
export const dailyCapSetting = defineSetting({
  key: 'ref.dailycap',
  schema: z.coerce.number().int().min(0).max(10_000),
  default: 20,
});
export const minAccountAgeSetting = defineSetting({
  key: 'ref.min_account_age',
  schema: durationSetting,
  default: 7 * 86_400_000,
  durationUnitMs: 1,
});
export const trackPaymentSetting = defineSetting({
  key: 'orders.track_payment',
  schema: onOff,
  default: true,
});

/** Codes members can read aloud: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_WINDOW_MS = 24 * 3_600_000;

export function inviteOf(tables: Tables, community: Community, userId: string): Invite | undefined {
  return tables.invites.by('member', `${community.id}/${userId}`)[0];
}

/** The member's invite code, created the first time they ask. */
export function ensureInvite(tx: Tx, community: Community, userId: string, now: Date): Invite {
  const existing = inviteOf(tx.tables, community, userId);
  if (existing) return existing;
  let code = '';
  do {
    code = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  } while (tx.get('invites', `${community.id}|${code}`));
  return tx.put('invites', {
    id: `${community.id}|${code}`,
    communityId: community.id,
    userId,
    code,
    createdAt: now.toISOString(),
  });
}

export function setInviteLink(tx: Tx, invite: Invite, link: string): Invite {
  return tx.put('invites', { ...invite, link });
}

/** The invite a link or code belongs to. */
export function findInvite(tables: Tables, community: Community, token: string): Invite | undefined {
  const trimmed = token.trim();
  const byLink = tables.invites.by('link', trimmed)[0];
  if (byLink && byLink.communityId === community.id) return byLink;
  return tables.invites.get(`${community.id}|${trimmed.toUpperCase()}`);
}

export interface JoinFacts {
  member?: Member;
  userId: string;
  rejoin: boolean;
  isBot: boolean;
  accountCreatedAt?: string;
  /** The platform's inviter (WeChat, Discord invite owner). */
  inviterId?: string;
  /** The invite link or code used (Telegram chat_member, console `via`). */
  invite?: string;
}

export type AttributionOutcome =
  | { kind: 'attributed'; referral: Referral }
  | { kind: 'kept'; referral: Referral }
  | { kind: 'organic' };

function referralId(community: Community, inviteeId: string): string {
  return `${community.id}/${inviteeId}`;
}

export function referralOf(tables: Tables, community: Community, inviteeId: string): Referral | undefined {
  return tables.referrals.get(referralId(community, inviteeId));
}

/**
 * Records who brought a new member: once per member per community, never reassigned. A member
 * who was here before (left and rejoined) never earns a second reward; the original inviter keeps
 * the credit. Rejected attributions are kept with their reason so `/invites` can explain them.
 */
export function attributeJoin(tx: Tx, community: Community, facts: JoinFacts, now: Date): AttributionOutcome {
  const existing = referralOf(tx.tables, community, facts.userId);
  if (existing) return { kind: 'kept', referral: existing };
  let inviterId = facts.inviterId;
  let source: Referral['source'] = 'inviter';
  if (facts.invite) {
    const invite = findInvite(tx.tables, community, facts.invite);
    if (invite) {
      inviterId = invite.userId;
      source = /^[A-Za-z0-9]{6}$/.test(facts.invite.trim()) ? 'code' : 'link';
    }
  }
  if (!inviterId) return { kind: 'organic' };
  return { kind: 'attributed', referral: createReferral(tx, community, facts, inviterId, source, now) };
}

function createReferral(
  tx: Tx,
  community: Community,
  facts: JoinFacts,
  inviterId: string,
  source: Referral['source'],
  now: Date,
): Referral {
  const reason = fraudReason(community, facts, inviterId, now);
  if (facts.member && !facts.member.invitedBy) tx.put('members', { ...facts.member, invitedBy: inviterId });
  return tx.put('referrals', {
    id: referralId(community, facts.userId),
    communityId: community.id,
    inviterId,
    inviteeId: facts.userId,
    source,
    status: reason ? 'rejected' : 'pending',
    ...(reason ? { reason, decidedAt: now.toISOString() } : {}),
    joinedAt: (facts.member?.joinedAt ?? now.toISOString()) as string,
  });
}

function fraudReason(
  community: Community,
  facts: JoinFacts,
  inviterId: string,
  now: Date,
): Referral['reason'] {
  if (inviterId === facts.userId) return 'self_invite';
  if (facts.isBot) return 'bot';
  if (
    facts.rejoin ||
    (facts.member && Date.parse(facts.member.firstSeen) < Date.parse(facts.member.joinedAt ?? ''))
  )
    return 'rejoin';
  if (facts.accountCreatedAt) {
    const age = now.getTime() - Date.parse(facts.accountCreatedAt);
    if (age < getSetting(community, minAccountAgeSetting)) return 'young_account';
  }
  return undefined;
}

export type CodeOutcome =
  | { kind: 'attributed'; referral: Referral; inviter: string }
  | { kind: 'already'; referral: Referral }
  | { kind: 'too_late' }
  | { kind: 'unknown_code' }
  | { kind: 'not_new' };

/** A code the new member sends within 24 h of joining (`/ref CODE`, or just the code). */
export function attributeCode(
  tx: Tx,
  community: Community,
  member: Member,
  code: string,
  now: Date,
): CodeOutcome {
  const existing = referralOf(tx.tables, community, member.userId);
  if (existing) return { kind: 'already', referral: existing };
  if (!member.joinedAt) return { kind: 'not_new' };
  if (now.getTime() - Date.parse(member.joinedAt) > CODE_WINDOW_MS) return { kind: 'too_late' };
  const invite = findInvite(tx.tables, community, code);
  if (!invite) return { kind: 'unknown_code' };
  const facts: JoinFacts = { member, userId: member.userId, rejoin: false, isBot: false };
  const referral = createReferral(tx, community, facts, invite.userId, 'code', now);
  return { kind: 'attributed', referral, inviter: invite.userId };
}

/** An invitee who leaves during the hold earns the inviter nothing. */
export function onLeave(tx: Tx, community: Community, userId: string, now: Date): Referral | undefined {
  const referral = referralOf(tx.tables, community, userId);
  if (referral?.status !== 'pending') return undefined;
  return tx.put('referrals', {
    ...referral,
    status: 'rejected',
    reason: 'left_during_hold',
    decidedAt: now.toISOString(),
  });
}

/** Pending referrals whose invitee stayed the hold and spoke: qualify and pay, within the daily cap. */
export function settleHolds(tx: Tx, community: Community, now: Date): Referral[] {
  const hold = getSetting(community, holdSetting);
  const decided: Referral[] = [];
  for (const referral of tx.tables.referrals.by('community', community.id)) {
    if (referral.status !== 'pending') continue;
    const invitee = tx.get('members', memberId(community.id, referral.inviteeId));
    if (invitee?.status !== 'active') continue;
    if (now.getTime() - Date.parse(referral.joinedAt) < hold) continue;
    if (!invitee.lastMessageAt || invitee.lastMessageAt < referral.joinedAt) continue;
    if (
      rewardsToday(tx.tables, community, referral.inviterId, now) >= getSetting(community, dailyCapSetting)
    ) {
      decided.push(
        tx.put('referrals', {
          ...referral,
          status: 'rejected',
          reason: 'daily_cap',
          decidedAt: now.toISOString(),
        }),
      );
      continue;
    }
    const qualified = tx.put('referrals', { ...referral, status: 'qualified', decidedAt: now.toISOString() });
    const reward = getSetting(community, joinRewardSetting);
    if (reward > 0) {
      credit(tx, community.id, referral.inviterId, reward, 'referral_join', `ref_join:${referral.id}`, now, {
        ref: referral.id,
      });
    }
    decided.push(qualified);
  }
  return decided;
}

function rewardsToday(tables: Tables, community: Community, inviterId: string, now: Date): number {
  const today = localDay(now, community.timezone);
  return tables.ledger
    .by('member', `${community.id}/${inviterId}`)
    .filter((e) => e.reason === 'referral_join' && localDay(new Date(e.at), community.timezone) === today)
    .length;
}

/**
 * The invitee's first order that counts (paid, in a deal that formed; or, where payment is not
 * tracked, in a deal that closed formed) pays the inviter and welcomes the invitee. Once.
 */
export function rewardFirstOrder(
  tx: Tx,
  community: Community,
  order: Order,
  now: Date,
): Referral | undefined {
  const referral = referralOf(tx.tables, community, order.userId);
  if (!referral || referral.status === 'rejected' || referral.orderRewardAt) return undefined;
  const toInviter = getSetting(community, orderRewardSetting);
  const toInvitee = getSetting(community, welcomeSetting);
  if (toInviter > 0)
    credit(
      tx,
      community.id,
      referral.inviterId,
      toInviter,
      'referral_order',
      `ref_order:${referral.id}`,
      now,
      {
        ref: order.id,
      },
    );
  if (toInvitee > 0)
    credit(tx, community.id, referral.inviteeId, toInvitee, 'welcome', `welcome:${referral.id}`, now, {
      ref: order.id,
    });
  return tx.put('referrals', { ...referral, orderRewardAt: now.toISOString() });
}

/**
 * Takes back an inviter's first-order reward when the order that earned it was refunded in full
 * (`refunded`: the member's lines just refunded). The inviter's balance never goes below zero: what
 * they already spent stays spent. Once per referral (the ledger key).
 */
export function reverseFirstOrderReward(tx: Tx, community: Community, refunded: Order[], now: Date): void {
  const userId = refunded[0]?.userId;
  if (userId === undefined) return;
  const referral = referralOf(tx.tables, community, userId);
  if (!referral?.orderRewardAt || referral.orderRewardReversedAt) return;
  const reward = tx.get('ledger', `ref_order:${referral.id}`);
  if (!reward || !refunded.some((o) => reward.ref?.startsWith(`${o.dealId}/`))) return;
  const balance = tx.get('members', memberId(community.id, referral.inviterId))?.points ?? 0;
  const back = Math.min(reward.delta, balance);
  if (back > 0)
    credit(tx, community.id, referral.inviterId, -back, 'reversal', `reversal:${referral.id}`, now, {
      ref: reward.ref ?? referral.id,
    });
  tx.put('referrals', { ...referral, orderRewardReversedAt: now.toISOString() });
}

/** People a member invited, newest first. */
export function invitedBy(tables: Tables, community: Community, inviterId: string): Referral[] {
  return tables.referrals
    .by('inviter', `${community.id}/${inviterId}`)
    .sort((a, b) => b.joinedAt.localeCompare(a.joinedAt));
}
