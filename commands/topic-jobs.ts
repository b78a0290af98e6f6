import type { StateChanges } from '../src/core/context.js';
import type { Job, TextHandler } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import type { LiveOptions, LiveRenderer } from '../src/core/outbox.js';
import { type CronJob, cronJob } from '../src/jobs/cron.js';
import { getSetting } from '../src/services/settings.js';
import {
  markPostMessage,
  type PostOutcome,
  postNextTopic,
  postsToSettle,
  recordParticipation,
  STARTER_TOPICS,
  settlePost,
  topicPointsSetting,
  topicState,
  topicWindowSetting,
} from '../src/services/topics.js';
import type { Community, Topic } from '../src/store/schema.js';
import { topicText } from './topic-text.js';

/** A prompt's text in a language: an admin's own words, or a built-in starter. */
export function renderTopic(locale: Locale, topic: Topic): string {
  const builtin = STARTER_TOPICS.find((key) => key === topic.builtin);
  return builtin ? topicText(locale).starter(builtin) : (topic.text ?? '');
}

/** Shows a live message (its id comes back through opts.onSent). */
type Live = (key: string, text: string, opts: LiveOptions) => void;

/**
 * Posts the next prompt, from a command or a job. It goes out as a live message so its id comes
 * back: a reply to it counts as taking part even after the window closed. The message is shown in
 * the change's mutate, so it is written with it (a crash never keeps the post and loses the prompt).
 */
export function publishTopic(
  changes: StateChanges,
  live: Live,
  community: Community,
  by: string,
  now: Date,
): PostOutcome {
  return changes.mutate((tx) => {
    const outcome = postNextTopic(tx, community, (topic) => renderTopic(community.locale, topic), by, now);
    if (outcome.kind !== 'posted') return outcome;
    const { post } = outcome;
    const text = topicText(community.locale).prompt(
      post.text,
      getSetting(community, topicPointsSetting),
      getSetting(community, topicWindowSetting),
    );
    live(`topic:${post.id}`, text, {
      onSent: (messageId) => changes.mutate((later) => markPostMessage(later, post.id, messageId)),
    });
    return outcome;
  });
}

/**
 * Renders a posted prompt (`topic:<post id>`) from the state: after a restart the outbox knows
 * only that the prompt is owed, and records its message id here so replies to it still count.
 */
export const topicPromptRenderer: LiveRenderer = {
  prefix: 'topic:',
  render(tables, key) {
    const post = tables.topicPosts.get(key.slice('topic:'.length));
    const community = post && tables.communities.get(post.communityId);
    if (!post || !community) return undefined;
    const text = topicText(community.locale).prompt(
      post.text,
      getSetting(community, topicPointsSetting),
      getSetting(community, topicWindowSetting),
    );
    return { text, ...(post.messageId ? { messageId: post.messageId } : {}) };
  },
  sent(tx, key, messageId) {
    markPostMessage(tx, key.slice('topic:'.length), messageId);
  },
};

/** Scheduled prompts: per community, at the slots of its `/topic schedule`, in its timezone. */
export const topicPromptJob: CronJob = cronJob({
  name: 'topic-prompt',
  scheduleOf(tables, community) {
    const state = topicState(tables, community.id);
    return state.cron && state.cronSince ? { expression: state.cron, since: state.cronSince } : undefined;
  },
  run(ctx, community) {
    publishTopic(
      ctx,
      (key, text, opts) => ctx.live(community, key, text, opts),
      community,
      'auto',
      ctx.clock.now(),
    );
  },
});

/** Closes prompt windows; a prompt nobody answered goes back into the pool. */
export const topicSettleJob: Job = {
  name: 'topic-settle',
  run(ctx) {
    const due = postsToSettle(ctx.tables, ctx.clock.now());
    if (due.length === 0) return;
    ctx.mutate((tx) => {
      for (const post of due) settlePost(tx, post);
    });
  },
};

/** Every group message may take part in a prompt; never consumes the message. */
export const topicParticipation: TextHandler = (ctx) => {
  const { community, member, event } = ctx;
  if (ctx.chat.kind !== 'group' || !community || !member || event.type !== 'message') return false;
  const lastId = ctx.tables.topicState.get(community.id)?.lastPostId;
  const latest = lastId ? ctx.tables.topicPosts.get(lastId) : undefined;
  const windowOpen = latest !== undefined && ctx.clock.now().toISOString() < latest.windowEndsAt;
  if (!windowOpen && !event.replyTo) return false;
  ctx.mutate((tx) => recordParticipation(tx, community, member.userId, event.replyTo, ctx.clock.now()));
  return false;
};
