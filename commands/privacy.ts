import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Context } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { count, defineMessages } from '../src/core/i18n/index.js';
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

const text = defineMessages('privacy', {
  en: {
    // days: BACKUP_KEEP_DAYS; what the backup sentence says is what src/store/backups.ts does.
    privacy: (days: number) =>
      [
        'What tuanbot stores, why, and for how long:',
        '• Your platform id and display name, when you joined or left, who invited you, how many messages you sent per day (never what you wrote): to run the group, referrals, tiers and the report.',
        '• Your orders, payment and pickup status, and any payment screenshot you send: the organiser needs them to run the group buy.',
        '• Reviews you write (stars, words, photo): shown to the group with /reviews.',
        '• After-sales tickets you open (what went wrong, photos) and their answers: the organiser needs them to settle them.',
        '• Your points entries: your balance is their sum.',
        '• Your invite code and link; profile tags only if you set them (/profile).',
        `Kept until you send /forget or the group is removed. A backup of all data is taken every day (UTC) and deleted after ${count(days, 'day', 'days')}, so what /forget deletes is gone from the backups within ${count(days, 'day', 'days')}. Nothing is sold or shared outside this group.`,
        'Your rights: /mydata sends you everything stored about you; /forget deletes your personal data (orders and points stay, anonymised, for the group’s accounts); /profile off clears your tags.',
      ].join('\n'),
    mydataCaption: (group: string) => `Everything tuanbot stores about you in ${group} (JSON).`,
    noData: 'I have no data about you.',
    forgetAsk: (group: string) =>
      `This deletes your name, activity counts, profile, invite links, payment screenshots, reviews (with their photos) and after-sales complaints and photos in ${group}. Orders and points entries stay under a pseudonym for the group's accounts. Send /forget confirm within 10 minutes to go ahead.`,
    forgetNotAsked: 'Send /forget first; then /forget confirm within 10 minutes.',
    forgotten: (group: string) => `Done: your personal data in ${group} is deleted.`,
    profileShow: (interests: string, area: string) =>
      `Your profile: interests ${interests || '—'} · area ${area || '—'}. /profile off clears it.`,
    profileNone:
      'You have no profile tags. Set them only if you want offers matched to you: /profile interests=fruit,baby area=Pudong',
    profileSet:
      'Saved. Deals matching your tags are marked ★ in /deals. /profile off clears them at any time.',
    profileCleared: 'Your profile tags are cleared.',
  },
  zh: {
    privacy: (days: number) =>
      [
        'tuanbot 存储哪些数据、为什么、保存多久：',
        '• 你的平台 ID 和昵称、入群/退群时间、邀请人、每天发言条数（从不保存发言内容）：用于群管理、邀请奖励、成员分层和报表。',
        '• 你的订单、付款和提货状态，以及你发送的付款截图：团长组织团购需要。',
        '• 你写的评价（星级、文字、照片）：通过“查看评价”展示给本群。',
        '• 你申请的售后单（问题描述、照片）及处理结果：团长处理售后需要。',
        '• 你的积分记录：余额即其合计。',
        '• 你的邀请码和链接；个人标签仅在你自己设置时保存（发“标签”）。',
        `保存到你发送“删除我的数据”或本群被移除为止。全部数据每天（按 UTC 日期）备份一次，每份备份 ${days} 天后删除，因此“删除我的数据”删掉的内容最多 ${days} 天后也从备份中消失。不会出售或提供给群外任何人。`,
        '你的权利：发“我的数据”获取关于你的全部数据；发“删除我的数据”删除你的个人数据（订单和积分记录为了群账目会匿名保留）；发“标签 关闭”清除标签。',
      ].join('\n'),
    mydataCaption: (group: string) => `tuanbot 在「${group}」存储的关于你的全部数据（JSON）。`,
    noData: '我没有关于你的数据。',
    forgetAsk: (group: string) =>
      `这将删除你在「${group}」的昵称、活跃记录、个人标签、邀请链接、付款截图、评价（含照片）和售后描述及照片；订单和积分记录会以匿名方式保留用于群账目。请在 10 分钟内发送“删除我的数据 确认”。`,
    forgetNotAsked: '请先发送“删除我的数据”，再在 10 分钟内发送“删除我的数据 确认”。',
    forgotten: (group: string) => `已完成：你在「${group}」的个人数据已删除。`,
    profileShow: (interests: string, area: string) =>
      `你的标签：兴趣 ${interests || '—'} · 地区 ${area || '—'}。发送“标签 关闭”清除。`,
    profileNone: '你没有设置标签。只有你希望收到匹配推荐时才需要设置：标签 兴趣=水果,母婴 地区=浦东',
    profileSet: '已保存。与你的标签匹配的团购会在“团购”列表中标 ★。随时发“标签 关闭”清除。',
    profileCleared: '你的标签已清除。',
  },
});

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

export const privacyCommand = defineCommand({
  name: 'privacy',
  keywords: ['隐私'],
  role: 'member',
  scope: 'any',
  args: z.object({}),
  help: helpText(
    'what the bot stores about you, why, and for how long',
    '机器人存储哪些数据、为什么、保存多久',
    '/privacy',
  ),
  run(ctx) {
    ctx.reply(text(ctx.locale).privacy(ctx.backupKeepDays));
  },
});

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
      for (const community of communities) forgetMember(tx, community, ctx.sender.id);
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
      summary: 'your own tags for matched offers (only if you set them)',
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
    if (args.off) {
      ctx.mutate((tx) => clearProfile(tx, member));
      return ctx.reply(t.profileCleared);
    }
    if (args.interests === undefined && args.area === undefined) {
      const p = member.profile;
      return ctx.reply(p ? t.profileShow(p.interests.join(', '), p.area ?? '') : t.profileNone);
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
    ctx.reply(t.profileSet);
  },
});

export const privacyFeature: Feature = {
  name: 'privacy',
  commands: [privacyCommand, mydataCommand, forgetCommand, profileCommand],
  messages: [text],
};
