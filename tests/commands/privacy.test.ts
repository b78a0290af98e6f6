import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { pseudonym } from '../../src/services/privacy.js';
import { TestBot } from '../helpers/chat.js';

/** Every record of the store as one JSON text: to check what is (not) stored anywhere. */
function everything(t: TestBot): string {
  const tables = t.store.tables as unknown as Record<string, { values(): IterableIterator<unknown> }>;
  return JSON.stringify(Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, [...v.values()]])));
}

describe('privacy and data rights', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await group.join('alice', { inviter: 'carol' });
    await group.as('alice').says('+2');
    await group.as('alice').says('/join #1 2 call me at 555-0101');
    await group.as('alice').says('/checkin');
    await group.as('alice').says('/invite');
    await group.as('bob').says('+1');
  });
  afterEach(async () => {
    await t.close();
  });

  it('/privacy data explains what is stored, why and for how long, in both languages', async () => {
    expect(await t.group().as('bob').reply('/privacy data')).toMatch(
      /never what you wrote[\s\S]*7 days[\s\S]*\/forget/,
    );
    expect(await t.dm('bob').reply('/privacy data')).toContain('What tuanbot stores');
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('bob').reply('隐私 数据')).toContain('从不保存发言内容');
  });

  it('/mydata where the platform takes no files: the caption, then the JSON whole, in messages that fit', async () => {
    await t.close();
    t = await TestBot.create({
      start: '2026-11-25T08:00:00Z',
      capabilities: { files: false, maxMessageLength: 300 },
    });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await group.as('alice').says('/join #1 2 call me at 555-0101');
    const [caption, ...parts] = (await group.as('alice').says('/mydata')).map((s) =>
      s.replace(/^\[dm alice\] /, ''),
    );
    expect(caption).toBe('Everything tuanbot stores about you in main (JSON).');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 300)).toBe(true);
    expect(JSON.stringify(JSON.parse(parts.join('')))).toContain('call me at 555-0101');
  });

  it('/mydata sends the member everything about them, privately, and nothing about others', async () => {
    const [out] = await t.group().as('alice').says('/mydata');
    expect(out).toMatch(/^\[dm alice\] file: .*mydata-alice-\d+\.json$/);
    const file = out!.replace(/^\[dm alice\] file: /, '');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const data = JSON.parse(await readFile(file, 'utf8'));
    const mine = data.data[0];
    expect(mine.members[0]).toMatchObject({ userId: 'alice', name: 'alice', points: 1 });
    expect(mine.orders[0]).toMatchObject({ qty: 2, note: 'call me at 555-0101' });
    expect(mine.ledger.map((e: { reason: string }) => e.reason)).toEqual(['checkin']);
    expect(mine.invites).toHaveLength(1);
    expect(mine.referrals[0]).toMatchObject({ inviterId: 'carol', inviteeId: 'alice' });
    expect(JSON.stringify(data)).not.toContain('"bob"');
  });

  it('/forget needs a confirmation within 10 minutes', async () => {
    expect(await t.group().as('alice').reply('/forget confirm')).toMatch(/Send \/forget first/);
    expect(await t.group().as('alice').reply('/forget')).toMatch(/Send \/forget confirm within 10 minutes/);
    await t.advance('11m');
    expect(await t.group().as('alice').reply('/forget confirm')).toMatch(/Send \/forget first/);
    expect(t.store.tables.members.get('memory:main/alice')?.name).toBe('alice');
  });

  it('/forget deletes personal data, keeps orders and points under a pseudonym; totals do not change', async () => {
    const deal = () => t.store.tables.deals.get('memory:main#1')!;
    const ledgerTotal = () => [...t.store.tables.ledger.values()].reduce((s, e) => s + e.delta, 0);
    const messages = () => [...t.store.tables.activity.values()].reduce((s, a) => s + a.messages, 0);
    const members = () => [...t.store.tables.members.values()].filter((m) => m.status === 'active').length;
    const before = { sold: deal().sold, buyers: deal().buyers, ledger: ledgerTotal(), members: members() };
    await t.group().as('alice').says('/forget');
    const messagesBefore = messages();
    const buckets = (user: string) => [...t.store.tables.activity.values()].filter((a) => a.userId === user);
    // Before: her buckets say in which local hours she talks (bob's too).
    expect(buckets('alice').some((a) => a.hours?.some((n) => n > 0))).toBe(true);
    expect(await t.group().as('alice').reply('/forget confirm')).toBe(
      'Done: your personal data in main is deleted.',
    );

    const anon = pseudonym('memory:main', 'alice');
    const all = everything(t);
    expect(all).not.toMatch(/"alice"|\/alice|555-0101/);
    expect(t.store.tables.invites.size).toBe(0);
    expect(t.store.tables.orders.get(`memory:main#1/${anon}`)).toMatchObject({ name: anon, qty: 2 });
    expect(t.store.tables.members.get(`memory:main/${anon}`)).toMatchObject({ name: anon, messageCount: 0 });
    expect({ sold: deal().sold, buyers: deal().buyers, ledger: ledgerTotal() }).toEqual({
      sold: before.sold,
      buyers: before.buyers,
      ledger: before.ledger,
    });
    // activity totals stay (the confirmation message itself counted, then anonymised with the rest)
    expect(messages()).toBe(messagesBefore + 1);
    // …but not when she talked: the per-hour counts of her buckets are gone, the daily totals stay.
    expect(buckets(anon).length).toBeGreaterThan(0);
    expect(buckets(anon).every((a) => a.hours === undefined && a.messages > 0)).toBe(true);
    expect(buckets('bob').some((a) => a.hours?.some((n) => n > 0))).toBe(true);
    expect(members()).toBe(before.members);
    expect(await t.group().as('owner').reply('/orders #1')).toContain(`${anon} ×2`);
  });

  it('profile tags only with consent: set, shown privately, used to mark matching deals in the private list only, cleared', async () => {
    const group = t.group();
    // Tags say what a member likes and where they live: every answer is private, none in the group.
    expect(await group.as('bob').reply('/profile')).toMatch(/^\[dm bob\] .*no profile tags/);
    expect(await group.as('bob').reply('/profile interests=mango,eggs area=Pudong')).toMatch(
      /^\[dm bob\] Saved/,
    );
    expect(await group.as('bob').reply('/profile')).toBe(
      '[dm bob] Your profile: interests mango, eggs · area Pudong. /profile off clears it.',
    );
    // The group's list is the same for everyone; the private one marks the tags' deals.
    expect(await group.as('bob').reply('/deals')).toBe(await group.as('alice').reply('/deals'));
    expect(await group.as('bob').reply('/deals')).not.toContain('★');
    expect((await t.dm('bob').says('/deals')).join('\n')).toContain('★');
    expect((await t.dm('alice').says('/deals')).join('\n')).not.toContain('★');
    expect(await group.as('bob').reply('/profile off')).toBe('[dm bob] Your profile tags are cleared.');
    expect(t.store.tables.members.get('memory:main/bob')?.profile).toBeUndefined();
    expect((await t.dm('bob').says('/deals')).join('\n')).not.toContain('★');
  });

  it('the data dir and backups are owner-only', async () => {
    expect((await stat(t.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(t.dir, 'state.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(t.dir, 'journal.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(t.dir, 'backups'))).mode & 0o777).toBe(0o700);
  });
});

describe('secrets never reach the log', () => {
  it('a token inside an error message or a field is masked', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    const token = '123456:ABC-secret-token';
    const log = createLogger('info', [token], sink);
    log.error({ err: new Error(`request to https://api.telegram.org/bot${token}/getMe failed`) }, 'boom');
    log.info({ token }, `using ${token}`);
    expect(written).toContain('[secret]');
    expect(written).not.toContain('ABC-secret-token');
  });
});
