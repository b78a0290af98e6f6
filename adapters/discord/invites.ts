import { type Guild, GuildFeature, type Invite } from 'discord.js';
import type { Clock } from '../../src/core/clock.js';
import type { InviteFacts } from './normalize.js';

/** One invite's counters as last fetched. */
export interface InviteCount {
  code: string;
  url: string;
  uses: number;
  /** 0 means unlimited. */
  maxUses: number;
  inviter?: InviteFacts['inviter'];
  /** The guild's vanity URL: counted like an invite so its joins are seen, but it credits nobody. */
  vanity?: true;
}

/**
 * The invite a new member used, from the counts before and after a window in which `joins` members
 * arrived: credited only when exactly one member arrived and exactly one use was added (an invite's
 * count rose by one, or a limited invite vanished at its last use). Anything else (two counts up,
 * one count up by two, two members in the window, a vanity URL use) could be explained more than
 * one way, and then nobody is credited: each use is read in one window only, so a use already
 * explained is never credited again later.
 */
export function findUsedInvite(
  before: ReadonlyMap<string, InviteCount>,
  after: InviteCount[],
  joins = 1,
): InviteCount | undefined {
  const used: InviteCount[] = [];
  let uses = 0;
  for (const invite of after) {
    const added = invite.uses - (before.get(invite.code)?.uses ?? 0);
    if (added > 0) {
      used.push(invite);
      uses += added;
    }
  }
  const present = new Set(after.map((invite) => invite.code));
  for (const invite of before.values()) {
    // Discord deletes a limited invite at its last use; one that vanished earlier was revoked or expired.
    if (!present.has(invite.code) && invite.maxUses > 0 && invite.uses + 1 >= invite.maxUses) {
      used.push(invite);
      uses += 1;
    }
  }
  if (joins !== 1 || uses !== 1) return undefined;
  return used[0]?.vanity ? undefined : used[0];
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

/** A guild's invite counts and the joins that reached the bot, counted against them. */
interface GuildInvites {
  counts?: Map<string, InviteCount>;
  /** Joins the gateway delivered so far (each one's ticket is its number). */
  arrived: number;
  /** Joins already counted in a window: the latest read of the list may hold their uses. */
  covered: number;
  chain: Promise<unknown>;
}

/**
 * Discord does not say which invite a member joined with, so the adapter keeps every guild's
 * invite use counts (fetched at ready, after each invite it creates, and after each join) and diffs
 * them. A read of the list covers every join that reached the gateway before it was read and a
 * little after (settleMs: joins whose uses it already holds are still on their way); when it
 * covers more than one join, none of them is credited. Work per guild is chained.
 */
export class InviteTracker {
  private readonly guilds = new Map<string, GuildInvites>();

  constructor(
    /** Whose time the wait after each read runs on; wall time by default. */
    private readonly clock: Pick<Clock, 'setTimer'> | undefined,
    /** How long after a read of the list joins it may hold are still arriving, in ms. */
    private readonly settleMs = 1_000,
  ) {}

  /** Call when a join arrives on the gateway, before anything is awaited; the ticket goes to attribute. */
  arrived(guildId: string): number {
    const state = this.state(guildId);
    state.arrived += 1;
    return state.arrived;
  }

  /**
   * The first time: reads the baseline. Later: learns invites made since the last read, keeping
   * every count as last read, so uses of joins not yet attributed stay for them to read.
   * Throws what discord.js throws (e.g. 403 without Manage Server).
   */
  refresh(guild: Guild): Promise<void> {
    return this.serial(guild.id, async (state) => {
      const fetched = await this.fetch(guild);
      const known = state.counts;
      if (!known) {
        state.counts = fetched;
        return;
      }
      // An invite made since the last read had no uses then: those it has now belong to joins to come.
      for (const [code, count] of fetched) if (!known.has(code)) known.set(code, { ...count, uses: 0 });
    });
  }

  /** After the join with this ticket: which invite was used, if it can be told. Throws like refresh. */
  attribute(guild: Guild, ticket: number): Promise<InviteCount | undefined> {
    return this.serial(guild.id, async (state) => {
      // An earlier read covered this join together with others: its use was in that ambiguous window.
      if (ticket <= state.covered) return undefined;
      const after = await this.fetch(guild);
      await this.settle();
      const joins = state.arrived - state.covered;
      state.covered = state.arrived;
      const before = state.counts;
      state.counts = after;
      // Without a baseline every invite looks "risen"; crediting one would be a guess.
      return before ? findUsedInvite(before, [...after.values()], joins) : undefined;
    });
  }

  private settle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.clock) this.clock.setTimer(resolve, this.settleMs);
      else setTimeout(resolve, this.settleMs);
    });
  }

  /** The guild's invites and, where it has one, its vanity URL (a join through it moves its count). */
  private async fetch(guild: Guild): Promise<Map<string, InviteCount>> {
    const invites = await guild.invites.fetch({ cache: false });
    const counts = new Map(invites.map((invite) => [invite.code, countOf(invite)]));
    if (guild.features.includes(GuildFeature.VanityURL)) {
      const vanity = await guild.fetchVanityData();
      if (vanity.code)
        counts.set(vanity.code, {
          code: vanity.code,
          url: `https://discord.gg/${vanity.code}`,
          uses: vanity.uses,
          maxUses: 0,
          vanity: true,
        });
    }
    return counts;
  }

  private state(guildId: string): GuildInvites {
    let state = this.guilds.get(guildId);
    if (!state) {
      state = { arrived: 0, covered: 0, chain: Promise.resolve() };
      this.guilds.set(guildId, state);
    }
    return state;
  }

  private serial<T>(guildId: string, work: (state: GuildInvites) => Promise<T>): Promise<T> {
    const state = this.state(guildId);
    const run = () => work(state);
    const next = state.chain.then(run, run);
    state.chain = next.catch(() => {});
    return next;
  }
}
