import { z } from 'zod';
import { localDay } from '../core/format.js';
import { showName } from '../core/names.js';
import type { Community, Topic, TopicPost, TopicState } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { openDeals } from './deals.js';
import { activeMembers } from './members.js';
import { defineSetting, getSetting } from './settings.js';
import { messagesSince } from './tiers.js';
import { awardTopicPoints } from './topic-points.js';

/** Topic prompts (话题): a rotating pool of conversation starters, posted on a schedule or on demand. */

export const topicPointsSetting = defineSetting({
  key: 'topic.points',
  schema: z.coerce.number().int().min(0).max(1000),
  default: 2,
});

export const topicWindowSetting = defineSetting({
  key: 'topic.window',
  schema: z.coerce.number().int().min(1).max(1440),
  default: 30,
});

/** The built-in starter pool (wording in both languages lives with the commands). */
export const STARTER_TOPICS = ['next_buy', 'best_buy', 'pickup', 'recipe', 'wishlist'] as const;
export type StarterTopic = (typeof STARTER_TOPICS)[number];

/** Variables a prompt may use, filled when it is posted. */
export const TEMPLATE_VARIABLES = [
  'open_deals',
  'members',
  'top_member',
  'days_to_close',
  'deal',
  'date',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export const MAX_TOPICS = 100;
const VARIABLE = /\{([^{}\s]*)\}/g;
const DAY = 86_400_000;

/** Names in `{…}` that are not known variables. */
export function unknownVariables(text: string): string[] {
  const names = [...text.matchAll(VARIABLE)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(TEMPLATE_VARIABLES as readonly string[]).includes(n)))];
}

/** The text with its variables filled, or undefined when one has no value now (no open deal). */
export function fillTemplate(text: string, values: TemplateValues): string | undefined {
  let missing = false;
  const filled = text.replace(VARIABLE, (whole, name: string) => {
    const value = values[name as TemplateVariable];
    if (value === undefined) missing = true;
    return value ?? whole;
  });
  return missing ? undefined : filled;
}

/** The values of the template variables in a community now. */
export function templateValues(tables: Tables, community: Community, now: Date): TemplateValues {
  const deals = openDeals(tables, community.id).sort((a, b) => a.endsAt.localeCompare(b.endsAt));
  const members = activeMembers(tables, community.id);
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  let top: { name: string; messages: number } | undefined;
  for (const member of members) {
    // The organisers run the group; the shout-out goes to a member.
    if (member.role !== 'member') continue;
    const messages = messagesSince(tables, community, member, weekAgo);
    if (messages > 0 && (!top || messages > top.messages)) top = { name: member.name, messages };
  }
  const soonest = deals[0];
  return {
    open_deals: String(deals.length),
    members: String(members.length),
    date: localDay(now, community.timezone),
    ...(top ? { top_member: showName(top.name) } : {}),
    ...(soonest
      ? {
          deal: soonest.title,
          days_to_close: String(Math.max(0, Math.ceil((Date.parse(soonest.endsAt) - now.getTime()) / DAY))),
        }
      : {}),
  };
}

function emptyState(communityId: string): TopicState {
  return { id: communityId, seeded: false, nextNo: 1, nextSeq: 0, posts: 0 };
}

export function topicState(tables: Tables, communityId: string): TopicState {
  return tables.topicState.get(communityId) ?? emptyState(communityId);
}

/** The community's topic state, putting the starter pool in the first time topics are used. */
export function ensureTopics(tx: Tx, community: Community, now: Date): TopicState {
  const state = tx.get('topicState', community.id) ?? emptyState(community.id);
  if (state.seeded) return state;
  let { nextNo, nextSeq } = state;
  for (const key of STARTER_TOPICS) {
    tx.put('topics', {
      id: `${community.id}|${nextNo}`,
      communityId: community.id,
      no: nextNo++,
      builtin: key,
      seq: nextSeq++,
      used: false,
      createdAt: now.toISOString(),
      createdBy: 'starter',
    });
  }
  return tx.put('topicState', { ...state, seeded: true, nextNo, nextSeq });
}

/** The pool in rotation order: the next prompt first. */
export function listTopics(tables: Tables, communityId: string): Topic[] {
  return tables.topics
    .by('community', communityId)
    .sort((a, b) => Number(a.used) - Number(b.used) || a.seq - b.seq);
}

export type AddOutcome =
  | { kind: 'added'; topic: Topic }
  | { kind: 'unknown_variables'; names: string[] }
  | { kind: 'pool_full'; max: number };

export function addTopic(tx: Tx, community: Community, text: string, by: string, now: Date): AddOutcome {
  const names = unknownVariables(text);
  if (names.length > 0) return { kind: 'unknown_variables', names };
  const state = ensureTopics(tx, community, now);
  if (tx.tables.topics.countBy('community', community.id) >= MAX_TOPICS)
    return { kind: 'pool_full', max: MAX_TOPICS };
  const topic = tx.put('topics', {
    id: `${community.id}|${state.nextNo}`,
    communityId: community.id,
    no: state.nextNo,
    text,
    seq: state.nextSeq,
    used: false,
    createdAt: now.toISOString(),
    createdBy: by,
  });
  tx.put('topicState', { ...state, nextNo: state.nextNo + 1, nextSeq: state.nextSeq + 1 });
  return { kind: 'added', topic };
}

export function removeTopic(
  tx: Tx,
  community: Community,
  no: number,
  now: Date,
): { kind: 'removed'; topic: Topic } | { kind: 'not_found' } {
  ensureTopics(tx, community, now);
  const topic = tx.get('topics', `${community.id}|${no}`);
  if (!topic) return { kind: 'not_found' };
  tx.delete('topics', topic.id);
  return { kind: 'removed', topic };
}

/** Turns scheduled prompts on (with a validated expression) or off. */
export function setSchedule(tx: Tx, community: Community, cron: string | undefined, now: Date): TopicState {
  const state = ensureTopics(tx, community, now);
  const { cron: _old, cronSince: _since, ...rest } = state;
  return tx.put('topicState', cron ? { ...rest, cron, cronSince: now.toISOString() } : rest);
}

export type PostOutcome = { kind: 'posted'; post: TopicPost; topic: Topic } | { kind: 'nothing_to_post' };

/**
 * Posts the next prompt: the first unused one in rotation order whose variables can be filled
 * now; when every prompt was used, a new round starts. `render` gives a prompt's text in the
 * community's language (built-in prompts have no stored text).
 */
export function postNextTopic(
  tx: Tx,
  community: Community,
  render: (topic: Topic) => string,
  by: string,
  now: Date,
): PostOutcome {
  const state = ensureTopics(tx, community, now);
  const values = templateValues(tx.tables, community, now);
  let chosen: { topic: Topic; text: string } | undefined;
  for (const topic of listTopics(tx.tables, community.id)) {
    const text = fillTemplate(render(topic), values);
    if (text !== undefined && text.trim() !== '') {
      chosen = { topic, text };
      break;
    }
  }
  if (!chosen) return { kind: 'nothing_to_post' };
  if (chosen.topic.used) {
    // Every prompt that can be posted now was used: a new round begins with this one.
    for (const topic of tx.tables.topics.by('community', community.id))
      if (topic.used) tx.put('topics', { ...topic, used: false });
  }
  const topic = tx.put('topics', { ...tx.get('topics', chosen.topic.id)!, used: true });
  const n = state.posts + 1;
  const minutes = getSetting(community, topicWindowSetting);
  const post = tx.put('topicPosts', {
    id: `${community.id}|p${n}`,
    communityId: community.id,
    topicNo: topic.no,
    text: chosen.text,
    postedAt: now.toISOString(),
    windowEndsAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
    participants: [],
    settled: false,
    by,
  });
  tx.put('topicState', { ...state, posts: n, lastPostId: post.id });
  return { kind: 'posted', post, topic };
}

export function markPostMessage(tx: Tx, postId: string, messageId: string): void {
  const post = tx.get('topicPosts', postId);
  if (post) tx.put('topicPosts', { ...post, messageId });
}

/**
 * A member's message: taking part in the prompt it replies to, or in the latest prompt while its
 * window is open. Pays topic.points once per prompt; returns the post when this was new.
 */
export function recordParticipation(
  tx: Tx,
  community: Community,
  userId: string,
  replyTo: string | undefined,
  now: Date,
): TopicPost | undefined {
  const replied = replyTo ? tx.tables.topicPosts.by('message', `${community.id}|${replyTo}`)[0] : undefined;
  const lastId = tx.tables.topicState.get(community.id)?.lastPostId;
  const latest = lastId ? tx.get('topicPosts', lastId) : undefined;
  const inWindow =
    latest && Date.parse(latest.postedAt) <= now.getTime() && now.getTime() < Date.parse(latest.windowEndsAt)
      ? latest
      : undefined;
  const post = replied ?? inWindow;
  if (!post || post.participants.includes(userId)) return undefined;
  const updated = tx.put('topicPosts', { ...post, participants: [...post.participants, userId] });
  const points = getSetting(community, topicPointsSetting);
  if (points > 0) awardTopicPoints(tx, community, userId, points, post.id, now);
  return updated;
}

/** Posts whose window closed and are not settled yet. */
export function postsToSettle(tables: Tables, now: Date): TopicPost[] {
  return [...tables.topicPosts.values()].filter(
    (p) => !p.settled && Date.parse(p.windowEndsAt) <= now.getTime(),
  );
}

/** Closes a prompt's window; one nobody answered goes back to the end of the pool. */
export function settlePost(tx: Tx, post: TopicPost): { movedBack: boolean } {
  tx.put('topicPosts', { ...post, settled: true });
  if (post.participants.length > 0) return { movedBack: false };
  const topic = tx.get('topics', `${post.communityId}|${post.topicNo}`);
  const state = tx.get('topicState', post.communityId);
  if (!topic || !state) return { movedBack: false };
  tx.put('topics', { ...topic, used: false, seq: state.nextSeq });
  tx.put('topicState', { ...state, nextSeq: state.nextSeq + 1 });
  return { movedBack: true };
}
