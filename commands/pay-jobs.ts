import type { Adapter } from '../src/core/adapter.js';
import type { Feature, Job, JobContext } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import {
  type DueStep,
  duePaySteps,
  membersToRemind,
  noticeId,
  recordNotice,
} from '../src/services/pay-reminders.js';
import { paymentInfo } from '../src/services/payment-info.js';
import { cancelUnpaidLines } from '../src/services/unpaid.js';
import type { Deal } from '../src/store/schema.js';
import type { Tx } from '../src/store/tx.js';
import { inDealTopic, postCard } from './deal-jobs.js';
import { moneyOf } from './money-text.js';
import { heldLines } from './order-answers.js';
import { cancelDeadline, namesIn, payDeliveryHandlers, sendNotice } from './pay-delivery.js';
import { payReminderText } from './pay-reminder-text.js';
import { tellGrants } from './waitlist-notices.js';

/**
 * Payment reminders and the unpaid sweep (issue #17). A sweep over the deals each tick: a step
 * that fell due is done once, in one write with the messages it causes (a crash keeps both or
 * neither; its PayNotice record keeps a restart from doing it again).
 */

/** Tells members (privately, else in the group) and marks the step done, in the caller's write. */
function notify(
  ctx: JobContext,
  adapter: Adapter,
  tx: Tx,
  due: DueStep,
  deal: Deal,
  members: { userId: string; text: string }[],
): void {
  const notice = { id: noticeId(deal.id, due.step), step: due.step, dueAt: due.dueAt.toISOString() };
  const pending = sendNotice(adapter, tx.tables, due.community, deal, notice, members, (chat, out, opts) =>
    ctx.sendTo(due.community, chat, out, opts),
  );
  recordNotice(
    tx,
    due,
    ctx.clock.now(),
    members.map((m) => m.userId),
    pending,
  );
}

/** Reminds the members still owing in a deal (one private message each, listing what they owe). */
function remind(ctx: JobContext, adapter: Adapter, due: DueStep): void {
  const { community } = due;
  ctx.mutate((tx) => {
    if (tx.get('payNotices', noticeId(due.deal.id, due.step))) return;
    const deal = tx.get('deals', due.deal.id) ?? due.deal;
    const t = payReminderText(community.locale);
    const money = moneyOf(community);
    const deadline = cancelDeadline(community, deal);
    const say = due.step === 'remind' ? t.remindDm : t.remindAgainDm;
    // The organiser's instructions (/pay setup) where there are some; /pay also shows the picture.
    const info = paymentInfo(tx.tables, community.id)?.text;
    const how = info ? `\n${t.howToPay(info)}` : '';
    const members = membersToRemind(tx.tables, deal).map((o) => ({
      userId: o.userId,
      text: `${say(
        community.title,
        deal.no,
        deal.title,
        heldLines(community.locale, o.lines),
        money(o.cents),
        deadline,
      )}${how}`,
    }));
    notify(ctx, adapter, tx, due, deal, members);
  });
}

/** Cancels the lines still owing, tells each member and the admins, and updates the card. */
function sweepUnpaid(ctx: JobContext, adapter: Adapter, due: DueStep): void {
  const { community } = due;
  const now = ctx.clock.now();
  ctx.mutate((tx) => {
    if (tx.get('payNotices', noticeId(due.deal.id, due.step))) return;
    const sweep = cancelUnpaidLines(tx, due.deal, now);
    const { deal } = sweep;
    const t = payReminderText(community.locale);
    const deadline = formatTime(due.dueAt, community.timezone);
    const members = sweep.members.map((m) => ({
      userId: m.userId,
      text: t.cancelledDm(
        community.title,
        deal.no,
        deal.title,
        heldLines(community.locale, m.lines),
        deadline,
        m.points,
      ),
    }));
    notify(ctx, adapter, tx, due, deal, members);
    if (sweep.members.length === 0) return;
    const money = moneyOf(community);
    const names = namesIn(
      tx.tables,
      deal,
      sweep.members.map((m) => m.userId),
    );
    const list = sweep.members
      .map((m, i) => t.cancelledLine(names[i]!, heldLines(community.locale, m.lines), money(m.cents)))
      .join(community.locale === 'zh' ? '；' : '; ');
    const units = sweep.members.reduce((sum, m) => sum + m.lines.reduce((n, o) => n + o.qty, 0), 0);
    ctx.post(
      community,
      { kind: 'text', text: t.cancelledAdmins(deal.no, deal.title, deadline, list, units) },
      inDealTopic(deal),
    );
    postCard(ctx, community, deal);
    // The freed units went to the waitlist in this write: those who got them are told here too.
    tellGrants(
      adapter,
      community,
      sweep.grants,
      (chat, out, opts) => ctx.sendTo(community, chat, out, opts),
      tx.tables,
    );
  });
}

export const payNoticesJob: Job = {
  name: 'pay-notices',
  run(ctx) {
    for (const due of duePaySteps(ctx.tables, ctx.clock.now())) {
      // Its platform is not running in this process: done where it is (or when it runs here).
      const adapter = ctx.adapterFor(due.community);
      if (!adapter) continue;
      if (due.step === 'unpaid_cancel') sweepUnpaid(ctx, adapter, due);
      else remind(ctx, adapter, due);
    }
  },
};

export const payJobsFeature: Feature = {
  name: 'pay-jobs',
  jobs: [payNoticesJob],
  delivery: payDeliveryHandlers,
  messages: [payReminderText],
};
