import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approveTicket,
  closeTicket,
  type OpenOutcome,
  openTicket,
  type ResolveOutcome,
  rejectTicket,
  reopenTicket,
} from '../../src/services/aftersales.js';
import { closeDeal } from '../../src/services/deals.js';
import { placeOrder } from '../../src/services/orders.js';
import { markPaid, recordRefund } from '../../src/services/payments.js';
import { credit } from '../../src/services/points.js';
import { shortLine } from '../../src/services/shortage.js';
import { addTicketPhotos, ticketAwaitingPhoto } from '../../src/services/ticket-photos.js';
import { dueTicketReminders, markTicketsReminded } from '../../src/services/ticket-reminders.js';
import type { Community, Ticket } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { dealLines } from '../helpers/deal-lines.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

const HOUR = 3_600_000;

/**
 * After-sales tickets (售后): a member's ticket on one of their lines, its state machine
 * (open → approved | rejected → closed, reopen by an admin), its refusals, the refund on the
 * ticket's line only, points taken back, and the reminder sweep.
 */
describe('after-sales tickets', () => {
  let opened: DealStore;
  let store: Store;
  let community: Community;
  const { now, tx, current, line } = dealLines(() => opened);

  const open = (user: string, request: Partial<Parameters<typeof openTicket>[4]> = {}) =>
    tx<OpenOutcome>((t) =>
      openTicket(t, community, current(), user, { pick: {}, reason: '2 were bad', ...request }, now()),
    );
  const opened1 = (user: string, request: Partial<Parameters<typeof openTicket>[4]> = {}) => {
    const outcome = open(user, request);
    if (outcome.kind !== 'opened') throw new Error(`not opened: ${outcome.kind}`);
    return outcome.ticket;
  };
  const ticket = (no: number) => store.tables.tickets.get(`memory:g|t${no}`)!;
  const deliver = (user: string) =>
    tx((t) => t.put('orders', { ...line(user), deliveredAt: now().toISOString(), deliveredBy: 'owner' }));
  const approve = (tk: Ticket, cents?: number) =>
    tx<ResolveOutcome>((t) => approveTicket(t, tk, cents, undefined, '售后 T1', 'owner', now()));

  beforeEach(async () => {
    opened = await openDealStore({ priceCents: 1000 });
    ({ store, community } = opened);
    tx((t) => placeOrder(t, current(), { userId: 'alice', name: 'alice' }, { qty: 3 }, now()));
    tx((t) => placeOrder(t, current(), { userId: 'bob', name: 'bob' }, { qty: 1 }, now()));
    opened.clock.advance(48 * HOUR);
    tx((t) => closeDeal(t, current(), now()));
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
  });
  afterEach(async () => {
    await opened.close();
  });

  it('GIVEN goods not yet picked up THEN no ticket; once delivered, one opens with the asked amount, audited', () => {
    expect(open('alice')).toMatchObject({ kind: 'not_delivered' });
    deliver('alice');
    const tk = opened1('alice', { askedCents: 1000 });
    expect(tk).toMatchObject({
      no: 1,
      status: 'open',
      askedCents: 1000,
      reason: '2 were bad',
      userId: 'alice',
    });
    expect([...store.tables.audit.values()].map((a) => [a.action, a.by, a.cents])).toContainEqual([
      'ticket_opened',
      'alice',
      1000,
    ]);
  });

  it('refuses, changing nothing: no line, someone else’s line, out of window, a second ticket, more than paid', () => {
    deliver('alice');
    deliver('bob');
    expect(open('carol')).toMatchObject({ kind: 'no_order' });
    // Bob's line is roster line 2.
    expect(open('alice', { pick: { line: 2 } })).toMatchObject({ kind: 'not_yours', line: 2 });
    expect(open('alice', { askedCents: 3001 })).toMatchObject({ kind: 'too_much', maxCents: 3000 });
    // Bob has not paid: no money can be asked back on his line.
    expect(open('bob', { askedCents: 100 })).toMatchObject({ kind: 'too_much', maxCents: 0 });
    expect(store.tables.tickets.size).toBe(0);
    opened1('alice');
    expect(open('alice')).toMatchObject({ kind: 'already', ticket: { no: 1 } });
    opened.clock.advance(72 * HOUR + 1);
    expect(open('bob')).toMatchObject({ kind: 'out_of_window' });
    expect(store.tables.tickets.size).toBe(1);
  });

  it('approve refunds the ticket’s line only and takes back the order points once nothing is held, naming the ticket', () => {
    // A second paid line of alice's (for her mum, roster line 3) that stays as it is.
    tx((t) =>
      t.put('orders', {
        ...line('alice'),
        id: `${current().id}/alice||mum`,
        for: 'mum',
        line: 3,
        qty: 1,
        paidCents: 1000,
      }),
    );
    tx((t) => credit(t, community.id, 'alice', 5, 'order', `order:${current().id}/alice`, now()));
    deliver('alice');
    tx((t) =>
      t.put('orders', {
        ...store.tables.orders.get(`${current().id}/alice||mum`)!,
        deliveredAt: now().toISOString(),
      }),
    );
    expect(open('alice')).toMatchObject({ kind: 'which_line' });
    const tk = opened1('alice', { pick: { line: 3 }, askedCents: 1000 });
    expect(approve(tk, 2000)).toMatchObject({ kind: 'too_much', maxCents: 1000 });
    expect(ticket(1).status).toBe('open');
    expect(approve(tk)).toMatchObject({ kind: 'done', ticket: { status: 'approved', refundCents: 1000 } });
    // The ticket's line, not the member's first line in the roster.
    expect(store.tables.orders.get(`${current().id}/alice||mum`)?.refundedCents).toBe(1000);
    expect(line('alice').refundedCents).toBeUndefined();
    // Partial: a share of her order points goes back, floor(5 × 1000 ÷ 4000) = 1, naming the ticket.
    expect(store.tables.ledger.get(`order_back:${tk.id}`)).toMatchObject({ delta: -1, note: '售后 T1' });
    expect(store.tables.ledger.get(`order_back:${current().id}/alice`)).toBeUndefined();
    expect(approve(tk)).toMatchObject({ kind: 'wrong_state' });
  });

  it('the full take-back later subtracts what tickets already took back', () => {
    tx((t) => credit(t, community.id, 'alice', 5, 'order', `order:${current().id}/alice`, now()));
    deliver('alice');
    const tk = opened1('alice');
    expect(approve(tk, 1500)).toMatchObject({ kind: 'done' });
    // floor(5 × 1500 ÷ 3000) = 2
    expect(store.tables.ledger.get(`order_back:${tk.id}`)).toMatchObject({ delta: -2 });
    tx((t) => recordRefund(t, current(), 'alice', undefined, 'all', 'owner', now()));
    expect(store.tables.ledger.get(`order_back:${current().id}/alice`)).toMatchObject({ delta: -3 });
    expect(store.tables.members.get(`${community.id}/alice`)?.points).toBe(0);
  });

  it('a ticket on a line already owed money back for a shortage adds to it, capped at what is left', () => {
    // One of alice's 3 mangoes never came: ¥10 owed back, ¥20 left on the line.
    tx((t) => shortLine(t, current(), line('alice'), 1, 'owner', now()));
    deliver('alice');
    expect(open('alice', { askedCents: 2500 })).toMatchObject({ kind: 'too_much', maxCents: 2000 });
    const tk = opened1('alice', { askedCents: 1000 });
    expect(approve(tk, 2500)).toMatchObject({ kind: 'too_much', maxCents: 2000 });
    expect(approve(tk)).toMatchObject({ kind: 'done' });
    // The shortage is still owed back; settling it refunds shortage + ticket in all.
    tx((t) => recordRefund(t, current(), 'alice', undefined, undefined, 'owner', now()));
    expect(line('alice').refundedCents).toBe(2000);
  });

  it('a ticket refund does not take back the inviter’s first-order reward', () => {
    tx((t) => {
      t.put('referrals', {
        id: `${community.id}/alice`,
        communityId: community.id,
        inviterId: 'zed',
        inviteeId: 'alice',
        source: 'code',
        status: 'qualified',
        joinedAt: now().toISOString(),
        orderRewardAt: now().toISOString(),
      });
      credit(t, community.id, 'zed', 10, 'referral_order', `ref_order:${community.id}/alice`, now(), {
        ref: line('alice').id,
      });
    });
    deliver('alice');
    expect(approve(opened1('alice'), 3000)).toMatchObject({ kind: 'done' });
    expect(store.tables.referrals.get(`${community.id}/alice`)?.orderRewardReversedAt).toBeUndefined();
    expect(store.tables.members.get(`${community.id}/zed`)?.points).toBe(10);
  });

  it('a rejected ticket closed since can still be reopened by an admin', () => {
    deliver('alice');
    const tk = opened1('alice');
    tx((t) => rejectTicket(t, tk, 'no', 'owner', now()));
    tx((t) => closeTicket(t, ticket(1), 'owner', now()));
    expect(tx((t) => reopenTicket(t, ticket(1), 'owner', now()))).toMatchObject({
      kind: 'done',
      ticket: { status: 'open' },
    });
  });

  it('an admin closing an open ticket is no withdrawal: the member cannot open again, an admin can reopen', () => {
    deliver('alice');
    const tk = opened1('alice');
    tx((t) => closeTicket(t, tk, 'owner', now()));
    const closing = [...store.tables.audit.values()].find((a) => a.action === 'ticket_closed');
    expect(closing).toMatchObject({ by: 'owner' });
    expect(closing?.reason).not.toBe('withdrawn');
    expect(open('alice')).toMatchObject({ kind: 'closed_by_admin', ticket: { no: 1 } });
    expect(tx((t) => reopenTicket(t, ticket(1), 'owner', now()))).toMatchObject({ kind: 'done' });
  });

  it('photos are taken within 10 minutes of a reopening, and never beyond 9', () => {
    deliver('alice');
    const tk = opened1('alice');
    opened.clock.advance(HOUR);
    tx((t) => rejectTicket(t, tk, 'no', 'owner', now()));
    tx((t) => reopenTicket(t, ticket(1), 'owner', now()));
    opened.clock.advance(5 * 60_000);
    expect(ticketAwaitingPhoto(store.tables, community.id, 'alice', now(), 10 * 60_000)?.no).toBe(1);
    const eight = Array.from({ length: 8 }, (_, i) => `p${i}`);
    tx((t) => addTicketPhotos(t, ticket(1), eight, now()));
    expect(tx((t) => addTicketPhotos(t, ticket(1), ['x', 'y', 'z'], now()))).toMatchObject({ kept: ['x'] });
    expect(ticket(1).photos).toHaveLength(9);
  });

  it('a full refund of everything the member holds takes the order points back with the ticket named', () => {
    tx((t) => credit(t, community.id, 'alice', 5, 'order', `order:${current().id}/alice`, now()));
    deliver('alice');
    const tk = opened1('alice');
    expect(approve(tk, 3000)).toMatchObject({ kind: 'done' });
    expect(store.tables.ledger.get(`order_back:${current().id}/alice`)).toMatchObject({
      delta: -5,
      reason: 'reversal',
      note: '售后 T1',
    });
  });

  it('money on an unpaid line is refused; approving without money works', () => {
    deliver('bob');
    const tk = opened1('bob');
    expect(approve(tk, 500)).toMatchObject({ kind: 'nothing_paid' });
    expect(approve(tk, 0)).toMatchObject({ kind: 'done', ticket: { status: 'approved', refundCents: 0 } });
    expect(store.tables.payments.size).toBe(1); // alice's payment only
  });

  it('rejected: the member cannot open again; an admin reopens; closed after', () => {
    deliver('alice');
    const tk = opened1('alice');
    expect(tx((t) => rejectTicket(t, tk, 'photo shows another product', 'owner', now()))).toMatchObject({
      kind: 'done',
      ticket: { status: 'rejected', answer: 'photo shows another product' },
    });
    expect(open('alice')).toMatchObject({ kind: 'rejected', ticket: { no: 1 } });
    expect(tx((t) => reopenTicket(t, ticket(1), 'owner', now()))).toMatchObject({
      kind: 'done',
      ticket: { status: 'open', reopenedBy: 'owner' },
    });
    expect(ticket(1).answer).toBeUndefined();
    expect(tx((t) => reopenTicket(t, ticket(1), 'owner', now()))).toMatchObject({ kind: 'wrong_state' });
    expect(tx((t) => closeTicket(t, ticket(1), 'alice', now()))).toMatchObject({
      kind: 'done',
      ticket: { status: 'closed' },
    });
    // Withdrawn: a new ticket may be opened on the line.
    expect(open('alice')).toMatchObject({ kind: 'opened', ticket: { no: 2 } });
    const actions = [...store.tables.audit.values()]
      .filter((a) => a.action.startsWith('ticket_'))
      .map((a) => a.action);
    expect(actions).toEqual([
      'ticket_opened',
      'ticket_rejected',
      'ticket_reopened',
      'ticket_closed',
      'ticket_opened',
    ]);
  });

  it('reminders fall due after aftersale.remind, once per ticket, and again after a reopening', () => {
    deliver('alice');
    const tk = opened1('alice');
    opened.clock.advance(23 * HOUR);
    expect(dueTicketReminders(store.tables, now())).toEqual([]);
    opened.clock.advance(HOUR);
    expect(dueTicketReminders(store.tables, now())).toMatchObject([{ tickets: [{ no: 1 }] }]);
    tx((t) => markTicketsReminded(t, [tk], now()));
    opened.clock.advance(48 * HOUR);
    expect(dueTicketReminders(store.tables, now())).toEqual([]);
    tx((t) => rejectTicket(t, ticket(1), 'no', 'owner', now()));
    tx((t) => reopenTicket(t, ticket(1), 'owner', now()));
    expect(dueTicketReminders(store.tables, now())).toEqual([]);
    opened.clock.advance(24 * HOUR);
    expect(dueTicketReminders(store.tables, now())).toMatchObject([{ tickets: [{ no: 1 }] }]);
  });
});
