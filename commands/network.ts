import { z } from 'zod';
import { chatOf } from '../src/core/bot.js';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { networkOf } from '../src/services/network.js';
import {
  createNetworkInvite,
  joinNetwork,
  leaveNetwork,
  NETWORK_CODE_TTL_MS,
  type NetworkActor,
} from '../src/services/network-links.js';
import type { AuditEntry, Community } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { networkReportText } from './network-report.js';
import { networkText } from './network-text.js';
import { paymentText } from './payment-text.js';

/**
 * A leader's network of groups (`/network`, 联营): see who is linked, link one more group with a
 * one-time code (made in one group, sent to its admin privately, confirmed by an admin of the other
 * group there), leave. Rules in src/services/network-links.ts.
 */

const HOURS = NETWORK_CODE_TTL_MS / 3_600_000;

/** Titles as one list in the group's language: `"A", "B"` or `「A」、「B」`. */
export function groupList(locale: Locale, titles: string[]): string {
  return locale === 'zh'
    ? titles.map((t) => `「${showName(t)}」`).join('、')
    : titles.map((t) => `"${showName(t)}"`).join(', ');
}

const actor = (ctx: GroupContext): NetworkActor => ({ userId: ctx.sender.id, name: ctx.sender.name });

// A subcommand with `/network` as its alias (as /apitoken list): Discord's menu, which shows the
// subcommands of a word that has them, keeps it.
const networkList = defineCommand({
  name: 'network list',
  aliases: ['network'],
  keywords: ['联营', '联营 列表'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'groups linked with this one',
    '与本群联营的群，或如何联营',
    '/network',
    ['/network', '联营'],
    '联营',
  ),
  run(ctx) {
    const t = networkText(ctx.locale);
    const linked = networkOf(ctx.tables, ctx.community.id);
    if (!linked) return ctx.reply(`${t.none}\n${t.howTo}`);
    const lines = linked.communityIds.map((id, i) => {
      const group = ctx.tables.communities.get(id);
      const note = id === ctx.community.id ? t.thisGroup : group?.removedAt ? t.removedGroup : '';
      return `${i + 1}. ${showName(group?.title ?? id)}${note}`;
    });
    ctx.reply(`${t.linkedList(lines.length, lines.join('\n'))}\n${t.changes}`);
  },
});

const networkAdd = defineCommand({
  name: 'network add',
  aliases: ['network code'],
  keywords: ['联营 添加', '联营 邀请'],
  role: 'admin',
  scope: 'group',
  // The code goes to the admin's own private chat: an anonymous admin has none.
  personal: true,
  args: z.object({}),
  help: helpText(
    'a one-time code (24 h) to link another group of yours with this one, sent to you privately',
    '生成一次性邀请码（24小时内有效），用于把你的另一个群与本群联营，私信发送',
    '/network add',
    ['/network add', '联营 添加'],
    '联营 添加',
  ),
  run(ctx) {
    const t = networkText(ctx.locale);
    // Where no private chat exists, ctx.dm would post in the group: the code must not go there.
    const direct = ctx.chat.kind === 'direct' ? ctx.chat : ctx.adapter.directChat?.(ctx.sender.id);
    if (!direct) return ctx.reply(t.noPrivateChat);
    const { community } = ctx;
    const outcome = ctx.mutate((tx) => createNetworkInvite(tx, community, actor(ctx), ctx.clock.now()));
    if (outcome.kind === 'full') return ctx.reply(t.full(outcome.max));
    // Kept for an admin the platform will not let the bot write to first (the group is told to).
    ctx.dm(
      { kind: 'text', text: t.codeDm(showName(community.title), outcome.invite.id, HOURS) },
      { onUnreachable: 'hold' },
    );
    if (ctx.chat.kind !== 'direct') ctx.reply(t.sentPrivately(HOURS));
  },
});

const networkJoin = defineCommand({
  name: 'network join',
  aliases: ['network link'],
  keywords: ['联营 加入'],
  role: 'admin',
  scope: 'group',
  args: z.object({ code: z.string().max(40) }),
  positional: ['code'],
  rest: 'code',
  help: helpText(
    'link this group with the group whose admin made CODE (/network add there)',
    '用另一个群生成的邀请码，把本群与那个群联营',
    '/network join CODE',
    ['/network join K7PQ2M', '联营 加入 K7PQ2M'],
    '联营 加入 邀请码',
  ),
  run(ctx, args) {
    const t = networkText(ctx.locale);
    const here = ctx.community;
    const typed = args.code.trim();
    const outcome = ctx.mutate((tx) => joinNetwork(tx, here, typed, actor(ctx), ctx.clock.now()));
    const titles = (c: Community[]) =>
      groupList(
        ctx.locale,
        c.map((x) => x.title),
      );
    switch (outcome.kind) {
      case 'unknown':
        return ctx.reply(t.unknownCode(typed));
      case 'expired':
        return ctx.reply(t.expiredCode(outcome.invite.id));
      case 'used':
        return ctx.reply(t.usedCode(outcome.invite.id));
      case 'same_group':
        return ctx.reply(t.sameGroup);
      case 'other_platform':
        return ctx.reply(t.otherPlatform(showName(outcome.from.title)));
      case 'removed':
        return ctx.reply(t.groupGone);
      case 'full':
        return ctx.reply(t.full(outcome.max));
      case 'already_linked': {
        const others = outcome.network.communityIds.filter((id) => id !== here.id);
        const group = ctx.tables.communities.get(others[0] ?? '');
        return ctx.reply(t.alreadyLinked(showName(group?.title ?? '')));
      }
      case 'in_other_network': {
        const others = outcome.network.communityIds
          .filter((id) => id !== here.id)
          .map((id) => ctx.tables.communities.get(id))
          .filter((c): c is Community => c !== undefined);
        return ctx.reply(t.inOtherNetwork(titles(others)));
      }
      case 'linked': {
        const n = outcome.network.communityIds.length;
        ctx.reply(t.linked(showName(outcome.from.title), n));
        // The other group hears it in its own language, one line.
        const there = networkText(outcome.from.locale);
        ctx.sendTo(chatOf(outcome.from), { kind: 'text', text: there.linked(showName(here.title), n) });
        return;
      }
    }
  },
});

const networkLeave = defineCommand({
  name: 'network leave',
  aliases: ['network unlink'],
  keywords: ['联营 退出'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'unlink this group from its network; its deals, orders and members stay here',
    '本群退出联营；本群的团购、订单和成员都保留',
    '/network leave',
    ['/network leave', '联营 退出'],
    '联营 退出',
  ),
  run(ctx) {
    const t = networkText(ctx.locale);
    const here = ctx.community;
    const outcome = ctx.mutate((tx) => leaveNetwork(tx, here, actor(ctx), ctx.clock.now()));
    if (outcome.kind === 'not_linked') return ctx.reply(t.notLinked);
    if (outcome.kind === 'open_shared_deals') {
      const list = outcome.deals.map((d) => `#${d.no} ${d.title}`).join(ctx.locale === 'zh' ? '、' : ', ');
      return ctx.reply(t.openShared(list));
    }
    const { others, dissolved } = outcome;
    const titles = groupList(
      ctx.locale,
      others.map((c) => c.title),
    );
    ctx.reply(dissolved ? t.leftDissolved : t.left(titles));
    // Each group it was linked with hears it, one line in its own language.
    for (const other of others) {
      if (other.removedAt) continue;
      const there = networkText(other.locale);
      const text = dissolved
        ? there.otherLeftDissolved(showName(here.title))
        : there.otherLeft(showName(here.title), others.length);
      ctx.sendTo(chatOf(other), { kind: 'text', text });
    }
  },
});

/**
 * A network change in `/audit`, worded like money's: `2026-11-25 16:00 linked this group with ·
 * Fruit — by bob`. The actor may be an admin of the other group: named as they were then.
 */
export function networkAuditLine(
  locale: Locale,
  _tables: Tables,
  _community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (!entry.action.startsWith('network_')) return undefined;
  const t = networkText(locale);
  const who = by !== entry.by ? by : showName(entry.name);
  const line = (what: string, subject: string) => paymentText(locale).audit(at, what, subject, who);
  switch (entry.action) {
    case 'network_code':
      return line(t.auditCode, showName(entry.name));
    case 'network_linked':
      return line(t.auditLinked, showName(entry.reason ?? ''));
    case 'network_left':
      // In the group that left: the groups it left; in the others: the group that left.
      return entry.ref?.includes('|net|')
        ? line(t.auditLeft, groupList(locale, (entry.reason ?? '').split('\n').filter(Boolean)))
        : line(t.auditOtherLeft, showName(entry.reason ?? ''));
    default:
      return line(t.auditDissolved, showName(entry.reason ?? ''));
  }
}

export const networkFeature: Feature = {
  name: 'network',
  commands: [networkList, networkAdd, networkJoin, networkLeave],
  messages: [networkText, networkReportText],
};
