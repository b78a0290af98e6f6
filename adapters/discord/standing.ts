import { DiscordAPIError, type Guild } from 'discord.js';
import type { MemberStanding } from '../../src/core/adapter.js';
import { mapError } from './errors.js';
import { basePermissions, type GuildFacts, roleFrom } from './normalize.js';

/** How long an answer is reused: pruning asks at the dry run, the warning and the confirmation. */
const TTL_MS = 60_000;

/** Discord's codes for a user who is not in the guild (left, kicked, banned) or does not exist. */
const UNKNOWN_MEMBER = 10007;
const UNKNOWN_USER = 10013;

/** The guild's owner and role permissions as discord.js's cache has them (kept current by the gateway). */
function guildFacts(guild: Guild): GuildFacts {
  return {
    id: guild.id,
    ownerId: guild.ownerId,
    rolePermissions: Object.fromEntries(
      guild.roles.cache.map((role) => [role.id, role.permissions.bitfield]),
    ),
  };
}

/**
 * Where members stand in a guild now: each member fetched from Discord (GET /guilds/:id/members/:user,
 * bypassing the cache, which the GuildMembers intent may not keep), their rights computed from their
 * roles as for a message (Manage Server or Administrator: admin), 10007 Unknown Member: gone. One
 * request a member, one after another (discord.js queues them by Discord's rate-limit headers);
 * an answer is kept for a minute.
 */
export class DiscordStandings {
  private readonly known = new Map<string, { standing: MemberStanding; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Rejects with the core's delivery errors when Discord cannot be asked. */
  async standing(guild: Guild, userIds: readonly string[]): Promise<Map<string, MemberStanding>> {
    const answer = new Map<string, MemberStanding>();
    for (const userId of userIds) {
      const key = `${guild.id}/${userId}`;
      const cached = this.known.get(key);
      if (cached && this.now() - cached.at < TTL_MS) {
        answer.set(userId, cached.standing);
        continue;
      }
      const standing = await this.ask(guild, userId);
      this.known.set(key, { standing, at: this.now() });
      answer.set(userId, standing);
    }
    return answer;
  }

  private async ask(guild: Guild, userId: string): Promise<MemberStanding> {
    try {
      const member = await guild.members.fetch({ user: userId, force: true });
      const facts = guildFacts(guild);
      return roleFrom(userId, facts, basePermissions(facts, [...member.roles.cache.keys()]));
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === UNKNOWN_MEMBER || error.code === UNKNOWN_USER))
        return 'gone';
      throw mapError(error, 'remove').error;
    }
  }
}
