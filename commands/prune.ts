import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { memberLabel, memberNames, type NamedMember } from '../src/services/member-names.js';
import {
  assessMembers,
  auditLog,
  closeWarnings,
  exempt,
  membersToCheck,
  pruneAfterSetting,
  pruneBuyerDaysSetting,
  pruneMaxBatchSetting,
  recordDepartures,
  reviewWarnings,
  unexempt,
  warnCandidates,
  warnedMembers,
} from '../src/services/prune.js';
import { getSetting } from '../src/services/settings.js';
import type { Member } from '../src/store/schema.js';
import { auditEntryLine } from './audit-lines.js';
import { namedMember } from './member-arg.js';
import { pruneDeliveryHandlers, sendWarnings } from './prune-delivery.js';
import {
  pruneAutoBaselineJob,
  pruneAutoRemoveJob,
  pruneAutoWarnJob,
  pruneWarningAnswer,
  removalLines,
} from './prune-jobs.js';
import { removeMembers } from './prune-run.js';
import { askStanding } from './prune-standing.js';
import { pruneText } from './prune-text.js';

const DAY = 86_400_000;
const AUDIT_LINES = 20;
const when = (ctx: GroupContext, iso: string | undefined) =>
  iso ? formatTime(iso, ctx.community.timezone) : undefined;
/** Members as the lists show them (`Alice (2)`), so that `/exempt @Alice (2)` names the one listed. */
const namesOf = (ctx: GroupContext, members: Member[]) => members.map((m) => memberLabel(ctx.tables, m));

export const pruneDryRun = defineCommand({
  name: 'prune',
  keywords: ['清理', '清理 预览'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'dry run: who would be pruned, and who is spared and why (nothing changes)',
    '清理预览：谁会被清理、谁因何被保留（不做任何更改）',
    '/prune',
  ),
  async run(ctx) {
    const t = pruneText(ctx.locale);
    const community = ctx.community;
    const now = ctx.clock.now();
    // Rights as the platform has them now: an admin promoted since their last message is no candidate.
    const asked = await askStanding(ctx.adapter, ctx.chat, membersToCheck(ctx.tables, community, now));
    if (asked.kind === 'failed') return ctx.reply(t.standingFailed);
    const { candidates, excluded, gone } = assessMembers(ctx.tables, community, now, asked.standing);
    const shown = memberNames(
      ctx.tables,
      community.id,
      candidates.map((c) => ({ id: c.member.userId, name: c.member.name })),
    );
    const days = Math.round(getSetting(community, pruneAfterSetting) / DAY);
    ctx.reply(
      [
        t.dryRunHeader(candidates.length, days, getSetting(community, pruneBuyerDaysSetting)),
        ...candidates.map((c) => t.candidate(shown.get(c.member.userId)!, when(ctx, c.lastActive))),
        t.excluded(excluded),
        ...(gone.length > 0
          ? [
              t.gone(
                namesOf(
                  ctx,
                  gone.map((g) => g.member),
                ),
              ),
            ]
          : []),
        ...(candidates.length > 0 ? [t.dryRunNext] : []),
      ].join('\n'),
    );
  },
});

export const pruneWarn = defineCommand({
  name: 'prune warn',
  keywords: ['清理 提醒'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'warn the candidates: reply within prune.warn_hours to stay',
    '提醒候选成员：在提醒期（设置项 prune.warn_hours）内回复即可保留',
    '/prune warn',
  ),
  async run(ctx) {
    const t = pruneText(ctx.locale);
    const community = ctx.community;
    const now = ctx.clock.now();
    const asked = await askStanding(ctx.adapter, ctx.chat, membersToCheck(ctx.tables, community, now));
    if (asked.kind === 'failed') return ctx.reply(t.standingFailed);
    const { candidates, gone } = assessMembers(ctx.tables, community, now, asked.standing);
    if (gone.length > 0) {
      const left = gone.map((g) => g.member);
      ctx.mutate((tx) => recordDepartures(tx, community, left, now));
      ctx.reply(t.departed(namesOf(ctx, left)));
    }
    if (candidates.length === 0) return ctx.reply(t.noCandidates);
    const outcome = ctx.mutate((tx) => warnCandidates(tx, community, candidates, ctx.sender.id, now));
    // Who was warned, and how, is told once the platform accepted the warnings (prune-delivery.ts):
    // a warning the platform refused is not counted.
    if (outcome.warned.length > 0)
      sendWarnings(ctx.adapter, community, outcome.warned, (chat, out, opts) => ctx.sendTo(chat, out, opts));
    if (outcome.alreadyWarned.length > 0) ctx.reply(t.alreadyWarned(namesOf(ctx, outcome.alreadyWarned)));
  },
});

export const pruneConfirm = defineCommand({
  name: 'prune confirm',
  keywords: ['清理 确认'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'remove the warned members still silent after the warning period',
    '移除提醒期满仍未活跃的成员',
    '/prune confirm',
  ),
  async run(ctx) {
    const t = pruneText(ctx.locale);
    const community = ctx.community;
    const now = ctx.clock.now();
    // Asked again now, not taken from the warning run: rights and membership change meanwhile.
    const asked = await askStanding(ctx.adapter, ctx.chat, warnedMembers(ctx.tables, community));
    if (asked.kind === 'failed') return ctx.reply(t.standingFailed);
    const review = reviewWarnings(ctx.tables, community, now, undefined, asked.standing);
    ctx.mutate((tx) => {
      const stay = [...review.kept, ...review.admins].map((k) => k.warning);
      closeWarnings(tx, [...stay, ...review.gone], now);
      recordDepartures(
        tx,
        community,
        review.departed.map((d) => d.member),
        now,
      );
    });
    const lines: string[] = [];
    if (review.due.length > 0) {
      const report = await removeMembers(
        ctx.adapter,
        ctx.chat,
        ctx,
        community,
        review.due.map((d) => d.member),
        ctx.sender.id,
        () => ctx.clock.now(),
        getSetting(community, pruneMaxBatchSetting),
      );
      lines.push(...removalLines(ctx.locale, community, report));
    }
    // One line per group of the review that has anyone in it, each naming its members.
    const groups = [
      [review.kept, t.kept],
      [review.admins, t.nowAdmins],
      [review.departed, t.departed],
      [review.undelivered, t.undelivered],
    ] as const;
    for (const [group, line] of groups)
      if (group.length > 0)
        lines.push(
          line(
            namesOf(
              ctx,
              group.map((g) => g.member),
            ),
          ),
        );
    if (review.waiting.length > 0) {
      const last = review.waiting
        .map((w) => w.warning.deadline)
        .sort()
        .at(-1);
      lines.push(
        t.waiting(
          namesOf(
            ctx,
            review.waiting.map((w) => w.member),
          ),
          when(ctx, last)!,
        ),
      );
    }
    ctx.reply(lines.length > 0 ? lines.join('\n') : t.nothingToConfirm);
  },
});

function targetOrReply(ctx: GroupContext, name: string): NamedMember | undefined {
  return namedMember(ctx, ctx.community.id, name, pruneText(ctx.locale).unknownMember);
}

const target = z.object({ member: z.string().min(1).max(64) });

export const exemptCommand = defineCommand({
  name: 'exempt',
  keywords: ['豁免'],
  role: 'admin',
  scope: 'group',
  args: target,
  positional: ['member'],
  help: helpText('never prune this member', '将成员加入清理豁免名单', '/exempt @member', ['/exempt @alice']),
  run(ctx, args) {
    const named = targetOrReply(ctx, args.member);
    if (!named) return;
    const { member, label: name } = named;
    const t = pruneText(ctx.locale);
    const changed = ctx.mutate((tx) => exempt(tx, ctx.community, member, ctx.sender.id, ctx.clock.now()));
    ctx.reply(changed ? t.exempted(name) : t.alreadyExempt(name));
  },
});

export const unexemptCommand = defineCommand({
  name: 'unexempt',
  keywords: ['取消豁免'],
  role: 'admin',
  scope: 'group',
  args: target,
  positional: ['member'],
  help: helpText('take a member off the exempt list', '将成员移出清理豁免名单', '/unexempt @member', [
    '/unexempt @alice',
  ]),
  run(ctx, args) {
    const named = targetOrReply(ctx, args.member);
    if (!named) return;
    const { member, label: name } = named;
    const t = pruneText(ctx.locale);
    const changed = ctx.mutate((tx) => unexempt(tx, ctx.community, member, ctx.sender.id, ctx.clock.now()));
    ctx.reply(changed ? t.unexempted(name) : t.notExempt(name));
  },
});

export const auditCommand = defineCommand({
  name: 'audit',
  keywords: ['审计'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'removals, exemptions, payments, refunds, pickups and shortages, with who did them',
    '移除、豁免、收款、退款、提货与缺货记录及操作人',
    '/audit',
  ),
  run(ctx) {
    const t = pruneText(ctx.locale);
    const entries = auditLog(ctx.tables, ctx.community.id, AUDIT_LINES);
    if (entries.length === 0) return ctx.reply(t.auditEmpty);
    const lines = entries.map((e) => auditEntryLine(ctx.locale, ctx.tables, ctx.community, e, ctx.registry));
    ctx.reply([t.auditHeader, ...lines].join('\n'));
  },
});

export const pruneCommands = [
  pruneDryRun,
  pruneWarn,
  pruneConfirm,
  exemptCommand,
  unexemptCommand,
  auditCommand,
];

export const pruneFeature: Feature = {
  name: 'prune',
  commands: pruneCommands,
  onText: [pruneWarningAnswer],
  delivery: pruneDeliveryHandlers,
  jobs: [pruneAutoBaselineJob, pruneAutoRemoveJob, pruneAutoWarnJob],
  messages: [pruneText],
};
