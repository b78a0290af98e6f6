import {
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  type GatewayGuildMemberAddDispatchData,
  type GatewayGuildMemberRemoveDispatchData,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageUpdateDispatchData,
} from 'discord.js';
import type { CommandSpec } from '../../src/core/command.js';
import type {
  ChatRef,
  ImageRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  MessageEvent,
  Role,
  UserRef,
} from '../../src/core/events.js';
import { discordName } from './options.js';

/**
 * Pure translation of Discord gateway payloads (the JSON Discord sends, as discord-api-types
 * describes it) into tuanbot events. What a payload does not carry (the guild's owner and role
 * permissions, channel names) is passed in as facts the adapter read from discord.js's cache.
 */

export const PLATFORM = 'discord';

const DISCORD_EPOCH = 1420070400000n;
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

/**
 * Threads: a thread is a channel of its own on Discord, but not a community of its own. Its
 * messages belong to the community of its parent channel (its members, deals and points), with the
 * thread as the event's threadId, so the answers go back into the thread. A message id in a thread
 * is `threadId/messageId` (see threadMessageId): edits and reactions then know which channel to
 * call without a lookup that a restart would forget.
 */

/** What the adapter knows about a guild beyond the payload. */
export interface GuildFacts {
  id: string;
  ownerId?: string;
  /** Role id → permission bitfield; the @everyone role has the guild's id. */
  rolePermissions: Record<string, string | bigint>;
}

/** Where a payload came from, as far as the adapter knows. */
export interface ChannelFacts {
  guild?: GuildFacts;
  /** Shown as the community's title, e.g. `Tea Club #group-buy`. */
  title?: string;
  /** Set when the channel is a thread: the channel it belongs to, whose community it is part of. */
  parentId?: string;
}

/** The id the core knows a message in a thread by: `threadId/messageId` (plain ids elsewhere). */
export function threadMessageId(threadId: string | undefined, messageId: string): string {
  return threadId ? `${threadId}/${messageId}` : messageId;
}

/** Where a message id points: the thread it is in (for `threadId/messageId`) and Discord's own id. */
export function messageLocation(id: string): { channelId?: string; messageId: string } {
  const slash = id.indexOf('/');
  return slash === -1 ? { messageId: id } : { channelId: id.slice(0, slash), messageId: id.slice(slash + 1) };
}

/** Account creation time encoded in a Discord id (snowflake). */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}

/** The DM chat with a user: one chat per user, whatever channel id Discord gives it. */
export function directChatRef(userId: string, title?: string): ChatRef {
  return { platform: PLATFORM, chatId: `dm:${userId}`, kind: 'direct', ...(title ? { title } : {}) };
}

/** The user id of a DM chat ref, or undefined for a guild channel. */
export function directUserId(chat: ChatRef): string | undefined {
  return chat.chatId.startsWith('dm:') ? chat.chatId.slice(3) : undefined;
}

/** A member's permissions from their roles (channel overwrites never grant Manage Server). */
export function basePermissions(guild: GuildFacts, memberRoles: readonly string[]): bigint {
  let bits = BigInt(guild.rolePermissions[guild.id] ?? 0);
  for (const role of memberRoles) bits |= BigInt(guild.rolePermissions[role] ?? 0);
  return bits;
}

/** Owner of the guild → owner; Manage Server or Administrator → admin; else member. */
export function roleFrom(
  userId: string,
  guild: GuildFacts | undefined,
  permissions: bigint | undefined,
): Role {
  if (guild?.ownerId === userId) return 'owner';
  if (permissions !== undefined && (permissions & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n) return 'admin';
  return 'member';
}

/** The parts of a Discord user the bot reads (a gateway user or one rebuilt from discord.js's cache). */
export type UserLike = Pick<APIUser, 'id' | 'username'> & { global_name?: string | null; bot?: boolean };

function userRef(user: UserLike, nick?: string | null, role?: Role): UserRef {
  return {
    id: user.id,
    name: nick || user.global_name || user.username,
    ...(user.bot ? { isBot: true } : {}),
    ...(role ? { role } : {}),
    accountCreatedAt: snowflakeTime(user.id),
  };
}

function groupChat(channelId: string, facts: ChannelFacts): ChatRef {
  return {
    platform: PLATFORM,
    chatId: channelId,
    kind: 'group',
    ...(facts.title ? { title: facts.title } : {}),
  };
}

/**
 * A message's attachments as pictures for readImage: each by its URL, with the type and size
 * Discord declares (what is not a jpeg, png or webp is refused when kept, by type or by its bytes).
 */
export function attachmentImages(attachments: readonly APIAttachment[] | undefined): ImageRef[] | undefined {
  if (!attachments || attachments.length === 0) return undefined;
  return attachments.map((a) => ({
    ref: a.url,
    ...(a.content_type ? { mime: a.content_type.split(';')[0]!.trim() } : {}),
    bytes: a.size,
    name: a.filename,
  }));
}

/**
 * MESSAGE_CREATE → a message in a guild channel (one community per channel) or a DM. In a thread
 * (facts.parentId) it is a message of the parent channel's community, in that thread.
 */
export function normalizeMessage(raw: GatewayMessageCreateDispatchData, facts: ChannelFacts): MessageEvent {
  const inGuild = raw.guild_id !== undefined;
  const role =
    inGuild && facts.guild
      ? roleFrom(raw.author.id, facts.guild, basePermissions(facts.guild, raw.member?.roles ?? []))
      : undefined;
  const threadId = inGuild && facts.parentId ? raw.channel_id : undefined;
  const replyTo = raw.message_reference?.message_id;
  const sender = userRef(raw.author, raw.member?.nick, role);
  const images = attachmentImages(raw.attachments);
  return {
    type: 'message',
    id: threadMessageId(threadId, raw.id),
    chat: inGuild ? groupChat(facts.parentId ?? raw.channel_id, facts) : directChatRef(raw.author.id),
    // A webhook's post names the webhook as its author, with the `bot` flag or not: never a member.
    sender: raw.webhook_id ? { ...sender, isBot: true } : sender,
    text: raw.content,
    ...(replyTo ? { replyTo: threadMessageId(threadId, replyTo) } : {}),
    ...(threadId ? { threadId } : {}),
    ...(images ? { images } : {}),
    at: raw.timestamp,
  };
}

/**
 * MESSAGE_UPDATE of a message its author edited → the same message (same id) with editedAt, so the
 * core reads the new text once. Undefined when Discord changed it itself (no edited_timestamp).
 */
export function normalizeMessageUpdate(
  raw: GatewayMessageUpdateDispatchData,
  facts: ChannelFacts,
): MessageEvent | undefined {
  if (!raw.edited_timestamp) return undefined;
  return { ...normalizeMessage(raw, facts), editedAt: new Date(raw.edited_timestamp).toISOString() };
}

/** Quotes a word when the command parser would otherwise split it, read it as key=, or see a quote. */
export function quoteWord(value: string): string {
  const needs =
    value === '' || /\s/.test(value) || /^["“「'『]/.test(value) || /^[A-Za-z][\w.]*=/.test(value);
  if (!needs) return value;
  for (const [open, close] of [
    ['"', '"'],
    ['「', '」'],
    ['“', '”'],
    ['『', '』'],
    ["'", "'"],
  ] as const) {
    if (!value.includes(close)) return `${open}${value}${close}`;
  }
  return `"${value.replaceAll('"', '”')}"`;
}

type Option = APIApplicationCommandInteractionDataOption;
type ValueOption = Option & { value: string | number | boolean };

/** The command words (`deal new`) and the valued options of a chat-input interaction. */
function flatten(
  name: string,
  options: readonly Option[] | undefined,
): { words: string[]; values: ValueOption[] } {
  const words = [name];
  let list = options ?? [];
  // A subcommand group holds a subcommand, which holds the values.
  for (let head = list[0]; head && list.length === 1 && isSubcommand(head); head = list[0]) {
    words.push(head.name);
    list = head.options ?? [];
  }
  return { words, values: list.filter((o): o is ValueOption => 'value' in o) };
}

function isSubcommand(option: Option): option is Option & { options?: Option[] } {
  return (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

/**
 * The command line a user would have typed for a slash command: positional arguments in their
 * declared order (until one is missing), the rest as key=value, the free-text argument last.
 */
export function commandLine(
  name: string,
  options: readonly Option[] | undefined,
  findSpec: (name: string) => CommandSpec | undefined,
): string {
  const { words, values } = flatten(name, options);
  const spec = findSpec(words.join(' '));
  const keyOf = (option: string) =>
    Object.keys(spec?.args.shape ?? {}).find((key) => discordName(key) === option) ?? option;
  const given = new Map(values.map((o) => [keyOf(o.name), String(o.value)]));
  const parts = [`/${words.join(' ')}`];
  const keyed: string[] = [];
  let gap = false;
  for (const key of spec?.positional ?? []) {
    if (key === spec?.rest) break;
    const value = given.get(key);
    given.delete(key);
    if (value === undefined) gap = true;
    else if (gap) keyed.push(`${key}=${quoteWord(value)}`);
    else parts.push(quoteWord(value));
  }
  const restKey = spec?.rest;
  const rest = restKey === undefined ? undefined : given.get(restKey);
  if (restKey !== undefined) given.delete(restKey);
  for (const [key, value] of given) keyed.push(`${key}=${quoteWord(value)}`);
  if (rest !== undefined && gap) keyed.push(`${restKey}=${quoteWord(rest)}`);
  parts.push(...keyed);
  if (rest !== undefined && !gap) parts.push(quoteWord(rest));
  return parts.join(' ');
}

/**
 * INTERACTION_CREATE (chat input) → the equivalent command message, answered through the
 * interaction (interactionId); in a thread, a message of the parent channel's community.
 */
export function normalizeInteraction(
  raw: APIChatInputApplicationCommandInteraction,
  facts: ChannelFacts,
  findSpec: (name: string) => CommandSpec | undefined,
): MessageEvent {
  const source = interactionSource(raw, facts);
  return {
    type: 'message',
    id: raw.id,
    chat: source.chat,
    sender: source.sender,
    text: commandLine(raw.data.name, raw.data.options, findSpec),
    interactionId: raw.id,
    ...(source.parentId ? { threadId: source.channelId } : {}),
  };
}

/** What an interaction (a slash command or a click) came from: where, who, and the thread's parent. */
export interface InteractionSource {
  chat: ChatRef;
  sender: UserRef;
  /** The channel it happened in (a thread's own id inside a thread). */
  channelId: string;
  /** The thread's parent channel, whose community the interaction belongs to. */
  parentId: string | undefined;
}

/** The parts every interaction shares; in a thread, the parent channel's community. */
export function interactionSource(
  raw: {
    member?: { user: APIUser; nick?: string | null; permissions: string };
    user?: APIUser;
    guild_id?: string;
    channel?: { id: string; type?: number; parent_id?: string | null };
    channel_id?: string;
  },
  facts: ChannelFacts,
): InteractionSource {
  const user = raw.member?.user ?? raw.user!;
  const inGuild = raw.guild_id !== undefined;
  const permissions = raw.member ? BigInt(raw.member.permissions) : undefined;
  const role = inGuild ? roleFrom(user.id, facts.guild, permissions) : undefined;
  const channelId = raw.channel?.id ?? raw.channel_id!;
  const parentId = inGuild ? (facts.parentId ?? threadParent(raw.channel)) : undefined;
  return {
    chat: inGuild ? groupChat(parentId ?? channelId, facts) : directChatRef(user.id),
    sender: userRef(user, raw.member?.nick, role),
    channelId,
    parentId,
  };
}

/** The parent of a thread channel as an interaction describes it (thread types 10, 11, 12). */
function threadParent(channel: { type?: number; parent_id?: string | null } | undefined): string | undefined {
  const isThread = channel?.type === 10 || channel?.type === 11 || channel?.type === 12;
  return isThread && channel?.parent_id ? channel.parent_id : undefined;
}

/** An invite the adapter matched to a join. */
export interface InviteFacts {
  url: string;
  inviter?: UserLike;
}

/** GUILD_MEMBER_ADD → a join in the guild's community channel, attributed to an invite when one was found. */
export function normalizeMemberAdd(
  raw: GatewayGuildMemberAddDispatchData,
  chat: ChatRef,
  invite?: InviteFacts,
): MemberJoinedEvent {
  const user = raw.user;
  return {
    type: 'member_joined',
    // A redelivered join has the same joined_at; a later rejoin does not.
    id: `${user.id}@${raw.joined_at}`,
    chat,
    member: userRef(user, raw.nick),
    ...(invite ? { invite: invite.url } : {}),
    // The bot makes members' /invite links itself, so Discord names the bot as their inviter; the
    // link (matched to its member in the store) says who really invited, so a bot is never passed on.
    ...(invite?.inviter && !invite.inviter.bot ? { inviter: userRef(invite.inviter) } : {}),
    at: raw.joined_at ?? undefined,
  };
}

/** GUILD_MEMBER_REMOVE → a leave; `removedBy` when the bot itself removed the member. */
export function normalizeMemberRemove(
  raw: GatewayGuildMemberRemoveDispatchData,
  chat: ChatRef,
  removedBy?: UserLike,
): MemberLeftEvent {
  return {
    type: 'member_left',
    chat,
    member: userRef(raw.user),
    ...(removedBy ? { removedBy: userRef(removedBy) } : {}),
  };
}
