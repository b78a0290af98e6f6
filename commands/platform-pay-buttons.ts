import type { Button, ButtonRows, Capabilities } from '../src/core/adapter.js';
import type { Locale } from '../src/core/i18n/index.js';
import { payDue } from '../src/services/platform-pay.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { moneyOf } from './money-text.js';
import { platformPayText } from './platform-pay-text.js';

/**
 * The Pay buttons of in-chat payment (see platform-pay.ts): on the card of a deal that formed, and
 * under a member's /myorders. The action is `i:<no>`, the deal by its number in the group (in a
 * private chat, the member's one group), well within Telegram's 64 bytes.
 */

/** Whether members can pay `deal` in the chat here: the platform takes payments, and the deal formed and stands. */
export function payable(capabilities: Capabilities | undefined, deal: Deal): boolean {
  return capabilities?.payments !== undefined && (deal.status === 'succeeded' || deal.status === 'closed');
}

/** The card's Pay row (none where `deal` is not payable here): the same for every member. */
export function payRow(locale: Locale, deal: Deal, capabilities: Capabilities | undefined): Button[] {
  return payable(capabilities, deal)
    ? [{ label: platformPayText(locale).payButton, action: `i:${deal.no}` }]
    : [];
}

/** At most this many Pay buttons under a member's order list (rows of one). */
const MAX_PAY_ROWS = 5;

/** A Pay button per deal where the member owes, with what they owe there (under /myorders). */
export function payButtonsFor(
  capabilities: Capabilities,
  tables: Tables,
  community: Community,
  userId: string,
  deals: readonly Deal[],
): ButtonRows {
  const t = platformPayText(community.locale);
  const rows: ButtonRows = [];
  for (const deal of new Set(deals)) {
    if (rows.length >= MAX_PAY_ROWS || !payable(capabilities, deal)) continue;
    const due = payDue(tables, deal, userId);
    if (due.kind === 'owing')
      rows.push([{ label: t.payDealButton(deal.no, moneyOf(community)(due.cents)), action: `i:${deal.no}` }]);
  }
  return rows;
}
