import { afterEach, describe, expect, it } from 'vitest';
import { messageLocation, threadMessageId } from '../../../adapters/discord/normalize.js';
import { APP_ID, CHANNEL_ID, type FakeUser, OWNER, THREAD_ID } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/** Answers in place on Discord: through the interaction, as a reply, inside the thread. */

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const BOB: FakeUser = { id: '200000000000000003', username: 'bob', global_name: 'Bob' };
const COMMUNITY = `discord:${CHANNEL_ID}`;

/** The id of a gateway message payload the fake built. */
const idOf = (message: object): string => String((message as { id: unknown }).id);

interface PostBody {
  content?: string;
  message_reference?: { message_id: string; fail_if_not_exists?: boolean };
}

describe('Discord: replies, interactions and threads against a fake Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('a message in a thread is a message of the parent channel community, its ids carrying the thread', () => {
    expect(threadMessageId(THREAD_ID, '55')).toBe(`${THREAD_ID}/55`);
    expect(messageLocation(`${THREAD_ID}/55`)).toEqual({ channelId: THREAD_ID, messageId: '55' });
    expect(messageLocation('55')).toEqual({ messageId: '55' });
  });

  it('GIVEN a member WHEN they send /help as a message THEN the answer replies to their message', async () => {
    h = await DiscordHarness.create();
    const asked = h.fake.guildMessage(ALICE, '/help');
    h.fake.dispatch('MESSAGE_CREATE', asked);
    const call = await h.waitForCall('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    const body = call.body as PostBody;
    expect(body.content).toContain('/whoami');
    expect(body.message_reference).toMatchObject({ message_id: idOf(asked), fail_if_not_exists: false });
  });

  it("a slash command's answer goes through its own interaction, a typed command's to the channel, never swapped", async () => {
    h = await DiscordHarness.create();
    const slash = h.fake.slashCommand(ALICE, 'help', [{ name: 'command', type: 3, value: 'lang' }]);
    const typed = h.fake.guildMessage(BOB, '/whoami');
    h.fake.dispatch('INTERACTION_CREATE', slash);
    h.fake.dispatch('MESSAGE_CREATE', typed);
    const answer = await h.waitForCall('PATCH', /@original$/);
    expect(answer.path).toBe(`/webhooks/${APP_ID}/${slash.token}/messages/@original`);
    expect((answer.body as PostBody).content).toContain('/lang zh|en');
    const post = await h.waitForCall('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    expect((post.body as PostBody).content).toContain('Bob');
    expect((post.body as PostBody).message_reference?.message_id).toBe(idOf(typed));
    expect(h.events.find((e) => e.id === slash.id)).toMatchObject({ interactionId: slash.id });
  });

  it('GIVEN a thread WHEN a member asks /help in it THEN the answer is posted in the thread, in the channel community', async () => {
    h = await DiscordHarness.create();
    const asked = h.fake.guildMessage(ALICE, '/help', { channelId: THREAD_ID });
    h.fake.dispatch('MESSAGE_CREATE', asked);
    const call = await h.waitForCall('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`));
    expect((call.body as PostBody).content).toContain('/whoami');
    expect((call.body as PostBody).message_reference?.message_id).toBe(idOf(asked));
    expect(h.events.at(-1)).toMatchObject({
      chat: { chatId: CHANNEL_ID, title: 'Tea Club #group-buy' },
      threadId: THREAD_ID,
      id: `${THREAD_ID}/${idOf(asked)}`,
    });
    expect([...h.store.tables.communities.values()].map((c) => c.id)).toEqual([COMMUNITY]);
    expect(h.fake.refused(404)).toBe(0);
  });

  it('a slash command in a thread belongs to the parent channel community and is answered through the interaction', async () => {
    h = await DiscordHarness.create();
    const slash = h.fake.slashCommand(ALICE, 'help', [], undefined, { thread: true });
    h.fake.dispatch('INTERACTION_CREATE', slash);
    await h.waitForCall('PATCH', new RegExp(`/webhooks/${APP_ID}/${slash.token}/messages/@original$`));
    expect(h.events.at(-1)).toMatchObject({ chat: { chatId: CHANNEL_ID }, threadId: THREAD_ID });
    expect(h.calls('POST', /\/messages$/)).toHaveLength(0);
  });

  it('GIVEN a deal opened in a thread WHEN a member orders there THEN its card is posted and edited in the thread and the order gets its reaction', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch(
      'MESSAGE_CREATE',
      h.fake.guildMessage(OWNER, '/deal new "Mangoes" price=10', { channelId: THREAD_ID }),
    );
    const card = await h.waitForCall('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`));
    expect((card.body as PostBody).content).toContain('Mangoes');
    expect((card.body as PostBody).message_reference).toBeUndefined(); // a card answers nobody
    const deal = await waitFor(() => {
      const [first] = [...h.store.tables.deals.values()];
      return first?.rosterMessageId ? first : undefined;
    }, 'the card recorded');
    expect(deal.threadId).toBe(THREAD_ID);
    expect(deal.rosterMessageId).toMatch(new RegExp(`^${THREAD_ID}/\\d+$`));

    const order = h.fake.guildMessage(ALICE, '+1', { channelId: THREAD_ID });
    h.fake.dispatch('MESSAGE_CREATE', order);
    const cardId = messageLocation(deal.rosterMessageId!).messageId;
    const edited = await waitFor(
      () =>
        h
          .calls('PATCH', new RegExp(`^/channels/${THREAD_ID}/messages/${cardId}$`))
          .find((c) => (c.body as PostBody).content?.includes('alice')),
      'the card edited in the thread',
      10_000,
    );
    expect(edited).toBeDefined();
    await waitFor(() => h.fake.reactions.get(`${THREAD_ID}/${idOf(order)}`), 'the reaction on the order');
    expect(h.fake.refused(404)).toBe(0);
  }, 15_000);
});
