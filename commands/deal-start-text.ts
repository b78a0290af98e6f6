import type { Clock } from '../src/core/clock.js';
import { formatDuration } from '../src/core/duration.js';
import { formatTime } from '../src/core/format.js';
import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { ambiguityOf, WHEN_FORMS } from '../src/core/when.js';
import { scheduledDeals, untilStart } from '../src/services/deal-starts.js';
import type { EditOutcome } from '../src/services/deals.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { AMBIGUITY } from './when-text.js';

/** Wording of scheduled deals (定时开团): the preview card's start line, refusals, the opening. */
export const dealStartText = defineMessages('deal-starts', {
  en: {
    opens: (at: string, tz: string) => `Opens: ${at} (${tz})`,
    opensIn: (at: string, tz: string, wait: string) => `Opens: ${at} (${tz}), in ${wait}`,
    started: (no: number, title: string) => `🔔 #${no} ${title} is open now: order with +1!`,
    notStarted: (name: string, at: string, wait: string) =>
      `✗ ${name}: not open yet: orders start ${at} (in ${wait})`,
    scheduledHeader: 'Coming up:',
    scheduledLine: (no: number, title: string, at: string, wait: string) =>
      `#${no} ${title} — starts ${at} (in ${wait})`,
    startsUnreadable: (value: string) =>
      `I cannot read starts=${value} as a start time. Write it like ${WHEN_FORMS.en} (group timezone; quote it if it has a space: starts="fri 20:00").`,
    startsAmbiguous: (value: string) =>
      `starts=${value} could mean more than one time (${AMBIGUITY.en[ambiguityOf(value)]}). Write it like ${WHEN_FORMS.en}.`,
    startsPast: (value: string) =>
      `starts=${value} is already past. Give a future start, e.g. ${WHEN_FORMS.en}.`,
    endsBeforeStart: (value: string) =>
      `ends=${value} is not after the start. For a scheduled deal a duration counts from the start: ends=2h is 2 hours after it opens.`,
    alreadyStarted: (no: number) => `Deal #${no} has already opened: its start cannot change any more.`,
    moved: (no: number, at: string, ends: string) => `Deal #${no} updated: it opens ${at} and ends ${ends}.`,
    closeScheduled: (no: number, at: string) =>
      `Deal #${no} has not opened yet (it opens ${at}), so there is nothing to close. Call it off with /deal cancel #${no}, or move its start with /deal edit #${no} starts=….`,
    startsInPast: 'The start must be in the future.',
  },
  zh: {
    opens: (at: string, tz: string) => `开团时间：${at}（${tz}）`,
    opensIn: (at: string, tz: string, wait: string) => `开团时间：${at}（${tz}），还有 ${wait}`,
    started: (no: number, title: string) => `🔔 #${no} ${title} 开团了！发送 +1 下单。`,
    notStarted: (name: string, at: string, wait: string) =>
      `✗ ${name}：还没开团，${at} 开始下单（还有 ${wait}）`,
    scheduledHeader: '即将开团：',
    scheduledLine: (no: number, title: string, at: string, wait: string) =>
      `#${no} ${title} — ${at} 开团（还有 ${wait}）`,
    startsUnreadable: (value: string) =>
      `看不懂开团时间 开始=${value}。可以这样写：${WHEN_FORMS.zh}（按本群时区；含空格时请加引号，如 开始="周五 20:00"）。`,
    startsAmbiguous: (value: string) =>
      `开团时间 开始=${value} 有多种理解（${AMBIGUITY.zh[ambiguityOf(value)]}），请写明确，例如：${WHEN_FORMS.zh}。`,
    startsPast: (value: string) =>
      `开团时间 开始=${value} 已经过去了，请写一个将来的时间，例如：${WHEN_FORMS.zh}。`,
    endsBeforeStart: (value: string) =>
      `截止时间 截止=${value} 不晚于开团时间。定时开团的时长从开团算起：截止=2小时 即开团后 2 小时截止。`,
    alreadyStarted: (no: number) => `团购 #${no} 已经开团，不能再改开团时间。`,
    moved: (no: number, at: string, ends: string) => `团购 #${no} 已更新：将于 ${at} 开团，${ends} 截止。`,
    closeScheduled: (no: number, at: string) =>
      `团购 #${no} 还没开团（${at} 开团），无需截团。要取消请发送「取消团购 #${no}」，要改开团时间请发送「改团 #${no} 开始=…」。`,
    startsInPast: '开团时间必须在将来。',
  },
});

/** The preview card's start line: the time, and with `now` how long until then (the countdown). */
export function opensLine(locale: Locale, community: Community, deal: Deal, now?: Date): string {
  const t = dealStartText(locale);
  const when = formatTime(deal.startsAt ?? deal.createdAt, community.timezone);
  return now
    ? t.opensIn(when, community.timezone, startLeft(locale, deal, now))
    : t.opens(when, community.timezone);
}

/** Time until the deal opens, in the reader's language, never less than a minute before it does. */
export function startLeft(locale: Locale, deal: Deal, now: Date): string {
  return formatDuration(Math.max(60_000, untilStart(deal, now)), locale);
}

/** The answer to `/deal edit` refused for its start (starts=, or ends= against the start), if it was. */
export function startEditRefusal(
  ctx: { locale: Locale; community: Community },
  outcome: EditOutcome,
): string | undefined {
  const t = dealStartText(ctx.locale);
  if (outcome.kind === 'already_started') return t.alreadyStarted(outcome.deal.no);
  if (outcome.kind === 'starts_in_past') return t.startsInPast;
  if (outcome.kind === 'ends_before_start')
    return t.endsBeforeStart(formatTime(outcome.deal.endsAt, ctx.community.timezone));
  return undefined;
}

/** An order before the start, refused with the time left (one line of the deal's batched notice). */
export function notStartedLine(
  ctx: { locale: Locale; clock: Clock; tables: Tables },
  deal: Deal,
  name: string,
): string {
  const timezone = ctx.tables.communities.get(deal.communityId)?.timezone ?? 'UTC';
  const when = formatTime(deal.startsAt ?? deal.createdAt, timezone);
  return dealStartText(ctx.locale).notStarted(name, when, startLeft(ctx.locale, deal, ctx.clock.now()));
}

/** `/deals`' lines of the scheduled deals, under their heading; none if there are none. */
export function scheduledLines(ctx: {
  locale: Locale;
  clock: Clock;
  tables: Tables;
  community: Community;
}): string[] {
  const t = dealStartText(ctx.locale);
  const now = ctx.clock.now();
  const lines = scheduledDeals(ctx.tables, ctx.community.id).map((d) =>
    t.scheduledLine(
      d.no,
      d.title,
      formatTime(d.startsAt ?? d.createdAt, ctx.community.timezone),
      startLeft(ctx.locale, d, now),
    ),
  );
  return lines.length ? [t.scheduledHeader, ...lines] : [];
}
