import type { Guild, Invite } from 'discord.js';
import type { InviteFacts } from './normalize.js';

/** One invite's counters as last fetched. */
export interface InviteCount {
  code: string;
  url: string;
  uses: number;
  /** 0 means unlimited. */
  maxUses: number;
  inviter?: InviteFacts['inviter'];
}

/**
 * The invite a new member used, from the counts before and after the join: the one invite whose
 * uses went up, or else a limited invite that vanished because that join used it up. Two joins
 * between fetches (or two candidates) make it ambiguous, and then nobody is credited.
 */
export function findUsedInvite(
  before: ReadonlyMap<string, InviteCount>,
  after: InviteCount[],
): InviteCount | undefined {
  const risen = after.filter((invite) => invite.uses > (before.get(invite.code)?.uses ?? 0));
  if (risen.length === 1) return risen[0];
  if (risen.length > 1) return undefined;
  const present = new Set(after.map((invite) => invite.code));
  const usedUp = [...before.values()].filter(
    (invite) => !present.has(invite.code) && invite.maxUses > 0 && invite.uses + 1 >= invite.maxUses,
  );
  return usedUp.length === 1 ? usedUp[0] : undefined;
}

function countOf(invite: Invite): InviteCount {
  const inviter = invite.inviter;
  return {
    code: invite.code,
    url: invite.url,
    uses: invite.uses ?? 0,
    maxUses: invite.maxUses ?? 0,
    ...(inviter
      ? {
          inviter: {
            id: inviter.id,
            username: inviter.username,
            global_name: inviter.globalName,
            bot: inviter.bot,
          },
        }
      : {}),
  };
}

/**
 * Discord does not say which invite a member joined with, so the adapter keeps every guild's
 * invite use counts (fetched at ready and after each invite it creates) and diffs them on a join.
 * Work per guild is chained so two joins never diff against the same snapshot.
 */
export class InviteTracker {
  private readonly counts = new Map<string, Map<string, InviteCount>>();
  private readonly chains = new Map<string, Promise<unknown>>();

  /** Re-reads a guild's invites; throws what discord.js throws (e.g. 403 without Manage Server). */
  refresh(guild: Guild): Promise<void> {
    return this.serial(guild.id, async () => {
      this.counts.set(guild.id, await this.fetch(guild));
    });
  }

  /** After a join: which invite was used, if it can be told. Throws like refresh. */
  attribute(guild: Guild): Promise<InviteCount | undefined> {
    return this.serial(guild.id, async () => {
      const after = await this.fetch(guild);
      const before = this.counts.get(guild.id);
      this.counts.set(guild.id, after);
      // Without a baseline every invite looks "risen"; crediting one would be a guess.
      return before ? findUsedInvite(before, [...after.values()]) : undefined;
    });
  }

  private async fetch(guild: Guild): Promise<Map<string, InviteCount>> {
    const invites = await guild.invites.fetch({ cache: false });
    return new Map(invites.map((invite) => [invite.code, countOf(invite)]));
  }

  private serial<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.chains.set(
      guildId,
      next.catch(() => {}),
    );
    return next;
  }
}
