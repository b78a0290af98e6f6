import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

/** What the bot did that is not words: a reaction on a message, a picture, a file. */
const NOT_TEXT = /^bot: (?:\S+ on \S+|image: |(?:\[dm \w+\] )?file: )/;

/**
 * Names and codes this session puts in, the bot's own name, setting names (typed as `tz=`), and
 * the wrong words the session types, which a refusal rightly quotes back.
 */
const ALLOWED = [
  ...['owner', 'alice', 'bob', 'carol', 'main', 'tuanbot'],
  ...['tz', 'currency'],
  ...['next-year', 'nonsense', 'nosuchcommand', 'pdf', 'year', 'every evening'],
];

/**
 * A Chinese group's evening, through the real bot: the leader opens a deal with options, members
 * order the ways they do (and make a mistake), the leader closes it, members check in and look at
 * their points, the leader reads the report, the prune preview, the topics, and types a few
 * commands wrong. Not one English word may reach the group, except names, codes, commands and
 * the abbreviations everyone uses (GMV, CSV).
 */
describe('a Chinese group hears no English', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group();
    await group.as('owner').says('/lang zh');
  });
  afterEach(async () => {
    await t.close();
  });

  it('from /help to /privacy, mistakes and bad arguments included', async () => {
    const transcript: string[] = [];
    const say = async (who: string, text: string) => {
      const out = await group.as(who).says(text);
      transcript.push(`${who}> ${text}`, ...out.map((o) => `bot: ${o}`));
      return out;
    };
    await say('owner', '/help');
    await say('alice', '帮助');
    await say('owner', '/help deal');
    await say('owner', '帮助 清理');
    await say(
      'owner',
      '/deal new "赣南脐橙" price=59 min=2 stock=30 limit=5 unit=箱 options="大份,小份" pickup="东门"',
    );
    await say('alice', '+1 大份');
    await say('bob', '接龙 2 小份');
    await say('carol', '+1 特大份'); // an option the deal does not have
    await say('carol', '+9 大份'); // over the limit
    await say('carol', '/join #1 0'); // a quantity of nothing
    await say('carol', '/join 3'); // not a deal code
    await say('alice', '/myorders');
    await say('owner', '/orders #1');
    await say('owner', '/orders #1 unpaid');
    await say('owner', '/orders #1 pdf');
    await say('owner', '/deal close #1');
    await say('alice', '/checkin');
    await say('alice', '/checkin');
    await say('alice', '/points');
    await say('alice', '/history');
    await say('alice', '/top');
    await say('alice', '/top year');
    await say('owner', '/report');
    await say('owner', '/report 7天');
    await say('owner', '/report next-year');
    await say('owner', '/prune');
    await say('owner', '/prune warn');
    await say('owner', '/topic list');
    await say('owner', '/topic remove abc');
    await say('owner', '/topic schedule every evening');
    await say('owner', '/settings');
    await say('owner', '/settings prune.after=soon');
    await say('owner', '/settings nonsense=1');
    await say('alice', '/privacy');
    await say('alice', '/privacy data');
    await say('alice', '/privacy on nonsense');
    await say('alice', '/forget');
    await say('alice', '/award @bob 5'); // a member trying an admin command
    await say('owner', '/award @nobody 5');
    await say('owner', '/deal nonsense');
    await say('owner', '/nosuchcommand');
    await say('owner', '/deal new "未闭合');

    const english = transcript
      .filter((line) => line.startsWith('bot: ') && !NOT_TEXT.test(line))
      // `[dm alice]` says where the test chat saw it go (privately), not what the bot wrote.
      .map((line) => line.replace(/^bot: (?:edited \S+: )?(?:\[dm \w+\] )?/, ''))
      .map((line) => ({ line, words: englishWords(line, ALLOWED) }))
      .filter((found) => found.words.length > 0)
      .map((found) => `${found.words.join(' ')} ← ${found.line}`);
    expect(english, transcript.join('\n')).toEqual([]);
    // The session did what it says: the deal formed with both buyers and was closed (成团).
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ status: 'closed', buyers: 2 });
    expect(transcript.filter((l) => l.startsWith('bot: ')).length).toBeGreaterThan(40);
  });
});
