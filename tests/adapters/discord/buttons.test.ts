import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_ID,
  BOT_USER,
  CHANNEL_ID,
  EVERYONE_PERMS,
  type FakeDiscord,
  type FakeUser,
  GUILD_ID,
  OWNER,
  type RestCall,
} from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/** The deal card's buttons (message components) through the real adapter and a fake Discord. */

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
type Rows = { type: number; components: { type: number; label: string; custom_id: string }[] }[];

const rowsOf = (call: RestCall | undefined) => (call?.body as { components?: Rows } | undefined)?.components;
const labels = (call: RestCall | undefined) => rowsOf(call)?.map((r) => r.components.map((b) => b.label));
const customId = (call: RestCall, label: string) =>
  rowsOf(call)!
    .flatMap((r) => r.components)
    .find((b) => b.label === label)!.custom_id;

/** An INTERACTION_CREATE payload of a click on button `customId` under the bot's message `messageId`. */
function click(fake: FakeDiscord, user: FakeUser, messageId: string, customId: string) {
  const id = fake.id();
  return {
    id,
    application_id: APP_ID,
    type: 3,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, name: 'group-buy', guild_id: GUILD_ID },
    member: { ...fake.member(user), permissions: EVERYONE_PERMS },
    data: { custom_id: customId, component_type: 2 },
    message: fake.message(CHANNEL_ID, 'card', BOT_USER, messageId),
    app_permissions: EVERYONE_PERMS,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

describe('GIVEN a deal card in a Discord channel', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('the card has buttons; a click is acknowledged at once, answered ephemerally, and the card is edited with them', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch(
      'MESSAGE_CREATE',
      h.fake.guildMessage(OWNER, '/deal new "Peaches" price=20 options="S,L" ends=48h'),
    );
    const card = await waitFor(
      () => h.calls('POST', /^\/channels\/\d+\/messages$/).find((c) => rowsOf(c) !== undefined),
      'the card with buttons',
    );
    expect(labels(card)).toEqual([
      ['+1 S', '+1 L'],
      ['Withdraw', 'My order'],
    ]);
    const cardId = await waitFor(
      () => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.rosterMessageId,
      'the card id',
    );
    const before = h.fake.calls.length;
    const tap = click(h.fake, ALICE, cardId, customId(card, '+1 L'));
    h.fake.dispatch('INTERACTION_CREATE', tap);
    const ack = await h.waitForCall('POST', /^\/interactions\/\d+\/.+\/callback$/, before);
    expect(ack.path).toBe(`/interactions/${tap.id}/${tap.token}/callback`);
    expect(ack.body).toMatchObject({ type: 5, data: { flags: 64 } }); // deferred, ephemeral
    const answer = await h.waitForCall('PATCH', /@original$/, before);
    expect(answer.path).toBe(`/webhooks/${APP_ID}/${tap.token}/messages/@original`);
    expect((answer.body as { content: string }).content).toBe('✓ #1 Peaches: you have ×1 L');
    const edit = await waitFor(
      () =>
        h
          .calls('PATCH', new RegExp(`^/channels/${CHANNEL_ID}/messages/${cardId}$`))
          .find((c) => String((c.body as { content?: string }).content).includes('alice ×1 L')),
      'the card edit',
      8_000,
    );
    // The deal formed with that order (min 1): the card offers "I paid" too.
    expect(labels(edit)).toEqual([
      ['+1 S', '+1 L'],
      ['Withdraw', 'My order', 'I paid'],
    ]);
    // Nothing was posted to the channel for the click.
    expect(
      h.calls('POST', /^\/channels\/\d+\/messages$/).filter((c) => h.fake.calls.indexOf(c) >= before),
    ).toEqual([]);
  });

  it('a click on a closed deal is answered ephemerally and changes nothing', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(OWNER, '/deal new "Plums" price=20 ends=48h'));
    const card = await waitFor(
      () => h.calls('POST', /^\/channels\/\d+\/messages$/).find((c) => rowsOf(c) !== undefined),
      'the card with buttons',
    );
    const cardId = await waitFor(
      () => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.rosterMessageId,
      'the card id',
    );
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(OWNER, '/deal close #1'));
    await waitFor(() => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.status !== 'open', 'closed');
    const before = h.fake.calls.length;
    const tap = click(h.fake, ALICE, cardId, customId(card, 'Order +1'));
    h.fake.dispatch('INTERACTION_CREATE', tap);
    const answer = await h.waitForCall('PATCH', /@original$/, before);
    expect((answer.body as { content: string }).content).toBe('✗ alice: the deal is closed');
    expect([...h.store.tables.orders.values()]).toEqual([]);
  });
});
