import { z } from 'zod';
import { defineCommand, helpText, roleAllows } from '../src/core/command.js';
import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { Feature, Job, JoinHandler, LeaveHandler, TextHandler } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { botAbsent } from '../src/services/community-presence.js';
import { memberNames } from '../src/services/member-names.js';
import { memberId } from '../src/services/members.js';
import {
  attributeCode,
  attributeJoin,
  ensureInvite,
  invitedBy,
  joinRewardSetting,
  onLeave,
  orderRewardSetting,
  setInviteLink,
  settleHolds,
} from '../src/services/referrals.js';
import { getSetting } from '../src/services/settings.js';
import type { Community } from '../src/store/schema.js';
import { namedMember } from './member-arg.js';
import { pointsText, referralLine } from './points-text.js';

/** A member's name as stored (the user id if there is no record). */
function storedName(ctx: GroupContext, userId: string): string {
  return ctx.tables.members.get(memberId(ctx.community.id, userId))?.name ?? userId;
}

/** A member's name as shown (fenced: see names.ts). */
function nameOf(ctx: GroupContext, userId: string): string {
  return showName(storedName(ctx, userId));
}

export const inviteCommand = defineCommand({
  name: 'invite',
  keywords: ['邀请'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: helpText('your personal invite link and code', '获取我的专属邀请链接和邀请码', '/invite'),
  async run(ctx) {
    const community = ctx.community;
    let invite = ctx.mutate((tx) => ensureInvite(tx, community, ctx.sender.id, ctx.clock.now()));
    if (!invite.link && ctx.adapter.capabilities.inviteLinks && ctx.adapter.createInviteLink) {
      try {
        const link = await ctx.adapter.createInviteLink(ctx.chat, `${ctx.sender.name}`.slice(0, 24));
        const current = invite;
        invite = ctx.mutate((tx) => setInviteLink(tx, current, link));
      } catch {
        // No right to make links here (the adapter reported it): the code still works.
      }
    }
    ctx.reply(
      pointsText(ctx.locale).invite(
        invite.link,
        invite.code,
        getSetting(community, joinRewardSetting),
        String(getSetting(community, orderRewardSetting)),
      ),
    );
  },
});

function redeemCode(ctx: GroupContext, code: string, quietIfUnknown: boolean): boolean {
  const t = pointsText(ctx.locale);
  const community = ctx.community;
  const member = ctx.member;
  if (!member) return false;
  const outcome = ctx.mutate((tx) => attributeCode(tx, community, member, code, ctx.clock.now()));
  switch (outcome.kind) {
    case 'attributed':
      ctx.reply(t.refDone(nameOf(ctx, outcome.inviter)));
      return true;
    case 'already':
      if (quietIfUnknown) return false;
      ctx.reply(t.refAlready(nameOf(ctx, outcome.referral.inviterId)));
      return true;
    case 'too_late':
      if (quietIfUnknown) return false;
      ctx.reply(t.refTooLate);
      return true;
    case 'not_new':
      if (quietIfUnknown) return false;
      ctx.reply(t.refNotNew);
      return true;
    case 'unknown_code':
      if (quietIfUnknown) return false;
      ctx.reply(t.refUnknown(code));
      return true;
  }
}

export const refCommand = defineCommand({
  name: 'ref',
  keywords: ['邀请码'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({ code: z.string().regex(/^[A-Za-z0-9]{4,12}$/, 'expected an invite code like K7PQ2M') }),
  positional: ['code'],
  help: helpText(
    'say who invited you (within 24 h of joining)',
    '填写邀请人的邀请码（入群 24 小时内）',
    '/ref CODE',
    ['/ref K7PQ2M'],
  ),
  run(ctx, args) {
    redeemCode(ctx, args.code, false);
  },
});

/** A new member sending just a code: taken as `/ref CODE`; any other word is left alone. */
export const codeHandler: TextHandler = (ctx, text) => {
  if (ctx.chat.kind !== 'group' || !inCommunity(ctx) || !/^[A-Za-z0-9]{6}$/.test(text)) return false;
  return redeemCode(ctx, text, true);
};

export const invitesCommand = defineCommand({
  name: 'invites',
  keywords: ['我的邀请'],
  role: 'member',
  scope: 'group',
  args: z.object({ member: z.string().min(1).max(64).optional() }),
  positional: ['member'],
  // An anonymous admin has no invites of its own (as for /points); `/invites @member` is an admin's look.
  personal: (args) => !args.member,
  help: helpText(
    'people you invited and their status',
    '我邀请的人及每人的状态（管理员可查 /invites @成员）',
    '/invites [@member]',
    ['/invites', '/invites @alice'],
  ),
  run(ctx, args) {
    const t = pointsText(ctx.locale);
    const community = ctx.community;
    let userId = ctx.sender.id;
    let label: string | undefined;
    if (args.member) {
      if (!roleAllows(ctx.role, 'admin')) {
        return ctx.reply(
          ctx.locale === 'zh'
            ? '只有群管理员可以查看别人的邀请。发送 /invites 查看你自己的。'
            : "Only group admins can see someone else's invites. /invites shows yours.",
        );
      }
      const named = namedMember(ctx, community.id, args.member, t.noMember);
      if (!named) return;
      userId = named.member.userId;
      label = named.label;
    }
    const referrals = invitedBy(ctx.tables, community, userId);
    const name = label ?? nameOf(ctx, userId);
    if (referrals.length === 0) return ctx.reply(t.invitesNone(name));
    const qualified = referrals.filter((r) => r.status === 'qualified').length;
    const listed = referrals.slice(0, 30);
    const names = memberNames(
      ctx.tables,
      community.id,
      listed.map((r) => ({ id: r.inviteeId, name: storedName(ctx, r.inviteeId) })),
    );
    const lines = listed.map((r) => referralLine(ctx.locale, r, names.get(r.inviteeId)!));
    ctx.reply([t.invitesHeader(name, qualified, referrals.length), ...lines].join('\n'));
  },
});

const onJoin: JoinHandler = (ctx, joined) => {
  const community = ctx.community;
  const { event } = ctx;
  ctx.mutate((tx) =>
    attributeJoin(
      tx,
      community,
      {
        ...(joined.member ? { member: joined.member } : {}),
        userId: event.member.id,
        rejoin: joined.rejoin,
        isBot: event.member.isBot === true,
        ...(event.member.accountCreatedAt ? { accountCreatedAt: event.member.accountCreatedAt } : {}),
        ...(event.inviter ? { inviterId: event.inviter.id } : {}),
        ...(event.invite ? { invite: event.invite } : {}),
      },
      ctx.clock.now(),
    ),
  );
};

const onLeaveHook: LeaveHandler = (ctx, left) => {
  ctx.mutate((tx) => onLeave(tx, ctx.community, left.member.userId, ctx.clock.now()));
};

/** Referral holds: qualify (and pay) invitees who stayed the hold period and spoke. */
export const referralHoldJob: Job = {
  name: 'referral-holds',
  run(ctx) {
    const now = ctx.clock.now();
    const communities: Community[] = [...ctx.tables.communities.values()];
    for (const community of communities) {
      // Removed from the group, the bot cannot see who left during the hold: settled when it is back.
      if (botAbsent(community)) continue;
      const pending = ctx.tables.referrals.by('community', community.id).some((r) => r.status === 'pending');
      if (pending) ctx.mutate((tx) => settleHolds(tx, community, now));
    }
  },
};

export const referralsFeature: Feature = {
  name: 'referrals',
  commands: [inviteCommand, refCommand, invitesCommand],
  onText: [codeHandler],
  onJoin: [onJoin],
  onLeave: [onLeaveHook],
  jobs: [referralHoldJob],
};
