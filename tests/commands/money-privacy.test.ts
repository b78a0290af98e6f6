import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { png } from '../helpers/images.js';

/**
 * Payment screenshots stay the member's after their group moved to a new chat id (Telegram: a
 * group upgraded to a supergroup): /mydata lists them and /forget deletes them, also one whose
 * claim was rejected (no record names its file any more).
 */

/** Every file under proofs/, as paths under the data dir. */
async function proofFiles(t: TestBot): Promise<string[]> {
  const root = join(t.dir, 'proofs');
  const out: string[] = [];
  for (const folder of await readdir(root).catch(() => [] as string[]))
    for (const name of await readdir(join(root, folder))) out.push(`proofs/${folder}/${name}`);
  return out;
}

describe('GIVEN alice sent a screenshot whose claim was rejected, and then the group moved', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const main = t.group().admin('wang');
    await main.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await main.as('alice').says('+1');
    await main.as('bob').says('+1');
    await main.as('alice').says('已付 #1', { images: [{ data: png() }] });
    await main.as('wang').says('/reject #1 @alice nothing came');
    await t.bot.chatChanged(t.adapter, {
      type: 'chat_moved',
      chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
      to: { platform: 'memory', chatId: 'super', kind: 'group', title: 'main' },
    });
    expect(t.store.tables.communities.get('memory:super')).toBeDefined();
    expect(await proofFiles(t)).toHaveLength(1);
  });
  afterEach(async () => {
    await t.close();
  });

  it('WHEN she asks /mydata THEN the screenshot is listed', async () => {
    await t.dm('alice').says('/mydata');
    const exported = (await readdir(join(t.dir, 'exports'))).find((n) => n.startsWith('mydata-alice-'));
    const data = JSON.parse(await readFile(join(t.dir, 'exports', exported!), 'utf8')) as {
      data: { paymentScreenshots?: string[] }[];
    };
    expect(data.data[0]?.paymentScreenshots).toEqual(await proofFiles(t));
  });

  it('WHEN she confirms /forget THEN the screenshot is deleted', async () => {
    const group = t.group('super');
    await group.as('alice').says('/forget');
    await group.as('alice').says('/forget confirm');
    expect(await proofFiles(t)).toEqual([]);
  });
});

describe('GIVEN alice opened an after-sales ticket with a photo, and then the group moved', () => {
  it('WHEN she asks /mydata THEN the ticket photo is listed', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    try {
      const main = t.group();
      await main.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
      await main.as('alice').says('+1');
      await t.advance('24h');
      await main.as('owner').says('/delivered #1 @alice');
      await main.as('alice').says('/aftersale #1 "2 were bad"', { images: [{ data: png() }] });
      const [photo] = t.store.tables.tickets.values().next().value!.photos;
      expect(photo).toBeDefined();
      await t.bot.chatChanged(t.adapter, {
        type: 'chat_moved',
        chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
        to: { platform: 'memory', chatId: 'super', kind: 'group', title: 'main' },
      });
      await t.dm('alice').says('/mydata');
      const exported = (await readdir(join(t.dir, 'exports'))).find((n) => n.startsWith('mydata-alice-'));
      const data = JSON.parse(await readFile(join(t.dir, 'exports', exported!), 'utf8')) as {
        data: { afterSalesPhotos?: string[] }[];
      };
      expect(data.data[0]?.afterSalesPhotos).toEqual([photo]);
    } finally {
      await t.close();
    }
  });
});
