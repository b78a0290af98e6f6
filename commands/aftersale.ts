import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { formatDuration } from '../src/core/duration.js';
import type { ImageRef } from '../src/core/events.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { removeImage, takeImages } from '../src/core/images.js';
import {
  aftersaleWindowSetting,
  type LinePick,
  type OpenOutcome,
  openedAt,
  openTicket,
  ticketsOf,
} from '../src/services/aftersales.js';
import { dealCode } from '../src/services/deals.js';
import { parseMoney } from '../src/services/money.js';
import { getSetting } from '../src/services/settings.js';
import { addTicketPhotos, MAX_TICKET_PHOTOS, ticketAwaitingPhoto } from '../src/services/ticket-photos.js';
import { ticketPhotoBase } from '../src/store/aftersale-files.js';
import { dataPath } from '../src/store/payment-files.js';
import type { Deal, Order, Ticket } from '../src/store/schema.js';
import { aftersaleAdminCommands } from './aftersale-admin.js';
import { aftersaleJobs } from './aftersale-jobs.js';
import { aftersaleText } from './aftersale-text.js';
import { shownTicket, ticketLine } from './aftersale-views.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { moneyOf } from './money-text.js';
import type { PictureWait } from './picture-waits.js';
import { receivePicture } from './pictures.js';
import { answerPrivately } from './private-answers.js';

/**
 * After-sales for members (售后, issue #19): `/aftersale #3 "坏了2个" amount=10` opens a ticket on
 * one of their lines, with pictures in the same message or the next ones within PHOTO_WINDOW_MS;
 * `/mytickets` shows their tickets. Opening in the group is acknowledged quietly (a 👌, the
 * details privately): the member's complaint is not repeated to the group. The admins' side is
 * aftersale-admin.ts, their reminders aftersale-jobs.ts.
 */

/** How long after opening a ticket the member's pictures are taken as its photos. */
export const PHOTO_WINDOW_MS = 10 * 60_000;
/** Reaction on a message whose ticket or photos were kept (one of Telegram's allowed emoji). */
const NOTED = '👌';

/** Keeps the pictures on the ticket (owner-only, under aftersales/); returns how many were kept. */
async function keepPhotos(ctx: GroupContext, ticket: Ticket, images: readonly ImageRef[]): Promise<number> {
  const now = ctx.clock.now();
  const room = MAX_TICKET_PHOTOS - ticket.photos.length;
  const paths: string[] = [];
  const saved: string[] = [];
  for (const image of images.slice(0, Math.max(0, room))) {
    const base = ticketPhotoBase(ctx.dataDir, ctx.community.id, ctx.sender.id, ticket.no, now);
    const kept = await receivePicture(ctx, image, base, {
      unchanged: aftersaleText(ctx.locale).photoNotKept,
    });
    if (!kept) continue;
    saved.push(kept.path);
    paths.push(dataPath(ctx.dataDir, kept.path));
  }
  if (paths.length === 0) return 0;
  const updated = ctx.mutate((tx) => addTicketPhotos(tx, ticket, paths, now));
  // Answered while the picture was fetched (no open ticket to keep it with), or the ticket filled
  // up meanwhile: the files not kept go.
  const kept = new Set(updated?.kept ?? []);
  for (const [i, path] of saved.entries()) if (!kept.has(paths[i]!)) await removeImage(path);
  return kept.size;
}

/** Reads `amount=`, `line=` and `option=`; a bad one is answered and undefined returned. */
function readRequest(
  ctx: GroupContext,
  args: { amount?: string | undefined; line?: string | undefined; option?: string | undefined },
): { pick: LinePick; askedCents?: number } | undefined {
  const t = aftersaleText(ctx.locale);
  let askedCents: number | undefined;
  if (args.amount !== undefined) {
    const cents = parseMoney(args.amount);
    if (cents === undefined) {
      ctx.reply(t.badAmount(args.amount));
      return undefined;
    }
    if (cents > 0) askedCents = cents;
  }
  const pick: LinePick = {};
  if (args.line !== undefined) {
    if (!/^[#＃]?\d{1,4}$/.test(args.line.trim())) {
      ctx.reply(t.badLine(args.line));
      return undefined;
    }
    pick.line = Number(args.line.trim().replace(/^[#＃]/, ''));
  }
  if (args.option !== undefined) pick.option = args.option;
  return { pick, ...(askedCents !== undefined ? { askedCents } : {}) };
}

/** The member's lines, as a refusal lists them (`#2 ×1 L, #3 ×1 S`). */
function linesList(ctx: GroupContext, lines: Order[]): string {
  return lines.map((o) => ticketLine(ctx.locale, o)).join(ctx.locale === 'zh' ? '、' : ', ');
}

function refusal(ctx: GroupContext, deal: Deal, outcome: Exclude<OpenOutcome, { kind: 'opened' }>): string {
  const t = aftersaleText(ctx.locale);
  const money = moneyOf(ctx.community);
  switch (outcome.kind) {
    case 'no_order':
      return dealText(ctx.locale).noOrder(deal.no);
    case 'not_yours':
      return t.notYours(outcome.line, deal.no);
    case 'no_option':
      return t.noOption(outcome.option, deal.no, linesList(ctx, outcome.lines));
    case 'which_line':
      return t.whichLine(deal.no, linesList(ctx, outcome.lines), outcome.lines[0]!.line);
    case 'not_delivered':
      return t.notDelivered(deal.no);
    case 'out_of_window':
      return t.outOfWindow(
        deal.no,
        formatTime(outcome.closedAt, ctx.community.timezone),
        formatDuration(getSetting(ctx.community, aftersaleWindowSetting), ctx.locale),
      );
    case 'already':
      return t.already(outcome.ticket.no, t.state(outcome.ticket.status));
    case 'rejected':
      return t.rejectedBefore(outcome.ticket.no);
    case 'closed_by_admin':
      return t.closedBefore(outcome.ticket.no);
    case 'too_much':
      return outcome.maxCents > 0 ? t.tooMuch(money(outcome.maxCents)) : t.nothingPaid;
  }
}

/** Says the ticket was opened: privately in full, in the group with a 👌 (or a short line). */
function acknowledge(ctx: GroupContext, ticket: Ticket): void {
  const t = aftersaleText(ctx.locale);
  const full = t.opened(shownTicket(ctx.tables, ctx.community, ticket, ctx.clock.now(), ctx.locale));
  if (ctx.chat.kind !== 'group') {
    ctx.reply(full);
    return;
  }
  const direct = ctx.adapter.directChat?.(ctx.sender.id);
  if (direct) ctx.sendTo(direct, { kind: 'text', text: full }, { userId: ctx.sender.id });
  const reacted = ctx.react(NOTED);
  if (!reacted || !direct) ctx.reply(t.openedShort(ticket.no));
}

export const aftersaleCommand = defineCommand({
  name: 'aftersale',
  keywords: ['售后', '申请售后'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({
    deal: dealCode,
    reason: z.string().max(500).optional(),
    amount: z.string().max(20).optional(),
    line: z.string().max(8).optional(),
    option: z.string().max(40).optional(),
    // `规格=L` in a Chinese group is `options=L`.
    options: z.string().max(40).optional(),
  }),
  positional: ['deal', 'reason'],
  rest: 'reason',
  help: {
    en: {
      summary: 'report a problem with goods you picked up (photos welcome)',
      usage: '/aftersale #3 REASON [amount=AMOUNT] [line=2|option=OPTION]',
      examples: ['/aftersale #3 "2 were bad" amount=10', '/aftersale #3 "one box was crushed" option=L'],
    },
    zh: {
      summary: '提货后商品有问题，申请售后（可附照片）',
      usage: '售后 #3 原因 [金额=金额] [序号=2|规格=规格]',
      examples: ['售后 #3 "坏了2个" 金额=10', '售后 #3 "有一盒压坏了" 规格=L'],
    },
  },
  async run(ctx, args) {
    const t = aftersaleText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const reason = args.reason?.trim();
    if (!reason) return ctx.reply(t.noReason(deal.no));
    const request = readRequest(ctx, { ...args, option: args.option ?? args.options });
    if (!request) return;
    const now = ctx.clock.now();
    const outcome = ctx.mutate((tx) =>
      openTicket(tx, ctx.community, deal, ctx.sender.id, { ...request, reason }, now),
    );
    // What the member paid is not the group's to read: that refusal goes to them privately.
    if (outcome.kind === 'too_much')
      return answerPrivately(
        ctx,
        refusal(ctx, deal, outcome),
        outcome.maxCents > 0 ? t.tooMuchShort : t.nothingPaidShort,
      );
    if (outcome.kind !== 'opened') return ctx.reply(refusal(ctx, deal, outcome));
    const images = takeImages(ctx.event);
    if (images.length > 0) await keepPhotos(ctx, outcome.ticket, images);
    acknowledge(ctx, ctx.tables.tickets.get(outcome.ticket.id) ?? outcome.ticket);
  },
});

export const myTicketsCommand = defineCommand({
  name: 'mytickets',
  keywords: ['我的售后'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({}),
  help: helpText('your after-sales tickets', '我的售后单', '/mytickets', [], '我的售后'),
  run(ctx) {
    const t = aftersaleText(ctx.locale);
    const mine = ticketsOf(ctx.tables, ctx.community.id, ctx.sender.id);
    if (mine.length === 0) return ctx.reply(t.mineNone);
    const now = ctx.clock.now();
    const lines = mine.map((ticket) =>
      t.mineLine(shownTicket(ctx.tables, ctx.community, ticket, now, ctx.locale)),
    );
    // Their complaints and the answers are theirs: privately where the platform allows.
    ctx.dm({ kind: 'text', text: [t.mineHeader, ...lines].join('\n') });
  },
});

/** How long after a ticket's last photo the next is part of the same burst, not acknowledged again. */
const BURST_MS = 60_000;

/** The ticket got a photo less than BURST_MS ago: that one's acknowledgement covers the next. */
function inBurst(ticket: Ticket, now: Date): boolean {
  return ticket.photos.length > 0 && now.getTime() - Date.parse(ticket.updatedAt) < BURST_MS;
}

/** A member's ticket opened within PHOTO_WINDOW_MS that takes photos: their next picture is its photo (picture-waits.ts). */
export function ticketPictureWait(ctx: GroupContext): PictureWait | undefined {
  if (ctx.sender.persona) return undefined;
  const now = ctx.clock.now();
  const ticket = ticketAwaitingPhoto(ctx.tables, ctx.community.id, ctx.sender.id, now, PHOTO_WINDOW_MS);
  if (!ticket) return undefined;
  return {
    kind: 'ticket',
    at: Date.parse(openedAt(ticket)),
    async keep(images) {
      const t = aftersaleText(ctx.locale);
      const room = MAX_TICKET_PHOTOS - ticket.photos.length;
      // Past the limit a picture is answered, privately (it names the ticket), never dropped unsaid.
      if (room <= 0) {
        ctx.dm({ kind: 'text', text: t.photosFull(ticket.no, MAX_TICKET_PHOTOS) });
        return;
      }
      const kept = await keepPhotos(ctx, ticket, images);
      if (images.length > room)
        ctx.dm({ kind: 'text', text: t.photosPartlyKept(ticket.no, kept, MAX_TICKET_PHOTOS) });
      // In the group a 👌, else a line that names no ticket, once for a burst; privately the details.
      if (kept > 0 && ctx.chat.kind !== 'group') ctx.reply(t.photosKept(ticket.no, kept));
      else if (kept > 0 && !ctx.react(NOTED) && !inBurst(ticket, ctx.clock.now()))
        ctx.reply(t.photosKeptShort);
    },
  };
}

export const aftersaleFeature: Feature = {
  name: 'aftersale',
  commands: [aftersaleCommand, myTicketsCommand, ...aftersaleAdminCommands],
  jobs: aftersaleJobs,
  messages: [aftersaleText],
};
