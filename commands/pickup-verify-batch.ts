import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { goodsPoints } from '../src/services/fulfilment.js';
import { findPoint } from '../src/services/pickup-points.js';
import { sheetPoints } from '../src/services/pickup-sheet.js';
import { mayCheck, verifyPoint } from '../src/services/pickup-verify.js';
import type { Deal } from '../src/store/schema.js';
import { dealOrReply } from './deal-replies.js';
import { byMember } from './fulfilment-notices.js';
import { arrivedExample, NO_POINT } from './fulfilment-points.js';
import { fulfilmentText } from './fulfilment-text.js';
import { ORDER_TAKEN } from './order-answers.js';
import { holderNames, lineLabel, lineOwner } from './order-text.js';
import {
  checkerOf,
  owedText,
  pointOrReply,
  readWords,
  sendReceipt,
  tellChecker,
  wrongPointText,
} from './pickup-check.js';
import { verifyText } from './pickup-verify-text.js';

/**
 * `/verify #3 all 东门` (核销 #3 全部 东门): every line of a deal at a quiet point handed over at
 * once; lines still owed money are listed and stay until the checker adds `confirm`.
 */

/**
 * The point a batch is about: named (also a point removed since that lines of the deal still go
 * to, or `-` for the lines without a point), the only one the checker may check for this deal, or
 * asked.
 */
function batchPoint(ctx: GroupContext, deal: Deal, word: string): { id: string; name: string } | undefined {
  const t = verifyText(ctx.locale);
  const points = sheetPoints(ctx.tables, deal);
  const withoutPoint = goodsPoints(ctx.tables, deal).includes('');
  if (word) {
    if (NO_POINT.test(word) && withoutPoint) return { id: '', name: '' };
    const point = findPoint(ctx.tables, deal.communityId, word, points) ?? pointOrReply(ctx, word);
    return point && { id: point.id, name: showName(point.name) };
  }
  // A community without points: its lines have none.
  if (points.length === 0) return { id: '', name: '' };
  const places = [
    ...points.map((p) => ({ id: p.id, name: showName(p.name) })),
    ...(withoutPoint ? [{ id: '', name: '' }] : []),
  ];
  const mine = places.filter((p) => mayCheck(ctx.tables, checkerOf(ctx), p.id));
  if (mine.length === 1) return mine[0];
  const names = (mine.length > 0 ? mine : places).map((p) => p.name || '-');
  tellChecker(ctx, t.whichPoint(deal.no, names.join(ctx.locale === 'zh' ? '、' : ', ')));
  return undefined;
}

/** `/verify #NO …`: `no` the deal's number as typed, `words` what followed (`all`, a point, `confirm`). */
export function verifyBatch(ctx: GroupContext, no: string, words: string[]) {
  const t = verifyText(ctx.locale);
  const deal = dealOrReply(ctx, Number(no));
  if (!deal) return;
  const said = readWords(words);
  if (!said.all) return tellChecker(ctx, t.batchHow(deal.no));
  const point = batchPoint(ctx, deal, said.point);
  if (!point) return;
  if (!mayCheck(ctx.tables, checkerOf(ctx), point.id)) {
    const target = ctx.tables.pickupPoints.get(point.id);
    return tellChecker(ctx, wrongPointText(ctx, `#${deal.no}`, target));
  }
  const outcome = ctx.mutate((tx) =>
    verifyPoint(tx, deal, point.id, ctx.sender.id, ctx.clock.now(), said.confirm),
  );
  if (outcome.kind === 'not_ready') return tellChecker(ctx, t.notReady(deal.no));
  if (outcome.kind === 'not_arrived')
    return tellChecker(
      ctx,
      fulfilmentText(ctx.locale).notArrived(deal.no, point.name, arrivedExample(ctx, deal, point.id)),
    );
  const { picked, unpaid, held, before } = outcome;
  if (picked.length === 0 && unpaid.length === 0 && held.length === 0 && before === 0)
    return tellChecker(ctx, t.batchNone(deal.no, point.name));
  // Nothing handed over now (all unpaid): the answer starts with what waits for `confirm`.
  const out = picked.length > 0 ? [t.batchDone(deal.no, point.name, picked.length)] : [];
  if (unpaid.length > 0) {
    const names = holderNames(
      ctx.tables,
      unpaid.map((u) => u.order),
    );
    const who = unpaid
      .map((u) => {
        const owed = owedText(ctx, u.money);
        const line = `${lineOwner(ctx.locale, u.order, names)} ${lineLabel(u.order)}`;
        return ctx.locale === 'zh' ? `${line}（${owed}）` : `${line} (${owed})`;
      })
      .join(ctx.locale === 'zh' ? '、' : ', ');
    const confirm =
      ctx.locale === 'zh'
        ? `核销 #${deal.no} 全部 ${point.name} 确认`.replace(/\s+/g, ' ')
        : `/verify #${deal.no} all ${point.name} confirm`.replace(/\s+/g, ' ');
    out.push(t.batchUnpaid(unpaid.length, who, confirm));
  }
  if (held.length > 0) {
    const names = holderNames(ctx.tables, held);
    const who = held.map((o) => `${lineOwner(ctx.locale, o, names)} ${lineLabel(o)}`);
    out.push(t.batchHeld(held.length, who.join(ctx.locale === 'zh' ? '、' : ', ')));
  }
  if (before > 0) out.push(t.batchBefore(before));
  tellChecker(ctx, out.join('\n'));
  if (picked.length > 0 && ctx.chat.kind === 'group') ctx.react(ORDER_TAKEN);
  // Each member whose goods were handed over gets one receipt, as for a single code.
  for (const lines of byMember(picked).values()) sendReceipt(ctx, deal, lines);
}
