import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/core/adapter.js';
import { TestBot } from '../helpers/chat.js';
import { jpeg, pdf, png } from '../helpers/images.js';

/**
 * Payment screenshots: sent with a claim (`已付 #1` captioned on a picture) or right after it, kept
 * owner-only, shown privately to admins (`/proofs`), listed by /mydata and deleted by /forget.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** Every file under proofs/ (one folder per member), as paths under the data dir. */
async function proofFiles(): Promise<string[]> {
  const root = join(t.dir, 'proofs');
  const out: string[] = [];
  for (const folder of await readdir(root).catch(() => [] as string[]))
    for (const name of await readdir(join(root, folder))) out.push(`proofs/${folder}/${name}`);
  return out;
}

const mode = async (path: string) => (await stat(join(t.dir, path))).mode & 0o777;

/** A deal #1 at ¥10 that formed with alice and bob. */
async function formedDeal() {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  const main = t.group().admin('wang');
  await main.as('owner').says('/deal new "Mangoes" price=10 min=2');
  await main.as('alice').says('+1');
  await main.as('bob').says('+1');
  return main;
}

const order = (user: string) => t.store.tables.orders.get(`memory:main#1/${user}`);

describe('a claim with a payment screenshot', () => {
  it('GIVEN a member sends 已付 #1 with a screenshot THEN the claim is made, the picture kept owner-only on her line, and an admin sees it privately', async () => {
    const main = await formedDeal();
    const out = await main.as('alice').says('已付 #1', { images: [{ data: png(), mime: 'image/png' }] });
    // One 👌 says both: no group message for the claim nor for its screenshot.
    expect(out).toEqual([expect.stringMatching(/^👌 on /)]);
    const [file] = await proofFiles();
    expect(file).toMatch(/^proofs\/[0-9a-f]{16}\/1-\d+-[0-9a-f]{6}\.png$/);
    expect(order('alice')?.claimProof).toBe(file);
    expect(await mode(file!)).toBe(0o600);
    expect(await mode('proofs')).toBe(0o700);
    expect(await mode(file!.split('/').slice(0, 2).join('/'))).toBe(0o700);
    // No id or name in the path: the folder is a hash.
    expect(file).not.toContain('alice');

    const before = t.adapter.actions.length;
    const shown = await main.as('wang').says('/proofs #1');
    expect(shown).toEqual([`[dm wang] image: ${join(t.dir, file!)}`, 'Sent you 1 screenshot privately.']);
    const sent = t.adapter.actions[before];
    const caption = sent?.kind === 'send' ? (sent.out as Extract<Outgoing, { kind: 'image' }>).caption : '';
    expect(caption).toBe('#1 Mangoes · alice · ¥10.00 · claimed 2026-11-25 08:00');
  });

  it('GIVEN a claim first and the screenshot as the next message (as on WeChat) THEN the screenshot joins that claim', async () => {
    const main = await formedDeal();
    await main.as('bob').says('已付 #1');
    await t.advance('2m');
    const out = await main.as('bob').says('', { images: [{ data: jpeg(), mime: 'image/jpeg' }], id: 'pic1' });
    expect(out).toEqual(['👌 on pic1']);
    expect(order('bob')?.claimProof).toMatch(/\.jpg$/);
  });

  it('GIVEN a platform without reactions THEN the screenshot, like the claim, is a line of the deal’s batched claims notice', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', capabilities: { reactions: false } });
    const main = t.group();
    await main.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await main.as('alice').says('+1');
    await main.as('bob').says('+1');
    // The picture is fetched after the claim's line went out: its line is the next batch's.
    expect(await main.as('alice').says('已付 #1', { images: [{ data: png() }] })).toEqual([
      '#1 Mangoes:\n✓ alice: paid ¥10.00, to be confirmed',
      '#1 Mangoes:\n✓ alice: screenshot kept with the payment claim',
    ]);
    expect(order('alice')?.claimProof).toMatch(/\.png$/);
  });

  it('GIVEN a claim sent privately to the bot with a screenshot THEN the private answer says it was kept', async () => {
    const main = await formedDeal();
    await main.as('bob').says('hello');
    const out = await t.dm('bob').says('已付 #1', { images: [{ data: png() }] });
    expect(out).toContain(
      '[dm bob] Screenshot kept with your payment claim for #1; the organiser can see it.',
    );
  });

  it('GIVEN a claim in #1 without a screenshot WHEN the member claims #2 as 已付#2 captioned on a screenshot THEN it joins #2, not #1; a picture captioned with words joins the latest claim', async () => {
    const main = await formedDeal();
    await main.as('owner').says('/deal new "Eggs" price=5 min=1');
    await main.as('bob').says('+1 #2');
    await main.as('bob').says('已付 #1');
    const out = await main.as('bob').says('已付#2', { images: [{ data: png() }] });
    expect(out).toEqual([expect.stringMatching(/^👌 on /)]);
    expect(t.store.tables.orders.get('memory:main#2/bob')?.claimProof).toMatch(/\/2-\d+-[0-9a-f]{6}\.png$/);
    expect(order('bob')?.claimProof).toBeUndefined();
    await main.as('alice').says('已付 #1');
    expect(await main.as('alice').says('转好了', { images: [{ data: png() }], id: 'pic2' })).toEqual([
      '👌 on pic2',
    ]);
  });

  it('a picture long after the claim, or from someone who claimed nothing, is not taken', async () => {
    const main = await formedDeal();
    await main.as('bob').says('已付 #1');
    await t.advance('11m');
    expect(await main.as('bob').says('', { images: [{ data: png() }] })).toEqual([]);
    expect(await main.as('alice').says('', { images: [{ data: png() }] })).toEqual([]);
    expect(await proofFiles()).toEqual([]);
  });

  it('GIVEN a claim with a file that is no picture THEN the claim stands and the member is told the screenshot was not kept', async () => {
    const main = await formedDeal();
    const out = await main
      .as('alice')
      .says('已付 #1', { images: [{ data: pdf(), mime: 'application/pdf' }] });
    expect(out).toEqual([
      'That is not a picture I can keep: send a photo or a screenshot (JPEG, PNG or WebP).\nYour payment claim stands; the screenshot was not kept.',
      expect.stringMatching(/^👌 on /),
    ]);
    expect(order('alice')?.claimedAt).toBeDefined();
    expect(order('alice')?.claimProof).toBeUndefined();
    expect(await proofFiles()).toEqual([]);
  });

  it('/proofs is for admins; with nothing claimed it says so; a confirmed claim is no longer shown', async () => {
    const main = await formedDeal();
    expect(await main.as('alice').says('/proofs')).toEqual([expect.stringContaining('admin')]);
    expect(await main.as('wang').says('/proofs')).toEqual([
      'No payment claim waiting for confirmation came with a screenshot.',
    ]);
    await main.as('alice').says('已付 #1', { images: [{ data: png() }] });
    await main.as('wang').says('/confirm #1 @alice');
    expect(await main.as('wang').says('/proofs #1')).toEqual([
      'No payment claim waiting for confirmation came with a screenshot.',
    ]);
  });
});

describe('screenshots are the member’s personal data', () => {
  it('GIVEN a member’s screenshot WHEN she asks /mydata THEN it is listed; WHEN she confirms /forget THEN the file and its path are gone', async () => {
    const main = await formedDeal();
    await main.as('alice').says('已付 #1', { images: [{ data: png() }] });
    await main.as('bob').says('已付 #1', { images: [{ data: png() }] });
    const [aliceFile] = (await proofFiles()).filter((f) => f === order('alice')?.claimProof);

    await t.dm('alice').says('/mydata');
    const exported = (await readdir(join(t.dir, 'exports'))).find((n) => n.startsWith('mydata-alice-'));
    const data = JSON.parse(await readFile(join(t.dir, 'exports', exported!), 'utf8')) as {
      data: { paymentScreenshots?: string[] }[];
    };
    expect(data.data[0]?.paymentScreenshots).toEqual([aliceFile]);

    await main.as('alice').says('/forget');
    await main.as('alice').says('/forget confirm');
    const left = await proofFiles();
    expect(left).toHaveLength(1);
    expect(left).not.toContain(aliceFile);
    expect(left[0]).toBe(order('bob')?.claimProof);
    const forgotten = [...t.store.tables.orders.values()].filter((o) => o.dealId === 'memory:main#1');
    expect(forgotten.filter((o) => o.claimProof !== undefined).map((o) => o.userId)).toEqual(['bob']);
  });
});
