import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';
import {
  CID,
  driftingMembers,
  fallingConversion,
  nearMissDeal,
  offPeakDeals,
  pilingPoints,
  referrerWithBuyers,
  START,
  World,
} from '../services/insights/world.js';

/** A world where all six rules fire (tests/services/insights/world.ts). */
function allSix(locale: 'en' | 'zh'): World {
  const world = World.base(locale);
  for (const add of [
    offPeakDeals,
    nearMissDeal,
    fallingConversion,
    driftingMembers,
    referrerWithBuyers,
    pilingPoints,
  ])
    add(world);
  return world;
}

/** The suggested commands of a summary: the indented line after each finding (which ends in a colon). */
function suggestedCommands(summary: string): string[] {
  const lines = summary.split('\n');
  return lines
    .filter((line, i) => i > 0 && /^ {3}\S/.test(line) && /[:：]$/.test(lines[i - 1]!))
    .map((l) => l.trim());
}

describe('suggestions in /report', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  async function botWith(world: World) {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai', capabilities: { images: false } });
    await t.store.mutate((tx) => world.putInto(tx));
    return t.group();
  }

  /** What each kind of suggested command changed: a new deal, a schedule, points awarded, a setting. */
  function state() {
    const tables = t.store.tables;
    return {
      deals: tables.deals.by('community', CID).length,
      cron: tables.topicState.get(CID)?.cron,
      awards: tables.ledger.by('member', `${CID}/m01`).filter((e) => e.reason === 'award').length,
      maxPct: tables.communities.get(CID)?.settings['points.max_pct'],
    };
  }

  for (const [locale, ask] of [
    ['en', '/report 7d'],
    ['zh', '报告 7天'],
  ] as const)
    it(`${locale}: six suggestions, each with its numbers; every command typed back as the admin is carried out`, async () => {
      const group = await botWith(allSix(locale));
      const [summary] = await group.as('owner').says(ask);
      const commands = suggestedCommands(summary!);
      expect(commands).toEqual(
        locale === 'en'
          ? [
              '/deal copy #3 starts="tomorrow 20:00"',
              '/deal copy #4 min=4',
              '/deal copy #5',
              '/topic schedule daily 20:00',
              '/award @m01 20 invitees bought',
              '/settings points.max_pct=75',
            ]
          : [
              '复制团购 #3 开始=明天20:00',
              '复制团购 #4 成团=4',
              '复制团购 #5',
              '话题 定时 每天 20:00',
              '奖励积分 @m01 20 邀请的成员下了单',
              '设置 积分抵扣上限百分比=75',
            ],
      );
      if (locale === 'en') {
        expect(summary).toContain('💡 Suggestions:');
        expect(summary).toMatch(
          /⏰ Members talk most at 20:00, 16:00 \(100% of 61 messages\), but 5 of 6 deals opened at other hours/,
        );
        expect(summary).toContain('🔁 #4 Deal 4 failed 1 buyer short (4 of 5, open 48 h)');
        // A named member's invitees' money stays out of the chat (the digest posts it to the group).
        expect(summary).toContain(
          '🎁 2 members m01 invited bought in the period. Thank them with 20 points:',
        );
        expect(summary).not.toMatch(/🎁[^\n]*¥/);
      } else {
        expect(summary).toContain('💡 建议：');
        expect(summary).toContain('🔁 #4 Deal 4 差 1 人未成团（5 人成团，到了 4 人，开团 48 小时）');
        expect(summary).toContain('🎁 m01 邀请的 2 位成员本期下了单。奖励 20 积分以示感谢：');
        expect(summary).not.toMatch(/🎁[^\n]*¥/);
        const block = summary!.slice(summary!.indexOf('💡'));
        expect(englishWords(block, ['Deal', 'm01'])).toEqual([]);
      }
      for (const command of commands) {
        const before = state();
        const replies = await group.as('owner').says(command);
        expect(replies.join('\n'), command).not.toMatch(/Unknown command|未知命令|Usage:|用法/);
        const after = state();
        if (/deal copy|复制团购/.test(command)) expect(after.deals, command).toBe(before.deals + 1);
        else if (/topic schedule|话题 定时/.test(command)) expect(after.cron, command).toBe('0 20 * * *');
        else if (/award|奖励积分/.test(command)) expect(after.awards, command).toBe(before.awards + 1);
        else expect(after.maxPct, command).toBe('75');
      }
      // Acted on: the reward is no longer suggested.
      const [again] = await group.as('owner').says(ask);
      expect(suggestedCommands(again!).some((c) => /award|奖励积分/.test(c))).toBe(false);
    });

  it('/report json carries the suggestions as data, in the published shape', async () => {
    const group = await botWith(allSix('en'));
    const [sent] = await group.as('owner').says('/report 7d json');
    const json = JSON.parse(await readFile(sent!.replace(/^\[dm owner\] file: /, ''), 'utf8'));
    // The section's shape (other sections have tests of their own).
    const suggestions = ReportJsonSchema.shape.suggestions.parse(json.suggestions);
    if (suggestions.kind !== 'ok') throw new Error('thin');
    expect(suggestions.items.map((s) => s.rule)).toHaveLength(6);
    expect(suggestions.items[1]).toEqual({
      rule: 'near_miss',
      evidence: { deal: 4, title: 'Deal 4', min: 5, buyers: 4, ranHours: 48, nearMisses: 1 },
      command: {
        name: 'deal copy',
        args: [
          { kind: 'deal', no: 4 },
          { kind: 'count', key: 'min', value: 4 },
        ],
      },
    });
  });

  it('with topic prompts already scheduled, the prune dry run suggested runs and changes nothing', async () => {
    const group = await botWith(driftingMembers(World.base()).topicsScheduled());
    const [summary] = await group.as('owner').says('/report 7d');
    expect(summary).toContain('🔻 Marginal members grew from 0% to 60.6% of the group (0 of 33 → 20 of 33)');
    expect(suggestedCommands(summary!)).toEqual(['/prune']);
    const members = t.store.tables.members.by('community', CID).filter((m) => m.status === 'active').length;
    const [dryRun] = await group.as('owner').says('/prune');
    expect(dryRun).not.toMatch(/Unknown command/);
    expect(t.store.tables.members.by('community', CID).filter((m) => m.status === 'active')).toHaveLength(
      members,
    );
  });

  it('a new group: the report says there is not enough data yet, in either language', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai', capabilities: { images: false } });
    const group = t.group();
    const [en] = await group.as('owner').says('/report');
    expect(en).toContain(
      '💡 Not enough data for suggestions yet: 1 active member in the period (need 10); 0 days of history (need 7).',
    );
    await group.as('owner').says('/lang zh');
    const [zh] = await group.as('owner').says('报告');
    expect(zh).toContain(
      '💡 数据还不够，暂无建议：本期活跃成员 1 人（需要 10 人）；数据只有 0 天（需要 7 天）。',
    );
  });

  it('each message counts in its local hour (Activity.hours)', async () => {
    // 12:30 UTC is 20:30 in Shanghai.
    t = await TestBot.create({ start: '2026-11-25T12:30:00Z', timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('alice').says('hello');
    await group.as('alice').says('anyone here?');
    await t.advance('1h');
    await group.as('alice').says('hi again');
    const bucket = t.store.tables.activity.get(`${CID}/alice|2026-11-25`)!;
    expect(bucket.messages).toBe(3);
    expect(bucket.hours?.[20]).toBe(2);
    expect(bucket.hours?.[21]).toBe(1);
    expect(bucket.hours?.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
