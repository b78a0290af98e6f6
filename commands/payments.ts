import { z } from 'zod';
import { defineCommand, helpText, roleAllows } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { coreText } from '../src/core/messages.js';
import { dealCode } from '../src/services/deals.js';
import { lookupMember, type NamedMember } from '../src/services/member-names.js';
import { markPaid } from '../src/services/payments.js';
import type { Deal } from '../src/store/schema.js';
import { paidShown, refreshIfPaidChanged } from './card-paid.js';
import { dealOrReply } from './deal-replies.js';
import { dealText, statusName } from './deal-text.js';
import { namedMember } from './member-arg.js';
import { moneyOf } from './money-text.js';
import { confirmCommand, refundCommand, rejectCommand } from './payment-admin.js';
import { moneyButtonHandler } from './payment-buttons.js';
import { answerClaim, answerClaimAnyDeal, claimTextHandler } from './payment-claim.js';
import { paymentDeliveryHandlers, sendVia, tellMember } from './payment-notices.js';
import { paymentText } from './payment-text.js';
import { memberStates } from './payment-views.js';

/**
 * Money commands: a member says they paid (`/paid #3`, `已付 #3`) and an admin marks a member paid
 * (`/paid #3 @alice`) here; confirmations, rejections and refunds are in payment-admin.ts. The
 * transitions are src/services/payments.ts; members hear of an admin's action privately (a mark too).
 */

/** The text of the message the command came in (empty for a tap). */
function typed(ctx: GroupContext): string {
  return ctx.event.type === 'message' ? ctx.event.text.trim() : '';
}

/** A question about paying (`已付 #3？`, `付了 吗`), asked without a slash: not a claim. */
const QUESTION = /[?？吗么嘛呢]/;
const paidArgs = z.object({
  deal: z.string().max(20).optional(),
  member: z.string().max(64).optional(),
  note: z.string().max(500).optional(),
});

export const paidCommand = defineCommand({
  name: 'paid',
  keywords: ['已付款', '已付', '已付了', '付了', '付款了'],
  role: 'member',
  scope: 'group',
  // A member's claim is their own; an admin marking `@alice` paid acts on Alice's lines.
  personal: (args) => args.member === undefined,
  args: paidArgs,
  positional: ['deal', 'member', 'note'],
  rest: 'note',
  help: helpText('say you paid (the organiser confirms)', '报告已付款（团长确认）', '/paid #3 [@member]', [
    '/paid #3',
    '已付 #3',
    '/paid #3 @alice',
  ]),
  run(ctx, args) {
    const text = typed(ctx);
    const plain = !/^[/／]/.test(text);
    if (plain && QUESTION.test(text)) return;
    const code = args.deal === undefined ? undefined : dealCode.safeParse(args.deal);
    if (args.deal !== undefined && !code?.success) {
      // `已付 谢谢团长`: a claim with words, for the one deal the member owes in.
      if (plain && !/^[@＠]/.test(args.deal)) answerClaimAnyDeal(ctx, 'chat');
      else {
        const t = coreText(ctx.locale);
        ctx.reply(
          `${t.argError({ code: 'invalid', arg: 'deal' })}\n${t.usage(paidCommand.help[ctx.locale].usage)}`,
        );
      }
      return;
    }
    if (!code?.success) {
      answerClaimAnyDeal(ctx, 'chat');
      return;
    }
    const deal = dealOrReply(ctx, code.data);
    if (!deal) return;
    const target = args.member;
    const admin = roleAllows(ctx.role, 'admin');
    if (target === undefined || (!admin && !namesSomeoneElse(ctx, target))) {
      answerClaim(ctx, deal, 'chat');
      return;
    }
    if (!admin) {
      ctx.reply(
        coreText(ctx.locale).needsRole({ name: 'paid @member', keywords: ['已付款 @成员'] }, 'admin'),
      );
      return;
    }
    const named = namedMember(ctx, ctx.community.id, target, dealText(ctx.locale).noMember);
    if (named) markMemberPaid(ctx, deal, named);
  },
});

/**
 * Whether a member's word after the code names someone else (`@bob`, `bob`): then it is another's
 * line, refused. A word nobody goes by is a note (`已付 #3 谢谢`); their own name is their claim.
 */
function namesSomeoneElse(ctx: GroupContext, word: string): boolean {
  const named = lookupMember(ctx.tables, ctx.community.id, word);
  if (named.kind === 'found') return named.member.userId !== ctx.sender.id;
  return named.kind === 'ambiguous' || /^[@＠]/.test(word);
}

/** `/paid #3 @alice`: the admin marks Alice's lines paid (money handed over: the admin knows). */
function markMemberPaid(ctx: GroupContext, deal: Deal, named: NamedMember): void {
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  const { member, label } = named;
  const paid = paidShown(ctx, deal);
  const outcome = ctx.mutate((tx) => markPaid(tx, deal, member.userId, ctx.sender.id, ctx.clock.now()));
  if (outcome.kind !== 'paid') {
    ctx.reply(
      outcome.kind === 'no_order'
        ? t.noOrderOf(label, deal.no)
        : outcome.kind === 'dead'
          ? t.deadNoPay(deal.no, statusName(ctx.locale, outcome.deal))
          : t.alreadyPaid(label, deal.no, memberStates(ctx, deal, member.userId) ?? t.nothingToPay),
    );
    return;
  }
  ctx.reply(t.markedPaid(label, deal.no, money(outcome.cents)));
  // Told privately, as a confirmed claim is: it is their money the admin recorded.
  const notice = paymentText(ctx.community.locale).tellMarkedPaid(deal.no, deal.title, money(outcome.cents));
  tellMember(ctx.adapter, ctx.community, deal, member, notice, sendVia(ctx));
  refreshIfPaidChanged(ctx, ctx.community, deal, paid);
}
export const paymentCommands = [paidCommand, confirmCommand, rejectCommand, refundCommand];

export const paymentsFeature: Feature = {
  name: 'payments',
  commands: paymentCommands,
  // Before the 接龙 reader: `I paid #3` is a claim, never an order.
  onText: [claimTextHandler],
  onButton: [moneyButtonHandler],
  delivery: paymentDeliveryHandlers,
  messages: [paymentText],
};
