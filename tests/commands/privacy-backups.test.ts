import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDir, listBackups } from '../../src/store/backups.js';
import { TestBot } from '../helpers/chat.js';

const DAY = 86_400_000;

/** The backups (file names) that still hold `text` anywhere. */
async function backupsHolding(t: TestBot, text: string): Promise<string[]> {
  const holding: string[] = [];
  for (const name of await listBackups(t.dir))
    if ((await readFile(join(backupDir(t.dir), name), 'utf8')).includes(text)) holding.push(name);
  return holding;
}

describe('/privacy tells what the backups do', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN backup.keep_days = 3 THEN /privacy says 3 days, in both languages, AND 3 days after /forget no backup holds the member, while the day before one still does', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', backupKeepDays: 3 });
    const group = t.group();
    await group.as('alice', 'Alice Wong').says('hello');

    const said = await group.as('bob').reply('/privacy data');
    const days = Number(/deleted after (\d+) days?/.exec(said)?.[1]);
    expect(days).toBe(3);
    expect(said).toContain(
      'A backup of all data is taken every day (UTC) and deleted after 3 days, so what /forget deletes is gone from the backups within 3 days.',
    );
    await group.as('owner').says('/lang zh');
    expect(await group.as('bob').reply('隐私 数据')).toContain(
      '全部数据每天（按 UTC 日期）备份一次，每份备份 3 天后删除，因此“删除我的数据”删掉的内容最多 3 天后也从备份中消失。',
    );

    // The bot runs on without a restart: the next day's backup, taken while it runs, holds her name.
    await t.advance('1d');
    await t.store.idle();
    expect(await backupsHolding(t, 'Alice Wong')).toEqual(['state-2026-11-26.json']);

    await group.as('alice', 'Alice Wong').says('删除我的数据');
    await group.as('alice', 'Alice Wong').says('删除我的数据 确认');
    const forgotAt = t.clock.now().getTime();

    // Day by day, as time passes for a running bot (each day's backup is taken that day).
    for (let day = 1; day < days; day++) {
      t.clock.advance(DAY);
      await t.store.idle();
    }
    expect(t.clock.now().getTime()).toBe(forgotAt + (days - 1) * DAY);
    expect(await backupsHolding(t, 'Alice Wong')).toEqual(['state-2026-11-26.json']);
    t.clock.advance(DAY);
    await t.store.idle();
    expect(await backupsHolding(t, 'Alice Wong')).toEqual([]);
    // Backups go on being taken every day.
    expect(await listBackups(t.dir)).toEqual([
      'state-2026-11-29.json',
      'state-2026-11-28.json',
      'state-2026-11-27.json',
    ]);
  });

  it('by default (7 days) /privacy says 7 days', async () => {
    t = await TestBot.create();
    expect(await t.group().as('bob').reply('/privacy data')).toContain(
      'deleted after 7 days, so what /forget deletes is gone from the backups within 7 days.',
    );
  });
});
