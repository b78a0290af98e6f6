import type { Adapter } from '../src/core/adapter.js';
import type { Feature, Job, JobContext } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { memberNames } from '../src/services/member-names.js';
import {
  type DuePickupReminder,
  duePickupReminders,
  recordPickupNotice,
  settlePickupNotice,
  type Waiting,
  waitingAt,
} from '../src/services/pickup-reminders.js';
import { memberId } from '../src/store/ids.js';
import type { Community, Deal, Order, PickupNotice, PickupPoint } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { noticeDeliveryHandlers, sendNotice } from './notice-delivery.js';
import { heldLines } from './order-answers.js';
import { lineLabel } from './order-text.js';
import { namesIn } from './pay-delivery.js';
import { type Send, tellMember } from './payment-notices.js';
import { type CodeOf, type PickupWhen, pickupReminderText } from './pickup-reminder-text.js';

/**
 * "Not picked up yet" reminders (issue #18). A sweep over the goods waiting at points each tick:
 * a reminder that fell due is sent once, in one write with its record (a crash keeps both or
 * neither; the record keeps a restart from sending it again). Members are reminded privately,
 * with their pickup codes; those the platform will not reach privately are mentioned in one
 * group message (without codes); the point's keeper gets the list of what is still waiting.
 */

/** The delivery handlers reporting the private reminders' outcomes (args: `notice`, `user`). */
const PICKUP_ROUTES = { delivered: 'pickup.delivered', unreachable: 'pickup.unreachable' };

/** The window's end as the group reads it, and the point's times as the admin wrote them. */
function whenOf(
  tables: Tables,
  community: Community,
  notice: Pick<PickupNotice, 'pointId' | 'windowEnd'>,
): PickupWhen {
  const times = notice.pointId ? tables.pickupPoints.get(notice.pointId)?.times : undefined;
  return {
    ...(notice.windowEnd ? { by: formatTime(notice.windowEnd, community.timezone) } : {}),
    ...(times ? { times } : {}),
  };
}

/** The pickup codes of lines that have one (handed out when the goods arrived). */
function codesOf(lines: readonly Order[]): CodeOf[] {
  return lines.flatMap((o) => (o.pickupCode ? [{ code: o.pickupCode, label: lineLabel(o) }] : []));
}

/** The group message mentioning members a reminder could not reach privately. */
function groupText(
  tables: Tables,
  community: Community,
  deal: Deal,
  notice: Pick<PickupNotice, 'pointId' | 'windowEnd'>,
  who: string[],
): string {
  const point = notice.pointId ? tables.pickupPoints.get(notice.pointId)?.name : undefined;
  return pickupReminderText(community.locale).remindGroup(
    namesIn(tables, deal, who),
    deal.no,
    deal.title,
    point,
    whenOf(tables, community, notice),
  );
}

/** Reminds the members whose lines at the point are not picked up, then tells the keeper what waits. */
function remind(ctx: JobContext, adapter: Adapter, due: DuePickupReminder): void {
  const { community, point } = due;
  ctx.mutate((tx) => {
    if (tx.get('pickupNotices', due.id)) return;
    const deal = tx.get('deals', due.deal.id) ?? due.deal;
    const { locale } = community;
    const t = pickupReminderText(locale);
    const notice = {
      pointId: due.fulfilment.pointId,
      ...(due.window ? { windowEnd: due.window.end.toISOString() } : {}),
    };
    const when = whenOf(tx.tables, community, notice);
    const waiting = waitingAt(tx.tables, deal, due.fulfilment.pointId);
    const members = waiting.map((w) => ({
      userId: w.userId,
      text: t.remindDm(
        community.title,
        deal.no,
        deal.title,
        heldLines(locale, w.lines),
        point?.name,
        when,
        codesOf(w.lines),
      ),
    }));
    const send = ctx.sendTo.bind(ctx, community);
    const pending = sendNotice(
      adapter,
      community,
      deal,
      due.id,
      members,
      PICKUP_ROUTES,
      (who) => groupText(tx.tables, community, deal, notice, who),
      send,
    );
    recordPickupNotice(
      tx,
      due,
      ctx.clock.now(),
      members.map((m) => m.userId),
      pending,
    );
    if (point?.keeper && waiting.length > 0)
      tellKeeper(
        adapter,
        tx.tables,
        community,
        deal,
        { ...point, keeper: point.keeper },
        waiting,
        when,
        send,
      );
  });
}

/**
 * The point's keeper gets the list of what is still waiting, with the codes; where the bot cannot
 * write to them privately, the list goes to the group without the codes.
 */
function tellKeeper(
  adapter: Adapter,
  tables: Tables,
  community: Community,
  deal: Deal,
  point: PickupPoint & { keeper: string },
  waiting: Waiting[],
  when: PickupWhen,
  send: Send,
): void {
  const { locale } = community;
  const t = pickupReminderText(locale);
  const names = namesIn(
    tables,
    deal,
    waiting.map((w) => w.userId),
  );
  const units = waiting.reduce((n, w) => n + w.lines.reduce((q, o) => q + o.qty, 0), 0);
  const privately = [
    t.keeperHeader(point.name, deal.no, deal.title, units, waiting.length, when.by),
    ...waiting.map((w, i) => t.keeperLine(names[i]!, heldLines(locale, w.lines), codesOf(w.lines))),
  ].join('\n');
  const list = waiting
    .map((w, i) => t.keeperGroupLine(names[i]!, heldLines(locale, w.lines)))
    .join(locale === 'zh' ? '、' : ', ');
  const { keeper } = point;
  const known = tables.members.get(memberId(community.id, keeper))?.name ?? keeper;
  const name = memberNames(tables, community.id, [{ id: keeper, name: known }]).get(keeper) ?? known;
  tellMember(
    adapter,
    community,
    deal,
    { userId: keeper, name },
    privately,
    send,
    t.keeperGroup(point.name, deal.no, deal.title, list, when.by),
  );
}

export const pickupRemindersJob: Job = {
  name: 'pickup-reminders',
  run(ctx) {
    for (const due of duePickupReminders(ctx.tables, ctx.clock.now())) {
      // Its platform is not running in this process: sent where it is (or when it runs here).
      const adapter = ctx.adapterFor(due.community);
      if (adapter) remind(ctx, adapter, due);
    }
  },
};

export const pickupJobsFeature: Feature = {
  name: 'pickup-jobs',
  jobs: [pickupRemindersJob],
  delivery: noticeDeliveryHandlers<PickupNotice>(PICKUP_ROUTES, {
    settle: settlePickupNotice,
    // Mentioned only if still waiting by now (one may have picked up meanwhile).
    stillConcerned(tables, deal, notice, refused) {
      const waiting = new Set(waitingAt(tables, deal, notice.pointId).map((w) => w.userId));
      return refused.filter((u) => waiting.has(u));
    },
    groupText,
  }),
  messages: [pickupReminderText],
};
