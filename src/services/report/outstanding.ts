import type { Deal, Order } from '../../store/schema.js';
import { moneyState } from '../money-state.js';

/** Money still to move, as the order lines stand when the report is made (no previous period). */
export interface Outstanding {
  cents: number;
  lines: number;
  /** Distinct members those lines belong to. */
  members: number;
}

class Tally {
  cents = 0;
  lines = 0;
  readonly who = new Set<string>();

  add(userId: string, cents: number): void {
    this.cents += cents;
    this.lines++;
    this.who.add(userId);
  }

  get total(): Outstanding {
    return { cents: this.cents, lines: this.lines, members: this.who.size };
  }
}

/**
 * Sums what is still owed either way over every line it is shown: fed by the order scan
 * (commerce.ts), which already walks each line of the community, so this costs no second pass.
 */
export class OutstandingTally {
  /** Still to pay, on lines of deals that formed (a deal still gathering buyers asks for no money yet). */
  readonly owed = new Tally();
  /** Still to give back, on any line (failed and cancelled deals included). */
  readonly refundDue = new Tally();

  line(order: Order, deal: Deal, formed: boolean): void {
    const money = moneyState(order, deal);
    if (formed && money.owedCents > 0) this.owed.add(order.userId, money.owedCents);
    if (money.refundDueCents > 0) this.refundDue.add(order.userId, money.refundDueCents);
  }
}
