import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreText } from '../../src/core/messages.js';
import { ADMIN_LINES, adminCommands, keywordLine } from './admin-matrix.js';
import { serializeState } from './state.js';
import { IDENTITIES, type Identity, nameOf, textOf, World } from './world.js';

/** The declared command of a name: a refusal names it by its keyword in Chinese. */
const specOf = (name: string) => adminCommands().find((c) => c.name === name)!;

/**
 * The authorization matrix: every admin command of the registry, sent by a plain member through
 * each platform's identity (group and private chat, slash name and keyword), is refused with the
 * readable refusal and changes nothing in the store.
 */
describe('authorization matrix: admin commands from a plain member', () => {
  let w: World;

  beforeAll(async () => {
    w = await World.create(IDENTITIES);
    // A community worth protecting on each platform: an open deal with an order, points, a topic,
    // an exemption, settings. Every line below must succeed for the admin that sends it.
    for (const id of IDENTITIES) {
      const group = w.groupOf(id);
      const other = nameOf(id.other);
      await w.says(id, group, id.member, 'member', 'hello');
      await w.says(id, group, id.other, 'member', 'hi');
      for (const line of [
        '/deal new "Mangoes" price=10 min=2 stock=10',
        `/award @${other} 100 welcome`,
        '/topic add "Favourite fruit?"',
        '/settings currency=¥',
      ])
        await w.says(id, group, id.owner, 'owner', line);
      await w.says(id, group, id.other, 'member', '+2');
      await w.says(id, group, id.member, 'member', '+1');
    }
  });

  afterAll(async () => {
    await w?.close();
  });

  it('every admin command of the registry has a line in the matrix', () => {
    const missing = adminCommands()
      .map((c) => c.name)
      .filter((name) => !(name in ADMIN_LINES));
    expect(missing, 'add these admin commands to tests/hardening/admin-matrix.ts').toEqual([]);
  });

  it('the setup really built state an admin command could change', () => {
    for (const id of IDENTITIES) {
      const community = `${id.platform}:${id.group}`;
      expect(w.store.tables.deals.get(`${community}#1`)?.sold).toBe(3);
      expect(w.store.tables.members.get(`${community}/${id.other}`)?.points).toBe(100);
    }
  });

  const cases = (id: Identity) => {
    const out: { label: string; line: string; name: string; role: string; direct: boolean }[] = [];
    for (const spec of adminCommands()) {
      const line = ADMIN_LINES[spec.name]?.replaceAll('@OTHER', `@${nameOf(id.other)}`);
      if (!line) continue;
      const base = { name: spec.name, role: spec.role };
      out.push({ ...base, label: line, line, direct: false });
      for (const keyword of spec.keywords ?? []) {
        const kw = keywordLine(spec, keyword).replaceAll('@OTHER', `@${nameOf(id.other)}`);
        out.push({ ...base, label: kw, line: kw, direct: false });
      }
      out.push({ ...base, label: `${line} (in private)`, line, direct: true });
    }
    return out;
  };

  for (const id of IDENTITIES) {
    it(`${id.platform}: a member is refused every admin command and nothing changes`, async () => {
      const speaker = { communityId: `${id.platform}:${id.group}`, userId: id.member };
      const locale = id.capabilities.defaultLocale ?? 'en';
      const before = serializeState(w.store.tables, [speaker]);
      const problems: string[] = [];
      for (const c of cases(id)) {
        const chat = c.direct ? w.dmOf(id, id.member) : w.groupOf(id);
        const did = await w.says(id, chat, id.member, 'member', c.line);
        const expected = coreText(locale).needsRole(specOf(c.name), c.role);
        const texts = did.map(textOf);
        if (texts.length !== 1 || texts[0] !== expected)
          problems.push(`${c.label}: ${JSON.stringify(texts)} (expected ${JSON.stringify(expected)})`);
        if (did.some((a) => a.chat.chatId !== chat.chatId)) problems.push(`${c.label}: answered elsewhere`);
        const after = serializeState(w.store.tables, [speaker]);
        if (after !== before) {
          problems.push(`${c.label}: the store changed`);
          expect(after).toBe(before); // shows the diff
        }
      }
      expect(problems).toEqual([]);
      expect(cases(id).length).toBeGreaterThan(adminCommands().length);
    });
  }

  it('the same lines from an admin do change the store (the matrix is not refusing by accident)', async () => {
    const id = IDENTITIES[3]!;
    const group = w.groupOf(id);
    const speaker = { communityId: `${id.platform}:${id.group}`, userId: id.owner };
    for (const name of ['deal edit', 'award', 'lang'] as const) {
      const before = serializeState(w.store.tables, [speaker]);
      const line = ADMIN_LINES[name]!.replaceAll('@OTHER', `@${nameOf(id.other)}`);
      const did = await w.says(id, group, id.owner, 'owner', line);
      expect(did.map(textOf).join('\n')).not.toMatch(/Only group admins|只有群管理员/);
      expect(serializeState(w.store.tables, [speaker]), line).not.toBe(before);
    }
  });
});
