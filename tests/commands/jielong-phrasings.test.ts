import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JielongIntent } from '../../src/services/jielong.js';
import { TestBot } from '../helpers/chat.js';
import { PHRASING_DEAL, PHRASING_GROUPS, type Phrasing } from '../helpers/phrasings.js';

/**
 * The phrasing table through the real bot: each message is said by a member in a group whose deal
 * #3 「丹东草莓」 has the case's options and roster, and what the group sees and what is stored must
 * match what the message means. Withdrawals, changes and "one more" start from a line of 2 the
 * member holds (for the person named, for a proxy). A copied roster is said by 小红, the name the
 * table's copies add, over a roster whose lines match the copy's.
 */

let t: TestBot;
let groups = 0;

beforeAll(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
});
afterAll(async () => {
  await t.close();
});

const HELD = 2;

type Line = { qty: number; option?: string; note?: string; for?: string };

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
  const copied =
    phrasing.expect !== 'chatter' && phrasing.expect.kind === 'copy' ? phrasing.expect.lines : [];
  for (const name of phrasing.roster ?? []) {
    if (name === 'owner') continue;
    // The roster as the copy shows it, so only the lines the copy adds or changes differ.
    const listed = copied.find((l) => l.name === name);
    const option = listed?.option ?? phrasing.options?.[0];
    await group.as(name).says(`/join #3 ${listed?.qty ?? 1}${option ? ` ${option}` : ''}`);
  }
  return group;
}

function linesOf(groupName: string, user: string): Line[] {
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

/** The line a change, a withdrawal or "one more" is about, held before the message: [option, for]. */
function heldBefore(
  intent: JielongIntent,
  options: string[],
): [string | undefined, string | undefined] | undefined {
  const first = options[0];
  if (intent.kind === 'cancel') return [intent.option ?? first, intent.for];
  if (intent.kind === 'order' && (intent.change || intent.lines.some((l) => l.add))) {
    return [intent.lines[0]?.option ?? first, intent.for];
  }
  return undefined;
}

/**
 * What the speaker holds after the copy: the new lines that are theirs, or written as their proxy
 * (`王阿姨（小红 代订）`); another new name is never charged to them.
 */
function afterCopy(
  lines: Extract<JielongIntent, { kind: 'copy' }>['lines'],
  roster: string[],
  speaker: string,
) {
  return lines
    .filter((l) => !roster.includes(l.name) && (l.name === speaker || l.by === speaker || l.proxy === true))
    .map((l) => ({
      qty: l.qty,
      ...(l.option !== undefined ? { option: l.option } : {}),
      ...(l.note !== undefined ? { note: l.note } : {}),
      ...(l.name !== speaker ? { for: l.name } : {}),
    }));
}

for (const [kind, cases] of Object.entries(PHRASING_GROUPS)) {
  describe(`接龙 as members write it: ${kind}`, () => {
    it.each(cases.map((c) => [c.text, c] as const))('%s', async (_text, phrasing) => {
      const group = await groupFor(phrasing);
      const expected = phrasing.inChat ?? phrasing.expect;
      const speakerName = expected !== 'chatter' && expected.kind === 'copy' ? '小红' : '小林';
      group.admin(speakerName);
      const speaker = group.as(speakerName);
      const options = phrasing.options ?? [];
      const held = expected === 'chatter' ? undefined : heldBefore(expected, options);
      if (held) {
        const [option, forName] = held;
        await speaker.says(
          `/join #3 ${HELD}${option ? ` ${option}` : ''}${forName ? ` for=${forName}` : ''}`,
        );
      }
      if (expected !== 'chatter' && expected.kind === 'order' && expected.usePoints !== undefined) {
        // Points to spend: the member has spoken before and an admin awarded them.
        await speaker.says('大家好');
        await group.as('owner').says(`/award @${speakerName} 500`);
      }
      const before = linesOf(group.name, speakerName);
      const out = await speaker.says(phrasing.text);
      const after = linesOf(group.name, speakerName);
      if (expected === 'chatter' || expected.kind === 'option') {
        // An option alone answers "which option?": with no such question pending it is chatter.
        expect(out, 'chatter gets no answer').toEqual([]);
        expect(after).toEqual(before);
        return;
      }
      switch (expected.kind) {
        case 'order': {
          const wanted = expected.lines.map((l) => {
            const base = l.add === 'more' ? HELD + l.qty : l.add === 'less' ? HELD - l.qty : l.qty;
            return {
              qty: base,
              ...(l.option !== undefined ? { option: l.option } : {}),
              ...(l.note !== undefined ? { note: l.note } : {}),
              ...(expected.for !== undefined ? { for: expected.for } : {}),
            };
          });
          if (wanted.some((l) => l.qty > 999 || (l.qty < 1 && !expected.lines.some((x) => x.add)))) {
            // Read as written, refused by the order book: one clear line, nothing stored.
            expect(out.join('\n')).toMatch(/quantity must be a whole number from 1 to 999/);
            expect(after).toEqual(before);
          } else if (options.length > 1 && wanted.some((l) => l.option === undefined) && !held) {
            // An option deal and no option named: the member is asked which, and nothing is stored.
            expect(out.join('\n')).toMatch(/which option\?/);
            expect(after).toEqual(before);
          } else {
            for (const line of wanted) {
              if (line.qty <= 0)
                expect(after.some((l) => (l.option ?? '') === (line.option ?? ''))).toBe(false);
              else expect(after).toContainEqual(expect.objectContaining(line));
            }
            expect(out.some((o) => o.startsWith('edited') || o.includes(' on '))).toBe(true);
          }
          return;
        }
        case 'cancel':
          expect(after).toEqual([]);
          return;
        case 'copy': {
          const wanted = afterCopy(expected.lines, phrasing.roster ?? [], speakerName);
          for (const line of wanted) expect(after).toContainEqual(expect.objectContaining(line));
          // Nothing is charged to the sender but the lines that are theirs.
          expect(after.length).toBeLessThanOrEqual(before.length + wanted.length);
          if (wanted.length === 0) expect(after).toEqual(before);
          return;
        }
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
