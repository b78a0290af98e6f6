import type { Community, LedgerEntry, Referral } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { memberLabel } from './member-names.js';
import { type MemberRow, madeReferral, memberRow } from './member-table.js';
import { memberId } from './members.js';
import { archivedCount, entriesOf } from './points.js';
import { invitedBy, referralOf } from './referrals.js';

/** One member in full for the dashboard's member page: their table row, points history, who invited them. */

/** Who brought a member in, as their referral records it (absent: nobody known). */
export interface InvitedBy {
  inviterId: string;
  /** The inviter as lists show them; their user id if the bot never saw them. */
  inviter: string;
  status: Referral['status'];
  reason?: Referral['reason'];
}

/** One member in full: their row, points history and who invited them. */
export interface MemberDetail {
  row: MemberRow;
  /** Entries still in memory (about the last 60 days), newest first. */
  ledger: LedgerEntry[];
  /** How many older entries are archived (the member's /mydata has them). */
  archived: number;
  invitedBy?: InvitedBy;
}

/** A member of this community by user id; undefined when the community has no such member (any other community's included). */
export function memberDetail(
  tables: Tables,
  community: Community,
  userId: string,
  now: Date,
): MemberDetail | undefined {
  const member = tables.members.get(memberId(community.id, userId));
  if (!member || member.communityId !== community.id) return undefined;
  const referrals = invitedBy(tables, community, userId).map((r) => madeReferral(tables, community, r));
  const referral = referralOf(tables, community, userId);
  const inviter = referral && tables.members.get(memberId(community.id, referral.inviterId));
  return {
    row: memberRow(tables, community, member, referrals, now),
    ledger: entriesOf(tables, community.id, userId),
    archived: archivedCount(member),
    ...(referral
      ? {
          invitedBy: {
            inviterId: referral.inviterId,
            inviter: inviter ? memberLabel(tables, inviter) : referral.inviterId,
            status: referral.status,
            ...(referral.reason ? { reason: referral.reason } : {}),
          },
        }
      : {}),
  };
}
