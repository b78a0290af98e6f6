import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { removeImage } from '../src/core/images.js';
import { splitText } from '../src/core/split-text.js';
import { communitiesOf } from '../src/services/members.js';
import {
  clearProfile,
  collectMemberData,
  forgetArchived,
  forgetMember,
  setProfile,
} from '../src/services/privacy.js';
import { listTicketPhotos, removeTicketPhotos } from '../src/store/aftersale-files.js';
import { removeExportsNaming, writeExport } from '../src/store/exports.js';
import { readArchive, rewriteArchive } from '../src/store/ledger-archive.js';
import { listProofs, removeProofs, resolveDataPath } from '../src/store/payment-files.js';
import { removeReviewPhotos } from '../src/store/review-files.js';
import type { Community } from '../src/store/schema.js';
import { consentButtonHandler, privacyCommand } from './consent.js';
import { consentText } from './consent-text.js';
import { dropOffersOnLeave } from './offers.js';
import { privacyText as text } from './privacy-text.js';

/**
 * A community's id and the ids it had before its group moved to a new chat (chatMoves): a
 * member's screenshot, ticket and review photo folders are named by the id the community had when
 * the picture came.
 */
function idsOf(ctx: Context, community: Community): string[] {
  const ids = [community.id];
  for (const move of ctx.tables.chatMoves.values()) if (move.communityId === community.id) ids.push(move.id);
  return ids;
}

/** A member's files of one kind (screenshots, ticket pictures) in a community, under any id it had (see idsOf). */
async function filesIn(
  ctx: Context,
  community: Community,
  list: (dataDir: string, communityId: string, userId: string) => Promise<string[]>,
): Promise<string[]> {
  const lists = await Promise.all(idsOf(ctx, community).map((id) => list(ctx.dataDir, id, ctx.sender.id)));
  return lists.flat();
}

/** The groups a privacy command is about: this group, or in private every group the sender is in. */
function scope(ctx: Context): Community[] {
  if (ctx.chat.kind === 'group' && ctx.community) return [ctx.community];
  return communitiesOf(ctx.tables, ctx.chat.platform, ctx.sender.id);
}

export const mydataCommand = defineCommand({
  name: 'mydata',
  keywords: ['我的数据'],
  role: 'member',
  personal: true,
  scope: 'any',
  args: z.object({}),
  help: helpText(
    'get everything stored about you (JSON, privately)',
    '获取关于你的全部数据（JSON，私聊发送）',
    '/mydata',
  ),
  async run(ctx) {
    const t = text(ctx.locale);
    const communities = scope(ctx);
    const archives = await Promise.all(communities.map((c) => readArchive(ctx.dataDir, c.id)));
    // Payment screenshots are files, not records: listed by path (under the data dir).
    const proofs = await Promise.all(communities.map((c) => filesIn(ctx, c, listProofs)));
    const ticketPhotos = await Promise.all(communities.map((c) => filesIn(ctx, c, listTicketPhotos)));
    const data = communities
      .map((c, i) => ({
        group: c.title,
        community: c.id,
        ...collectMemberData(ctx.tables, c.id, ctx.sender.id, archives[i]),
        ...(proofs[i]!.length > 0 ? { paymentScreenshots: proofs[i] } : {}),
        ...(ticketPhotos[i]!.length > 0 ? { afterSalesPhotos: ticketPhotos[i] } : {}),
      }))
      .filter((d) => Object.keys(d).length > 2);
    if (data.length === 0) return ctx.dm({ kind: 'text', text: t.noData });
    const now = ctx.clock.now();
    const file = await writeExport(
      ctx.dataDir,
      `${mydataPrefix(ctx.sender.id)}${now.getTime()}.json`,
      JSON.stringify({ user: ctx.sender.id, exportedAt: now.toISOString(), data }, null, 2),
      now,
    );
    const caption = t.mydataCaption(communities.map((c) => c.title).join(', '));
    // A member the platform will not let the bot write to first is told in the group to open a
    // private chat; the file is kept for them until they do.
    if (ctx.adapter.capabilities.files)
      ctx.dm({ kind: 'file', path: file, caption }, { onUnreachable: 'hold' });
    // No files here: the caption, then the JSON in messages that join back into all of it.
    else
      for (const part of splitText(
        `${caption}\n${JSON.stringify(data)}`,
        ctx.adapter.capabilities.maxMessageLength,
      ))
        ctx.dm({ kind: 'text', text: part }, { onUnreachable: 'hold' });
  },
});

/** How a member's /mydata files are named: after them, so /forget finds them by name. */
function mydataPrefix(userId: string): string {
  return `mydata-${userId.replace(/[^\w-]/g, '_')}-`;
}

/** The names the member is known by in these communities (their member record, their order lines). */
function namesOf(ctx: Context, communities: Community[]): string[] {
  const names = new Set<string>();
  for (const community of communities) {
    const data = collectMemberData(ctx.tables, community.id, ctx.sender.id);
    for (const rows of [data.members, data.orders, data.audit])
      for (const row of (rows ?? []) as { userId?: string; name?: string }[])
        if (row.userId === ctx.sender.id && row.name) names.add(row.name);
  }
  return [...names];
}

/** The screenshot files the member's order lines name in these communities, as files to delete. */
function claimProofsOf(ctx: Context, communities: Community[]): string[] {
  return communities
    .flatMap((c) => ctx.tables.orders.by('buyer', `${c.id}/${ctx.sender.id}`))
    .flatMap((o) => (o.claimProof ? [resolveDataPath(ctx.dataDir, o.claimProof)] : []))
    .filter((path): path is string => path !== undefined);
}

/** The photos of the member's reviews in these communities, as files to delete (the reviews go with /forget). */
function reviewPhotosOf(ctx: Context, communities: Community[]): string[] {
  return [...ctx.tables.reviews.values()]
    .filter((r) => r.userId === ctx.sender.id && communities.some((c) => c.id === r.communityId))
    .flatMap((r) => (r.photo ? [resolveDataPath(ctx.dataDir, r.photo)] : []))
    .filter((path): path is string => path !== undefined);
}

const FORGET_WINDOW_MS = 10 * 60_000;

/**
 * Who asked to be forgotten, and when: a confirmation must follow within the window. Kept per bot
 * (by its command registry, one per bot), so bots sharing a process never confirm each other's.
 */
const forgetRequestsByBot = new WeakMap<Context['registry'], Map<string, number>>();

function forgetRequestsOf(ctx: Context): Map<string, number> {
  const known = forgetRequestsByBot.get(ctx.registry);
  if (known) return known;
  const requests = new Map<string, number>();
  forgetRequestsByBot.set(ctx.registry, requests);
  return requests;
}

export const forgetCommand = defineCommand({
  name: 'forget',
  keywords: ['删除我的数据'],
  role: 'member',
  personal: true,
  scope: 'any',
  args: z.object({ confirm: z.literal('confirm').optional() }),
  positional: ['confirm'],
  help: {
    en: {
      summary: 'delete your personal data (asks for /forget confirm)',
      usage: '/forget [confirm]',
      examples: ['/forget', '/forget confirm'],
    },
    zh: {
      summary: '删除你的个人数据（需再发“删除我的数据 确认”）',
      usage: '/forget [确认]',
      examples: ['删除我的数据', '删除我的数据 确认'],
    },
  },
  async run(ctx, args) {
    const t = text(ctx.locale);
    const communities = scope(ctx);
    const names = communities.map((c) => c.title).join(', ');
    if (communities.length === 0) return ctx.reply(t.noData);
    const key = `${ctx.chat.platform}:${ctx.chat.chatId}:${ctx.sender.id}`;
    const now = ctx.clock.now().getTime();
    const forgetRequests = forgetRequestsOf(ctx);
    if (!args.confirm) {
      forgetRequests.set(key, now);
      return ctx.reply(t.forgetAsk(names));
    }
    const asked = forgetRequests.get(key);
    if (asked === undefined || now - asked > FORGET_WINDOW_MS) return ctx.reply(t.forgetNotAsked);
    forgetRequests.delete(key);
    const known = namesOf(ctx, communities);
    const screenshots = [...claimProofsOf(ctx, communities), ...reviewPhotosOf(ctx, communities)];
    // The store folds its journal into a fresh snapshot right after this (forgetMember says it
    // erases), so neither keeps the records replaced here.
    ctx.mutate((tx) => {
      for (const community of communities) forgetMember(tx, community, ctx.sender.id, ctx.clock.now());
    });
    // Archived entries too (after the live ones, so a compaction running now cannot append an entry
    // that escapes both: the rewrite queues behind any archive append).
    for (const community of communities)
      await rewriteArchive(ctx.dataDir, community.id, (entries) =>
        forgetArchived(entries, community.id, ctx.sender.id),
      );
    // Their payment screenshots: their folder, and any file a line of theirs named (kept before a move).
    for (const community of communities)
      for (const id of idsOf(ctx, community)) {
        await removeProofs(ctx.dataDir, id, ctx.sender.id);
        await removeTicketPhotos(ctx.dataDir, id, ctx.sender.id);
        await removeReviewPhotos(ctx.dataDir, id, ctx.sender.id);
      }
    for (const path of screenshots) await removeImage(path);
    // Files made from the store before (their /mydata, a CSV or report naming them) go too.
    await removeExportsNaming(ctx.dataDir, {
      prefixes: [mydataPrefix(ctx.sender.id)],
      userId: ctx.sender.id,
      names: known,
    });
    ctx.reply(t.forgotten(names));
  },
});

export const profileCommand = defineCommand({
  name: 'profile',
  keywords: ['标签'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({
    off: z.literal('off').optional(),
    interests: z.string().max(200).optional(),
    area: z.string().max(60).optional(),
  }),
  positional: ['off'],
  help: {
    en: {
      summary: 'your own tags for matched offers',
      usage: '/profile [interests=a,b] [area=…] | /profile off',
      examples: ['/profile interests=fruit,baby area=Pudong', '/profile off'],
    },
    zh: {
      summary: '设置个人标签以获得匹配推荐（仅在你自愿设置时）',
      usage: '/profile [兴趣=甲,乙] [地区=…] | /profile 关闭',
      examples: ['标签 兴趣=水果,母婴 地区=浦东', '标签 关闭'],
    },
  },
  run(ctx, args) {
    const t = text(ctx.locale);
    const member = ctx.member!;
    // A member's tags (interests, where they live) are theirs: answered privately, never in the group.
    const answer = (said: string) => ctx.dm({ kind: 'text', text: said }, { onUnreachable: 'hold' });
    if (args.off) {
      ctx.mutate((tx) => clearProfile(tx, member));
      return answer(t.profileCleared);
    }
    if (args.interests === undefined && args.area === undefined) {
      const p = member.profile;
      return answer(p ? t.profileShow(p.interests.join(', '), p.area ?? '') : t.profileNone);
    }
    const interests = args.interests
      ?.split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 10);
    ctx.mutate((tx) =>
      setProfile(
        tx,
        member,
        { ...(interests ? { interests } : {}), ...(args.area ? { area: args.area.trim() } : {}) },
        ctx.clock.now(),
      ),
    );
    answer(t.profileSet);
  },
});

export const privacyFeature: Feature = {
  name: 'privacy',
  commands: [privacyCommand, mydataCommand, forgetCommand, profileCommand],
  messages: [text, consentText],
  onButton: [consentButtonHandler],
  // Data of a member who left is no longer used for them: offers owed to them are not sent.
  onLeave: [dropOffersOnLeave],
};
