import { afterEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * The deal card shows how far the collection (收款) went — `Paid: 1 of 2 buyers`, a count, nobody
 * named — and is edited whenever a payment changes that count (issue #21).
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** The card edits among what the bot did. */
const edits = (out: string[]) => out.filter((line) => line.startsWith('edited '));

/**
 * Runs a step after the card's edit interval passed (so an edit it causes goes out with it), and
 * returns the card edits it caused.
 */
async function cardEdits(step: () => Promise<string[]>): Promise<string[]> {
  await t.advance('10s');
  return edits(await step());
}

/** A deal of min 2 that formed: alice ×1 and bob ×2 (¥45.00 each unit). */
async function formedDeal(locale: 'en' | 'zh' = 'en'): Promise<GroupChat> {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale });
  const group = t.group();
  await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h');
  await group.as('alice').says('+1');
  await group.as('bob').says('+2');
  return group;
}

/** The card as last edited, and the chat it is in. */
function lastCard(): { text: string; chatId: string } {
  const last = t.adapter.actions.findLast((a) => a.kind === 'edit');
  if (last?.kind !== 'edit') throw new Error('the card was never edited');
  return { text: last.text, chatId: last.chat.chatId };
}

describe('GIVEN a deal that formed', () => {
  it('WHEN nobody has paid THEN the card says nothing about payments; a claim alone changes nothing', async () => {
    const group = await formedDeal();
    const card = await cardEdits(() => group.as('carol').says('+1'));
    expect(card).toHaveLength(1);
    expect(card[0]).toContain('#1 Mangoes');
    expect(card[0]).not.toContain('Paid:');
    // The member says they paid: not paid until an admin confirms, so the card is not edited.
    expect(await cardEdits(() => group.as('alice').says('已付 #1'))).toEqual([]);
  });

  it('WHEN an admin confirms a claim, then marks another member paid THEN the card counts 1, then 2 of 2 buyers', async () => {
    const group = await formedDeal();
    await group.as('alice').says('已付 #1');
    const confirmed = await cardEdits(() => group.as('owner').says('/confirm #1 @alice'));
    expect(confirmed).toEqual([expect.stringContaining('Paid: 1 of 2 buyers')]);
    // Nobody is named on it, nor any amount beyond the roster's.
    expect(confirmed[0]).not.toMatch(/alice.*paid|¥45\.00 paid/i);
    const marked = await cardEdits(() => group.as('owner').says('/paid #1 @bob'));
    expect(marked).toEqual([expect.stringContaining('Paid: 2 of 2 buyers')]);
    // Marking again changes nothing: no edit.
    expect(await cardEdits(() => group.as('owner').says('/paid #1 @bob'))).toEqual([]);
  });

  it('WHEN a paid member is refunded in full THEN the count goes back; a partial refund (an allowance) keeps them paid', async () => {
    const group = await formedDeal();
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('/paid #1 @bob');
    await t.advance('10s');
    expect(lastCard().text).toContain('Paid: 2 of 2 buyers');
    // ¥10 back for two bad mangoes: bob still paid all his line now costs.
    expect(await cardEdits(() => group.as('owner').says('/refund #1 @bob 10 two bad mangoes'))).toEqual([]);
    expect(await cardEdits(() => group.as('owner').says('/refund #1 @alice'))).toEqual([
      expect.stringContaining('Paid: 1 of 2 buyers'),
    ]);
    // The last paid member refunded in full: nobody has paid, the line goes.
    const none = await cardEdits(() => group.as('owner').says('/refund #1 @bob'));
    expect(none).toHaveLength(1);
    expect(none[0]).toContain('#1 Mangoes');
    expect(none[0]).not.toContain('Paid:');
  });

  it('WHEN a claim is rejected THEN the count stays as it was (a claim never counted): no edit', async () => {
    const group = await formedDeal();
    await group.as('owner').says('/paid #1 @alice');
    await group.as('bob').says('已付 #1');
    await t.advance('10s');
    expect(lastCard().text).toContain('Paid: 1 of 2 buyers');
    expect(await cardEdits(() => group.as('owner').says('/reject #1 @bob no transfer received'))).toEqual([]);
    expect(await group.as('bob').reply('/myorders')).toContain('owing');
  });

  it('WHEN an admin confirms from a private chat with the bot THEN the card in the group is edited', async () => {
    const group = await formedDeal();
    await group.as('alice').says('已付 #1');
    await t.advance('10s');
    const out = await t.dm('owner').says('/confirm #1 all');
    expect(edits(out)).toEqual([expect.stringContaining('Paid: 1 of 2 buyers')]);
    expect(lastCard().chatId).toBe(group.chat.chatId);
  });

  it('a member with several lines counts once; a withdrawn line is nobody’s', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Tees" price=59 options="S,M" min=2 ends=48h');
    await group.as('alice').says('+1 S');
    await group.as('alice').says('+1 M');
    await group.as('bob').says('+1 S');
    await group.as('carol').says('+1 M');
    await group.as('carol').says('-1');
    await group.as('alice').says('已付 #1');
    expect(await cardEdits(() => group.as('owner').says('/confirm #1 @alice'))).toEqual([
      expect.stringContaining('Paid: 1 of 2 buyers'),
    ]);
  });
});

describe('GIVEN a Chinese group whose deal formed', () => {
  it('WHEN the organiser confirms a payment THEN the card says 已付款：1/2 人, and goes back on a full refund', async () => {
    const group = await formedDeal('zh');
    await group.as('alice').says('已付 #1');
    const confirmed = await cardEdits(() => group.as('owner').says('确认收款 #1 @alice'));
    expect(confirmed).toEqual([expect.stringContaining('已付款：1/2 人')]);
    expect(confirmed[0]).not.toContain('Paid');
    const back = await cardEdits(() => group.as('owner').says('退款 #1 @alice'));
    expect(back).toHaveLength(1);
    expect(back[0]).not.toContain('已付款');
  });
});
