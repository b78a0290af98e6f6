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
  /**
   * The sender's display name, when known: a numbered line starting with it is theirs even when
   * the name has digits (`2. 302室 ×1`, `3. 王姐2 1份`), which are then not read as the quantity.
   */
  senderName?: string;
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
  /**
   * `再来一份`, `加1份`, `多要一份` → `'more'`; `少要一份`, `减1` → `'less'`: the quantity is added to
   * (taken from) the member's line instead of setting it. Absent: the quantity sets the line.
   */
  add?: 'more' | 'less';
}

/** One numbered line of a copied roster, as written (`3. 阿强 ×2 小份 (周六来拿)`). */
export interface CopiedLine {
  /** The number written before the line. */
  no: number;
  /** Who the line is for as the roster shows it (`4. 王阿姨（alice 代订） ×1` → `王阿姨`). */
  name: string;
  /** As written; a name alone is 1. */
  qty: number;
  /** Exactly as in `DealView.options`. */
  option?: string;
  note?: string;
  /** 代订: who placed it (`王阿姨（alice 代订）` → `alice`; `5. 小红 +1 帮王阿姨` → name 王阿姨, by 小红). */
  by?: string;
  /**
   * 代订 without a placer: the line says 帮/替/代 but not by whom (`4. 帮王阿姨 2份`,
   * `4. 王阿姨(帮) 2份`), so it is the sender's order for `name`. Absent when `by` is given.
   */
  proxy?: true;
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
      /** One numbered line alone (`3. 阿强 2份` continuing the roster): the name written (`阿强`). */
      listedAs?: string;
    }
  | {
      kind: 'cancel';
      option?: string;
      /** 代订: the line withdrawn is the one for this person (`帮王阿姨的不要了` → `王阿姨`). */
      for?: string;
    }
  /**
   * A copied roster (several lines): every numbered line as read, in message order (a line naming
   * several options gives one entry per option, same `no`). The handler compares it with the roster.
   */
  | { kind: 'copy'; lines: CopiedLine[] }
  /** Only an option name (`大份`, `要5斤的`, `10斤的`): the answer to the bot's "which option?". */
  | { kind: 'option'; option: string }
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
