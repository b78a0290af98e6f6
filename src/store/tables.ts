import { Collection } from './collection.js';
import { type CollectionName, isOpen, type Records, recordSchemas } from './schema.js';

export type Tables = { readonly [K in CollectionName]: Collection<Records[K]> };

/** Fresh, empty tables with the secondary indexes the services query by. */
export function createTables(): Tables {
  const tables = Object.fromEntries(
    Object.keys(recordSchemas).map((name) => [name, new Collection()]),
  ) as unknown as Tables;
  tables.members.defineIndex('community', (m) => m.communityId);
  tables.deals.defineIndex('community', (d) => d.communityId);
  // Every 接龙 message looks for the open deals: without this it scanned the community's history.
  tables.deals.defineIndex('open', (d) => (isOpen(d) ? d.communityId : undefined));
  tables.deals.defineIndex('message', (d) =>
    d.rosterMessageId ? `${d.communityId}|${d.rosterMessageId}` : undefined,
  );
  tables.orders.defineIndex('deal', (o) => o.dealId);
  tables.orders.defineIndex('buyer', (o) => `${o.communityId}/${o.userId}`);
  // A member's lines in one deal (one per option and per person ordered for): every order reads them.
  tables.orders.defineIndex('dealBuyer', (o) => `${o.dealId}|${o.userId}`);
  tables.ledger.defineIndex('member', (e) => `${e.communityId}/${e.userId}`);
  tables.ledger.defineIndex('community', (e) => e.communityId);
  tables.ledgerRollups.defineIndex('community', (r) => r.communityId);
  tables.invites.defineIndex('member', (i) => `${i.communityId}/${i.userId}`);
  tables.invites.defineIndex('link', (i) => i.link);
  tables.referrals.defineIndex('inviter', (r) => `${r.communityId}/${r.inviterId}`);
  tables.referrals.defineIndex('community', (r) => r.communityId);
  tables.activity.defineIndex('member', (a) => `${a.communityId}/${a.userId}`);
  tables.activity.defineIndex('community', (a) => a.communityId);
  tables.topics.defineIndex('community', (t) => t.communityId);
  tables.topicPosts.defineIndex('community', (p) => p.communityId);
  tables.topicPosts.defineIndex('message', (p) =>
    p.messageId ? `${p.communityId}|${p.messageId}` : undefined,
  );
  tables.pruneExemptions.defineIndex('community', (e) => e.communityId);
  tables.pruneWarnings.defineIndex('community', (w) => w.communityId);
  tables.audit.defineIndex('community', (a) => a.communityId);
  // Private messages kept for a member until they open a private chat with the bot.
  tables.outbox.defineIndex('held', (m) =>
    m.hold?.heldAt ? `${m.chat.platform}|${m.hold.userId}` : undefined,
  );
  return tables;
}
