import type { Button, ButtonRows, Capabilities } from '../src/core/adapter.js';
import type { Locale } from '../src/core/i18n/index.js';
import { isOpen } from '../src/services/deal-status.js';
import { optionLeft } from '../src/services/order-lines.js';
import type { Deal, PickupPoint } from '../src/store/schema.js';
import { orderText } from './order-text.js';
import { moneyButtons } from './payment-buttons.js';
import { payRow } from './platform-pay-buttons.js';
import { pointRows } from './point-buttons.js';
import { waitlistText } from './waitlist-text.js';

/**
 * The deal card's buttons (Telegram inline keyboard, Discord components): `+1` per option (or one
 * "Order +1" without options), which orders one or adds one more to the member's line for that
 * option, and "Withdraw", which withdraws all of the member's lines in the deal. The same for every
 * member; a tap is answered privately and the card updates like for a text order.
 *
 * Actions are short and name the deal by its number in the chat the tap comes from, so they stay
 * within Telegram's 64 bytes whatever the option is called: `o:<no>` / `o:<no>:<option index>:<tag>`
 * to order, `w:<no>` to withdraw. The tag is a short checksum of the option's name, so a button
 * drawn before the admin reordered or renamed the options can never order another option.
 */

/** Order buttons in one row: three fit a phone's width with Chinese option names. */
const PER_ROW = 3;
/** Rows of order buttons; with the withdraw row that is Discord's limit of 5 rows. */
const MAX_ORDER_ROWS = 4;
/** Discord's limit of rows under one message. */
const MAX_ROWS = 5;

/**
 * The buttons under a deal's card now: only the money ones once the deal stopped taking orders; an option (or a
 * deal) that is sold out offers its waitlist instead of `+1` (the same action: an order that finds
 * nothing left joins the waitlist). Options past 12 are ordered by text (`+1 NAME`), as the card says.
 */
export function dealButtons(
  locale: Locale,
  deal: Deal,
  capabilities?: Capabilities,
  /** The deal's pickup points: with several, a row of them to choose from where rows are left. */
  points: readonly PickupPoint[] = [],
): ButtonRows | undefined {
  // "My order" and, once formed, "I paid" (payment-buttons.ts) stay after the deal closed, and
  // "Pay" in its own row where the platform takes payments (platform-pay-buttons.ts).
  // Scheduled (定时开团): nothing to tap until it opens.
  if (deal.status === 'scheduled') return undefined;
  const money = moneyButtons(locale, deal);
  const pay = payRow(locale, deal, capabilities);
  if (!isOpen(deal)) {
    const rows = [money, pay].filter((row) => row.length > 0);
    return rows.length > 0 ? rows : undefined;
  }
  const t = orderText(locale);
  const dealSoldOut = deal.stock !== undefined && deal.sold >= deal.stock;
  // Sold out, the same action joins the waitlist (候补): its button says so.
  const w = waitlistText(locale);
  const order: Button[] =
    deal.options.length === 0
      ? [{ label: dealSoldOut ? w.dealButton : t.orderButton, action: `o:${deal.no}` }]
      : deal.options.map((option, index) => ({
          label:
            dealSoldOut || (optionLeft(deal, option) ?? 1) <= 0 ? w.button(option) : t.optionButton(option),
          action: `o:${deal.no}:${index}:${optionTag(option)}`,
        }));
  const rows: ButtonRows = [];
  for (let i = 0; i < order.length && rows.length < MAX_ORDER_ROWS; i += PER_ROW)
    rows.push(order.slice(i, i + PER_ROW));
  rows.push(...pointRows(locale, deal, points, MAX_ROWS - rows.length - 1 - (pay.length > 0 ? 1 : 0)));
  rows.push([{ label: t.withdrawButton, action: `w:${deal.no}` }, ...money]);
  if (pay.length > 0) rows.push(pay);
  return rows;
}

/** What a card button asks for, read back from its action; undefined for actions not ours. */
export type CardAction =
  | { kind: 'order'; no: number; option?: number; tag?: string }
  | { kind: 'withdraw'; no: number };

const ACTION = /^([ow]):(\d{1,9})(?::(\d{1,3}):([0-9a-z]{1,7}))?$/;

export function readAction(action: string): CardAction | undefined {
  const match = ACTION.exec(action);
  if (!match) return undefined;
  const no = Number(match[2]);
  if (match[1] === 'w') return match[3] === undefined ? { kind: 'withdraw', no } : undefined;
  return match[3] === undefined
    ? { kind: 'order', no }
    : { kind: 'order', no, option: Number(match[3]), tag: match[4]! };
}

/** A short checksum (FNV-1a, base 36) of an option's name, carried in its button's action. */
export function optionTag(name: string): string {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(name)) hash = Math.imul(hash ^ unit, 0x01000193) >>> 0;
  return hash.toString(36);
}
