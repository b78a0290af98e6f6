import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHarness } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';
import {
  fallingConversion,
  nearMissDeal,
  pilingPoints,
  referrerWithBuyers,
  START,
  World,
} from '../services/insights/world.js';

/** The overview's suggestions block (建议): the same suggestions and commands as /report. */

let d: DashboardHarness;
afterEach(async () => {
  await d.close();
});

async function overview(world: World, locale: 'en' | 'zh'): Promise<string> {
  d = await DashboardHarness.create({ start: START, timezone: 'Asia/Shanghai', locale });
  await d.t.store.mutate((tx) => world.putInto(tx));
  const page = (await (await d.login('boss')).get('/?period=7d')).body;
  const start = page.indexOf('<section class="suggestions">');
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</section>', start));
}

const decoded = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'");

describe('the overview’s suggestions', () => {
  it('lists each suggestion with its numbers and the command as the chat writes it', async () => {
    const world = World.base();
    for (const add of [nearMissDeal, fallingConversion, referrerWithBuyers, pilingPoints]) add(world);
    const section = await overview(world, 'en');
    expect([...section.matchAll(/data-rule="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'near_miss',
      'conversion_falling',
      'referrer_reward',
      'points_outstanding',
    ]);
    expect([...section.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1])).toEqual([
      '/deal copy #4 min=4',
      '/deal copy #5',
      '/award @m01 20 invitees bought',
      '/settings points.max_pct=75',
    ]);
    expect(section).toContain('<h2>Suggestions</h2>');
    expect(decoded(section)).toContain('#4 Deal 4 failed 1 buyer short (4 of 5, open 48 h)');
  });

  it('in a Chinese group: 建议, the Chinese commands, no English word', async () => {
    const world = World.base('zh');
    for (const add of [nearMissDeal, referrerWithBuyers]) add(world);
    const section = await overview(world, 'zh');
    expect(section).toContain('<h2>建议</h2>');
    expect(section).toContain('<code>复制团购 #4 成团=4</code>');
    expect(englishWords(decoded(section), ['Deal', 'm01'])).toEqual([]);
  });

  it('a group with too little data gets the statement instead', async () => {
    const section = await overview(new World('en', '2026-11-22T00:00:00.000Z'), 'en');
    expect(decoded(section)).toMatch(
      /Not enough data for suggestions yet: \d+ active members? in the period \(need 10\); 3 days of history \(need 7\)\./,
    );
  });
});
