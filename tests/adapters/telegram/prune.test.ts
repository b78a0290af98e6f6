import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, CAROL, GROUP, textMessage, updates, user } from './fixtures.js';
import { startHarness, type TelegramHarness } from './harness.js';

/**
 * Pruning on Telegram asks getChatMember where each silent member stands now: an admin promoted
 * since their last message (no chat_member update reached the bot) is no candidate, and a member
 * who left unseen (status left) is listed apart and never banned.
 */

const CHAT_ID = String(GROUP.id);
const DAY = 86_400_000;
const DAVE = user(1004, 'Dave');

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const posted = () =>
  h!.api
    .acceptedOf('sendMessage')
    .filter((c) => String(c.params.chat_id) === CHAT_ID)
    .map((c) => String(c.params.text));

/** Bob (the creator) asks; resolves with the bot's answer that starts with `start`. */
async function ask(text: string, start: string): Promise<string> {
  const before = posted().length;
  h!.api.push(updates.message(textMessage(BOB, text, { chat: GROUP })));
  return h!.until(
    () =>
      posted()
        .slice(before)
        .find((t) => t.startsWith(start)),
    `an answer to ${text} starting ${start}`,
  );
}

/** Alice, Carol and Dave speak as plain members, then a month of silence. */
async function silentMonth(): Promise<void> {
  h = await startHarness((api) => api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]));
  for (const who of [ALICE, CAROL, DAVE])
    h.api.push(updates.message(textMessage(who, 'hello', { chat: GROUP })));
  await h.until(() => h!.store.tables.members.size >= 3, 'three members');
  await h.settle();
  h.clock.advance(31 * DAY);
}

describe('telegram: pruning asks the platform', () => {
  it('GIVEN Alice was promoted and Carol left, both unseen by the bot, WHEN /prune runs THEN Alice is no candidate and Carol is listed apart', async () => {
    await silentMonth();
    h!.api.admins.set(CHAT_ID, [
      { id: BOB.id, name: 'Bob', status: 'creator' },
      { id: ALICE.id, name: 'Alice', status: 'administrator' },
    ]);
    h!.api.leaveUnseen(GROUP, CAROL);
    const dry = await ask('/prune', 'Prune dry run');
    expect(dry).toContain('Prune dry run: 1 candidate');
    expect(dry).toContain('• Dave —');
    expect(dry).not.toContain('Alice');
    expect(dry).toContain(
      'Not in the group any more (they left without me seeing it), so not candidates: Carol.',
    );
    const asked = h!.api.callsOf('getChatMember').map((c) => Number(c.params.user_id));
    expect(asked).toEqual(expect.arrayContaining([ALICE.id, CAROL.id, DAVE.id]));
  });

  it('GIVEN Dave was warned WHEN he is promoted before /prune confirm THEN he is not banned, and Carol who left is never banned', async () => {
    await silentMonth();
    h!.api.leaveUnseen(GROUP, CAROL);
    // Neither opened a private chat with the bot: the warning mentions them in the group.
    const warned = await ask('/prune warn', 'Could not reach');
    expect(warned).toMatch(/^Could not reach Alice Wang, Dave privately/);
    expect(posted()).toContain(
      'No longer in the group (they left without me seeing it): recorded as left, nothing to remove: Carol.',
    );
    h!.clock.advance(49 * 3_600_000);
    h!.api.admins.set(CHAT_ID, [
      { id: BOB.id, name: 'Bob', status: 'creator' },
      { id: DAVE.id, name: 'Dave', status: 'administrator' },
    ]);
    const confirmed = await ask('/prune confirm', 'Removed');
    expect(confirmed).toBe('Removed 1: Alice Wang.\nNot removed, admins now: Dave.');
    expect(h!.api.acceptedOf('banChatMember').map((c) => Number(c.params.user_id))).toEqual([ALICE.id]);
  });
});
