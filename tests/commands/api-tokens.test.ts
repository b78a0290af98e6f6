import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiTokenUsage, addTokenCalls, findApiToken, hashApiToken } from '../../src/services/api-tokens.js';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

const SECRET = /Authorization: Bearer (tb_[A-Za-z0-9_-]{43})$/m;

/** Every file under dir, as text (the store's snapshot, journal, backups). */
async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    names.filter((d) => d.isFile()).map((d) => readFile(join(d.parentPath, d.name), 'latin1')),
  );
}

describe('/apitoken: read-only API tokens made, listed and revoked from the chat', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group().admin('boss');
    await group.as('alice').says('hello');
  });
  afterEach(async () => {
    await t.close();
  });
  const boss = () => group.as('boss');
  const tokens = () => [...t.store.tables.apiTokens.values()];
  const secretIn = (out: string[]) => out.map((line) => SECRET.exec(line)?.[1]).find(Boolean);

  it('the secret reaches the admin privately, once; the group, the store and its files never hold it', async () => {
    const out = await boss().says('/apitoken new Google Sheets');
    const secret = secretIn(out)!;
    expect(secret).toBeDefined();
    const dm = out.find((line) => line.startsWith('[dm boss]'))!;
    expect(dm).toContain('API token T1 "Google Sheets" for main (read-only). It is shown only this once');
    expect(dm).toContain('Revoke it any time with /apitoken revoke T1.');
    expect(out.filter((line) => !line.startsWith('[dm boss]'))).toEqual([
      'API token T1 "Google Sheets" made: I sent it to you privately (it is shown only once).',
    ]);
    // Kept as its SHA-256 only; the presented secret finds it.
    expect(tokens()).toEqual([expect.objectContaining({ id: hashApiToken(secret), no: 1, calls: 0 })]);
    expect(JSON.stringify(tokens())).not.toContain(secret.slice(3));
    expect(findApiToken(t.store.tables, secret)?.label).toBe('Google Sheets');
    expect(findApiToken(t.store.tables, `${secret.slice(0, -1)}A`)).toBeUndefined();
    // The message waited in the store's outbox; once delivered, no file on disk keeps it.
    await t.store.idle();
    for (const text of await filesUnder(t.dir)) expect(text).not.toContain(secret.slice(3));
    expect((await boss().says('/audit')).join('\n')).toContain(
      'made API token T1 "Google Sheets" · boss — by boss',
    );
  });

  it('a member who is not an admin cannot make, list or revoke tokens', async () => {
    await boss().says('/apitoken new erp');
    for (const text of ['/apitoken new mine', '/apitoken list', '/apitoken revoke T1']) {
      const out = await group.as('alice').says(text);
      expect(out.join('\n')).toMatch(/^Only group admins can use/);
      expect(secretIn(out)).toBeUndefined();
    }
    expect(tokens().map((x) => [x.no, x.revokedAt])).toEqual([[1, undefined]]);
  });

  it('lists live tokens with their use, revokes one (refused from then on), never reuses a handle', async () => {
    const first = secretIn(await boss().says('/apitoken new sheets'))!;
    secretIn(await boss().says('/apitoken new erp'));
    // Two calls with T1 recorded, as the API does.
    const usage = new ApiTokenUsage();
    t.clock.advance(3_600_000);
    const id = findApiToken(t.store.tables, first)!.id;
    usage.note(id, t.clock.now());
    usage.note(id, t.clock.now());
    await t.store.mutate((tx) => addTokenCalls(tx, usage.take(t.clock.now())));
    expect(await boss().reply('/apitoken list')).toBe(
      [
        'API tokens (read-only; revoke one with /apitoken revoke T1):',
        'T1 "sheets" — made 2026-11-25 16:00 by boss · 2 calls, last 2026-11-25 17:00',
        'T2 "erp" — made 2026-11-25 16:00 by boss · 0 calls, never used',
      ].join('\n'),
    );
    expect(await boss().reply('/apitoken revoke T1')).toBe(
      'API token T1 "sheets" revoked: it no longer opens anything.',
    );
    expect(findApiToken(t.store.tables, first)).toBeUndefined();
    expect(await boss().reply('/apitoken revoke t1')).toBe(
      'API token T1 "sheets" was already revoked. Nothing changed.',
    );
    expect(await boss().reply('/apitoken revoke T7')).toBe(
      'This group has no API token T7. Live tokens: T2. Nothing changed.',
    );
    expect(await boss().reply('/apitoken revoke sheets')).toBe(
      '"sheets" is not a token: name one as /apitoken list shows it, e.g. T1. Nothing changed.',
    );
    await boss().says('/apitoken revoke T2');
    expect(await boss().reply('/apitoken')).toBe(
      [
        'No API tokens. Make one for a spreadsheet or a shop system: /apitoken new sheets',
        '2 revoked tokens not shown (/audit lists them).',
      ].join('\n'),
    );
    await boss().says('/apitoken new shop');
    expect(
      tokens()
        .map((x) => x.no)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect((await boss().says('/audit')).join('\n')).toContain('revoked API token T1 · boss — by boss');
  });

  it('a bad name makes nothing', async () => {
    expect(await boss().reply(`/apitoken new ${'x'.repeat(41)}`)).toBe(
      'Name the token in 1 to 40 characters on one line, e.g. /apitoken new sheets. Nothing was made.',
    );
    expect(tokens()).toEqual([]);
  });

  it('asked in the private chat, the answer is the secret there and nothing in the group', async () => {
    await group.as('owner').says('hello');
    const out = await t.dm('owner').says('/apitoken new sheets');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\[dm owner\] API token T1 "sheets" for main/);
    expect(secretIn(out)).toBeDefined();
  });

  it('the platform refusing the private chat: the token is revoked at once and the group told, without the secret', async () => {
    t.adapter.unreachable.add('boss');
    const out = await boss().says('/apitoken new erp');
    expect(out.join('\n')).not.toContain('tb_');
    expect(out).toEqual([
      'API token T1 "erp" made: I sent it to you privately (it is shown only once).',
      'boss: I could not send you API token T1 privately (the platform refused: open a private chat with me first: https://memory.bot/tuanbot), so I revoked it. Ask again with /apitoken new.',
    ]);
    expect(tokens()).toEqual([expect.objectContaining({ no: 1, revokedBy: 'auto' })]);
    expect((await boss().says('/audit')).join('\n')).toContain(
      'revoked API token T1: it could not be sent privately · boss — by the bot',
    );
  });

  it('a platform with no private chat at all: told so, nothing made, nothing posted in the group', async () => {
    // Plays a platform whose adapter cannot open a private chat (directChat absent).
    Object.assign(t.adapter, { directChat: undefined });
    const out = await boss().says('/apitoken new erp');
    expect(out).toEqual([
      'An API token can only be handed over in a private chat, and this platform does not let me start one with you. Nothing was made.',
    ]);
    expect(tokens()).toEqual([]);
  });

  it('a Chinese group does it all with its own words', async () => {
    await group.as('owner').says('/lang zh');
    const out = await boss().says('接口令牌 新建 表格');
    const secret = secretIn(out)!;
    const said = out.map((line) => line.replace(/^\[dm boss\] /, ''));
    expect(said).toContain('已创建接口令牌 T1「表格」，已私信发给你（只显示一次）。');
    for (const line of said)
      expect(englishWords(line, [secret, 'main', 'Authorization', 'Bearer'])).toEqual([]);
    expect(await boss().reply('接口令牌')).toMatch(
      /^接口令牌（只读；撤销请发：接口令牌 撤销 T1）：\nT1「表格」— 2026-11-25 16:00 由 boss 创建 · 调用 0 次，从未使用$/,
    );
    expect(await boss().reply('接口令牌 撤销 T1')).toBe(
      '已撤销接口令牌 T1「表格」，它已无法再访问任何数据。',
    );
    expect(findApiToken(t.store.tables, secret)).toBeUndefined();
    expect((await boss().says('审计')).join('\n')).toContain('撤销接口令牌 T1 · boss — 操作人 boss');
  });
});

describe('ApiTokenUsage: calls counted in memory, written at most once a minute', () => {
  it('the first call is due at once, then one write per minute carries every call since', () => {
    const usage = new ApiTokenUsage(60_000);
    const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 8, 0, s));
    expect(usage.note('a', at(0))).toBe(true);
    expect([...usage.take(at(0))]).toEqual([['a', { calls: 1, lastUsedAt: at(0).toISOString() }]]);
    expect(usage.note('a', at(10))).toBe(false);
    expect(usage.note('b', at(30))).toBe(false);
    expect(usage.note('a', at(60))).toBe(true);
    expect(Object.fromEntries(usage.take(at(60)))).toEqual({
      a: { calls: 2, lastUsedAt: at(60).toISOString() },
      b: { calls: 1, lastUsedAt: at(30).toISOString() },
    });
    expect(usage.take(at(61)).size).toBe(0);
  });
});
