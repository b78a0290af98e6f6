import type { GroupContext } from '../src/core/context.js';

/**
 * "The details privately, a short line in the group": how an answer that names a member, an
 * amount or a complaint is given when it was asked for in the group.
 */

/**
 * Answers the sender with `full` privately and the group with `short` (no names, no amounts), as
 * /tickets does; in a private chat `full` is the answer. Where the platform has no private chat,
 * `full` is said in the group, or with `holdUnreachable` (a member's words the group must not
 * read) kept until the sender can be reached, nothing said in the group.
 */
export function answerPrivately(
  ctx: GroupContext,
  full: string,
  short: string,
  opts: { holdUnreachable?: boolean } = {},
): void {
  if (ctx.chat.kind !== 'group' || (!ctx.adapter.directChat && !opts.holdUnreachable)) {
    ctx.reply(full);
    return;
  }
  ctx.dm({ kind: 'text', text: full }, { onUnreachable: 'hold' });
  sentPrivately(ctx, short);
}

/**
 * After messages sent to the sender with ctx.dm (pictures, several at once): the group's short
 * line saying so, where it was asked in the group and the platform has a private chat.
 */
export function sentPrivately(ctx: GroupContext, short: string): void {
  if (ctx.chat.kind === 'group' && ctx.adapter.directChat) ctx.reply(short);
}
