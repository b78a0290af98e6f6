import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_ID, type FakeUser, GUILD_ID } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const CAROL: FakeUser = { id: '200000000000000004', username: 'carol' };
const DAVE: FakeUser = { id: '200000000000000005', username: 'dave' };
const ERIN: FakeUser = { id: '200000000000000006', username: 'erin' };
const FAY: FakeUser = { id: '200000000000000007', username: 'fay' };
const GUS: FakeUser = { id: '200000000000000008', username: 'gus' };
const COMMUNITY = `discord:${CHANNEL_ID}`;
const INVITE_LIST = /^\/guilds\/\d+\/invites$/;

/** Discord counts the invite's use first, then tells the bot about the join. */
function joins(h: DiscordHarness, user: FakeUser): void {
  h.fake.dispatch('GUILD_MEMBER_ADD', {
    ...h.fake.member(user),
    joined_at: new Date().toISOString(),
    guild_id: GUILD_ID,
  });
}

function recorded(h: DiscordHarness, user: FakeUser) {
  return waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${user.id}`), user.username);
}

describe('Discord invite attribution when joins race (invite lists that change between joins)', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('GIVEN a second join arrives while the bot reads the list for the first THEN neither is credited, and a later lone join is', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.invites.push({ code: 'alice', uses: 0, max_uses: 0, inviter: ALICE, channelId: CHANNEL_ID });
      fake.invites.push({ code: 'carol', uses: 0, max_uses: 0, inviter: CAROL, channelId: CHANNEL_ID });
    });
    const release = h.fake.holdInviteLists();
    const asked = h.fake.calls.length;
    joins(h, DAVE); // through Server Discovery: no invite count moves
    await h.waitForCall('GET', INVITE_LIST, asked); // the bot is reading the list…
    h.fake.invites[0]!.uses = 1; // …when Erin joins through Alice's invite
    joins(h, ERIN);
    release();
    expect((await recorded(h, DAVE)).invitedBy).toBeUndefined();
    expect((await recorded(h, ERIN)).invitedBy).toBeUndefined();
    expect(h.events.filter((e) => e.type === 'member_joined' && (e.invite || e.inviter))).toEqual([]);

    h.fake.invites[1]!.uses = 1;
    joins(h, FAY);
    expect((await recorded(h, FAY)).invitedBy).toBe(CAROL.id);
    // A guild without a vanity URL is never asked for one.
    expect(h.fake.refused(400)).toBe(0);
  });

  it('GIVEN a vanity URL join handled just after someone used a tracked invite THEN nobody is credited with either', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.vanity = { code: 'teaclub', uses: 10 };
      fake.invites.push({ code: 'alice', uses: 0, max_uses: 0, inviter: ALICE, channelId: CHANNEL_ID });
    });
    h.fake.vanity!.uses = 11; // Dave came in through discord.gg/teaclub,
    h.fake.invites[0]!.uses = 1; // and Erin through Alice's invite a moment later
    joins(h, DAVE);
    expect((await recorded(h, DAVE)).invitedBy).toBeUndefined();
    joins(h, ERIN); // her use was already read with Dave's: it explains nobody now
    expect((await recorded(h, ERIN)).invitedBy).toBeUndefined();

    h.fake.vanity!.uses = 12;
    joins(h, GUS);
    expect((await recorded(h, GUS)).invitedBy).toBeUndefined();
    h.fake.invites[0]!.uses = 2;
    joins(h, FAY);
    expect((await recorded(h, FAY)).invitedBy).toBe(ALICE.id);
    const credited = h.events.flatMap((e) => (e.type === 'member_joined' && e.invite ? [e.invite] : []));
    expect(credited).toEqual(['https://discord.gg/alice']);
    expect(h.calls('GET', /\/vanity-url$/).length).toBeGreaterThanOrEqual(5); // at ready, then per join
  });
});
