import { isoTime } from '../core/clock.js';
import type { Subscription } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { categoryKey } from './categories.js';
import { type ConsentOutcome, setConsent } from './consent.js';
import { dropOwedOffers } from './offers-owed.js';

/**
 * Category subscriptions (`/subscribe 水果`): a member asks for a private message when a deal of
 * a category opens. Subscribing needs the `offers` purpose, so it turns it on (recorded with via
 * `subscribe`); dropping the last subscription turns it off again, as nothing is left to offer.
 * Plain functions, typed outcomes, no chat text.
 */

/** Subscriptions one member may hold in one community. */
export const MAX_SUBSCRIPTIONS = 20;

/** Days a closed deal's categories are still offered to choose from in `/subscribe`. */
const RECENT_DAYS = 30;

/** A member's subscriptions, oldest first. */
export function subscriptionsOf(tables: Tables, communityId: string, userId: string): Subscription[] {
  return tables.subscriptions
    .by('member', `${communityId}/${userId}`)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The categories of the community's deals open, scheduled, or closed within RECENT_DAYS of `now`,
 * each once (as first written), the most used first: what a member may subscribe to.
 */
export function communityCategories(tables: Tables, communityId: string, now: Date): string[] {
  const since = now.getTime() - RECENT_DAYS * 86_400_000;
  const uses = new Map<string, { name: string; n: number }>();
  for (const deal of tables.deals.by('community', communityId)) {
    const live = deal.status === 'open' || deal.status === 'scheduled';
    if (!live && Date.parse(deal.closedAt ?? deal.endsAt) < since) continue;
    for (const name of deal.categories ?? []) {
      const key = categoryKey(name);
      const seen = uses.get(key);
      if (seen) seen.n++;
      else uses.set(key, { name, n: 1 });
    }
  }
  return [...uses.values()].sort((a, b) => b.n - a.n).map((u) => u.name);
}

export type SubscribeOutcome =
  | {
      kind: 'subscribed';
      /** Categories newly subscribed, and those the member had already. */
      added: string[];
      already: string[];
      /** `granted`: the offers purpose was off and subscribing turned it on. */
      consent: ConsentOutcome['kind'];
    }
  | { kind: 'too_many'; max: number };

/** Subscribes a member to categories (as parseCategories gave them); turns `offers` on if it was off. */
export function subscribe(
  tx: Tx,
  communityId: string,
  userId: string,
  categories: readonly string[],
  now: Date,
): SubscribeOutcome {
  const mine = new Set(subscriptionsOf(tx.tables, communityId, userId).map((s) => s.key));
  const added: string[] = [];
  const already: string[] = [];
  for (const category of categories) (mine.has(categoryKey(category)) ? already : added).push(category);
  if (mine.size + added.length > MAX_SUBSCRIPTIONS) return { kind: 'too_many', max: MAX_SUBSCRIPTIONS };
  for (const category of added) {
    const key = categoryKey(category);
    tx.put('subscriptions', {
      id: `${communityId}/${userId}|${key}`,
      communityId,
      userId,
      category,
      key,
      createdAt: isoTime(now),
    });
  }
  const consent = setConsent(tx, communityId, userId, 'offers', true, now, 'subscribe');
  return { kind: 'subscribed', added, already, consent: consent.kind };
}

export type UnsubscribeOutcome =
  | {
      kind: 'unsubscribed';
      removed: string[];
      /** Categories still subscribed. */
      left: string[];
      /** `withdrawn`: that was the last one, and the offers purpose is off now. */
      consent: ConsentOutcome['kind'];
    }
  /** Some named category is not one of the member's (nothing is changed); `mine` lists theirs. */
  | { kind: 'not_subscribed'; unknown: string[]; mine: string[] };

/**
 * Drops a member's subscriptions (`all`, or the categories named), and the offers of them still
 * waiting to go out. With none left, the offers purpose is withdrawn (via: a command or an offer's
 * stop button). A name that is not theirs refuses the whole request.
 */
export function unsubscribe(
  tx: Tx,
  communityId: string,
  userId: string,
  which: readonly string[] | 'all',
  now: Date,
  via: 'command' | 'offer_stop',
): UnsubscribeOutcome {
  const mine = subscriptionsOf(tx.tables, communityId, userId);
  const names = mine.map((s) => s.category);
  let gone: Subscription[];
  if (which === 'all') {
    if (mine.length === 0) return { kind: 'not_subscribed', unknown: [], mine: [] };
    gone = mine;
  } else {
    const byKey = new Map(mine.map((s) => [s.key, s]));
    const unknown = which.filter((c) => !byKey.has(categoryKey(c)));
    if (unknown.length > 0) return { kind: 'not_subscribed', unknown, mine: names };
    gone = which.map((c) => byKey.get(categoryKey(c))!);
  }
  for (const s of gone) tx.delete('subscriptions', s.id);
  dropOwedOffers(tx, communityId, userId, new Set(gone.map((s) => s.key)));
  const left = mine.filter((s) => !gone.includes(s)).map((s) => s.category);
  const consent =
    left.length === 0 ? setConsent(tx, communityId, userId, 'offers', false, now, via).kind : 'unchanged';
  return { kind: 'unsubscribed', removed: gone.map((s) => s.category), left, consent };
}

/** One group's part of an unsubscribe across groups (see unsubscribeAcross). */
export interface GroupUnsubscribed {
  communityId: string;
  removed: string[];
  left: string[];
  consent: ConsentOutcome['kind'];
}

export type UnsubscribeAcrossOutcome =
  | { kind: 'unsubscribed'; groups: GroupUnsubscribed[] }
  /** A named category is in none of the groups (nothing changed); `mine` lists each group's. */
  | { kind: 'not_subscribed'; unknown: string[]; mine: { communityId: string; names: string[] }[] };

/**
 * `/unsubscribe 水果` in a private chat of a member of several groups: drops the categories named
 * (or `all`) in every one of `communityIds` where the member holds them, each as unsubscribe does.
 * A name held in none of the groups refuses the whole request, as in one group.
 */
export function unsubscribeAcross(
  tx: Tx,
  communityIds: readonly string[],
  userId: string,
  which: readonly string[] | 'all',
  now: Date,
): UnsubscribeAcrossOutcome {
  const held = communityIds.map((communityId) => ({
    communityId,
    subs: subscriptionsOf(tx.tables, communityId, userId),
  }));
  const mine = held
    .filter((h) => h.subs.length > 0)
    .map((h) => ({ communityId: h.communityId, names: h.subs.map((s) => s.category) }));
  const keys = new Set(held.flatMap((h) => h.subs.map((s) => s.key)));
  const unknown = which === 'all' ? [] : which.filter((c) => !keys.has(categoryKey(c)));
  if (mine.length === 0 || unknown.length > 0) return { kind: 'not_subscribed', unknown, mine };
  const groups: GroupUnsubscribed[] = [];
  for (const { communityId, subs } of held) {
    const own = new Set(subs.map((s) => s.key));
    const named = which === 'all' ? 'all' : which.filter((c) => own.has(categoryKey(c)));
    if (subs.length === 0 || (named !== 'all' && named.length === 0)) continue;
    const outcome = unsubscribe(tx, communityId, userId, named, now, 'command');
    if (outcome.kind !== 'unsubscribed') continue;
    groups.push({ communityId, removed: outcome.removed, left: outcome.left, consent: outcome.consent });
  }
  return { kind: 'unsubscribed', groups };
}
