import { afterEach, describe, expect, it } from 'vitest';
import { type FakeUser, GUILD_ID, OWNER } from '../discord/fake-discord.js';
import { DiscordHarness } from '../discord/harness.js';
import { Handled } from './handled.js';
import { type Driver, expectAnswers, expectedOutcome, type Person, play, project } from './scenario.js';

const USERS: Record<Person, FakeUser> = {
  owner: OWNER, // the guild's owner
  alice: { id: '200000000000000002', username: 'alice' },
  bob: { id: '200000000000000003', username: 'bob', global_name: 'Bob' },
  carol: { id: '200000000000000004', username: 'carol' },
};

/** The scenario through the real discord.js adapter, logged in to the fake gateway and REST API. */
class DiscordDriver implements Driver {
  readonly platform = 'discord';
  readonly ids = Object.fromEntries(Object.entries(USERS).map(([p, u]) => [p, u.id])) as Record<
    Person,
    string
  >;
  /** How many steps went through INTERACTION_CREATE (slash commands). */
  slashCommands = 0;
  private readonly handled: Handled;

  constructor(readonly h: DiscordHarness) {
    this.handled = new Handled(h.bot);
  }

  say(who: Person, text: string, slash: boolean): Promise<string[]> {
    return this.step(() => {
      if (!slash) return this.h.fake.dispatch('MESSAGE_CREATE', this.h.fake.guildMessage(USERS[who], text));
      // Only option-less commands are sent as slash commands in the scenario.
      this.slashCommands++;
      this.h.fake.dispatch('INTERACTION_CREATE', this.h.fake.slashCommand(USERS[who], text.slice(1)));
    }, text);
  }

  async join(who: Person, _via: Person, invite: string): Promise<void> {
    const code = invite.replace('https://discord.gg/', '');
    const used = this.h.fake.invites.find((i) => i.code === code);
    if (!used) throw new Error(`the fake has no invite ${code}`);
    // Discord counts the use before it tells the bot about the join; the bot diffs the counts.
    used.uses++;
    await this.step(() => {
      this.h.fake.dispatch('GUILD_MEMBER_ADD', {
        ...this.h.fake.member(USERS[who]),
        joined_at: new Date().toISOString(),
        guild_id: GUILD_ID,
      });
    }, `${who} joining`);
  }

  tables() {
    return this.h.store.tables;
  }

  private async step(dispatch: () => void, what: string): Promise<string[]> {
    const before = this.h.fake.calls.length;
    const target = this.handled.count + 1;
    dispatch();
    await this.handled.until(target, what);
    await this.h.bot.idle();
    return this.h.posted(before);
  }
}

describe('the shared scenario through the Discord adapter against a fake Discord', () => {
  let h: DiscordHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('ends with the same store as every platform; the help and the refusal were posted', async () => {
    h = await DiscordHarness.create();
    const driver = new DiscordDriver(h);
    const played = await play(driver);

    expect(played.invite).toBe('https://discord.gg/inv1');
    expect(driver.slashCommands).toBe(1);
    // The /deals answer came back through the interaction, not as a separate channel message.
    expect(h.calls('PATCH', /\/@original$/).map((c) => (c.body as { content: string }).content)).toEqual(
      played.kept.deals,
    );
    expectAnswers(played);
    expect(project(h.store.tables, driver.ids)).toEqual(expectedOutcome('link'));
    expect(h.bot.outbox.stats.dropped).toBe(0);
    expect(h.fake.refused(429)).toBe(0);
  }, 30_000);
});
