import { recordDashboardAction } from '../src/services/dashboard-access.js';
import { StoreWriteError } from '../src/store/store.js';
import type { DashboardDeps } from './deps.js';
import { shellText } from './text/shell.js';
import type { PageView } from './view.js';

/** What one command run from a page came to: done or refused, and what the command said. */
export interface ActionResult {
  ok: boolean;
  said: string[];
}

/**
 * Runs chat command `name` (`deal close`, `points award`, `settings`) as the page's admin about
 * the page's community, with `args` by name as strings (a form's fields), exactly as if they had
 * typed it to the bot privately: the command's own validation, rights, changes, card updates and
 * announcements in the group (see Bot.perform). Resolves once it is durable; what the command
 * answered is in `said`. A failed write is a refusal that changed nothing.
 */
export async function runCommand(
  deps: DashboardDeps,
  view: PageView,
  name: string,
  args: Readonly<Record<string, string>>,
): Promise<ActionResult> {
  try {
    const outcome = await deps.bot.perform({
      command: name,
      args,
      community: view.community,
      sender: { id: view.admin.userId, name: view.admin.name },
      role: view.admin.role,
    });
    if (outcome.kind === 'done') await recordAction(deps, view, name, args);
    return { ok: outcome.kind === 'done', said: outcome.said };
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    deps.log.error({ err: error, command: name }, 'dashboard: a command could not be saved');
    return { ok: false, said: [shellText(view.locale).saveFailed] };
  }
}

/**
 * Writes the audit line of a command run from the page. It is written after the command's own
 * commit, which is durable by then: a failure here is logged, never answered as "nothing saved".
 */
async function recordAction(
  deps: DashboardDeps,
  view: PageView,
  name: string,
  args: Readonly<Record<string, string>>,
): Promise<void> {
  const user = { id: view.admin.userId, name: view.admin.name };
  try {
    await deps.store.mutate((tx) =>
      recordDashboardAction(tx, view.community, user, name, argValues(args), deps.clock.now()),
    );
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    deps.log.error({ err: error, command: name }, 'dashboard: the audit line of a saved command was lost');
  }
}

/**
 * The fields of a posted form as strings (fastify's formbody gives a string, or an array for a
 * repeated name): `_csrf` left out, empty fields left out (an empty field means "not given", as a
 * word left out of a command). Repeated names (checked rows) are read with `listField`.
 */
export function formFields(body: unknown, ...names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') out[name] = text.trim();
  }
  return out;
}

/** Every value of a repeated form field (`row=1&row=7`), as strings; at most `max` of them. */
export function listField(body: unknown, name: string, max = 500): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, max);
}

/** A command's arguments as the audit log shows them: values only, a deal as `#3`. */
function argValues(args: Readonly<Record<string, string>>): string {
  return Object.entries(args)
    .map(([key, value]) => (key === 'deal' ? `#${value.replace(/^#/, '')}` : value))
    .join(' ');
}
