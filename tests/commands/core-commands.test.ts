import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

describe('core commands through the real bot', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create();
  });
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN a member WHEN they ask /help THEN member commands are listed and admin ones are not', async () => {
    const reply = await t.group().as('alice').reply('/help');
    expect(reply).toContain('/whoami');
    expect(reply).not.toContain('/lang');
    // ordering by text is not a command, so help says how
    expect(reply).toContain('To join a deal just send +1');
  });

  it('GIVEN the owner WHEN they ask /help THEN they are pointed to /help admin, which lists the admin commands', async () => {
    const reply = await t.group().as('owner').reply('/help');
    expect(reply).not.toContain('/lang');
    expect(reply).toContain('For admins: send /help admin');
    expect(await t.group().as('owner').reply('/help admin')).toContain('/lang');
    // A member asking for the admins' list gets their own.
    const member = await t.group().as('alice').reply('/help admin');
    expect(member).not.toContain('/lang');
    expect(member).not.toContain('/help admin');
  });

  it('/help CMD explains one command with its usage; a Chinese keyword works without a slash', async () => {
    expect(await t.group().as('alice').reply('/help lang')).toContain('/lang zh|en');
    expect(await t.group().as('alice').reply('帮助')).toContain('/whoami');
  });

  it('/help join and /help cancel give what the short list leaves out: points, ordering for someone, one option, @member', async () => {
    const members = await t.group().as('alice').reply('/help');
    expect(members.length).toBeLessThan(2000);
    expect(members).not.toContain('use=N');
    const join = await t.group().as('alice').reply('/help join');
    expect(join).toContain('use=N pays part of the price with N of your points. Admins only: for=NAME');
    const cancel = await t.group().as('alice').reply('/help cancel');
    expect(cancel).toContain('Name an option to withdraw only that one');
    expect(cancel).toContain('Admins only: @member withdraws');
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('alice').reply('帮助 参团')).toContain('for=名字 替别人代订，仅限管理员');
    expect(await t.group().as('alice').reply('帮助 取消订单')).toContain(
      '仅限管理员：@成员 取消该成员的订单',
    );
  });

  it('a member cannot change the language, and nothing changes', async () => {
    const group = t.group();
    expect(await group.as('alice').reply('/lang zh')).toMatch(/Only group admins/);
    expect(await group.as('alice').reply('/whoami')).toContain('Role: member');
  });

  it('an admin switches the language; later replies come in Chinese', async () => {
    const group = t.group().admin('bob');
    expect(await group.as('bob').reply('/lang zh')).toContain('简体中文');
    expect(await group.as('alice').reply('/lang en')).toContain('只有群管理员');
    expect(await group.as('alice').reply('/nope')).toContain('未知命令');
  });

  it('wrong arguments name the problem and show the usage', async () => {
    const reply = await t.group().as('owner').reply('/lang fr');
    expect(reply).toContain('Invalid locale');
    expect(reply).toContain('Usage: /lang zh|en');
    expect(await t.group().as('owner').reply('/lang zh extra')).toContain('Unexpected extra argument');
    expect(await t.group().as('owner').reply('/lang "zh')).toContain('quote is not closed');
  });

  it('unknown commands get a hint, plain chatter gets no reply', async () => {
    expect(await t.group().as('alice').reply('/hepl')).toContain('Did you mean /help');
    expect(await t.group().as('alice').says('good morning everyone')).toEqual([]);
  });

  it('/whoami counts messages and records the inviter of a member who joined', async () => {
    const group = t.group();
    await group.join('bob', { inviter: 'alice' });
    await group.as('alice').says('hi');
    await group.as('bob').says('hello');
    const reply = await group.as('bob').reply('/whoami');
    expect(reply).toContain('Messages: 2');
    expect(reply).toContain('Invited by: alice');
  });

  it('GIVEN a member edits a message twice THEN the activity counts one message; a command counts as one', async () => {
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=9.9 min=2');
    await group.as('alice').says('+1', { id: 'm1' });
    for (const [i, body] of ['+2', '+3'].entries())
      await t.bot.handle(t.adapter, {
        type: 'message',
        id: 'm1',
        editedAt: `2026-11-25T08:0${i + 1}:00Z`,
        chat: group.chat,
        sender: { id: 'alice', name: 'alice', role: 'member' },
        text: body,
      });
    await t.bot.idle(); // the card's edits go out before the next question, as between messages in a chat
    // `+1` and this /whoami: the edits changed the order, not how much alice said.
    expect(await group.as('alice').reply('/whoami')).toContain('Messages: 2');
    const today = [...t.store.tables.activity.values()].filter((a) => a.userId === 'alice');
    expect(today.map((a) => a.messages)).toEqual([2]);
    expect(await group.as('owner').reply('/whoami')).toContain('Messages: 2');
  });

  it('a redelivered message (same platform id) is handled once', async () => {
    const group = t.group();
    const first = await group.as('alice').says('/whoami', { id: 'same' });
    const again = await group.as('alice').says('/whoami', { id: 'same' });
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
  });

  it('bot accounts are never counted as members', async () => {
    const group = t.group();
    await group.join('spam_bot', { isBot: true });
    expect(t.store.tables.members.get('memory:main/spam_bot')).toBeUndefined();
  });

  it('/start welcomes in the group and in private', async () => {
    expect(await t.group().as('alice').reply('/start')).toContain('group buys');
    expect(await t.dm('alice').reply('/start')).toContain('Add me to your group');
  });

  it('an event arriving after shutdown is dropped quietly, not thrown at the adapter', async () => {
    const late = await TestBot.create();
    await late.bot.stop();
    await expect(
      late.bot.handle(late.adapter, {
        type: 'message',
        id: 'late',
        chat: late.group().chat,
        sender: { id: 'alice', name: 'alice' },
        text: '/help',
      }),
    ).resolves.toBeUndefined();
    expect(late.adapter.actions).toEqual([]);
  });

  it('a group-only command in private without a known group says where to use it', async () => {
    expect(await t.dm('stranger').reply('/whoami')).toContain("I don't know which group");
  });
});
