import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { PHRASING_DEAL, PHRASING_GROUPS, type Phrasing } from '../helpers/phrasings.js';

/**
 * The phrasing table through the real bot: each message is said by a member in a group whose deal
 * #3 「丹东草莓」 has the case's options and roster, and what the group sees and what is stored must
 * match what the message means. Withdrawals and changes start from a line the member holds.
 */

let t: TestBot;
let groups = 0;

beforeAll(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
});
afterAll(async () => {
  await t.close();
});

/** A fresh group whose deal #3 is the case's deal, with its roster already ordered. */
async function groupFor(phrasing: Phrasing) {
  const group = t.group(`g${++groups}`);
  const owner = group.as('owner');
  // Deals #1 and #2 exist and are cancelled, so the deal the text means is #3.
  await owner.says('/deal new "旧团一" price=1');
  await owner.says('/deal new "旧团二" price=1');
  await owner.says('/deal cancel #1');
  await owner.says('/deal cancel #2');
  const options = phrasing.options?.length ? ` options="${phrasing.options.join(',')}"` : '';
  await owner.says(`/deal new "${PHRASING_DEAL.title}" price=39.9 min=10 unit=盒${options}`);
  for (const name of phrasing.roster ?? []) {
    if (name === 'owner') continue;
    await group.as(name).says(`/join #3 1${phrasing.options?.length ? ` ${phrasing.options[0]}` : ''}`);
  }
  return group;
}

function linesOf(groupName: string, user: string) {
  return [...t.store.tables.orders.values()]
    .filter((o) => o.communityId === `memory:${groupName}` && o.userId === user && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map((o) => ({
      qty: o.qty,
      ...(o.option !== undefined ? { option: o.option } : {}),
      ...(o.note !== undefined ? { note: o.note } : {}),
      ...(o.for !== undefined ? { for: o.for } : {}),
    }));
}

const SPEAKER = '小林';

for (const [kind, cases] of Object.entries(PHRASING_GROUPS)) {
  describe(`接龙 as members write it: ${kind}`, () => {
    it.each(cases.map((c) => [c.text, c] as const))('%s', async (_text, phrasing) => {
      const group = await groupFor(phrasing);
      const speaker = group.as(SPEAKER);
      const expected = phrasing.expect;
      const hasOptions = (phrasing.options?.length ?? 0) > 0;
      if (
        expected !== 'chatter' &&
        (expected.kind === 'cancel' || (expected.kind === 'order' && expected.change))
      ) {
        // Something to withdraw or change: the member already holds one line.
        const held = expected.kind === 'cancel' ? expected.option : expected.lines[0]?.option;
        await speaker.says(`/join #3 1${held ? ` ${held}` : hasOptions ? ` ${phrasing.options![0]}` : ''}`);
      }
      if (expected !== 'chatter' && expected.kind === 'order' && expected.usePoints !== undefined) {
        // Points to spend: the member has spoken before and an admin awarded them.
        await speaker.says('大家好');
        await group.as('owner').says(`/award @${SPEAKER} 500`);
      }
      const before = linesOf(group.name, SPEAKER);
      const out = await speaker.says(phrasing.text);
      const after = linesOf(group.name, SPEAKER);
      if (expected === 'chatter') {
        expect(out, 'chatter gets no answer').toEqual([]);
        expect(after).toEqual(before);
        return;
      }
      switch (expected.kind) {
        case 'order': {
          const wanted = expected.lines.map((l) => ({
            qty: l.qty,
            ...(l.option !== undefined ? { option: l.option } : {}),
            ...(l.note !== undefined ? { note: l.note } : {}),
            ...(expected.for !== undefined ? { for: expected.for } : {}),
          }));
          if (wanted.some((l) => l.qty < 1 || l.qty > 999)) {
            // Read as written, refused by the order book: one clear line, nothing stored.
            expect(out.join('\n')).toMatch(/quantity must be a whole number from 1 to 999/);
            expect(after).toEqual(before);
          } else if (
            !hasOptions ||
            wanted.every((l) => l.option !== undefined) ||
            phrasing.options!.length === 1
          ) {
            expect(after).toEqual(expect.arrayContaining(wanted.map((l) => expect.objectContaining(l))));
            expect(out.some((o) => o.startsWith('edited') || o.includes(' on '))).toBe(true);
          } else {
            // An option deal and no option named: the member is asked which, and nothing is stored.
            expect(out.join('\n')).toMatch(/which option\?/);
            expect(after).toEqual(before);
          }
          return;
        }
        case 'cancel':
          expect(after).toEqual([]);
          return;
        case 'roster':
          expect(out.join('\n')).toContain(`🛒 #3 ${PHRASING_DEAL.title}`);
          expect(after).toEqual(before);
          return;
        case 'unreadable':
          expect(out).toHaveLength(1);
          expect(out[0]).toMatch(/could not read that as an order for #3, so nothing was ordered/);
          expect(after).toEqual(before);
          return;
      }
    });
  });
}

describe('an unreadable order gets one hint, not one per message', () => {
  it('a second unreadable message within 10 minutes is not answered again; after that it is', async () => {
    const group = await groupFor({ text: '', expect: 'chatter' });
    expect(await group.as('bob').says('+几个')).toHaveLength(1);
    expect(await group.as('bob').says('接龙 很多')).toEqual([]);
    await t.advance('11m');
    expect(await group.as('bob').says('+几个')).toHaveLength(1);
  });
});
