import { type TestBot, TestBot as TestBotClass } from './chat.js';

/**
 * Links groups into one network by writing the records directly (a network, and networkId on each
 * community), as `/network add` + `/network join CODE` would: for tests of what linked groups do
 * together (shared deals) without going through the linking commands. The groups must have been
 * seen by the bot (someone spoke there). Ids are community ids (`memory:main`), the first the home.
 */
export async function linkGroups(t: TestBot, communityIds: string[]): Promise<string> {
  const home = communityIds[0]!;
  const id = `${home}|net|1`;
  const at = t.clock.now().toISOString();
  await t.store.mutate((tx) => {
    tx.put('networks', {
      id,
      communityId: home,
      platform: home.split(':')[0]!,
      communityIds,
      createdBy: 'owner',
      createdAt: at,
    });
    for (const communityId of communityIds) {
      const community = tx.get('communities', communityId);
      if (!community) throw new Error(`no community ${communityId}: let someone speak there first`);
      tx.put('communities', { ...community, networkId: id });
    }
  });
  return id;
}

/**
 * A bot whose groups `main` and `b` (community ids `memory:main`, `memory:b`) the bot knows and
 * whose admins linked them, at a fixed start: the setup of every test of what linked groups do together.
 */
export async function linkedPair(start = '2026-11-25T08:00:00Z'): Promise<TestBot> {
  const t = await TestBotClass.create({ start });
  await t.group('main').as('owner').says('/deals');
  await t.group('b').as('owner').says('/deals');
  await linkGroups(t, ['memory:main', 'memory:b']);
  return t;
}
