import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRef } from '../../src/core/events.js';
import { TestBot } from '../helpers/chat.js';

/**
 * What /forget and the exports job leave on disk: not only the records in memory, but every file
 * under the data dir (the journal, the snapshot, exports) — backups aside, which roll off as
 * /privacy says.
 */

/** Every file under dir but backups/, with its text (and its own name, which can name someone too). */
async function filesOf(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'backups') out.push(...(await filesOf(path)));
    } else out.push({ path, text: `${path}\n${await readFile(path, 'utf8')}` });
  }
  return out;
}

/** The files under the data dir holding any of these texts. */
async function holding(t: TestBot, texts: string[]): Promise<string[]> {
  return (await filesOf(t.dir))
    .filter((f) => texts.some((x) => f.text.includes(x)))
    .map((f) => relative(t.dir, f.path));
}

const group: ChatRef = { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' };
const dmOf = (user: string): ChatRef => ({ platform: 'memory', chatId: `dm:${user}`, kind: 'direct' });

let t: TestBot;
let seq = 0;
afterEach(async () => {
  await t.close();
});

/** u4242 writes as `name` (a display name can change; the ids here are not names, as on a real platform). */
function says(t: TestBot, chat: ChatRef, name: string, text: string): Promise<string[]> {
  return t.capture(() =>
    t.bot.handle(t.adapter, {
      type: 'message',
      id: `x${++seq}`,
      chat,
      sender: { id: 'u4242', name, role: 'member' },
      text,
    }),
  );
}

describe('/forget leaves nothing about the member on disk', () => {
  it('GIVEN a member with orders, points, an invite, a private chat, a /mydata export and an order CSV naming them WHEN they confirm /forget THEN no file under the data dir holds their id, a name they used or their note', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const main = t.group();
    await main.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await t.capture(() =>
      t.bot.handle(t.adapter, {
        type: 'member_joined',
        // As Telegram names a join: the processed-event id holds the user id.
        id: 'join:u4242:1764057600',
        chat: group,
        member: { id: 'u4242', name: 'Wang Xiaoming' },
        inviter: { id: 'carol', name: 'carol' },
      }),
    );
    await says(t, group, 'Wang Xiaoming', '+2 call me at 555-0101');
    // Renamed since: the order line still carries the old name.
    await says(t, group, '王小明', '/checkin');
    await says(t, group, '王小明', '/invite');
    await says(t, dmOf('u4242'), '王小明', '/mydata');
    await main.as('bob').says('+1');
    const csv = await main.as('owner').says('/orders #1 csv');
    expect(csv.join()).toMatch(/exports\/deal-memory_main-1-.*\.csv/);
    await t.store.idle();
    const personal = ['u4242', 'Wang Xiaoming', '王小明', '555-0101'];
    // The journal, the /mydata file and the CSV hold them now.
    expect(await holding(t, personal)).toEqual(
      expect.arrayContaining(['journal.jsonl', expect.stringMatching(/^exports\/mydata-u4242-/)]),
    );

    await says(t, group, '王小明', '/forget');
    expect(await says(t, group, '王小明', '/forget confirm')).toEqual([
      'Done: your personal data in main is deleted.',
    ]);
    await t.store.idle();

    expect(await holding(t, personal)).toEqual([]);
    // The group's accounts stay: the order is there, under a pseudonym.
    expect([...t.store.tables.orders.values()].map((o) => o.qty).sort()).toEqual([1, 2]);
    // And what is on disk still loads to the same state.
    expect((await stat(join(t.dir, 'state.json'))).size).toBeGreaterThan(0);
  });

  it('GIVEN order CSVs of two deals WHEN a member named Li is forgotten THEN only the CSV naming Li goes, not the one naming Lisa', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const main = t.group();
    await main.as('owner').says('/deal new "Tea" price=5');
    await main.as('owner').says('/deal new "Rice" price=9');
    await says(t, group, 'Li', '/join #1 1');
    await main.as('lisa', 'Lisa').says('/join #2 2');
    await main.as('owner').says('/orders #1 csv');
    await main.as('owner').says('/orders #2 csv');
    await says(t, group, 'Li', '/forget');
    await says(t, group, 'Li', '/forget confirm');
    expect(await readdir(join(t.dir, 'exports'))).toEqual([expect.stringMatching(/^deal-memory_main-2-/)]);
  });

  it.each(['Lily "LL" Wang', '-Lily', '=Lily'])(
    'GIVEN an order CSV naming a member called %s (a cell the CSV quotes or guards) WHEN they are forgotten THEN the CSV goes',
    async (name) => {
      t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
      const main = t.group();
      await main.as('owner').says('/deal new "Tea" price=5');
      await says(t, group, name, '/join #1 1');
      await main.as('owner').says('/orders #1 csv');
      expect(await readdir(join(t.dir, 'exports'))).toEqual([expect.stringMatching(/^deal-memory_main-1-/)]);
      await says(t, group, name, '/forget');
      await says(t, group, name, '/forget confirm');
      expect(await readdir(join(t.dir, 'exports'))).toEqual([]);
    },
  );

  it('GIVEN a member who took part in a topic prompt WHEN forgotten THEN the prompt lists a pseudonym', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    await t.group().as('owner').says('/topic now');
    await says(t, group, 'Wang Xiaoming', 'I would like lychees next week');
    const post = () => [...t.store.tables.topicPosts.values()][0]!;
    expect(post().participants).toEqual(['u4242']);
    await says(t, group, 'Wang Xiaoming', '/forget');
    await says(t, group, 'Wang Xiaoming', '/forget confirm');
    expect(post().participants).toHaveLength(1);
    expect(post().participants).not.toContain('u4242');
  });
});

describe('exports are kept for EXPORTS_KEEP (24 h by default)', () => {
  const exported = async (t: TestBot) =>
    (await readdir(join(t.dir, 'exports')).catch(() => [] as string[])).sort();

  it('GIVEN an order CSV WHEN 24 h have passed THEN the exports job has deleted it, not before', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    await t.group().as('owner').says('/deal new "Mangoes" price=10 min=2');
    await t.group().as('alice').says('+1');
    await t.group().as('owner').says('/orders #1 csv');
    await t.group().as('owner').says('/report json');
    expect(await exported(t)).toEqual([
      expect.stringMatching(/^deal-memory_main-1-.*\.csv$/),
      expect.stringMatching(/^report-memory_main-30d-.*\.json$/),
    ]);
    await t.advance('23h');
    expect(await exported(t)).toHaveLength(2);
    await t.advance('2h');
    expect(await exported(t)).toEqual([]);
  });

  it('GIVEN a /mydata file kept for a member the platform will not let the bot write to yet WHEN the keep time passes THEN it stays until sent, and goes at the next sweep after', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    await t.group().as('alice').says('hello');
    t.adapter.unreachable.add('alice');
    await t.group().as('alice').says('/mydata');
    await t.advance('2d');
    const [file] = await exported(t);
    expect(file).toMatch(/^mydata-alice-\d+\.json$/);
    t.adapter.unreachable.delete('alice');
    expect(await t.dm('alice').says('hi')).toContainEqual(expect.stringMatching(/file: .*mydata-alice-/));
    await t.advance('1m');
    expect(await exported(t)).toEqual([]);
  });
});
