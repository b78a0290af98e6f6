import { randomUUID } from 'node:crypto';
import { memberId } from '../store/ids.js';
import type { Community } from '../store/schema.js';
import type { Adapter, Outgoing } from './adapter.js';
import { bindNamed } from './args.js';
import { type CommandRegistry, type CommandSpec, roleAllows } from './command.js';
import { inCommunity } from './context.js';
import { EventContext, type EventServices } from './event-context.js';
import type { ChatRef, MessageEvent, Role, UserRef } from './events.js';
import type { Locale } from './i18n/index.js';
import { coreText } from './messages.js';
import type { DmOptions } from './outbox.js';

/**
 * A chat command given from outside the chat (the web dashboard): which command, by whom, about
 * which community, with its arguments by name as strings (a form's fields), as typed in chat.
 */
export interface RemoteCommand {
  /** The registered name, `deal close`, `points award`. */
  command: string;
  args: Readonly<Record<string, string>>;
  community: Community;
  /** The platform user giving it (their id on the community's platform) and their name. */
  sender: UserRef;
  /** Their rights as checked with the platform by the caller (the dashboard's session). */
  role: Role;
}

/**
 * What became of it. `said`: what the command answered its sender, in the community's language,
 * one entry per message (shown on the page). `refused`: it did not run (unknown command, rights,
 * arguments), with the chat's own wording of why in `said`.
 */
export type RemoteOutcome = { kind: 'done'; said: string[] } | { kind: 'refused'; said: string[] };

/**
 * The context of a remote command: the same as the sender's private chat with the bot (so a card
 * refresh or an announcement reaches the group exactly as when an admin types the command to the
 * bot privately), except that what the command says to its sender (replies, private messages,
 * acknowledgements, tap answers) comes back to the caller instead of going to the platform.
 */
export class RemoteContext extends EventContext {
  protected override get remote(): boolean {
    return true;
  }
  readonly said: string[] = [];

  override reply(text: string): void {
    this.said.push(text);
  }

  override send(out: Outgoing): void {
    this.said.push(textOf(out));
  }

  override dm(out: Outgoing, _opts?: DmOptions): void {
    this.said.push(textOf(out));
  }

  override answer(text: string): void {
    this.said.push(text);
  }

  override acknowledge(_key: string, header: string, line: string): void {
    this.said.push(`${header}\n${line}`);
  }

  override react(): boolean {
    return false;
  }
}

function textOf(out: Outgoing): string {
  return out.kind === 'text' ? out.text : (out.caption ?? '');
}

/** The sender's private chat on the adapter (where the platform has none: a private chat by id). */
function privateChat(adapter: Adapter, sender: UserRef): ChatRef {
  return (
    adapter.directChat?.(sender.id) ?? {
      platform: adapter.platform,
      chatId: sender.id,
      kind: 'direct',
      title: sender.name,
    }
  );
}

/**
 * Runs a remote command (see Bot.perform): finds the command by its registered name, checks scope
 * and rights as the chat does, binds the arguments with the command's own schema, runs it, and
 * resolves once every change it made and every message it caused is durable (the messages then
 * go to the outbox). Rejects with StoreWriteError when a write failed (nothing it said goes out).
 */
export async function performRemote(
  services: EventServices,
  registry: CommandRegistry,
  adapter: Adapter,
  request: RemoteCommand,
): Promise<RemoteOutcome> {
  const { community, sender, role } = request;
  const locale: Locale = community.locale;
  const t = coreText(locale);
  const spec: CommandSpec | undefined = registry.all().find((s) => s.name === request.command);
  if (!spec) return { kind: 'refused', said: [t.unknownCommand(request.command.slice(0, 32), [])] };
  if (spec.scope === 'direct') return { kind: 'refused', said: [t.directOnly(spec)] };
  if (!roleAllows(role, spec.role)) return { kind: 'refused', said: [t.needsRole(spec, spec.role)] };
  const bound = bindNamed(spec, request.args);
  if (!bound.ok)
    return { kind: 'refused', said: [`${t.argError(bound.error)}\n${t.usage(spec.help[locale].usage)}`] };
  const chat = privateChat(adapter, sender);
  const event: MessageEvent = {
    type: 'message',
    id: `remote:${randomUUID()}`,
    chat,
    sender: { ...sender, role },
    // The command as it would be typed, for the replies that quote it back (`… send it again with reprice=all`).
    text: typedForm(spec.name, request.args),
  };
  const member = services.store.tables.members.get(memberId(community.id, sender.id));
  const ctx = new RemoteContext(services, { event, adapter, sender, role, community, member, locale });
  if (!inCommunity(ctx)) return { kind: 'refused', said: [t.noCommunity(spec)] };
  try {
    await spec.run(ctx, bound.args);
    await ctx.durable();
  } catch (error) {
    ctx.discard();
    await services.store.flushed().catch(() => {});
    throw error;
  }
  ctx.release();
  return { kind: 'done', said: ctx.said };
}

/** `/deal edit deal=3 price=12`: a remote command's arguments as options typed in chat (quoted where needed). */
function typedForm(name: string, args: Readonly<Record<string, string>>): string {
  const words = Object.entries(args).map(([key, value]) =>
    /[\s"]/.test(value) || value === '' ? `${key}="${value.replace(/"/g, "'")}"` : `${key}=${value}`,
  );
  return [`/${name}`, ...words].join(' ');
}
