import { chatOf } from '../src/core/bot.js';
import type { Job, TextHandler } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { cronJob, jobRunId, latestSlot } from '../src/jobs/cron.js';
import { botAbsent } from '../src/services/community-presence.js';
import {
  assessMembers,
  closeWarnings,
  markManual,
  membersToCheck,
  pruneAutoSetting,
  pruneMaxBatchSetting,
  pruneWarnHoursSetting,
  recordDepartures,
  respondToWarning,
  reviewWarnings,
  warnCandidates,
} from '../src/services/prune.js';
import { getSetting } from '../src/services/settings.js';
import type { Community } from '../src/store/schema.js';
import { sendWarnings } from './prune-delivery.js';
import { type RemovalReport, removeMembers } from './prune-run.js';
import { askStanding } from './prune-standing.js';
import { pruneText } from './prune-text.js';

/** The automatic sweep: Mondays at 10:00 in the community's timezone. */
export const AUTO_PRUNE_CRON = '0 10 * * 1';
const AUTO = 'auto';

/** The lines a removal run adds to the reply: removed, where it stopped, what is left. */
export function removalLines(locale: Locale, community: Community, report: RemovalReport): string[] {
  const t = pruneText(locale);
  if (report.kind === 'unsupported') return [t.unsupported(report.members.map((m) => m.name))];
  const lines: string[] = [];
  if (report.removed.length > 0) lines.push(t.removed(report.removed.map((m) => m.name)));
  if (report.error) {
    const { member, message, permanent } = report.error;
    lines.push(
      t.stopped(
        showName(member.name),
        message,
        report.left.map((m) => m.name),
        permanent,
      ),
    );
  } else if (report.capped)
    lines.push(t.capped(getSetting(community, pruneMaxBatchSetting), report.left.length));
  return lines;
}

/** A warned member who answers the bot in private stays. */
export const pruneWarningAnswer: TextHandler = (ctx) => {
  const { community } = ctx;
  if (ctx.chat.kind !== 'direct' || !community) return false;
  const answered = ctx.mutate((tx) => respondToWarning(tx, community, ctx.sender.id, ctx.clock.now()));
  if (answered) ctx.reply(pruneText(ctx.locale).thanks(community.title));
  return answered;
};

/** Weekly: warns the candidates (the removal follows when the warning period is over). */
export const pruneAutoWarnJob = cronJob({
  name: 'prune-auto',
  scheduleOf: (_tables, community) =>
    getSetting(community, pruneAutoSetting)
      ? { expression: AUTO_PRUNE_CRON, since: community.createdAt }
      : undefined,
  async run(ctx, community) {
    const adapter = ctx.adapterFor(community);
    if (!adapter) return;
    const now = ctx.clock.now();
    const asked = await askStanding(adapter, chatOf(community), membersToCheck(ctx.tables, community, now));
    // Nobody is warned on a guess; this week's sweep is skipped (the slot is recorded already).
    if (asked.kind === 'failed') throw asked.error;
    const { candidates, gone } = assessMembers(ctx.tables, community, now, asked.standing);
    if (candidates.length === 0 && gone.length === 0) return;
    // The warnings are written with the change that starts their clock: a warning period never
    // runs for a member whose warning was lost (and /prune confirm waits for its delivery anyway).
    ctx.mutate((tx) => {
      recordDepartures(
        tx,
        community,
        gone.map((g) => g.member),
        now,
      );
      const { warned } = warnCandidates(tx, community, candidates, AUTO, now);
      if (warned.length > 0)
        sendWarnings(adapter, community, warned, (chat, out, opts) => ctx.sendTo(community, chat, out, opts));
    });
  },
});

/**
 * The weekly sweep starts at the first slot after prune.auto is turned on, not at once: a
 * baseline run is recorded when it is seen on, and dropped when it is seen off.
 */
export const pruneAutoBaselineJob: Job = {
  name: 'prune-auto-baseline',
  run(ctx) {
    const now = ctx.clock.now();
    for (const community of ctx.tables.communities.values()) {
      const id = jobRunId(pruneAutoWarnJob.name, community.id);
      const record = ctx.tables.jobRuns.get(id);
      const on = getSetting(community, pruneAutoSetting);
      if (on && !record) {
        const slot = latestSlot(AUTO_PRUNE_CRON, community.timezone, now) ?? now;
        ctx.mutate((tx) =>
          tx.put('jobRuns', {
            id,
            job: pruneAutoWarnJob.name,
            communityId: community.id,
            lastSlot: slot.toISOString(),
            ranAt: now.toISOString(),
          }),
        );
      } else if (!on && record) ctx.mutate((tx) => tx.delete('jobRuns', id));
    }
  },
};

/** Removes the members the weekly sweep warned once their warning period is over. */
export const pruneAutoRemoveJob: Job = {
  name: 'prune-auto-remove',
  async run(ctx) {
    for (const community of ctx.tables.communities.values()) {
      if (!getSetting(community, pruneAutoSetting) || botAbsent(community)) continue;
      const adapter = ctx.adapterFor(community);
      if (!adapter) continue;
      const now = ctx.clock.now();
      let review = reviewWarnings(ctx.tables, community, now, AUTO);
      // The platform is asked only when someone is due (this runs every minute): an admin promoted
      // since their last message stays, a member who left unseen is recorded as left.
      const asking = review.due.filter((d) => d.warning.manualAt === undefined).map((d) => d.member);
      if (asking.length > 0) {
        const asked = await askStanding(adapter, chatOf(community), asking);
        if (asked.kind === 'failed') {
          // Nobody is removed on a guess: asked again at the next tick.
          ctx.log.warn({ community: community.id, err: asked.error }, 'prune: could not ask the platform');
          continue;
        }
        review = reviewWarnings(ctx.tables, community, now, AUTO, asked.standing);
      }
      const settled = [...review.kept, ...review.admins].map((k) => k.warning).concat(review.gone);
      if (settled.length > 0 || review.departed.length > 0)
        ctx.mutate((tx) => {
          closeWarnings(tx, settled, now);
          recordDepartures(
            tx,
            community,
            review.departed.map((d) => d.member),
            now,
          );
        });
      // Members the admins were already asked to remove by hand are not asked again every minute.
      const due = review.due.filter((d) => d.warning.manualAt === undefined);
      if (due.length === 0) continue;
      const report = await removeMembers(
        adapter,
        chatOf(community),
        ctx,
        community,
        due.map((d) => d.member),
        AUTO,
        () => ctx.clock.now(),
        getSetting(community, pruneMaxBatchSetting),
      );
      const t = pruneText(community.locale);
      const hours = getSetting(community, pruneWarnHoursSetting);
      // Best-effort: each removal was recorded as the platform confirmed it (removeMembers), so a
      // crash before this summary loses only the summary; the platform shows every removal in the
      // group itself, and /audit lists them.
      if (report.kind === 'ran' && report.removed.length > 0)
        ctx.post(community, {
          kind: 'text',
          text: t.autoRemoved(
            report.removed.map((m) => m.name),
            hours,
          ),
        });
      const handOver =
        report.kind === 'unsupported' ? report.members : report.error?.permanent ? report.left : [];
      if (report.kind === 'ran' && report.error && !report.error.permanent)
        ctx.log.warn(
          { community: community.id, err: report.error.message },
          'prune: removal will be retried',
        );
      if (handOver.length > 0) {
        const manual = due.filter((d) => handOver.includes(d.member)).map((d) => d.warning);
        const names = handOver.map((m) => m.name);
        const text =
          report.kind === 'ran' && report.error
            ? t.stopped(showName(report.error.member.name), report.error.message, names, true)
            : t.unsupported(names);
        // Marked once asked: the ask is written with the mark, or neither (asked again next tick).
        ctx.mutate((tx) => {
          markManual(tx, manual, now);
          ctx.post(community, { kind: 'text', text });
        });
      }
    }
  },
};
