import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIAttachment } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentImages } from '../../../adapters/discord/normalize.js';
import { MB, pdf, png } from '../../helpers/images.js';
import { ADMIN_ROLE_ID, CHANNEL_ID, type FakeUser } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/**
 * Pictures from Discord: a message's attachments, fetched from their URL on the (fake) CDN by the
 * real adapter; what is no picture or too big is refused by what Discord declares, before fetching.
 */

const BOB: FakeUser = { id: '200000000000000003', username: 'bob', global_name: 'Bob' };
const POSTS = new RegExp(`^/channels/${CHANNEL_ID}/messages$`);

let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The admin Bob posts `content` with these attachments in the group channel. */
function post(content: string, attachments: Record<string, unknown>[]): void {
  h!.fake.dispatch('MESSAGE_CREATE', {
    ...h!.fake.guildMessage(BOB, content, { roles: [ADMIN_ROLE_ID] }),
    attachments,
  });
}

describe('discord pictures', () => {
  it('attachments are read with their URL, declared type, size and name', () => {
    const attachment = {
      id: '1',
      filename: 'code.png',
      size: 1234,
      url: 'https://cdn.discordapp.com/attachments/1/2/code.png?ex=1',
      proxy_url: 'https://media.discordapp.net/attachments/1/2/code.png?ex=1',
      content_type: 'image/png; charset=binary',
    } as APIAttachment;
    expect(attachmentImages([attachment])).toEqual([
      { ref: attachment.url, mime: 'image/png', bytes: 1234, name: 'code.png' },
    ]);
    expect(attachmentImages([])).toBeUndefined();
  });

  it('GIVEN an admin posts /pay setup with a PNG attached THEN it is fetched from the CDN, kept owner-only and posted back', async () => {
    h = await DiscordHarness.create();
    const code = png(30_000);
    const before = h.fake.calls.length;
    post('/pay setup Alipay 138 0000 0000', [h.fake.attach(code, 'code.png', 'image/png')]);
    const shown = await h.waitForCall('POST', POSTS, before);
    // The caption is an embed around the picture (up to 4,096 characters, where content takes 2,000).
    const [embed] = (shown.body as { embeds: { description: string; image: { url: string } }[] }).embeds;
    expect(embed?.description).toContain('Payment instructions saved');
    expect(shown.files).toHaveLength(1);
    expect(embed?.image.url).toBe(`attachment://${shown.files[0]}`);
    expect(h.fake.downloads).toHaveLength(1);
    const dir = join(h.dir, 'payment');
    const [name] = await readdir(dir);
    expect(new Uint8Array(await readFile(join(dir, name!)))).toEqual(code);
    expect((await stat(join(dir, name!))).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['a PDF', () => h!.fake.attach(pdf(), 'bill.pdf', 'application/pdf'), 'That is not a picture I can keep'],
    ['a picture of 11 MB', () => h!.fake.attach(png(11 * MB), 'big.png', 'image/png'), 'over 10 MB'],
  ])(
    'GIVEN %s attached THEN it is refused by what Discord declares, without downloading it',
    async (_what, attach, said) => {
      h = await DiscordHarness.create();
      const before = h.fake.calls.length;
      post('/pay setup Alipay', [attach()]);
      const answer = await h.waitForCall('POST', POSTS, before);
      expect((answer.body as { content: string }).content).toContain(said);
      expect(h.fake.downloads).toEqual([]);
      await waitFor(() => h!.store.tables.paymentInfo.size === 0 || undefined, 'nothing stored');
    },
  );
});
