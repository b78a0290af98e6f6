import { afterEach, describe, expect, it } from 'vitest';
import type { mock } from 'wechaty-puppet-mock';
import { WechatWorld } from '../wechat/harness.js';
import { Handled } from './handled.js';
import { type Driver, expectAnswers, expectedOutcome, type Person, play, project } from './scenario.js';

/**
 * The scenario through the real wechaty adapter on wechaty-puppet-mock: the people are mock
 * contacts in one room the owner owns; bob is added to the room by alice (WeChat names the inviter).
 */
class WechatDriver implements Driver {
  readonly platform = 'wechat';
  readonly ids: Record<Person, string>;
  private readonly handled: Handled;

  constructor(
    readonly w: WechatWorld,
    readonly contacts: Record<Person, mock.ContactMock>,
    readonly room: mock.RoomMock,
  ) {
    this.ids = Object.fromEntries(Object.entries(contacts).map(([p, c]) => [p, c.id])) as Record<
      Person,
      string
    >;
    this.handled = new Handled(w.bot);
  }

  say(who: Person, text: string): Promise<string[]> {
    return this.step(() => this.contacts[who].say(text).to(this.room), text);
  }

  async join(who: Person, via: Person): Promise<void> {
    await this.step(() => this.room.add(this.contacts[who]).by(this.contacts[via]), `${who} joining`);
  }

  tables() {
    return this.w.store.tables;
  }

  private async step(act: () => void, what: string): Promise<string[]> {
    const before = this.w.botSaid(this.room.id).length;
    const target = this.handled.count + 1;
    act();
    await this.handled.until(target, what);
    // The outbox paces WeChat posts on the test's clock; settle moves it until all went out.
    await this.w.settle();
    return this.w
      .botSaid(this.room.id)
      .slice(before)
      .map((said) => said.text ?? '');
  }
}

describe('the shared scenario through the WeChat adapter on wechaty-puppet-mock', () => {
  let w: WechatWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('ends with the same store as every platform; the help and the refusal were posted', async () => {
    w = await WechatWorld.create();
    const contacts: Record<Person, mock.ContactMock> = {
      owner: w.contact('Owner'),
      alice: w.contact('Alice'),
      bob: w.contact('Bob'),
      carol: w.contact('Carol'),
    };
    const room = w.room('Mango Club', [contacts.owner, contacts.alice, contacts.carol], contacts.owner);
    await w.login();
    const driver = new WechatDriver(w, contacts, room);
    const played = await play(driver);

    // No invite links on WeChat: the answer carries the code, and bob came in added by alice.
    expect(played.invite).toMatch(/^[A-Z0-9]{6}$/);
    expectAnswers(played);
    expect(project(w.store.tables, driver.ids)).toEqual(expectedOutcome('inviter'));
    expect(w.bot.outbox.stats.dropped).toBe(0);
    // The help is several WeChat posts: counted and spaced, none came fast enough to be restricted.
    expect(w.restrictions).toEqual([]);
  }, 30_000);
});
