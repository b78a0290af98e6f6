import type { Client, Guild } from 'discord.js';
import type { ChatRef } from '../../src/core/events.js';
import { type ChannelFacts, PLATFORM } from './normalize.js';

/**
 * What discord.js's cache knows about a channel's guild: owner, role permissions, names. For a
 * thread: its parent channel (the community it belongs to), whose name is the title.
 */
export function channelFacts(
  client: Client | undefined,
  guildId: string | undefined,
  channelId: string,
): ChannelFacts {
  const guild = guildId ? client?.guilds.cache.get(guildId) : undefined;
  if (!guild) return {};
  const seen = guild.channels.cache.get(channelId);
  const parentId = seen?.isThread() ? (seen.parentId ?? undefined) : undefined;
  const channel = parentId ? guild.channels.cache.get(parentId) : seen;
  return {
    ...(parentId ? { parentId } : {}),
    guild: {
      id: guild.id,
      ownerId: guild.ownerId,
      rolePermissions: Object.fromEntries(
        guild.roles.cache.map((role) => [role.id, role.permissions.bitfield]),
      ),
    },
    title: channel ? `${guild.name} #${channel.name}` : guild.name,
  };
}

/**
 * Joins and leaves are guild-wide, communities are channels: they are recorded in the guild's
 * system channel (where Discord itself greets newcomers), else the first channel the bot saw a
 * message in, else the guild's first text channel.
 */
export function communityChat(
  client: Client,
  guild: Guild,
  firstSeen: string | undefined,
): ChatRef | undefined {
  const channelId =
    guild.systemChannelId ??
    firstSeen ??
    guild.channels.cache
      .filter((c) => c.isTextBased() && !c.isThread() && !c.isVoiceBased())
      .sort((a, b) => ('rawPosition' in a && 'rawPosition' in b ? a.rawPosition - b.rawPosition : 0))
      .first()?.id;
  if (!channelId) return undefined;
  const { title } = channelFacts(client, guild.id, channelId);
  return { platform: PLATFORM, chatId: channelId, kind: 'group', ...(title ? { title } : {}) };
}
