/** The shapes the 接龙 reader returns; `src/services/jielong.ts` re-exports them. */

/** What the reader needs to know about the deal the text is for. */
export interface DealView {
  /** The deal's short code (`#3`). */
  no: number;
  title: string;
  /** Option (SKU) names as the admin typed them, e.g. `['小份','大份']`, `['5斤','10斤']`; `[]` = no options. */
  options: string[];
  /** Display names on the deal's current roster, in roster order (for copied-roster checks). */
  rosterNames: string[];
}

/**
 * One order line a message asks for. `qty` is an integer as written (the service checks limits;
 * 0 or > 999 is passed through so the service answers "bad quantity").
 */
export interface LineIntent {
  qty: number;
  /** Exactly as in `DealView.options`. */
  option?: string;
  note?: string;
}

/** What one message asks of one deal. */
export type JielongIntent =
  | {
      kind: 'order';
      lines: LineIntent[];
      /** 代订: who the order is for (`+1 帮邻居王阿姨` → `邻居王阿姨`). */
      for?: string;
      usePoints?: number;
      /** `改4份`: the member changes an existing line. */
      change?: true;
      /** A copied roster: the name the sender wrote on the line they added (`5. 阿强 2份` → `阿强`). */
      listedAs?: string;
    }
  | { kind: 'cancel'; option?: string }
  | { kind: 'roster' }
  | { kind: 'unreadable' };

/** Phase 1, before a deal is chosen: the normalised text without what surrounds the order. */
export interface Envelope {
  /** The order text: normalised, quote and mentions removed (a `#N` code stays; the reader skips it). */
  body: string;
  /** The deal code written in the body (`#3`), if any. */
  deal?: number;
  /** The text of a WeChat quoted reply (the handler looks for a deal card's `#N` in it). */
  quoted?: string;
  /** Who wrote the quoted message, as WeChat shows it. */
  quotedFrom?: string;
}
