import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { checkCron, dailyAt, nextSlot } from '../src/jobs/cron.js';
import {
  addTopic,
  ensureTopics,
  listTopics,
  removeTopic,
  setSchedule,
  TEMPLATE_VARIABLES,
  topicState,
} from '../src/services/topics.js';
import {
  publishTopic,
  renderTopic,
  topicParticipation,
  topicPromptJob,
  topicPromptRenderer,
  topicSettleJob,
} from './topic-jobs.js';
import { cronProblem, topicText } from './topic-text.js';

/** Scheduled prompts more often than this would drown the group's own talk. */
const MIN_MINUTES_BETWEEN_PROMPTS = 60;

function scheduleText(ctx: GroupContext): string {
  const t = topicText(ctx.locale);
  const community = ctx.community;
  const cron = topicState(ctx.tables, community.id).cron;
  if (!cron) return t.off;
  const next = nextSlot(cron, community.timezone, ctx.clock.now());
  return t.scheduleLine(cron, formatTime(next, community.timezone), community.timezone);
}

function showPool(ctx: GroupContext) {
  const t = topicText(ctx.locale);
  const community = ctx.community;
  // The starter pool is put in the first time an admin looks, so what is listed is what will run.
  ctx.mutate((tx) => ensureTopics(tx, community, ctx.clock.now()));
  const topics = listTopics(ctx.tables, community.id);
  if (topics.length === 0) return ctx.reply(`${t.listHeader(scheduleText(ctx))}\n${t.emptyPool}`);
  const lines = topics.map((topic, i) => {
    const mark = i === 0 && !topic.used ? ` ${t.next}` : topic.used ? ` ${t.used}` : '';
    return `${topic.no}. ${renderTopic(ctx.locale, topic)}${mark}`;
  });
  ctx.reply([t.listHeader(scheduleText(ctx)), ...lines].join('\n'));
}

export const topicList = defineCommand({
  name: 'topic list',
  aliases: ['topic'],
  keywords: ['话题', '话题 列表'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'the topic prompt pool, next first, and the schedule',
    '话题库（下一条在最前）和定时',
    '/topic list',
  ),
  run: showPool,
});

export const topicAdd = defineCommand({
  name: 'topic add',
  keywords: ['添加话题', '话题 添加'],
  role: 'admin',
  scope: 'group',
  args: z.object({ text: z.string().trim().min(1).max(500) }),
  positional: ['text'],
  rest: 'text',
  help: helpText(
    `add a prompt; variables: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
    `添加话题；可用变量：${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
    '/topic add "TEXT"',
    ['/topic add "Which fruit should we order next? {open_deals} deals are open now."'],
  ),
  run(ctx, args) {
    const t = topicText(ctx.locale);
    const outcome = ctx.mutate((tx) =>
      addTopic(tx, ctx.community, args.text, ctx.sender.id, ctx.clock.now()),
    );
    if (outcome.kind === 'unknown_variables')
      return ctx.reply(
        t.unknownVariables(
          outcome.names.map((n) => `{${n}}`).join(', '),
          TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' '),
        ),
      );
    if (outcome.kind === 'pool_full') return ctx.reply(t.poolFull(outcome.max));
    ctx.reply(t.added(outcome.topic.no));
  },
});

export const topicRemove = defineCommand({
  name: 'topic remove',
  keywords: ['删除话题', '话题 删除'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    no: z
      .string()
      .regex(/^#?\d{1,6}$/, 'expected a topic number from /topic list')
      .transform((s) => Number(s.replace('#', ''))),
  }),
  positional: ['no'],
  help: helpText('remove a prompt by its number in /topic list', '按编号删除话题', '/topic remove N', [
    '/topic remove 3',
  ]),
  run(ctx, args) {
    const t = topicText(ctx.locale);
    const outcome = ctx.mutate((tx) => removeTopic(tx, ctx.community, args.no, ctx.clock.now()));
    ctx.reply(outcome.kind === 'removed' ? t.removed(args.no) : t.notFound(args.no));
  },
});

export const topicNow = defineCommand({
  name: 'topic now',
  keywords: ['发话题', '话题 发送'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText('post the next prompt now', '立即发出下一条话题', '/topic now'),
  run(ctx) {
    const outcome = publishTopic(
      // In an event the live message joins the change's journal write (the event's answer).
      ctx,
      (key, text, opts) => ctx.live(key, text, opts),
      ctx.community,
      ctx.sender.id,
      ctx.clock.now(),
    );
    if (outcome.kind === 'nothing_to_post') ctx.reply(topicText(ctx.locale).nothingToPost);
  },
});

export const topicSchedule = defineCommand({
  name: 'topic schedule',
  keywords: ['定时话题', '话题 定时'],
  role: 'admin',
  scope: 'group',
  args: z.object({ when: z.string().trim().min(1).max(100) }),
  positional: ['when'],
  rest: 'when',
  help: {
    en: {
      summary: "post prompts on a schedule, in the group's timezone: a cron expression or daily HH:MM",
      usage: '/topic schedule "0 20 * * *" | daily 20:00',
      examples: ['/topic schedule "0 20 * * 1-5"', '/topic schedule daily 20:00'],
    },
    zh: {
      summary: '按时发话题（本群时区）：每天 时:分，或五段定时表达式（分 时 日 月 周）',
      usage: '/topic schedule 每天 20:00 | "0 20 * * *"',
      examples: ['话题 定时 每天 20:00', '话题 定时 "0 20 * * 1-5"'],
    },
  },
  run(ctx, args) {
    const t = topicText(ctx.locale);
    const community = ctx.community;
    // `每天 20:00` is how a Chinese group says `daily 20:00`.
    const when = args.when.replace(/^每天\s*/, 'daily ');
    const check = checkCron(dailyAt(when) ?? when, MIN_MINUTES_BETWEEN_PROMPTS);
    if (!check.ok) return ctx.reply(t.badSchedule(cronProblem(ctx.locale, check.problem)));
    const now = ctx.clock.now();
    ctx.mutate((tx) => setSchedule(tx, community, check.expression, now));
    const next = nextSlot(check.expression, community.timezone, now);
    ctx.reply(t.scheduled(check.expression, formatTime(next, community.timezone), community.timezone));
  },
});

export const topicOff = defineCommand({
  name: 'topic off',
  keywords: ['关闭话题', '话题 关闭'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText('stop scheduled prompts', '关闭定时话题', '/topic off'),
  run(ctx) {
    ctx.mutate((tx) => setSchedule(tx, ctx.community, undefined, ctx.clock.now()));
    ctx.reply(topicText(ctx.locale).turnedOff);
  },
});

export const topicCommands = [topicList, topicAdd, topicRemove, topicNow, topicSchedule, topicOff];

export const topicsFeature: Feature = {
  name: 'topics',
  commands: topicCommands,
  onText: [topicParticipation],
  jobs: [topicSettleJob, topicPromptJob],
  liveRenderers: [topicPromptRenderer],
  messages: [topicText],
};
