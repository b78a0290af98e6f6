import { lookalikeKey } from '../core/names.js';
import { Collection } from './collection.js';
import { type CollectionName, isOpen, type Records, recordSchemas } from './schema.js';

export type Tables = { readonly [K in CollectionName]: Collection<Records[K]> };

/**
 * Fresh, empty tables with the secondary indexes the services query by. Each index lists the
 * fields its key reads (see Collection.defineIndex): keep the two in step when changing a key.
 */
export function createTables(): Tables {
  const tables = Object.fromEntries(
    Object.keys(recordSchemas).map((name) => [name, new Collection()]),
  ) as unknown as Tables;
  tables.members.defineIndex('community', (m) => m.communityId, ['communityId']);
  // Members whose names look the same (`Alice`, `Аlice`): how lists number them and commands find them.
  tables.members.defineIndex('lookalike', (m) => `${m.communityId}|${lookalikeKey(m.name)}`, [
    'communityId',
    'name',
  ]);
  tables.deals.defineIndex('community', (d) => d.communityId, ['communityId']);
  // The deals of one share across linked groups (src/services/network.ts): every order checks their stock.
  tables.deals.defineIndex('share', (d) => d.shareId, ['shareId']);
  tables.consents.defineIndex('member', (c) => `${c.communityId}/${c.userId}`, ['communityId', 'userId']);
  tables.subscriptions.defineIndex('community', (s) => s.communityId, ['communityId']);
  tables.subscriptions.defineIndex('member', (s) => `${s.communityId}/${s.userId}`, [
    'communityId',
    'userId',
  ]);
  tables.offers.defineIndex('deal', (o) => o.dealId, ['dealId']);
  // The daily cap: a member's offers of one local day.
  tables.offers.defineIndex('memberDay', (o) => `${o.communityId}/${o.userId}|${o.day}`, [
    'communityId',
    'userId',
    'day',
  ]);
  tables.networkInvites.defineIndex('community', (i) => i.communityId, ['communityId']);
  // Every 接龙 message looks for the open deals: without this it scanned the community's history.
  tables.deals.defineIndex('open', (d) => (isOpen(d) ? d.communityId : undefined), ['status', 'communityId']);
  tables.deals.defineIndex(
    'message',
    (d) => (d.rosterMessageId ? `${d.communityId}|${d.rosterMessageId}` : undefined),
    ['communityId', 'rosterMessageId'],
  );
  tables.orders.defineIndex('deal', (o) => o.dealId, ['dealId']);
  tables.orders.defineIndex('buyer', (o) => `${o.communityId}/${o.userId}`, ['communityId', 'userId']);
  // A member's lines in one deal (one per option and per person ordered for): every order reads them.
  tables.orders.defineIndex('dealBuyer', (o) => `${o.dealId}|${o.userId}`, ['dealId', 'userId']);
  tables.ledger.defineIndex('member', (e) => `${e.communityId}/${e.userId}`, ['communityId', 'userId']);
  tables.ledger.defineIndex('community', (e) => e.communityId, ['communityId']);
  tables.ledgerRollups.defineIndex('community', (r) => r.communityId, ['communityId']);
  tables.invites.defineIndex('member', (i) => `${i.communityId}/${i.userId}`, ['communityId', 'userId']);
  tables.invites.defineIndex('link', (i) => i.link, ['link']);
  tables.referrals.defineIndex('inviter', (r) => `${r.communityId}/${r.inviterId}`, [
    'communityId',
    'inviterId',
  ]);
  tables.referrals.defineIndex('community', (r) => r.communityId, ['communityId']);
  tables.activity.defineIndex('member', (a) => `${a.communityId}/${a.userId}`, ['communityId', 'userId']);
  tables.activity.defineIndex('community', (a) => a.communityId, ['communityId']);
  tables.topics.defineIndex('community', (t) => t.communityId, ['communityId']);
  tables.topicPosts.defineIndex('community', (p) => p.communityId, ['communityId']);
  tables.topicPosts.defineIndex(
    'message',
    (p) => (p.messageId ? `${p.communityId}|${p.messageId}` : undefined),
    ['communityId', 'messageId'],
  );
  tables.pruneExemptions.defineIndex('community', (e) => e.communityId, ['communityId']);
  tables.pruneWarnings.defineIndex('community', (w) => w.communityId, ['communityId']);
  tables.audit.defineIndex('community', (a) => a.communityId, ['communityId']);
  tables.payments.defineIndex('community', (p) => p.communityId, ['communityId']);
  tables.payments.defineIndex('order', (p) => p.orderId, ['orderId']);
  tables.pickupPoints.defineIndex('community', (p) => p.communityId, ['communityId']);
  tables.fulfilments.defineIndex('deal', (f) => f.dealId, ['dealId']);
  // Goods at a point not yet all handed out: what the pickup reminder sweep reads every tick.
  tables.fulfilments.defineIndex(
    'waiting',
    (f) => (f.state === 'arrived' || f.state === 'picking' ? 'waiting' : undefined),
    ['state'],
  );
  tables.pickupNotices.defineIndex('fulfilment', (n) => `${n.dealId}|${n.pointId}`, ['dealId', 'pointId']);
  // A pickup code is checked by what the keeper types: found in one step, unique in its community.
  tables.orders.defineIndex(
    'pickupCode',
    (o) => (o.pickupCode ? `${o.communityId}|${o.pickupCode}` : undefined),
    ['communityId', 'pickupCode'],
  );
  // Who waits for a deal's units (候补), and every grant still to be paid (the expiry job reads these).
  tables.waitlist.defineIndex('deal', (e) => (e.status === 'waiting' ? e.dealId : undefined), [
    'status',
    'dealId',
  ]);
  tables.waitlist.defineIndex('granted', (e) => (e.status === 'granted' ? 'granted' : undefined), ['status']);
  // Who waits per option (`${dealId}|${option ?? ''}`): an order of one option never walks another's waitlist.
  tables.waitlist.defineIndex(
    'dealOption',
    (e) => (e.status === 'waiting' ? `${e.dealId}|${e.option ?? ''}` : undefined),
    ['status', 'dealId', 'option'],
  );
  // Private messages kept for a member until they open a private chat with the bot.
  tables.outbox.defineIndex(
    'held',
    (m) => (m.hold?.heldAt ? `${m.chat.platform}|${m.hold.userId}` : undefined),
    ['hold', 'chat'],
  );
  tables.tickets.defineIndex('community', (t) => t.communityId, ['communityId']);
  tables.tickets.defineIndex('order', (t) => t.orderId, ['orderId']);
  // Tickets still waiting for an admin: the queue (/tickets) and the reminder sweep read these.
  tables.tickets.defineIndex('open', (t) => (t.status === 'open' ? t.communityId : undefined), [
    'status',
    'communityId',
  ]);
  tables.reviews.defineIndex('deal', (r) => r.dealId, ['dealId']);
  tables.reviews.defineIndex('template', (r) => r.templateId, ['templateId']);
  tables.templates.defineIndex('community', (t) => t.communityId, ['communityId']);
  // Deals not yet open (定时开团): the start job reads these every tick.
  tables.deals.defineIndex('scheduled', (d) => (d.status === 'scheduled' ? 'scheduled' : undefined), [
    'status',
  ]);
  tables.apiTokens.defineIndex('community', (t) => t.communityId, ['communityId']);
  tables.dashboardSessions.defineIndex('community', (s) => s.communityId, ['communityId']);
  return tables;
}
