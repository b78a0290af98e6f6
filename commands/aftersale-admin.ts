import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defineCommand, helpText, roleAllows } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import {
  approveTicket,
  closeTicket,
  type ResolveOutcome,
  rejectTicket,
  reopenTicket,
  ticketQueue,
} from '../src/services/aftersales.js';
import { readAmountWord } from '../src/services/money.js';
import { resolveDataPath } from '../src/store/payment-files.js';
import type { Ticket } from '../src/store/schema.js';
import { aftersaleText } from './aftersale-text.js';
import { shownTicket, ticketOrReply } from './aftersale-views.js';
import { paidShown, refreshIfPaidChanged } from './card-paid.js';
import { moneyOf } from './money-text.js';
import { sendVia, tellMember } from './payment-notices.js';
import { answerPrivately, sentPrivately } from './private-answers.js';

/**
 * After-sales for admins: the queue (`/tickets`), one ticket with its photos sent privately
 * (`/ticket T3`), and its answers in one command each: approve (a refund on its line), reject
 * (with the reason its member is told), reopen a rejected one, close. Members hear privately
 * (a group mention where the platform cannot reach them); bad input changes nothing.
 */

/** Photos `/ticket` sends at once (each is a message). */
const MAX_SHOWN = 9;

const ticketArg = z.object({ ticket: z.string().min(1).max(12) });

/** `confirm` / `确认` after the amount: an approval above what the member asked is meant. */
const CONFIRM = /^(?:confirm|确认)(?=[\s，,、]|$)[\s，,、]*/i;

/**
 * An approval's words split into the amount word and the note: the note starts at a space, a
 * comma (`，`, `,`), a `、`, or after 元/块 (`8，已补发`, `8元已补发`, `8 sorry`).
 */
export function splitAmount(words: string): { first: string; note: string } {
  const text = words.trim();
  const match = /^([^\s，,、]*?\d)(?:元|块)(?![\d.])|^[^\s，,、]+/.exec(text);
  if (!match) return { first: '', note: '' };
  const first = match[1] ?? match[0];
  return {
    first,
    note: text
      .slice(match[0].length)
      .replace(/^[\s，,、]+/, '')
      .trim(),
  };
}

/**
 * Tells the ticket's member what `say` words (in the community's language, with the deal's number
 * and title), privately where possible, else mentioning them in the group.
 */
function tellOwner(
  ctx: GroupContext,
  ticket: Ticket,
  say: (t: ReturnType<typeof aftersaleText>, dealNo: number, title: string) => string,
): void {
  const deal = ctx.tables.deals.get(ticket.dealId);
  if (!deal) return;
  const text = say(aftersaleText(ctx.community.locale), deal.no, deal.title);
  tellMember(
    ctx.adapter,
    ctx.community,
    deal,
    { userId: ticket.userId, name: ticket.name },
    text,
    sendVia(ctx),
  );
}

/** The refusal for an outcome that changed nothing ('' when already answered), or undefined when it was done. */
function refused(ctx: GroupContext, ticket: Ticket, outcome: ResolveOutcome): string | undefined {
  const t = aftersaleText(ctx.locale);
  switch (outcome.kind) {
    case 'done':
      return undefined;
    case 'wrong_state':
      return t.wrongState(ticket.no, t.state(outcome.ticket.status));
    case 'too_much':
      // What the member's line holds is not the group's to read: the details go to the admin.
      answerPrivately(
        ctx,
        t.approveTooMuch(ticket.no, moneyOf(ctx.community)(outcome.maxCents)),
        t.approveTooMuchShort(ticket.no),
      );
      return '';
    case 'above_asked':
      return t.approveAboveAsked(ticket.no, moneyOf(ctx.community)(outcome.askedCents), t.amountWord);
    case 'nothing_paid':
      return t.approveNothingPaid(ticket.no);
    case 'already':
      return t.reopenBlocked(ticket.no, outcome.ticket.no);
  }
}

export const ticketsCommand = defineCommand({
  name: 'tickets',
  keywords: ['售后列表'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'the after-sales tickets waiting for an answer, oldest first',
    '待处理的售后单，最早的在前',
    '/tickets',
    [],
    '售后列表',
  ),
  run(ctx) {
    const t = aftersaleText(ctx.locale);
    const queue = ticketQueue(ctx.tables, ctx.community.id);
    if (queue.length === 0) return ctx.reply(t.queueNone);
    const now = ctx.clock.now();
    const lines = queue.map((ticket) =>
      t.queueLine(shownTicket(ctx.tables, ctx.community, ticket, now, ctx.locale)),
    );
    // Members' complaints go to the admin privately where the platform allows, never to the group.
    answerPrivately(
      ctx,
      [t.queueHeader(queue.length, queue[0]!.no), ...lines].join('\n'),
      t.queueSent(queue.length),
      { holdUnreachable: true },
    );
  },
});

export const ticketCommand = defineCommand({
  name: 'ticket',
  keywords: ['售后单'],
  role: 'admin',
  scope: 'group',
  args: ticketArg,
  positional: ['ticket'],
  help: helpText(
    'one after-sales ticket; its photos are sent to you privately',
    '查看一个售后单，照片私信发给你',
    '/ticket T3',
    ['/ticket T3', '售后单 T3'],
    '售后单 T3',
  ),
  run(ctx, args) {
    const ticket = ticketOrReply(ctx, args.ticket);
    if (!ticket) return;
    const t = aftersaleText(ctx.locale);
    ctx.dm(
      {
        kind: 'text',
        text: t.view(shownTicket(ctx.tables, ctx.community, ticket, ctx.clock.now(), ctx.locale)),
      },
      { onUnreachable: 'hold' },
    );
    const files = ticket.photos
      .map((kept) => resolveDataPath(ctx.dataDir, kept))
      .filter((path): path is string => path !== undefined && existsSync(path))
      .slice(0, MAX_SHOWN);
    // The member's pictures go to the admin privately, never to the group.
    files.forEach((path, i) => {
      ctx.dm(
        { kind: 'image', path, caption: t.photoCaption(ticket.no, i + 1, files.length) },
        { onUnreachable: 'hold' },
      );
    });
    sentPrivately(ctx, t.ticketSent(ticket.no, files.length));
  },
});

export const ticketApproveCommand = defineCommand({
  name: 'ticket approve',
  keywords: ['售后 同意'],
  role: 'admin',
  scope: 'group',
  args: z.object({ ticket: z.string().min(1).max(12), rest: z.string().max(300).optional() }),
  positional: ['ticket', 'rest'],
  rest: 'rest',
  help: helpText(
    "approve a ticket: refund what the member asked, or AMOUNT (0: no money, e.g. replaced; more than asked: add confirm), on the ticket's line",
    '同意售后：默认按成员申请的金额退款，也可写金额（0 表示不退款，如已补发；多于申请金额须加“确认”），只退这条订单',
    '/ticket approve T3 [AMOUNT] [confirm] [note…]',
    ['/ticket approve T3', '/ticket approve T3 8 sorry about that', '售后 同意 T3 8，已补发一个'],
    '售后 同意 T3 [金额] [确认] [备注…]',
  ),
  run(ctx, args) {
    const ticket = ticketOrReply(ctx, args.ticket);
    if (!ticket) return;
    const t = aftersaleText(ctx.locale);
    const { first, note: rest } = splitAmount(args.rest ?? '');
    const amount = first ? readAmountWord(first) : undefined;
    // A note without an amount would refund the whole request unasked: the amount (or 0) is said.
    if (first && amount === undefined) return ctx.reply(t.approveNeedAmount(ticket.no));
    if (amount && 'bad' in amount) return ctx.reply(t.approveBadAmount(ticket.no, amount.bad));
    const cents = amount?.cents;
    const confirmWord = CONFIRM.exec(rest);
    const confirmed = confirmWord !== null;
    const note = confirmWord ? rest.slice(confirmWord[0].length).trim() : rest;
    const label = aftersaleText(ctx.community.locale).label(ticket.no);
    const ticketDeal = ctx.tables.deals.get(ticket.dealId);
    const paidBefore = ticketDeal ? paidShown(ctx, ticketDeal) : '';
    const outcome = ctx.mutate((tx) =>
      approveTicket(tx, ticket, cents, note || undefined, label, ctx.sender.id, ctx.clock.now(), confirmed),
    );
    // What the member asked is not the group's to read: the hint goes to the admin privately.
    if (outcome.kind === 'above_asked')
      return answerPrivately(
        ctx,
        t.approveAboveAsked(ticket.no, moneyOf(ctx.community)(outcome.askedCents), first),
        t.approveAboveAskedShort(ticket.no),
      );
    const no = refused(ctx, ticket, outcome);
    if (no !== undefined) return no ? ctx.reply(no) : undefined;
    const done = (outcome as Extract<ResolveOutcome, { kind: 'done' }>).ticket;
    const money = moneyOf(ctx.community);
    const refund = done.refundCents ? money(done.refundCents) : undefined;
    answerPrivately(ctx, t.approved(ticket.no, showName(ticket.name), refund), t.answered(ticket.no));
    tellOwner(ctx, done, (tell, dealNo, title) =>
      refund
        ? tell.tellApproved(done.no, dealNo, title, refund, note)
        : tell.tellApprovedNoMoney(done.no, dealNo, title, note),
    );
    // A refund of the whole line takes its buyer off the card's paid count.
    if (ticketDeal) refreshIfPaidChanged(ctx, ctx.community, ticketDeal, paidBefore);
  },
});

export const ticketRejectCommand = defineCommand({
  name: 'ticket reject',
  keywords: ['售后 拒绝'],
  role: 'admin',
  scope: 'group',
  args: z.object({ ticket: z.string().min(1).max(12), reason: z.string().max(300).optional() }),
  positional: ['ticket', 'reason'],
  rest: 'reason',
  help: helpText(
    'reject a ticket with the reason its member is told',
    '拒绝售后并写明原因（会告知成员）',
    '/ticket reject T3 REASON',
    ['/ticket reject T3 photo shows a different product', '售后 拒绝 T3 照片不是本团商品'],
    '售后 拒绝 T3 原因',
  ),
  run(ctx, args) {
    const ticket = ticketOrReply(ctx, args.ticket);
    if (!ticket) return;
    const t = aftersaleText(ctx.locale);
    const reason = args.reason?.trim();
    if (!reason) return ctx.reply(t.needReason(ticket.no));
    const outcome = ctx.mutate((tx) => rejectTicket(tx, ticket, reason, ctx.sender.id, ctx.clock.now()));
    const no = refused(ctx, ticket, outcome);
    if (no !== undefined) return no ? ctx.reply(no) : undefined;
    answerPrivately(ctx, t.rejected(ticket.no, showName(ticket.name)), t.answered(ticket.no));
    tellOwner(ctx, ticket, (tell, dealNo, title) => tell.tellRejected(ticket.no, dealNo, title, reason));
  },
});

export const ticketReopenCommand = defineCommand({
  name: 'ticket reopen',
  keywords: ['售后 重开'],
  role: 'admin',
  scope: 'group',
  args: ticketArg,
  positional: ['ticket'],
  help: helpText(
    'reopen a rejected ticket',
    '重新打开已拒绝的售后单',
    '/ticket reopen T3',
    ['/ticket reopen T3', '售后 重开 T3'],
    '售后 重开 T3',
  ),
  run(ctx, args) {
    const ticket = ticketOrReply(ctx, args.ticket);
    if (!ticket) return;
    const outcome = ctx.mutate((tx) => reopenTicket(tx, ticket, ctx.sender.id, ctx.clock.now()));
    // An approved ticket (closed since or not) stays as it is: what to do instead is said.
    if (outcome.kind === 'wrong_state' && outcome.ticket.refundCents !== undefined)
      return ctx.reply(
        outcome.ticket.status === 'approved'
          ? aftersaleText(ctx.locale).reopenApproved(ticket.no)
          : aftersaleText(ctx.locale).reopenApprovedClosed(ticket.no),
      );
    const no = refused(ctx, ticket, outcome);
    if (no !== undefined) return no ? ctx.reply(no) : undefined;
    ctx.reply(aftersaleText(ctx.locale).reopened(ticket.no));
    tellOwner(ctx, ticket, (tell, dealNo, title) => tell.tellReopened(ticket.no, dealNo, title));
  },
});

export const ticketCloseCommand = defineCommand({
  name: 'ticket close',
  keywords: ['售后 关闭', '售后 撤回'],
  // A member withdraws their own open ticket; admins close any.
  role: 'member',
  scope: 'group',
  args: ticketArg,
  positional: ['ticket'],
  help: helpText(
    'close a ticket, or withdraw your own',
    '关闭售后单（成员可撤回自己的）',
    '/ticket close T3',
    ['/ticket close T3', '售后 撤回 T3'],
    '售后 撤回 T3',
  ),
  run(ctx, args) {
    const ticket = ticketOrReply(ctx, args.ticket);
    if (!ticket) return;
    const t = aftersaleText(ctx.locale);
    const admin = roleAllows(ctx.role, 'admin');
    if (!admin && (ticket.userId !== ctx.sender.id || ticket.status !== 'open'))
      return ctx.reply(
        ticket.userId !== ctx.sender.id
          ? t.notYourTicket(ticket.no)
          : t.wrongState(ticket.no, t.state(ticket.status)),
      );
    // Only its member withdraws a ticket; an admin closing someone's open ticket closes it.
    const withdrawn = ticket.status === 'open' && ticket.userId === ctx.sender.id;
    const outcome = ctx.mutate((tx) => closeTicket(tx, ticket, ctx.sender.id, ctx.clock.now()));
    const no = refused(ctx, ticket, outcome);
    if (no !== undefined) return no ? ctx.reply(no) : undefined;
    ctx.reply(withdrawn ? t.withdrawn(ticket.no) : t.closed(ticket.no));
    // An open ticket an admin closed is an answer its member hears, as a rejection is.
    if (ticket.status === 'open' && !withdrawn)
      tellOwner(ctx, ticket, (tell, dealNo, title) => tell.tellClosed(ticket.no, dealNo, title));
  },
});

export const aftersaleAdminCommands = [
  ticketsCommand,
  ticketCommand,
  ticketApproveCommand,
  ticketRejectCommand,
  ticketReopenCommand,
  ticketCloseCommand,
];
