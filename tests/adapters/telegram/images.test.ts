import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message, User } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeMessage } from '../../../adapters/telegram/normalize.js';
import { jpeg, MB, pdf } from '../../helpers/images.js';
import { BOB, GROUP, updates } from './fixtures.js';
import { startHarness, type TelegramHarness } from './harness.js';

/**
 * Pictures from Telegram: a photo (its largest size) or a document, fetched with getFile and the
 * file URL of the real telegraf client against the fake Bot API, which refuses files over 20 MB
 * as Telegram does.
 */

const CHAT_ID = String(GROUP.id);
let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let seq = 5_000;
const DATE = 1_764_057_600;

/** A photo message with these sizes (file ids from api.upload), captioned. */
function photoMessage(
  from: User,
  caption: string,
  sizes: { file_id: string; file_unique_id: string; width: number; height: number; file_size?: number }[],
): Message.PhotoMessage {
  return { message_id: seq++, date: DATE, chat: GROUP, from, caption, photo: sizes } as Message.PhotoMessage;
}

function documentMessage(
  from: User,
  caption: string,
  document: {
    file_id: string;
    file_unique_id: string;
    mime_type?: string;
    file_name?: string;
    file_size?: number;
  },
): Message.DocumentMessage {
  return { message_id: seq++, date: DATE, chat: GROUP, from, caption, document } as Message.DocumentMessage;
}

/** What the bot posted in the group: texts and photo captions. */
function said(): string[] {
  return h!.api.calls
    .filter((c) => c.refused === undefined && String(c.params.chat_id) === CHAT_ID)
    .filter((c) => c.method === 'sendMessage' || c.method === 'sendPhoto')
    .map((c) => String(c.params.text ?? c.params.caption ?? ''));
}

const withAdmin = () =>
  startHarness((api) => api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'administrator' }]));

describe('telegram pictures', () => {
  it('a photo is read as its largest size, a document with its type and name, the caption as the text', () => {
    const photo = photoMessage(BOB, '/pay@TuanTestBot setup Alipay', [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 160, file_size: 1_000 },
      { file_id: 'large', file_unique_id: 'l', width: 720, height: 1280, file_size: 90_000 },
    ]);
    expect(normalizeMessage(photo, 'TuanTestBot')).toMatchObject({
      text: '/pay setup Alipay',
      images: [{ ref: 'large', mime: 'image/jpeg', bytes: 90_000 }],
    });
    const doc = documentMessage(BOB, '', {
      file_id: 'd1',
      file_unique_id: 'd',
      mime_type: 'application/pdf',
      file_name: 'bill.pdf',
      file_size: 500,
    });
    expect(normalizeMessage(doc, 'TuanTestBot')?.images).toEqual([
      { ref: 'd1', mime: 'application/pdf', bytes: 500, name: 'bill.pdf' },
    ]);
    // A command for another bot is not ours, nor is its picture.
    expect(normalizeMessage({ ...photo, caption: '/pay@OtherBot' }, 'TuanTestBot')?.images).toBeUndefined();
  });

  it('GIVEN an admin sends a photo captioned /pay setup THEN the largest size is fetched (getFile, file URL) and kept owner-only, and shown back', async () => {
    h = await withAdmin();
    const code = jpeg(40_000);
    const thumb = h.api.upload(jpeg(1_000), 'photos/thumb.jpg');
    const large = h.api.upload(code, 'photos/code.jpg');
    h.api.push(
      updates.message(
        photoMessage(BOB, '/pay setup Alipay 138 0000 0000', [
          { ...thumb, width: 90, height: 160, file_size: 1_000 },
          { ...large, width: 720, height: 1280, file_size: code.length },
        ]),
      ),
    );
    const [caption] = await h.until(() => said().length > 0 && said(), 'the payment code shown back');
    expect(caption).toContain('Payment instructions saved');
    expect(caption).toContain('Alipay 138 0000 0000');
    expect(h.api.callsOf('getFile').map((c) => c.params.file_id)).toEqual([large.file_id]);
    expect(h.api.downloads).toEqual(['photos/code.jpg']);
    const dir = join(h.store.dir, 'payment');
    const [name] = await readdir(dir);
    expect(new Uint8Array(await readFile(join(dir, name!)))).toEqual(code);
    expect((await stat(join(dir, name!))).mode & 0o777).toBe(0o600);
    expect(h.api.acceptedOf('sendPhoto')).toHaveLength(1);
  });

  it('GIVEN a PDF sent as a document THEN it is refused by its type, without fetching it', async () => {
    h = await withAdmin();
    const file = h.api.upload(pdf(), 'documents/bill.pdf');
    h.api.push(
      updates.message(
        documentMessage(BOB, '/pay setup Alipay', {
          ...file,
          mime_type: 'application/pdf',
          file_name: 'bill.pdf',
        }),
      ),
    );
    const [answer] = await h.until(() => said().length > 0 && said(), 'the refusal');
    expect(answer).toContain('That is not a picture I can keep');
    expect(h.api.callsOf('getFile')).toHaveLength(0);
  });

  it('GIVEN a file over 20 MB with no size in the update THEN getFile is refused as Telegram refuses it, and the admin is told it is too big', async () => {
    h = await withAdmin();
    const huge = h.api.upload(jpeg(21 * MB), 'documents/huge.jpg');
    h.api.push(updates.message(documentMessage(BOB, '/pay setup Alipay', huge)));
    const [answer] = await h.until(() => said().length > 0 && said(), 'the refusal');
    expect(answer).toContain('That picture is over 10 MB');
    expect(h.api.refusals.find((r) => r.method === 'getFile')?.description).toBe(
      'Bad Request: file is too big',
    );
    expect(h.api.downloads).toEqual([]);
    expect(await readdir(join(h.store.dir, 'payment')).catch(() => [])).toEqual([]);
  });

  it('GIVEN a file of 12 MB (under Telegram’s 20, over the bot’s 10) THEN getFile’s size refuses it before any download', async () => {
    h = await withAdmin();
    const big = h.api.upload(jpeg(12 * MB), 'documents/big.jpg');
    h.api.push(updates.message(documentMessage(BOB, '/pay setup Alipay', big)));
    const [answer] = await h.until(() => said().length > 0 && said(), 'the refusal');
    expect(answer).toContain('That picture is over 10 MB');
    expect(h.api.callsOf('getFile')).toHaveLength(1);
    expect(h.api.downloads).toEqual([]);
  });
});
