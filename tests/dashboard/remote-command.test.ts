import { afterEach, describe, expect, it } from 'vitest';
import { describe as describeAction } from '../helpers/chat.js';
import { DashboardHarness } from '../helpers/dashboard.js';

let d: DashboardHarness;
afterEach(() => d?.close());

/** What the group chat `main` got (sends and edits) since action index `from`. */
function groupSince(d: DashboardHarness, from: number): string[] {
  return d.t.adapter.actions
    .slice(from)
    .filter((a) => a.chat.chatId === 'main')
    .map(describeAction);
}

describe('a chat command run from the dashboard (Bot.perform)', () => {
  it('GIVEN an open deal WHEN the admin closes it from the dashboard THEN the group hears it as when typed, and the answer comes back to the page, not to a chat', async () => {
    d = await DashboardHarness.create();
    await d.group.as('boss').says('/deal new "Mangoes" price=10 min=1 stock=5');
    await d.group.as('alice').says('+1');
    const community = d.t.store.tables.communities.get('memory:main')!;
    const before = d.t.adapter.actions.length;
    const outcome = await d.t.bot.perform({
      command: 'deal close',
      args: { deal: '1' },
      community,
      sender: { id: 'boss', name: 'boss' },
      role: 'admin',
    });
    await d.t.bot.idle();
    expect(outcome.kind).toBe('done');
    // The admin's answer (alsoHere) is the closing line the group also gets.
    expect(outcome.said).toEqual(['✅ #1 Mangoes closed: 成团 with 1 buyer, 1 unit, total ¥10.00.']);
    const group = groupSince(d, before);
    // The announcement in the group, and the card edited in place.
    expect(group.some((l) => !l.startsWith('edited') && /#1/.test(l))).toBe(true);
    expect(group.some((l) => l.startsWith('edited'))).toBe(true);
    // Nothing went to boss's private chat: the page shows the answer.
    expect(d.t.adapter.actions.slice(before).some((a) => a.chat.kind === 'direct')).toBe(false);
    expect(d.t.store.tables.deals.values().next().value?.status).not.toBe('open');
  });

  it('GIVEN bad arguments, an unknown command or a member THEN it is refused with the chat wording and nothing changes', async () => {
    d = await DashboardHarness.create();
    await d.group.as('boss').says('/deal new "Mangoes" price=10 min=1 stock=5');
    const community = d.t.store.tables.communities.get('memory:main')!;
    const run = (command: string, args: Record<string, string>, role: 'admin' | 'member' = 'admin') =>
      d.t.bot.perform({ command, args, community, sender: { id: 'boss', name: 'boss' }, role });
    const bad = await run('deal close', { deal: 'abc' });
    expect(bad.kind).toBe('refused');
    // The chat's own refusal with the usage line, as typed words would get.
    expect(bad.said[0]).toContain('/deal close #3');
    const unknownOption = await run('deal close', { deal: '1', wipe: 'yes' });
    expect(unknownOption).toMatchObject({ kind: 'refused' });
    expect(unknownOption.said[0]).toContain('wipe');
    expect(await run('deal obliterate', {})).toMatchObject({ kind: 'refused' });
    const member = await run('deal close', { deal: '1' }, 'member');
    expect(member.kind).toBe('refused');
    expect(d.t.store.tables.deals.values().next().value?.status).toBe('open');
  });

  it('GIVEN the same words THEN a form is read as the chat reads them (Chinese option names and value words)', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    await d.group.as('boss').says('/deal new "芒果" price=10 min=1 stock=5');
    const community = d.t.store.tables.communities.get('memory:main')!;
    const outcome = await d.t.bot.perform({
      command: 'deal edit',
      args: { deal: '#1', 库存: '8' },
      community,
      sender: { id: 'boss', name: 'boss' },
      role: 'admin',
    });
    expect(outcome.kind).toBe('done');
    expect(d.t.store.tables.deals.values().next().value?.stock).toBe(8);
  });
});
