/**
 * Finding a deal's option (SKU) names in a message. Each name found is replaced by one private-use
 * character standing for its index, so the quantity reader sees `<mark>+2` for `小份+2`.
 */
import { escapeRegExp, OPTION_MARK } from './text.js';

const optionPatterns = new Map<string, RegExp>();
/** Characters that may come right before a Chinese option name: verbs, measure words, conjunctions. */
const OPTION_LEAD_INS = '要来订买拿的和与跟及再加改成换取消退各个份都';

/** One regex per option set, longest names first, cached: deals keep their options. */
function optionPattern(options: string[]): RegExp {
  const key = options.join('\u0000');
  let pattern = optionPatterns.get(key);
  if (pattern) return pattern;
  const alternatives = options
    .filter((name) => name.trim() !== '')
    .sort((a, b) => b.length - a.length)
    .map((name) => {
      // A letter or digit at either end must not run into another: `L` is not in `hello`, `5斤` not in `15斤`.
      // A Chinese name is not the tail of a longer word (`大份` is not in `特大份`), except after
      // the words members put before an option (`要大份`, `再来大份`, `小份和大份`).
      const startGuard = /^[a-z]/i.test(name)
        ? '(?<![a-z])'
        : /^\d/.test(name)
          ? '(?<![\\d.])'
          : /^[\u4e00-\u9fff]/.test(name)
            ? `(?<!(?![${OPTION_LEAD_INS}])[\\u4e00-\\u9fff])`
            : '';
      // A size in letters may be followed by 码 (`要L码2件`): the 码 goes with the option.
      const endGuard = /[a-z]$/i.test(name) ? '(?![a-z])(?:码)?' : /\d$/.test(name) ? '(?![\\d.])' : '';
      return `${startGuard}${escapeRegExp(name)}${endGuard}`;
    });
  pattern = new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'giu');
  if (optionPatterns.size > 200) optionPatterns.clear();
  optionPatterns.set(key, pattern);
  return pattern;
}

/** Replaces each option named in the text by one private-use character standing for its index in `options`. */
export function maskOptions(text: string, options: string[]): string {
  if (options.length === 0) return text;
  const lower = options.map((o) => o.toLowerCase());
  return text.replace(optionPattern(options), (found) => {
    const name = found.toLowerCase();
    const at = lower.indexOf(name);
    return String.fromCharCode(OPTION_MARK + (at >= 0 ? at : lower.indexOf(name.replace(/码$/, ''))));
  });
}
