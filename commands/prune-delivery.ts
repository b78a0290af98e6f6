import type { Adapter, Outgoing } from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import type { ChatRef } from '../src/core/events.js';
import { formatTime } from '../src/core/format.js';
import type { DeliveryContext, DeliveryHandler, SendOptions } from '../src/core/outbox.js';
import {
  pruneWarnHoursSetting,
  setDelivery,
  type WarningDelivery,
  warningRun,
} from '../src/services/prune.js';
import { getSetting } from '../src/services/settings.js';
import type { Community, Member, PruneWarning } from '../src/store/schema.js';
import { pruneText } from './prune-text.js';

/**
 * How prune warnings reach members, and what the bot learns from it. A warning counts only once
 * the platform accepted the message carrying it: privately where the platform lets the bot start
 * a private chat, else (or when it refuses that member's private chat) in one group message that
 * mentions them. The outcomes arrive through named delivery handlers, so they are not lost when
 * the bot restarts between sending a warning and hearing back.
 */

/** A warning message was accepted. args: `warnings` (ids, one per line), `via` (dm | group | mentioned). */
export const PRUNE_DELIVERED = 'prune.delivered';
/** A private warning was refused for good. args: `warning` (its id). */
export const PRUNE_UNREACHABLE = 'prune.unreachable';

type Send = (chat: ChatRef, out: Outgoing, opts: SendOptions) => void;

/** Sends the new warnings: one private message each where possible, else one group message mentioning all. */
export function sendWarnings(adapter: Adapter, community: Community, warned: Member[], send: Send): void {
  const t = pruneText(community.locale);
  const hours = getSetting(community, pruneWarnHoursSetting);
  const direct = warned.map((m) => adapter.directChat?.(m.userId));
  if (direct.every((chat) => chat !== undefined)) {
    warned.forEach((member, i) => {
      send(
        direct[i]!,
        { kind: 'text', text: t.warnDm(community.title, hours) },
        {
          userId: member.userId,
          onDelivered: { name: PRUNE_DELIVERED, args: { warnings: member.id, via: 'dm' } },
          onUnreachable: { name: PRUNE_UNREACHABLE, args: { warning: member.id } },
        },
      );
    });
    return;
  }
  send(
    chatOf(community),
    {
      kind: 'text',
      text: t.warnGroup(
        warned.map((m) => m.name),
        hours,
      ),
    },
    {
      onDelivered: {
        name: PRUNE_DELIVERED,
        args: { warnings: warned.map((m) => m.id).join('\n'), via: 'group' },
      },
    },
  );
}

const VIAS: readonly WarningDelivery[] = ['dm', 'group', 'mentioned'];

export const pruneDeliveryHandlers: Record<string, DeliveryHandler> = {
  [PRUNE_DELIVERED]: (ctx, args) => {
    const via = VIAS.find((v) => v === args.via) ?? 'dm';
    const ids = (args.warnings ?? '').split('\n').filter(Boolean);
    const updated = ctx.mutate((tx) => setDelivery(tx, ids, via));
    if (updated[0]) afterSettled(ctx, updated[0]);
  },
  [PRUNE_UNREACHABLE]: (ctx, args) => {
    const updated = ctx.mutate((tx) => setDelivery(tx, [args.warning ?? ''], 'unreachable'));
    if (updated[0]) afterSettled(ctx, updated[0]);
  },
};

/**
 * Once every warning of a run has an outcome: the members who could not be reached privately are
 * mentioned in ONE group message; when that is out too, the admin who warned is told who was
 * warned how (the weekly sweep reports its removals instead).
 */
function afterSettled(ctx: DeliveryContext, warning: PruneWarning): void {
  const run = warningRun(ctx.tables, warning);
  if (run.some((w) => w.delivery === 'pending' || w.delivery === 'fallback')) return;
  const community = ctx.tables.communities.get(warning.communityId);
  if (!community) return;
  const t = pruneText(community.locale);
  const nameOf = (w: PruneWarning) => ctx.tables.members.get(w.id)?.name ?? w.userId;
  const unreachable = run.filter((w) => w.delivery === 'unreachable');
  if (unreachable.length > 0) {
    const ids = unreachable.map((w) => w.id);
    ctx.mutate((tx) => setDelivery(tx, ids, 'fallback'));
    ctx.send(
      chatOf(community),
      {
        kind: 'text',
        text: t.warnGroup(unreachable.map(nameOf), getSetting(community, pruneWarnHoursSetting)),
      },
      { onDelivered: { name: PRUNE_DELIVERED, args: { warnings: ids.join('\n'), via: 'mentioned' } } },
    );
    return;
  }
  if (warning.by === 'auto') return;
  const deadline = formatTime(warning.deadline, community.timezone);
  const by = (via: WarningDelivery) => run.filter((w) => w.delivery === via).map(nameOf);
  const lines: string[] = [];
  if (by('dm').length > 0) lines.push(t.warned(by('dm'), deadline, true));
  if (by('group').length > 0) lines.push(t.warned(by('group'), deadline, false));
  if (by('mentioned').length > 0) lines.push(t.warnUnreachable(by('mentioned'), deadline));
  if (lines.length > 0) ctx.send(chatOf(community), { kind: 'text', text: lines.join('\n') });
}
