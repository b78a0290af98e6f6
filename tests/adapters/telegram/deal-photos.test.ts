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
