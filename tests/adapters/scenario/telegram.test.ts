import type { User } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, GROUP, memberChange, textMessage, updates, user } from '../telegram/fixtures.js';
import { startHarness, type TelegramHarness } from '../telegram/harness.js';
import { Handled } from './handled.js';
import { type Driver, expectAnswers, expectedOutcome, type Person, play, project } from './scenario.js';

const OWNER = user(1000, 'Owner');
const USERS: Record<Person, User> = { owner: OWNER, alice: ALICE, bob: BOB, carol: CAROL };
const CHAT_ID = String(GROUP.id);

/** The scenario through the real telegraf adapter, fed updates by the fake Bot API. */
class TelegramDriver implements Driver {
  readonly platform = 'telegram';
  readonly ids = Object.fromEntries(
    Object.entries(USERS).map(([person, u]) => [person, String(u.id)]),
  ) as Record<Person, string>;
  private readonly handled: Handled;
  private messageId = 1;

  constructor(readonly h: TelegramHarness) {
    this.handled = new Handled(h.bot);
  }

  say(who: Person, text: string): Promise<string[]> {
    return this.step(() => {
      this.h.api.push(updates.message(textMessage(USERS[who], text, { id: this.messageId++ })));
    }, text);
  }

  async join(who: Person, _via: Person, invite: string): Promise<void> {
    // Telegram tells which invite link a member joined through in the chat_member update.
    await this.step(() => {
      this.h.api.push(updates.chatMember(memberChange(USERS[who], 'left', 'member', { invite })));
    }, `${who} joining`);
  }

  tables() {
    return this.h.store.tables;
  }

  /** Texts the bot sent to the group (sendMessage calls), in order. */
  sent(): string[] {
    return this.h.api
      .callsOf('sendMessage')
      .filter((c) => String(c.params.chat_id) === CHAT_ID)
      .map((c) => String(c.params.text));
  }

  private async step(push: () => void, what: string): Promise<string[]> {
    const before = this.sent().length;
    const target = this.handled.count + 1;
    push();
    // The outbox paces on the harness's manual clock (and the fake counts its limits on it).
    await this.handled.until(target, what, () => this.h.clock.advance(250));
    await this.h.settle();
    return this.sent().slice(before);
  }
}

describe('the shared scenario through the Telegram adapter against a fake Bot API', () => {
  let h: TelegramHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('ends with the same store as every platform; the help and the refusal were sent', async () => {
    h = await startHarness((api) =>
      api.admins.set(CHAT_ID, [{ id: OWNER.id, name: 'Owner', status: 'creator' }]),
    );
    const driver = new TelegramDriver(h);
    const played = await play(driver);

    expect(played.invite).toMatch(/^https:\/\/t\.me\/\+/);
    expect(h.api.callsOf('createChatInviteLink')).toHaveLength(1);
    expectAnswers(played);
    expect(project(h.store.tables, driver.ids)).toEqual(expectedOutcome('link'));
    expect(h.bot.outbox.stats.dropped).toBe(0);
    // The fake refuses like Telegram (1 a second, 20 a minute): the outbox's pacing never hits it.
    expect(h.api.refused(429)).toBe(0);
  }, 30_000);
});
