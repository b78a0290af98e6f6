import { orderText } from '../../commands/order-text.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { type Html, html } from '../html.js';
import type { DealFormsText } from '../text/deal-forms.js';

/**
 * Telling the chat's reprice question apart among what `/deal edit` answered. In the chat the
 * question tells the admin to send the command again with `reprice=all` or `reprice=new`; the edit
 * form has a menu for that instead, so the page answers with the form and its own line.
 */

/** Stands for the command the question quotes back (any text there). */
const COMMAND = '\u0000command\u0000';
/** Stands for the number of lines (the question words one line and several differently). */
const MANY = 987_654_321;

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The question's wording for deal `no` as patterns: one line, and a number captured. */
function patterns(locale: Locale, no: number): { one: RegExp; many: RegExp } {
  const ask = orderText(locale).repriceAsk;
  const pattern = (lines: number) =>
    new RegExp(
      `^${literal(ask(no, lines, COMMAND))
        .replaceAll(literal(COMMAND), '.+')
        .replace(String(MANY), '(\\d+)')}$`,
      's',
    );
  return { one: pattern(1), many: pattern(MANY) };
}

/**
 * How many ordered lines the chat's reprice question about deal `no` speaks of, when `said` (what
 * `/deal edit` answered, in the community's language) is that question; undefined when it is
 * anything else (done, or refused for another reason).
 */
export function repriceAsked(locale: Locale, no: number, said: readonly string[]): number | undefined {
  if (said.length !== 1) return undefined;
  const { one, many } = patterns(locale, no);
  if (one.test(said[0]!)) return 1;
  const found = many.exec(said[0]!);
  return found ? Number(found[1]) : undefined;
}

/**
 * The edit form's menu for lines ordered at the old price (`reprice`: '' ask first, `all`, `new`),
 * with `chosen` selected; `ask`: marked and focused, as the answer the edit waits for.
 */
export function repriceMenu(t: DealFormsText, chosen: string | undefined, ask: boolean): Html {
  const choices = [
    ['', t.repriceAsk],
    ['all', t.repriceAll],
    ['new', t.repriceNew],
  ] as const;
  return html`<label${ask ? html` class="attention"` : ''}>${t.fields.reprice} <select name="reprice"${ask ? html` autofocus` : ''}>${choices.map(
    ([value, word]) =>
      html`<option value="${value}"${value === (chosen ?? '') ? html` selected` : ''}>${word}</option>`,
  )}</select><small class="muted">${t.hints.reprice}</small></label>`;
}
