import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMetric } from '../../commands/report-text.js';
import { buildNetworkReport } from '../../src/services/network-report.js';
import { buildReport, type Report } from '../../src/services/report.js';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

/**
 * `/report network`: every linked group's numbers and their total. The total is the sum of the
 * groups' own reports; a person buying in two groups is one distinct buyer.
 */

const CODE = /: ([2-9A-HJ-NP-Z]{6})\n/;

describe('/report network', () => {
  let t: TestBot;
  let fruit: GroupChat;
  let veg: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    fruit = t.group('fruit');
    veg = t.group('veg');
    // Last week's sales in fruit, for the change; this week's in both groups. Alice buys in both.
    await fruit.as('owner').says('/deal new "Mangoes" price=10 min=1');
    await fruit.as('dora').says('+1');
    await t.advance('8d');
    await fruit.as('owner').says('/deal new "Pears" price=12 min=2');
    await fruit.as('alice').says('+2');
    await fruit.as('bob').says('+1');
    await fruit.as('eve').says('hello');
    await veg.as('owner').says('/deal new "Leeks" price=5 min=1');
    await veg.as('alice').says('+3');
    await veg.as('carol').says('hello');
  });
  afterEach(async () => {
    await t.close();
  });

  async function link(): Promise<void> {
    const out = await fruit.as('owner').says('/network add');
    const code = CODE.exec(out.find((l) => l.startsWith('[dm owner]')) ?? '')![1]!;
    await veg.as('owner').says(`/network join ${code}`);
  }
  const reportOf = (id: string): Report => {
    const outcome = buildReport(t.store.tables, t.store.tables.communities.get(id)!, '7d', t.clock.now());
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    return outcome.report;
  };

  it('GIVEN an unlinked group THEN it is told there is no network, and nothing is written', async () => {
    expect(await fruit.as('owner').reply('/report network')).toBe(
      'This group is not linked with other groups, so there is no network report: see /network.',
    );
    expect(await fruit.as('owner').says('/report network json')).toEqual([
      'This group is not linked with other groups, so there is no network report: see /network.',
    ]);
    expect(await fruit.as('alice').reply('/report network')).toMatch(/^Only group admins can use/);
    await expect(stat(join(t.dir, 'exports'))).rejects.toThrow();
  });

  it('GIVEN two linked groups THEN each group’s line is its own report, and the total is their sum', async () => {
    await link();
    const [a, b] = [reportOf('memory:fruit'), reportOf('memory:veg')];
    const m = (metric: Report['size']['members'], has = true) => formatMetric(metric, '¥', has);
    // A group the bot did not know a week earlier (veg) has no previous period to compare with.
    const line = (r: Report, i: number) => {
      const has = r.period.previous !== null;
      const { size, activity, commerce } = r;
      return `${i}. ${r.community.title}: members ${m(size.members, has)} · active ${m(activity.activeMembers, has)} · buyers ${m(commerce.buyers, has)} · orders ${m(commerce.orders, has)} · GMV ${m(commerce.gmvCents, has)} · conversion ${m(commerce.conversion, has)}`;
    };
    expect(b.period.previous).toBeNull();
    const out = await fruit.as('owner').reply('/report network 7d');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^🔗 Network of groups — last 7 days · in brackets: previous period, change$/);
    expect(lines[1]).toBe(line(a, 1));
    expect(lines[2]).toBe(line(b, 2));
    // The sums, computed from the two reports.
    const outcome = buildNetworkReport(
      t.store.tables,
      t.store.tables.communities.get('memory:fruit')!,
      '7d',
      t.clock.now(),
    );
    if (outcome.kind !== 'network_report') throw new Error(outcome.kind);
    const { total, people } = outcome.report;
    const sum = (pick: (r: Report) => number | null) => (pick(a) ?? 0) + (pick(b) ?? 0);
    expect(total.members.value).toBe(sum((r) => r.size.members.value));
    expect(total.activeMembers.value).toBe(sum((r) => r.activity.activeMembers.value));
    expect(total.buyers.value).toBe(sum((r) => r.commerce.buyers.value));
    expect(total.orders.value).toBe(sum((r) => r.commerce.orders.value));
    expect(total.gmvCents?.value).toBe(sum((r) => r.commerce.gmvCents.value));
    expect(total.gmvCents?.previous).toBe(sum((r) => r.commerce.gmvCents.previous));
    expect(total.conversion.value).toBe(total.buyers.value! / total.activeMembers.value!);
    // This week: alice and bob in fruit, alice in veg: 3 buyers by group, 2 people.
    expect(total.buyers.value).toBe(3);
    expect(people.buyers.value).toBe(2);
    expect(total.gmvCents?.value).toBe(2 * 1200 + 1200 + 3 * 500);
    expect(lines[3]).toBe(
      `Σ All groups: members ${m(total.members)} · active ${m(total.activeMembers)} · buyers ${m(total.buyers)} · orders ${m(total.orders)} · GMV ${m(total.gmvCents!)} · conversion ${m(total.conversion)}`,
    );
    expect(lines[4]).toBe(`👤 Distinct buyers across the groups: ${m(people.buyers)}`);
    // The same from the other group, and in the JSON sent privately.
    expect(await veg.as('owner').reply('/report network 7d')).toBe(
      [lines[0], lines[2]!.replace(/^2\./, '1.'), lines[1]!.replace(/^1\./, '2.'), ...lines.slice(3)].join(
        '\n',
      ),
    );
    const json = await fruit.as('owner').says('/report network 7d json');
    const file = /file: (\S+)/.exec(json.find((l) => l.startsWith('[dm owner]')) ?? '')?.[1];
    const written = JSON.parse(await readFile(file!, 'utf8'));
    expect(written.total.gmvCents.value).toBe(total.gmvCents?.value);
    expect(written.groups.map((g: { community: { id: string } }) => g.community.id)).toEqual([
      'memory:fruit',
      'memory:veg',
    ]);
  });

  it('GIVEN a Chinese group THEN 报告 联营 answers in Chinese; a bad period is refused', async () => {
    await link();
    await fruit.as('owner').says('/lang zh');
    const out = await fruit.as('owner').reply('报告 联营 7天');
    expect(out.split('\n')[0]).toBe('🔗 联营各群数据 — 近 7 天 · 括号内：上期、环比');
    expect(out).toContain('Σ 全部群：成员');
    expect(await fruit.as('owner').reply('报告 联营 12d')).toMatch(/12d/);
  });

  it('GIVEN groups with different currencies THEN GMV is not added up, and says so', async () => {
    await link();
    await veg.as('owner').says('/settings currency=$');
    const out = await fruit.as('owner').reply('/report network 7d');
    expect(out).toContain('GMV — · conversion');
    expect(out).toContain('GMV is not added up: the groups keep their money in different currencies.');
  });
});
