import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/*
 * Display names are whatever members set. A right-to-left override (U+202E) in one reverses the
 * rest of the line it is shown in (`mallory ×1` shows as `1× yrollam`, and the 1 runs into the
 * next digit), and zero-width characters make two members look like one.
 */
const RLO = '\u202E';
const FSI = '\u2068';
const PDI = '\u2069';
const ZWSP = '\u200B';

/** Characters that change the direction of text around them. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** A line with bidi controls that are not one fenced name: U+2068 … U+2069 with none inside. */
const unfenced = (line: string) =>
  BIDI_CONTROLS.test(line.replace(/\u2068[^\u2066-\u2069\u202A-\u202E]*\u2069/g, ''));

const DEAL = '/deal new "Mangoes" price=10 ends=48h';

describe('names that could reverse text or look like someone else', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('the card shows a name with a right-to-left override without it, so ×1 still reads ×1', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    const out = await group.as('mallory', `${RLO}mallory`).says('+1');
    const card = out.find((o) => o.startsWith('edited'))!;
    expect(card).toContain('\n1. mallory ×1\n');
    expect(card.split('\n').filter(unfenced)).toEqual([]);
    // Stored clean, so every later message shows it clean too.
    expect(t.store.tables.members.get('memory:main/mallory')?.name).toBe('mallory');
  });

  it('a right-to-left name is fenced on the card, in /orders and in answers', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    const card = (await group.as('dana', 'דנה').says('+1')).find((o) => o.startsWith('edited'))!;
    expect(card).toContain(`\n1. ${FSI}דנה${PDI} ×1\n`);
    expect(await group.as('owner').reply('/orders #1')).toContain(`1. ${FSI}דנה${PDI} ×1 — ¥10.00`);
    expect(await group.as('owner').reply('/award dana 5')).toBe(`${FSI}דנה${PDI}: +5 points, balance 5.`);
    expect(await group.as('dana', 'דנה').reply('/whoami')).toMatch(new RegExp(`^${FSI}דנה${PDI} in main`));
  });

  it('two members whose names differ only by invisible characters are told apart on the roster', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    await group.as('alice', 'Alice').says('+1');
    const out = await group.as('impostor', `Ali${ZWSP}ce`).says('+2');
    const card = out.find((o) => o.startsWith('edited'))!;
    expect(card).toContain('\n1. Alice ×1\n2. Alice (2) ×2\n');
    expect(await group.as('owner').reply('/orders #1')).toContain(
      '1. Alice ×1 — ¥10.00 · owing ¥10.00\n2. Alice (2) ×2',
    );
    await group.as('owner').says('/award alice 3');
    await group.as('owner').says('/award impostor 3');
    // Only members who chose to appear are on the board (/privacy): both do.
    await group.as('alice', 'Alice').says('/privacy on leaderboard');
    await group.as('impostor', `Ali${ZWSP}ce`).says('/privacy on leaderboard');
    expect(await group.as('owner').reply('/top')).toBe(
      'Top members (this week):\n1. Alice 3\n1. Alice (2) 3',
    );
  });

  it('a name of nothing but invisible characters shows as the member’s id', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    const card = (await group.as('u123', `\u3164${ZWSP}`).says('+1')).find((o) => o.startsWith('edited'))!;
    expect(card).toContain('\n1. u123 ×1\n');
  });

  it('a copied roster with a fenced right-to-left name still reads as this deal’s roster', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    await group.as('dana', 'דנה').says('+1');
    const out = await group.as('bob').says(`#1 Mangoes\n1. ${FSI}דנה${PDI} ×1\n2. bob +2`, { id: 'b1' });
    // Bob's line is taken and nothing else: dana's copied line is hers, not a change to complain about.
    expect(out).toEqual([
      expect.stringMatching(new RegExp(`\n1. ${FSI}דנה${PDI} ×1\n2. bob ×2\n`)),
      '👌 on b1',
    ]);
  });

  it('the CSV export has no bidi controls, and a name that starts like a formula stays text', async () => {
    const group = t.group();
    await group.as('owner').says(DEAL);
    await group.as('eve', '=HYPERLINK("http://x","pay here")').says('+1');
    await group.as('mallory', `${RLO}mallory`).says('+1 @home');
    const [file] = await group.as('owner').says('/orders #1 csv');
    const csv = await readFile(file!.replace(/^\[dm owner\] file: /, ''), 'utf8');
    expect(csv).toContain(`1,"'=HYPERLINK(""http://x"",""pay here"")",,1,`);
    expect(csv).toContain('2,mallory,,1,');
    expect(BIDI_CONTROLS.test(csv)).toBe(false);
  });

  it('the prune dry run fences names and tells look-alikes apart', async () => {
    const group = t.group();
    await group.as('alice', 'Alice').says('hello');
    await group.as('impostor', `Alice${ZWSP}`).says('hello');
    await group.as('dana', 'דנה').says('hello');
    await t.advance('31d');
    const out = await group.as('owner').reply('/prune');
    expect(out).toContain('• Alice — last active');
    expect(out).toContain('• Alice (2) — last active');
    expect(out).toContain(`• ${FSI}דנה${PDI} — last active`);
  });
});
