import { moneyState } from '../../src/services/money-state.js';
import { placeOrder } from '../../src/services/orders.js';
import type { Store } from '../../src/store/store.js';
import type { DealStore } from './deal-store.js';

/**
 * Short calls on the order lines of a DealStore's deal, for service tests. `opened` returns the
 * DealStore of the running test (it is opened in beforeEach, after these are made).
 */
export function dealLines(opened: () => DealStore) {
  const now = () => opened().clock.now();
  /** Runs `fn` in a transaction and returns its value as T. */
  const tx = <T>(fn: Parameters<Store['transact']>[0]) => opened().store.transact(fn).value as T;
  /** The deal as it is now. */
  const current = () => opened().store.tables.deals.get(opened().deal.id)!;
  /** The order line of `user` (there must be one). */
  const line = (user: string) => opened().store.tables.orders.get(`${opened().deal.id}/${user}`)!;
  const state = (user: string) => moneyState(line(user), current());
  /** `user` orders `qty` (default 1) through placeOrder. */
  const order = (user: string, qty = 1) =>
    opened().store.transact((t) => placeOrder(t, current(), { userId: user, name: user }, { qty }, now()));
  return { now, tx, current, line, state, order };
}
