import { Telegraf } from 'telegraf';
import type { Message, User } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { jpeg } from '../../helpers/images.js';
import { ALICE, BOB, GROUP, textMessage, updates } from './fixtures.js';
import { startHarness, type TelegramHarness } from './harness.js';

/**
 * A deal card with a product photo through the real telegraf adapter and the fake Bot API, which
 * refuses as Telegram does: a caption over 1,024 characters, editMessageText on a photo ("there is no
 * text in the message to edit"), editMessageCaption on a text ("there is no caption …").
 */

const CHAT_ID = String(GROUP.id);
let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let seq = 9_000;
function photoMessage(from: User, caption: string, file: { file_id: string; file_unique_id: string }) {
  return {
    message_id: seq++,
    date: 1_764_057_600,
    chat: GROUP,
    from,
    caption,
    photo: [{ ...file, width: 720, height: 720, file_size: 5_000 }],
  } as Message.PhotoMessage;
}

const withAdmin = () =>
  startHarness((api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]));

describe('telegram: a deal card with a photo', () => {
  it('GIVEN a photo captioned /deal new THEN the card is a sendPhoto (upload, caption, keyboard), and orders edit its caption, never its text', async () => {
    h = await withAdmin();
    const file = h.api.upload(jpeg(5_000), 'photos/mango.jpg');
    h.api.push(updates.message(photoMessage(ALICE, '/deal new "Mangoes" price=20 ends=48h', file)));
    const card = await h.until(
      () => h!.api.acceptedOf('sendPhoto').find((c) => String(c.params.caption).startsWith('🛒 #1 Mangoes')),
      'the photo card',
    );
    expect(card.params.photo).toEqual(expect.objectContaining({ filename: expect.stringMatching(/\.jpg$/) }));
    // A multipart upload carries the keyboard as a JSON field.
    const keyboard = JSON.parse(String(card.params.reply_markup)) as {
      inline_keyboard: { text: string }[][];
    };
    expect(keyboard.inline_keyboard.flat().map((b) => b.text)).toContain('Order +1');
    const messageId = await h.until(
      () => h!.store.tables.deals.get(`telegram:${CHAT_ID}#1`)?.rosterMessageId,
    );

    // 40 buyers: the card would pass 1,024 characters; the caption keeps the latest lines.
    for (let i = 0; i < 40; i++)
      h.api.push(
        updates.message(textMessage({ ...BOB, id: 5_000 + i, first_name: `Buyer number ${i}` }, '+1')),
      );
    const last = await h.until(
      () =>
        h!.api
          .acceptedOf('editMessageCaption')
          .find((c) => String(c.params.caption).includes('Buyer number 39')),
      'the caption edited with the last order',
      20_000,
    );
    expect(String(last.params.message_id)).toBe(messageId!.split(':').at(-1));
    expect([...String(last.params.caption)].length).toBeLessThanOrEqual(1024);
    expect(String(last.params.caption)).toContain('/orders #1 for all');
    expect(last.params.reply_markup).toBeDefined();
    expect(h.api.callsOf('editMessageText')).toEqual([]);
    expect(h.api.refusals).toEqual([]);
  });

  it('the fake refuses as Telegram: a caption over 1,024 and the wrong edit for the message', async () => {
    h = await withAdmin();
    const { telegram } = new Telegraf(h.api.token, { telegram: { apiRoot: h.api.url } });
    const photo = await telegram.sendPhoto(CHAT_ID, { source: Buffer.from(jpeg()) }, { caption: 'x' });
    h.clock.advance(1_100); // the fake's flood limit: a message a second in a chat
    const text = await telegram.sendMessage(CHAT_ID, 'card');
    h.clock.advance(1_100);
    await expect(telegram.editMessageText(CHAT_ID, photo.message_id, undefined, 'y')).rejects.toThrow(
      'there is no text in the message to edit',
    );
    await expect(telegram.editMessageCaption(CHAT_ID, text.message_id, undefined, 'y')).rejects.toThrow(
      'there is no caption in the message to edit',
    );
    h.clock.advance(1_100);
    await expect(
      telegram.sendPhoto(CHAT_ID, { source: Buffer.from(jpeg()) }, { caption: 'x'.repeat(1025) }),
    ).rejects.toThrow('message caption is too long');
  });
});

describe('telegram: a deal card with a photo across a restart', () => {
  const dealOf = () => h!.store.tables.deals.get(`telegram:${CHAT_ID}#1`);
  const captionOrText = (c: { params: Record<string, unknown> }) => String(c.params.caption ?? c.params.text);

  it('GIVEN a text card and a restart WHEN the admin adds a photo THEN the card is posted anew as the photo (no refused caption edit) and orders edit its caption', async () => {
    h = await withAdmin();
    h.api.push(updates.message(textMessage(ALICE, '/deal new "Mangoes" price=20 ends=48h')));
    const textCard = await h.until(() => dealOf()?.rosterMessageId, 'the text card');
    await h.settle();
    await h.restart();
    const file = h.api.upload(jpeg(5_000), 'photos/mango.jpg');
    h.api.push(updates.message(photoMessage(ALICE, '/deal edit #1 photo', file)));
    const card = await h.until(
      () => h!.api.acceptedOf('sendPhoto').find((c) => String(c.params.caption).startsWith('🛒 #1 Mangoes')),
      'the card posted anew with its photo',
    );
    await h.until(() => dealOf()?.rosterMessageId !== textCard, 'the new card kept');
    expect(dealOf()?.rosterPhoto).toBe(dealOf()?.photos?.[0]);
    h.api.push(updates.message(textMessage(BOB, '+1')));
    const edit = await h.until(
      () => h!.api.acceptedOf('editMessageCaption').find((c) => String(c.params.caption).includes('Bob')),
      'the caption edited with the order',
    );
    expect(card.params.photo).toBeDefined();
    expect(String(edit.params.message_id)).toBe(dealOf()!.rosterMessageId!.split(':').at(-1));
    // The old text card says it moved, as a text.
    expect(
      h.api.acceptedOf('editMessageText').some((c) => captionOrText(c).includes('this card moved')),
    ).toBe(true);
    expect(h.api.refusals).toEqual([]);
  });

  it('GIVEN a photo card and a restart WHEN photo=none THEN a text card is posted and the photo card says it moved, nothing refused', async () => {
    h = await withAdmin();
    const file = h.api.upload(jpeg(5_000), 'photos/mango.jpg');
    h.api.push(updates.message(photoMessage(ALICE, '/deal new "Mangoes" price=20 ends=48h', file)));
    await h.until(() => dealOf()?.rosterMessageId, 'the photo card');
    await h.settle();
    expect(dealOf()?.rosterPhoto).toBe(dealOf()?.photos?.[0]);
    await h.restart();
    h.api.push(updates.message(textMessage(ALICE, '/deal edit #1 photo=none')));
    await h.until(
      () => h!.api.acceptedOf('sendMessage').find((c) => String(c.params.text).startsWith('🛒 #1 Mangoes')),
      'the text card',
    );
    await h.until(
      () => h!.api.acceptedOf('editMessageCaption').find((c) => captionOrText(c).includes('this card moved')),
      'the photo card saying it moved',
    );
    await h.settle();
    expect(dealOf()?.rosterPhoto).toBeUndefined();
    expect(h.api.refusals).toEqual([]);
  });

  it('GIVEN the card is not what was kept (a card from before the photo was kept) THEN the refused edit posts the card anew instead of dropping it', async () => {
    h = await withAdmin();
    const file = h.api.upload(jpeg(5_000), 'photos/mango.jpg');
    h.api.push(updates.message(photoMessage(ALICE, '/deal new "Mangoes" price=20 ends=48h', file)));
    const photoCard = await h.until(() => dealOf()?.rosterMessageId, 'the photo card');
    await h.settle();
    await h.restart();
    const { rosterPhoto: _, ...unkept } = dealOf()!;
    await h.store.transact((tx) => tx.put('deals', unkept)).committed;
    h.api.push(updates.message(textMessage(BOB, '+1')));
    const card = await h.until(
      () =>
        h!.api
          .acceptedOf('sendPhoto')
          .find(
            (c) =>
              String(c.params.caption).startsWith('🛒 #1 Mangoes') &&
              String(c.params.caption).includes('Bob'),
          ),
      'the card posted anew',
    );
    expect(card).toBeDefined();
    await h.until(() => dealOf()?.rosterMessageId !== photoCard, 'the new card kept');
    expect(dealOf()?.rosterPhoto).toBe(dealOf()?.photos?.[0]);
  });
});
