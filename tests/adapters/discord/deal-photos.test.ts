import { afterEach, describe, expect, it } from 'vitest';
import { jpeg } from '../../helpers/images.js';
import { ADMIN_ROLE_ID, CHANNEL_ID, type FakeUser, type RestCall } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/**
 * A deal card with a product photo through the real discord.js adapter and the fake REST API: the
 * card is an embed (description up to 4,096) whose image is the uploaded file (`attachment://`),
 * with the order buttons; an order edits the embed and the message keeps its attachment.
 */

const BOB: FakeUser = { id: '200000000000000003', username: 'bob', global_name: 'Bob' };
const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
type Embed = { description: string; image: { url: string } };
const embedsOf = (call: RestCall | undefined) => (call?.body as { embeds?: Embed[] } | undefined)?.embeds;

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('discord: a deal card with a photo', () => {
  it('GIVEN /deal new with a picture attached THEN the card is an embed with the picture as its image, and an order edits the embed keeping the attachment', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', {
      ...h.fake.guildMessage(BOB, '/deal new "Mangoes" price=20 ends=48h', { roles: [ADMIN_ROLE_ID] }),
      attachments: [h.fake.attach(jpeg(5_000), 'mango.jpg', 'image/jpeg')],
    });
    const card = await waitFor(
      () =>
        h!.fake.calls.find(
          (c) => c.method === 'POST' && embedsOf(c)?.[0]?.description.includes('#1 Mangoes'),
        ),
      'the photo card',
    );
    const [file] = card.files;
    expect(file).toMatch(/\.jpg$/);
    expect(embedsOf(card)![0]!.image.url).toBe(`attachment://${file}`);
    expect((card.body as { components: unknown[] }).components.length).toBeGreaterThan(0);
    const cardId = await waitFor(
      () => h!.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.rosterMessageId,
      'the card id',
    );

    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '+1'));
    const edit = await waitFor(
      () =>
        h!.fake.calls.find((c) => c.method === 'PATCH' && embedsOf(c)?.[0]?.description.includes('alice')),
      'the card edited',
    );
    expect(edit.path).toBe(`/channels/${CHANNEL_ID}/messages/${cardId.split(':').at(-1)}`);
    expect(embedsOf(edit)![0]!.image.url).toBe(`attachment://${file}`);
    expect(edit.body).not.toHaveProperty('attachments');
    const kept = h.fake.stored.get(cardId.split(':').at(-1)!)!;
    expect((kept.attachments as { filename: string }[]).map((a) => a.filename)).toEqual([file]);
    expect(h.fake.refusals).toEqual([]);
  });
});
