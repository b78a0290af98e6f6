import type { CommandSpec } from '../../src/core/command.js';
import type { Locale } from '../../src/core/i18n/index.js';

/** Telegram's rule for a command in the menu. */
const MENU_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;
const MAX_COMMANDS = 100;

export interface MenuCommand {
  command: string;
  description: string;
}

/**
 * The command menu (setMyCommands) in one language: top-level commands only (`deal new` is reached
 * through `/deal`), with names Telegram accepts; aliases stay out to keep the menu short.
 */
export function menuCommands(specs: readonly CommandSpec[], locale: Locale): MenuCommand[] {
  const seen = new Set<string>();
  const menu: MenuCommand[] = [];
  for (const spec of specs) {
    const name = spec.name;
    if (name.includes(' ') || !MENU_NAME.test(name) || seen.has(name)) continue;
    seen.add(name);
    const summary = spec.help[locale].summary.trim() || name;
    menu.push({ command: name, description: summary.slice(0, MAX_DESCRIPTION) });
  }
  return menu.slice(0, MAX_COMMANDS);
}
