import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { CommandSpec } from '../../src/core/command.js';
import { clipText } from '../../src/core/split-text.js';

/** Discord's rule for command and option names (lowercase is required on top). */
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_CHOICES = 25;
const MAX_OPTIONS = 25;

/** The Discord name of a command word or argument key, or undefined when Discord cannot take it. */
export function discordName(word: string): string | undefined {
  const name = word.toLowerCase();
  return NAME.test(name) ? name : undefined;
}

function describe(text: string | undefined, fallback: string): string {
  const value = (text ?? '').trim() || fallback;
  return clipText(value, MAX_DESCRIPTION);
}

/** A JSON schema property as z.toJSONSchema writes it, the parts we map. */
interface JsonProperty {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonProperty[];
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/** Literal choices of an enum, a literal or a union of literals; undefined for free values. */
function choicesOf(prop: JsonProperty): unknown[] | undefined {
  if (prop.enum) return prop.enum;
  if (prop.const !== undefined) return [prop.const];
  if (prop.anyOf?.every((p) => p.const !== undefined)) return prop.anyOf.map((p) => p.const);
  return undefined;
}

function optionFor(
  key: string,
  prop: JsonProperty,
  required: boolean,
): APIApplicationCommandBasicOption | undefined {
  const name = discordName(key);
  if (!name) return undefined;
  const base = { name, description: describe(prop.description, key), required };
  const type = prop.type ?? prop.anyOf?.[0]?.type;
  const choices = choicesOf(prop);
  if (type === 'integer' || type === 'number') {
    const optionType =
      type === 'integer' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
    // The cast joins the integer and number shapes, which differ only in their type tag.
    return {
      ...base,
      type: optionType,
      ...(choices && choices.length <= MAX_CHOICES
        ? { choices: choices.map((value) => ({ name: String(value), value: Number(value) })) }
        : {}),
      ...(prop.minimum !== undefined ? { min_value: prop.minimum } : {}),
      ...(prop.maximum !== undefined ? { max_value: prop.maximum } : {}),
    } as APIApplicationCommandBasicOption;
  }
  if (type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  // Everything else (strings, transforms, unions) is typed as text and left to the command's own zod check.
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(choices && choices.length <= MAX_CHOICES
      ? { choices: choices.map((value) => ({ name: String(value), value: String(value) })) }
      : {}),
    ...(prop.minLength !== undefined && prop.minLength > 0
      ? { min_length: Math.min(prop.minLength, 6000) }
      : {}),
    ...(prop.maxLength !== undefined ? { max_length: Math.min(Math.max(prop.maxLength, 1), 6000) } : {}),
  };
}

/**
 * The slash-command options of one command, typed from its zod schema. Positional arguments come
 * first in their declared order (that is how users read the usage line); Discord also wants every
 * required option before the optional ones, so the sort is stable on that.
 */
export function commandOptions(spec: CommandSpec): APIApplicationCommandBasicOption[] {
  const schema = z.toJSONSchema(spec.args, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const order = [...(spec.positional ?? []), ...(spec.rest ? [spec.rest] : [])];
  const keys = Object.keys(schema.properties ?? {}).sort((a, b) => rank(order, a) - rank(order, b));
  const options = keys
    .map((key) => optionFor(key, schema.properties![key]!, required.has(key)))
    .filter((o): o is APIApplicationCommandBasicOption => o !== undefined);
  return options.sort((a, b) => Number(b.required) - Number(a.required)).slice(0, MAX_OPTIONS);
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

function summaries(spec: CommandSpec): {
  description: string;
  description_localizations: { 'zh-CN': string };
} {
  return {
    description: describe(spec.help.en.summary, spec.name),
    description_localizations: { 'zh-CN': describe(spec.help.zh.summary, spec.name) },
  };
}

function contextsOf(specs: CommandSpec[]): InteractionContextType[] {
  const scopes = new Set(specs.map((s) => s.scope));
  const contexts: InteractionContextType[] = [];
  if (scopes.has('group') || scopes.has('any')) contexts.push(InteractionContextType.Guild);
  if (scopes.has('direct') || scopes.has('any')) contexts.push(InteractionContextType.BotDM);
  return contexts;
}

/**
 * Every command as a Discord application command, ready for PUT /applications/:id/commands.
 * `deal new` and `deal close` become one command `deal` with two subcommands (three words make a
 * subcommand group). A plain command that shares its first word with subcommands cannot exist
 * next to them on Discord, so it is left out of the menu (it still works typed as a message).
 * Aliases are left out too: they would only crowd the menu and the 100-command limit.
 */
export function slashCommands(
  specs: readonly CommandSpec[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const byTop = new Map<string, CommandSpec[]>();
  for (const spec of specs) {
    const top = spec.name.split(' ')[0]!;
    byTop.set(top, [...(byTop.get(top) ?? []), spec]);
  }
  const commands: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  for (const [top, group] of byTop) {
    const name = discordName(top);
    if (!name) continue;
    const subs = group.filter((s) => s.name.includes(' '));
    // Members see everything; admin commands are hidden from them in the menu by default
    // (server admins can change that), and the bot still checks the role itself.
    const adminOnly = group.every((s) => s.role !== 'member');
    const shared = {
      type: ApplicationCommandType.ChatInput as const,
      name,
      contexts: contextsOf(group),
      ...(adminOnly ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
    };
    if (subs.length === 0) {
      commands.push({ ...shared, ...summaries(group[0]!), options: commandOptions(group[0]!) });
      continue;
    }
    const words = subs.map((s) => s.name.split(' ').slice(1).join(' '));
    const description = describe(`/${top} ${words.join(' | ')}`, top);
    commands.push({
      ...shared,
      description,
      description_localizations: { 'zh-CN': description },
      options: subcommandTree(subs),
    });
  }
  return commands;
}

function subcommand(spec: CommandSpec, word: string): APIApplicationCommandSubcommandOption | undefined {
  const name = discordName(word);
  if (!name) return undefined;
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    ...summaries(spec),
    options: commandOptions(spec),
  };
}

function subcommandTree(subs: CommandSpec[]): APIApplicationCommandOption[] {
  const options: APIApplicationCommandOption[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandOption[]>();
  for (const spec of subs) {
    const words = spec.name.split(' ').slice(1);
    if (words.length === 1) {
      const sub = subcommand(spec, words[0]!);
      if (sub) options.push(sub);
    } else if (words.length === 2) {
      const sub = subcommand(spec, words[1]!);
      if (sub && discordName(words[0]!)) groups.set(words[0]!, [...(groups.get(words[0]!) ?? []), sub]);
    }
  }
  for (const [word, members] of groups) {
    options.push({
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: discordName(word)!,
      description: describe(`${word}: ${members.map((m) => m.name).join(' | ')}`, word),
      options: members,
    });
  }
  return options.slice(0, MAX_OPTIONS);
}
