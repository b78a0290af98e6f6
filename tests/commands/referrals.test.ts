import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

const balance = (t: TestBot, user: string) => t.store.tables.members.get(`memory:main/${user}`)?.points ?? 0;
const referral = (t: TestBot, user: string) => t.store.tables.referrals.get(`memory:main/${user}`);

describe('invites and referral rewards', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function inviteOf(user: string): Promise<{ link: string; code: string }> {
    const reply = await t.group().as(user).reply('/invite');
    return {
      link: /link: (\S+)/.exec(reply)?.[1] ?? '',
      code: /code: ([A-Z0-9]{6})/.exec(reply)![1]!,
    };
  }

  it('/invite gives a personal link where the platform makes links, and always a code; the same on asking again', async () => {
    const first = await inviteOf('alice');
    expect(first.link).toBe('https://invite.memory/main/alice');
    expect(first.code).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
    expect(await inviteOf('alice')).toEqual(first);
  });

  it('without invite links (WeChat-like) the code is still given', async () => {
    const plain = await TestBot.create({ capabilities: { inviteLinks: false } });
    const reply = await plain.group().as('alice').reply('/invite');
    expect(reply).not.toContain('link');
    expect(reply).toMatch(/code: [A-Z0-9]{6}/);
    await plain.close();
  });

  it.each([
    ['an invite link the platform reports', 'link'],
    ['the platform inviter (WeChat room-join)', 'inviter'],
    ['a code sent within 24 h', 'code'],
  ])('attribution from %s, then the join reward after the hold and a message', async (_name, how) => {
    const group = t.group();
    const { link, code } = await inviteOf('alice');
    if (how === 'link') await group.join('bob', { invite: link });
    if (how === 'inviter') await group.join('bob', { inviter: 'alice' });
    if (how === 'code') {
      await group.join('bob');
      expect(await group.as('bob').reply(code.toLowerCase())).toBe('Thanks! You were invited by alice.');
    }
    expect(referral(t, 'bob')).toMatchObject({ inviterId: 'alice', status: 'pending', source: how });
    await t.advance('3d');
    // Sending the code is a message; otherwise the invitee has not spoken yet.
    if (how !== 'code') expect(referral(t, 'bob')?.status).toBe('pending');
    await group.as('bob').says('hello everyone');
    await t.advance('1m');
    expect(referral(t, 'bob')?.status).toBe('qualified');
    expect(balance(t, 'alice')).toBe(5);
    await t.advance('1d');
    expect(balance(t, 'alice')).toBe(5); // paid once
  });

  it('no inviter and no code: organic; a code after 24 h is too late', async () => {
    const group = t.group();
    const { code } = await inviteOf('alice');
    await group.join('bob');
    expect(referral(t, 'bob')).toBeUndefined();
    await t.advance('25h');
    expect(await group.as('bob').reply(`/ref ${code}`)).toBe(
      'Invite codes count only within 24 h of joining.',
    );
    expect(await group.as('bob').says(code)).toEqual([]); // a bare word is left alone
    expect(referral(t, 'bob')).toBeUndefined();
  });

  it('attribution is never reassigned', async () => {
    const group = t.group();
    await inviteOf('alice');
    const carol = await inviteOf('carol');
    await group.join('bob', { inviter: 'alice' });
    expect(await group.as('bob').reply(`/ref ${carol.code}`)).toBe(
      'You are already recorded as invited by alice; that never changes.',
    );
    expect(referral(t, 'bob')?.inviterId).toBe('alice');
  });

  describe('fraud that does not pay, each with a reason the inviter sees', () => {
    it('self-invite', async () => {
      const { code } = await inviteOf('alice');
      await t.group().join('alice2');
      await t.group().join('alice', { invite: code });
      expect(referral(t, 'alice')).toMatchObject({ status: 'rejected', reason: 'self_invite' });
      expect(await t.group().as('alice').reply('/invites')).toContain('you cannot invite yourself');
    });

    it('leave and rejoin: never a second reward, the original inviter keeps the credit', async () => {
      const group = t.group();
      const carol = await inviteOf('carol');
      await group.join('bob', { inviter: 'alice' });
      await group.as('bob').says('hi');
      await t.advance('3d');
      expect(balance(t, 'alice')).toBe(5);
      await group.leave('bob');
      await group.join('bob', { invite: carol.code });
      await group.as('bob').says('back again');
      await t.advance('4d');
      expect(referral(t, 'bob')?.inviterId).toBe('alice');
      expect(balance(t, 'alice')).toBe(5);
      expect(balance(t, 'carol')).toBe(0);
    });

    it('a member the bot saw before who "joins" through a link earns nothing: rejoin', async () => {
      const group = t.group();
      const { link } = await inviteOf('alice');
      await group.as('bob').says('I was here before the bot');
      await group.join('bob', { invite: link });
      expect(referral(t, 'bob')).toMatchObject({ status: 'rejected', reason: 'rejoin' });
    });

    it('bot accounts', async () => {
      const { link } = await inviteOf('alice');
      await t.group().join('spam_bot', { invite: link, isBot: true });
      expect(referral(t, 'spam_bot')).toMatchObject({ status: 'rejected', reason: 'bot' });
      expect(t.store.tables.members.get('memory:main/spam_bot')).toBeUndefined();
      expect(await t.group().as('alice').reply('/invites')).toContain('spam_bot — rejected: a bot account');
    });

    it('accounts younger than ref.min_account_age where the platform tells it', async () => {
      const { link } = await inviteOf('alice');
      await t.bot.handle(t.adapter, {
        type: 'member_joined',
        id: 'young',
        chat: t.group().chat,
        member: { id: 'newbie', name: 'newbie', accountCreatedAt: '2026-11-24T08:00:00Z' },
        invite: link,
      });
      expect(referral(t, 'newbie')).toMatchObject({ status: 'rejected', reason: 'young_account' });
    });

    it('more than ref.dailycap rewards per inviter per day', async () => {
      const group = t.group();
      await group.as('owner').says('/settings ref.dailycap=2');
      for (const name of ['b1', 'b2', 'b3']) {
        await group.join(name, { inviter: 'alice' });
        await group.as(name).says('hi');
      }
      await t.advance('3d');
      expect(balance(t, 'alice')).toBe(10);
      const reasons = ['b1', 'b2', 'b3'].map((n) => referral(t, n)?.reason ?? referral(t, n)?.status);
      expect(reasons.sort()).toEqual(['daily_cap', 'qualified', 'qualified']);
    });

    it('invitee leaves during the hold', async () => {
      const group = t.group();
      await group.join('bob', { inviter: 'alice' });
      await group.as('bob').says('hi');
      await t.advance('1d');
      await group.leave('bob');
      await t.advance('3d');
      expect(referral(t, 'bob')).toMatchObject({ status: 'rejected', reason: 'left_during_hold' });
      expect(balance(t, 'alice')).toBe(0);
      expect(await group.as('alice').reply('/invites')).toContain('left before the hold period ended');
    });
  });

  describe('first-order rewards', () => {
    it('when the first order in a formed deal is marked paid: inviter +20, invitee +10, once', async () => {
      const group = t.group();
      await group.join('bob', { inviter: 'alice' });
      await group.as('owner').says('/deal new "Mangoes" price=10 min=2');
      await group.as('bob').says('+1');
      await group.as('carol').says('+1');
      expect((await group.as('owner').says('/paid #1 bob'))[0]).toContain('marked paid');
      expect(balance(t, 'alice')).toBe(20);
      expect(balance(t, 'bob')).toBe(10);
      await group.as('owner').says('/deal new "Eggs" price=5 min=1');
      await group.as('bob').says('+1 #2');
      await group.as('owner').says('/paid #2 bob');
      expect(balance(t, 'alice')).toBe(20);
      expect(await group.as('alice').reply('/invites')).toContain(
        'bob — pending: counts after they stay the hold period and speak · bought',
      );
    });

    it('a paid order in a deal that never forms pays nothing; without payment tracking the close pays', async () => {
      const group = t.group();
      await group.join('bob', { inviter: 'alice' });
      await group.as('owner').says('/deal new "Mangoes" price=10 min=5');
      await group.as('bob').says('+1');
      await group.as('owner').says('/paid #1 bob');
      expect(balance(t, 'alice')).toBe(0);
      await group.as('owner').says('/settings orders.track_payment=off');
      await group.as('owner').says('/deal new "Eggs" price=5 min=1');
      await group.as('bob').says('+1 #2');
      await group.as('owner').says('/deal close #2');
      expect(balance(t, 'alice')).toBe(20);
      expect(balance(t, 'bob')).toBe(10);
    });
  });

  it("admins see anyone's invites; members only their own", async () => {
    await t.group().as('alice').says('hi');
    await t.group().join('bob', { inviter: 'alice' });
    expect(await t.group().as('owner').reply('/invites @alice')).toContain('alice invited 1');
    expect(await t.group().as('carol').reply('/invites @alice')).toContain('Only group admins');
  });
});
