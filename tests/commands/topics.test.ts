import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

/** Empties the starter pool and adds the given prompts, so tests know the rotation. */
async function poolOf(group: GroupChat, prompts: string[]): Promise<void> {
  await group.as('owner').says('/topic list');
  for (let no = 1; no <= 5; no++) await group.as('owner').says(`/topic remove ${no}`);
  for (const p of prompts) await group.as('owner').says(`/topic add "${p}"`);
}

const promptsIn = (out: string[]) => out.filter((o) => o.startsWith('💬')).map((o) => o.split('\n')[0]!);

function topicLedger(t: TestBot, user: string): number[] {
  return [...t.store.tables.ledger.values()]
    .filter((e) => e.userId === user && e.reason === 'topic')
    .map((e) => e.delta);
}

describe('topic prompts', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group();
  });
  afterEach(async () => {
    await t.close();
  });

  it('a new group has a starter pool in its language; /topic list shows it next first', async () => {
    const list = await group.as('owner').reply('/topic list');
    expect(list).toContain('Topic prompts, next first (schedule: off)');
    expect(list).toContain('1. What should we buy together next week? Reply with your ideas 🛒 ← next');
    expect(list.split('\n')).toHaveLength(6);
    await group.as('owner').says('/lang zh');
    expect(await group.as('owner').reply('话题')).toContain('1. 下周大家想一起团点什么？');
  });

  it('add refuses unknown variables and changes nothing; remove takes a number from the list', async () => {
    await group.as('owner').says('/topic list');
    const refused = await group.as('owner').reply('/topic add "Hi {nobody} and {members}"');
    expect(refused).toMatch(
      /Unknown variable \{nobody\}\. You can use: \{open_deals\} .* Nothing was added\./,
    );
    expect(t.store.tables.topics.size).toBe(5);
    expect(await group.as('owner').reply('/topic add "Which fruit next, {members} of us?"')).toBe(
      'Added topic 6 to the pool.',
    );
    expect(await group.as('owner').reply('/topic remove 2')).toBe('Removed topic 2.');
    expect(await group.as('owner').reply('/topic remove 2')).toBe('There is no topic 2. See /topic list.');
    expect(await group.as('owner').reply('/topic remove two')).toMatch(/Invalid number/);
    const list = await group.as('owner').reply('/topic list');
    expect(list).toContain('6. Which fruit next, {members} of us?');
    expect(list).not.toContain('2. ');
  });

  it('members cannot manage topics, and nothing changes', async () => {
    for (const text of [
      '/topic add "x"',
      '/topic now',
      '/topic schedule daily 20:00',
      '/topic off',
      '/topic list',
    ]) {
      expect(await group.as('alice').reply(text), text).toMatch(/Only group admins/);
    }
    expect(t.store.tables.topics.size).toBe(0);
    expect(t.store.tables.topicState.size).toBe(0);
  });

  it('rotates in order without repeats until the pool is used up, then starts again', async () => {
    await poolOf(group, ['A?', 'B?', 'C?']);
    const posted: string[] = [];
    for (let i = 0; i < 4; i++) {
      posted.push(...promptsIn(await group.as('owner').says('/topic now')));
      await group.as('alice').says('me!'); // answered: stays used for this round
    }
    expect(posted).toEqual(['💬 Topic: A?', '💬 Topic: B?', '💬 Topic: C?', '💬 Topic: A?']);
  });

  it('a prompt nobody answered goes back into the pool once its window closes', async () => {
    await poolOf(group, ['A?', 'B?', 'C?']);
    await group.as('owner').says('/topic now'); // A, unanswered
    await t.advance('31m');
    await group.as('owner').says('/topic now'); // B
    await group.as('alice').says('B is easy');
    await t.advance('31m');
    const list = (await group.as('owner').reply('/topic list')).split('\n').slice(1);
    expect(list).toEqual(['8. C? ← next', '6. A?', '7. B? (used)']);
  });

  it('fills variables at post time, and skips a prompt whose deal variables have no open deal', async () => {
    await poolOf(group, [
      '{deal} closes in {days_to_close} days; {open_deals} open',
      'Hello {members} members!',
    ]);
    await group.as('alice').says('hi');
    await group.as('alice').says('hi again');
    await group.as('bob').says('hi');
    expect(promptsIn(await group.as('owner').says('/topic now'))).toEqual(['💬 Topic: Hello 3 members!']);
    await group.as('owner').says('/deal new "Mangoes" price=10 ends=3d');
    expect(promptsIn(await group.as('owner').says('/topic now'))).toEqual([
      '💬 Topic: Mangoes closes in 3 days; 1 open',
    ]);
    await poolOf(group, ['Thanks {top_member}, our most active member this week!']);
    expect(promptsIn(await group.as('owner').says('/topic now'))).toEqual([
      '💬 Topic: Thanks alice, our most active member this week!',
    ]);
  });

  it('pays topic.points once per prompt to members who reply within the window or reply to it later', async () => {
    await poolOf(group, ['A?', 'B?']);
    const [prompt] = await group.as('owner').says('/topic now');
    expect(prompt).toBe('💬 Topic: A?\n(Reply within 30 min: +2 points)');
    const promptId = t.adapter.actions.findLast((a) => a.kind === 'send')!.messageId;
    await group.as('alice').says('mangoes!');
    await group.as('alice').says('and lychees');
    await t.advance('29m');
    await group.as('bob').says('durian');
    await t.advance('2m');
    await group.as('carol').says('late chatter');
    await group.as('dave').says('late but on topic', { replyTo: promptId });
    expect(topicLedger(t, 'alice')).toEqual([2]);
    expect(topicLedger(t, 'bob')).toEqual([2]);
    expect(topicLedger(t, 'carol')).toEqual([]);
    expect(topicLedger(t, 'dave')).toEqual([2]);
    expect(t.store.tables.members.get('memory:main/alice')?.points).toBe(2);
    // The next prompt pays again.
    await group.as('owner').says('/settings topic.points=5');
    await group.as('owner').says('/topic now');
    await group.as('alice').says('B!');
    expect(topicLedger(t, 'alice')).toEqual([2, 5]);
  });

  it('schedules with cron or daily HH:MM in the group timezone; a bad expression gets a clear reply', async () => {
    expect(await group.as('owner').reply('/topic schedule "0 20 * * *"')).toBe(
      'Topic prompts scheduled: 0 20 * * *. Next one at 2026-11-25 20:00 (Asia/Shanghai).',
    );
    expect(await group.as('owner').reply('/topic schedule daily 9:30')).toBe(
      'Topic prompts scheduled: 30 9 * * *. Next one at 2026-11-26 09:30 (Asia/Shanghai).',
    );
    const cases: [string, RegExp][] = [
      ['/topic schedule "0 25 * * *"', /not valid: .*Nothing was changed/],
      ['/topic schedule "0 20 * *"', /5 fields \(minute hour day month weekday\), this has 4/],
      ['/topic schedule "*/5 * * * *"', /at most one every 60 minutes/],
      ['/topic schedule daily 25:00', /not valid/],
      ['/topic schedule "0 20 31 2 *"', /not valid/],
    ];
    for (const [text, expected] of cases) expect(await group.as('owner').reply(text), text).toMatch(expected);
    expect(t.store.tables.topicState.get('memory:main')?.cron).toBe('30 9 * * *');
    expect(await group.as('owner').reply('/topic list')).toContain(
      'schedule: 30 9 * * *, next 2026-11-26 09:30 (Asia/Shanghai)',
    );
  });

  it('posts at each slot; a jump of several days posts once; /topic off stops it', async () => {
    await poolOf(group, ['A?', 'B?', 'C?']);
    await group.as('owner').says('/topic schedule daily 20:00'); // 12:00 UTC
    expect(promptsIn(await t.advance('3h'))).toEqual([]); // 11:00 UTC
    expect(promptsIn(await t.advance('1h'))).toEqual(['💬 Topic: A?']);
    expect(promptsIn(await t.advance('3d'))).toEqual(['💬 Topic: B?']);
    expect(promptsIn(await t.advance('1h'))).toEqual([]);
    await group.as('owner').says('/topic off');
    expect(promptsIn(await t.advance('2d'))).toEqual([]);
  });
});
