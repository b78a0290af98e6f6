import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { showName } from '../src/core/names.js';
import { isUnpaid } from '../src/services/money-state.js';
import { undoPickup, verifyCode } from '../src/services/pickup-verify.js';
import { moneyOf } from './money-text.js';
import { ORDER_TAKEN } from './order-answers.js';
import {
  actorName,
  checkerOf,
  codeAndWords,
  holder,
  lineText,
  owedText,
  pointName,
  pointOrReply,
  readWords,
  refusedChecker,
  sendReceipt,
  tellChecker,
  wrongPointText,
} from './pickup-check.js';
import { verifierCommands } from './pickup-verifiers.js';
import { verifyBatch } from './pickup-verify-batch.js';
import { verifyText } from './pickup-verify-text.js';

/**
 * Checking pickup codes at a point (核销): `/verify CODE` hands one line over once, `/verify #3 all
 * 东门` a whole quiet point, `/unverify CODE` undoes a check within 10 minutes. Admins check
 * anywhere, a point's keeper and verifiers at their point. The checker's answers go to them
 * privately where the platform can (names and money are not the group's business); the member
 * gets a receipt privately.
 */

/** `#3`: a deal, for the batch form. */
const DEAL_NO = /^[#＃](\d{1,6})$/;

function verifyOne(ctx: GroupContext, what: string, words: string[]) {
  const t = verifyText(ctx.locale);
  const { code, rest } = codeAndWords(what, words);
  if (!code) return tellChecker(ctx, t.badCode(showName(what)));
  const said = readWords(rest);
  const at = said.point ? pointOrReply(ctx, said.point) : undefined;
  if (said.point && !at) return;
  const options = { handOverUnpaid: said.confirm, ...(at ? { at } : {}) };
  const outcome = ctx.mutate((tx) =>
    verifyCode(tx, ctx.community.id, code, checkerOf(ctx), ctx.clock.now(), options),
  );
  const tz = ctx.community.timezone;
  switch (outcome.kind) {
    case 'unknown':
      return tellChecker(ctx, t.unknownCode(code));
    case 'wrong_point':
      return tellChecker(ctx, wrongPointText(ctx, code, outcome.point, at));
    case 'not_active':
      return tellChecker(
        ctx,
        t.notActive(code, holder(ctx, outcome.order), lineText(outcome.deal, outcome.order)),
      );
    case 'already': {
      const { order, deal } = outcome;
      const when = formatTime(order.deliveredAt!, tz);
      return tellChecker(
        ctx,
        t.already(code, holder(ctx, order), lineText(deal, order), when, actorName(ctx, order.deliveredBy)),
      );
    }
    case 'unpaid':
      return tellChecker(
        ctx,
        t.unpaid(
          code,
          holder(ctx, outcome.order),
          lineText(outcome.deal, outcome.order),
          owedText(ctx, outcome.money),
        ),
      );
    case 'picked_up': {
      const { order, deal, money } = outcome;
      tellChecker(
        ctx,
        isUnpaid(money)
          ? t.pickedUpUnpaid(
              code,
              holder(ctx, order),
              lineText(deal, order),
              moneyOf(ctx.community)(money.owedCents),
            )
          : t.pickedUp(code, holder(ctx, order), lineText(deal, order), pointName(ctx, order.pointId)),
      );
      if (ctx.chat.kind === 'group') ctx.react(ORDER_TAKEN);
      sendReceipt(ctx, deal, [order]);
    }
  }
}

export const verifyCommand = defineCommand({
  name: 'verify',
  keywords: ['核销'],
  // Verifiers are plain members: who may check where is the handler's to say (pickup-verify.ts).
  role: 'member',
  scope: 'group',
  args: z.object({ check: z.string().min(1).max(40), detail: z.string().max(200).optional() }),
  positional: ['check', 'detail'],
  rest: 'detail',
  help: helpText(
    'check a pickup code and hand the goods over (keepers)',
    '在自提点核销提货码并交货（负责人、核销员）',
    '/verify PICKUP_CODE|#3 [all] [POINT] [confirm]',
    ['/verify K7PQ2M', '/verify K7PQ2M confirm', '/verify #3 all 东门', '核销 K7PQ2M', '核销 #3 全部 东门'],
  ),
  run(ctx, args) {
    if (refusedChecker(ctx)) return;
    const words = args.detail?.trim() ? args.detail.trim().split(/\s+/) : [];
    const deal = DEAL_NO.exec(args.check.trim());
    if (deal) verifyBatch(ctx, deal[1]!, words);
    else verifyOne(ctx, args.check.trim(), words);
  },
});

export const unverifyCommand = defineCommand({
  name: 'unverify',
  keywords: ['撤销核销'],
  role: 'member',
  scope: 'group',
  args: z.object({ check: z.string().min(1).max(40), detail: z.string().max(40).optional() }),
  positional: ['check', 'detail'],
  rest: 'detail',
  help: helpText(
    'undo a wrong pickup check (within 10 minutes)',
    '10 分钟内撤销一次核销（核销错了）',
    '/unverify PICKUP_CODE',
    ['/unverify K7PQ2M', '撤销核销 K7PQ2M'],
  ),
  run(ctx, args) {
    if (refusedChecker(ctx)) return;
    const t = verifyText(ctx.locale);
    const words = args.detail?.trim() ? args.detail.trim().split(/\s+/) : [];
    const { code } = codeAndWords(args.check.trim(), words);
    if (!code) return tellChecker(ctx, t.badCode(showName(args.check.trim())));
    const outcome = ctx.mutate((tx) =>
      undoPickup(tx, ctx.community.id, code, checkerOf(ctx), ctx.clock.now()),
    );
    switch (outcome.kind) {
      case 'unknown':
        return tellChecker(ctx, t.unknownCode(code));
      case 'wrong_point':
        return tellChecker(ctx, wrongPointText(ctx, code, outcome.point));
      case 'not_picked_up':
        return tellChecker(ctx, t.notPickedUp(code));
      case 'too_late':
        return tellChecker(
          ctx,
          t.tooLate(code, formatTime(outcome.order.deliveredAt!, ctx.community.timezone)),
        );
      case 'undone':
        tellChecker(ctx, t.undone(code, holder(ctx, outcome.order), lineText(outcome.deal, outcome.order)));
    }
  },
});

export const pickupCodesFeature: Feature = {
  name: 'pickup-codes',
  commands: [verifyCommand, unverifyCommand, ...verifierCommands],
  messages: [verifyText],
};
