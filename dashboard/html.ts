import escapeHtml from 'escape-html';

/**
 * HTML the dashboard wrote itself: safe to put in a page as is. Anything else put in a page goes
 * through `html`, which escapes it (member names, deal titles and notes are members' text).
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a template takes: text (escaped), numbers, Html (as is), lists of those, or nothing. */
export type HtmlPart = Html | string | number | boolean | undefined | null | readonly HtmlPart[];

/**
 * A tagged template that escapes every interpolated value (`<`, `>`, `&`, `"`, `'`) unless it is
 * Html: `html`<td>${name}</td>``. `false`, `undefined` and `null` render as nothing, so
 * `${cond && html`…`}` works; arrays render each item.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Trusted markup (the dashboard's own, never members' text) as Html. */
export function raw(text: string): Html {
  return new Html(text);
}

function render(value: HtmlPart): string {
  if (value === undefined || value === null || value === false || value === true) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
