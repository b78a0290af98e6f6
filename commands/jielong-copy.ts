import type { GroupContext } from '../src/core/context.js';
import type { JielongIntent } from '../src/services/jielong.js';
import { type OrderRequest, roster } from '../src/services/orders.js';
import type { Deal } from '../src/store/schema.js';
import { hint } from './jielong-memory.js';
import { answerOrder } from './order-answers.js';
import { linePoint } from './point-words.js';

/**
 * A copied 接龙 roster: members copy the list and add or change their own line. What counts is
 * what differs from the real roster: a copy identical to it (a leader's 请核对 repost) orders
 * nothing; the sender's own line, new or changed, is set (found by who holds it, so a renamed
 * member changes their line instead of adding one); a new line written as the sender's proxy
 * (`王阿姨（小红 代订）`) is a line for that person. Anything else that differs — someone else's
 * line changed, a stale copy still listing a withdrawn member, a new name that is not the
 * sender's — is never charged to the sender: it earns the hint.
 */
export function applyCopy(
  ctx: GroupContext,
  deal: Deal,
  intent: Extract<JielongIntent, { kind: 'copy' }>,
): boolean {
  const me = ctx.member?.name ?? ctx.sender.name;
  const messageId = ctx.event.type === 'message' ? ctx.event.id : undefined;
  const current = roster(ctx.tables, deal);
  const requests: OrderRequest[] = [];
  let foreign = false;
  for (const line of intent.lines) {
    const listed = current.filter(
      (o) => (o.for ?? o.name) === line.name && (line.option === undefined || o.option === line.option),
    );
    if (listed.some((o) => o.qty === line.qty)) continue;
    const mine = listed.find((o) => o.userId === ctx.sender.id);
    // `4. 帮王阿姨 2份` says it is the sender's proxy line, as the card's `王阿姨（小红 代订）` does.
    const proxy = line.proxy === true;
    let forName: string | undefined;
    if (mine) forName = mine.for;
    else if (listed.length > 0 || (line.name !== me && line.by !== me && !proxy)) {
      foreign = true;
      continue;
    } else if (line.name !== me) forName = line.name;
    // `5. 小红 +1 东门`: the pickup point named on the line (point-words.ts).
    const point = linePoint(ctx, deal, line.note);
    if (point === 'answered') return true;
    const note = point ? point.note : line.note;
    requests.push({
      qty: line.qty,
      ...((line.option ?? mine?.option) !== undefined ? { option: line.option ?? mine?.option } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(point ? { pointId: point.pointId } : {}),
      ...(forName !== undefined ? { for: forName } : {}),
      ...(messageId !== undefined ? { sourceMessageId: messageId } : {}),
    });
  }
  // Lines not applied are said, never dropped in silence (once per 10 minutes, as every hint).
  if (foreign) hint(ctx, deal);
  if (requests.length === 0) return foreign;
  answerOrder(ctx, deal, requests);
  return true;
}
