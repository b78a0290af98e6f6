import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScanStatus } from 'wechaty';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { WECHAT_LIMITS, WechatWorld, waitFor } from './harness.js';

describe('WeChat adapter on wechaty with the mock puppet', () => {
  let w: WechatWorld;
  beforeEach(async () => {
    w = await WechatWorld.create();
  });
  afterEach(async () => {
    await w.close();
  });

  const members = (roomId: string, userId: string) =>
    w.store.tables.members.get(`wechat:${roomId}/${userId}`);
  const community = (roomId: string) => w.store.tables.communities.get(`wechat:${roomId}`);
  const group = (roomId: string): ChatRef => ({ platform: 'wechat', chatId: roomId, kind: 'group' });

  it('GIVEN a new room WHEN a member writes 帮助 (no slash) THEN the Chinese help is posted to that room', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('小区团购群', [owner, alice], owner);
    await w.login();
    alice.say('帮助').to(room);
    const [reply] = await w.botSays(room.id);
    expect(reply?.text).toContain('命令列表');
    expect(reply?.text).toContain('/whoami');
    expect(community(room.id)).toMatchObject({ title: '小区团购群', locale: 'zh' });
    expect(members(room.id, alice.id)).toMatchObject({ name: 'Alice', role: 'member', messageCount: 1 });
  });

  it('/lang en from a member is refused and the group stays zh; from the room owner (群主) it switches', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();

    alice.say('/lang en').to(room);
    const [refused] = await w.botSays(room.id, 1);
    expect(refused?.text).toContain('只有群管理员');
    expect(community(room.id)?.locale).toBe('zh');

    owner.say('/lang en').to(room);
    const said = await w.botSays(room.id, 2);
    expect(said[1]?.text).toContain('Language set to English');
    expect(community(room.id)?.locale).toBe('en');
    expect(members(room.id, owner.id)?.role).toBe('owner');
  });

  it('posts are paced to one a second, however fast the bot has things to say', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    for (const text of ['一', '二', '三'])
      w.bot.outbox.send(w.adapter, group(room.id), { kind: 'text', text });
    await waitFor(() => w.botSaid(room.id).length === 3, w.clock, 'three posts', 100);
    const [a, b, c] = w.botSaid(room.id);
    expect([a?.text, b?.text, c?.text]).toEqual(['一', '二', '三']);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(1_000);
    expect(c!.at - b!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('a member added to the room is recorded with the contact who added them as inviter', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const bob = w.contact('Bob');
    const carol = w.contact('Carol');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();
    room.add(bob, carol).by(alice);
    await waitFor(() => members(room.id, carol.id) !== undefined, w.clock, 'carol recorded');
    expect(members(room.id, bob.id)).toMatchObject({ status: 'active', invitedBy: alice.id, name: 'Bob' });
    expect(members(room.id, carol.id)?.invitedBy).toBe(alice.id);
  });

  it('a member who leaves is marked left; one removed by the owner is marked removed', async () => {
    const owner = w.contact('王姐');
    const bob = w.contact('Bob');
    const carol = w.contact('Carol');
    const room = w.room('团购', [owner, bob, carol], owner);
    await w.login();
    bob.say('大家好').to(room);
    carol.say('hi').to(room);
    await waitFor(() => members(room.id, carol.id) !== undefined, w.clock, 'members recorded');

    room.remove(bob).by(bob);
    await waitFor(() => members(room.id, bob.id)?.status !== 'active', w.clock, 'bob left');
    expect(members(room.id, bob.id)?.status).toBe('left');

    room.remove(carol).by(owner);
    await waitFor(() => members(room.id, carol.id)?.status !== 'active', w.clock, 'carol removed');
    expect(members(room.id, carol.id)?.status).toBe('removed');
  });

  it('the same message delivered twice is handled once', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();
    alice.say('/whoami').to(room);
    await w.botSays(room.id, 1);
    const first = [...w.mocker.cacheMessagePayload.values()].find((m) => m.talkerId === alice.id)!;
    w.puppet.emit('message', { messageId: first.id }); // the puppet redelivers it
    owner.say('帮助').to(room); // handled after the redelivery: events are taken in order
    const said = await w.botSays(room.id, 2);
    await w.settle();
    expect(w.botSaid(room.id)).toHaveLength(2);
    expect(said[1]?.text).toContain('命令列表');
    expect(members(room.id, alice.id)?.messageCount).toBe(1);
  });

  it('removeMember where the bot is not the room owner reports the problem and fails for good', async () => {
    const owner = w.contact('王姐');
    const bob = w.contact('Bob');
    const room = w.room('团购', [owner, bob], owner);
    await w.login();
    const removed: string[] = [];
    w.puppet.roomDel = async (roomId: string, contactId: string) => {
      removed.push(`${roomId}/${contactId}`);
    };

    const error = await w.adapter.removeMember(group(room.id), bob.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
    const [notice] = await w.botSays(room.id);
    expect(notice?.text).toContain('我没有移除成员的权限');
    expect(removed).toEqual([]);
  });

  it('removeMember where the bot owns the room removes the contact through the puppet', async () => {
    const bob = w.contact('Bob');
    const room = w.room('团购', [bob], w.me);
    await w.login();
    const removed: string[] = [];
    w.puppet.roomDel = async (roomId: string, contactId: string) => {
      removed.push(`${roomId}/${contactId}`);
    };
    await w.adapter.removeMember(group(room.id), bob.id);
    expect(removed).toEqual([`${room.id}/${bob.id}`]);
  });

  it('the scan event prints the login QR code and its link to the given output', async () => {
    w.mocker.scan('https://login.weixin.qq.com/l/abc123', ScanStatus.Waiting);
    await waitFor(() => w.qrText.includes('Or open:'), undefined, 'QR code printed');
    expect(w.qrText).toMatch(/[▀▄█]{4}/);
    expect(w.qrText).toContain(encodeURIComponent('https://login.weixin.qq.com/l/abc123'));
  });

  it('a private message gets its reply in the same private chat', async () => {
    const alice = w.contact('Alice');
    await w.login();
    alice.say('/start').to(w.me);
    const [reply] = await w.botSays(alice.id);
    expect(reply?.text).toBeTruthy();
    expect(w.store.tables.communities.size).toBe(0);
  });

  it('"@tuanbot 帮助" reaches the core as 帮助', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    owner.say('@tuanbot\u2005帮助', [w.me]).to(room);
    const [reply] = await w.botSays(room.id);
    expect(reply?.text).toContain('命令列表');
  });

  it('a renamed room carries its new topic as the community title', async () => {
    const owner = w.contact('王姐');
    const room = w.room('旧群名', [owner], owner);
    await w.login();
    owner.say('hi').to(room);
    await waitFor(() => community(room.id) !== undefined, w.clock, 'community');
    room.topic('新群名').by(owner);
    owner.say('帮助').to(room);
    await w.botSays(room.id);
    expect(community(room.id)?.title).toBe('新群名');
  });

  it('sends an image as a file with its caption after it; a missing file or unknown room fails for good', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    // The mock puppet can only pass on FileBoxes that serialize to JSON (URLs, base64), while the
    // real puppets read local files; so the file is checked where the adapter hands it to the puppet.
    const files: { to: string; name: string; size: number }[] = [];
    w.puppet.messageSendFile = async (to, box) => {
      files.push({ to, name: box.name, size: (await box.toBuffer()).length });
    };
    const path = join(w.dir, 'deal.png');
    await writeFile(path, Buffer.from('89504e470d0a1a0a', 'hex'));
    const sending = w.adapter.send(group(room.id), { kind: 'image', path, caption: '今日团购' });
    // The caption is a second post, a second after the file (botSays moves the clock meanwhile).
    const [caption] = await w.botSays(room.id);
    await sending;
    expect(files).toEqual([{ to: room.id, name: 'deal.png', size: 8 }]);
    expect(caption?.text).toBe('今日团购');
    expect(w.adapter.cost({ kind: 'image', path, caption: '今日团购' })).toBe(2);

    const missing = await w.adapter
      .send(group(room.id), { kind: 'file', path: join(w.dir, 'gone.pdf') })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DeliveryError);
    expect((missing as DeliveryError).retryable).toBe(false);

    const unknown = await w.adapter
      .send(group('nosuchroom@chatroom'), { kind: 'text', text: 'x' })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DeliveryError);
    expect((unknown as DeliveryError).retryable).toBe(false);
  });

  it('long texts are split at line breaks to stay within 2000 characters a message', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    const line = '团'.repeat(900);
    const long = { kind: 'text' as const, text: [line, line, line].join('\n') };
    expect(w.adapter.cost(long)).toBe(2); // what the outbox counts against the budget
    // Two posts at once would get the account restricted: the parts go out a second apart.
    const sending = w.adapter.send(group(room.id), long);
    const said = await w.botSays(room.id, 2);
    await sending;
    expect(said.map((s) => s.text)).toEqual([`${line}\n${line}`, line]);
    expect(said[1]!.at - said[0]!.at).toBeGreaterThanOrEqual(WECHAT_LIMITS.gapMs);
    expect(w.restrictions).toEqual([]);
  });

  it('a long text refused part-way is resumed by the retry of the same message, posting only what is missing', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    const line = '团'.repeat(900);
    const long = { kind: 'text' as const, text: [line, line, line].join('\n') };
    const post = w.puppet.messageSendText.bind(w.puppet);
    let calls = 0;
    w.puppet.messageSendText = async (...args) => {
      if (++calls === 2) throw new Error('wechat: network hiccup');
      return post(...args);
    };
    const refused = w.adapter.send(group(room.id), long).catch((e: unknown) => e);
    await waitFor(() => calls >= 2, w.clock, 'the second part tried');
    expect(await refused).toMatchObject({ retryable: true });
    const retry = w.adapter.send(group(room.id), long);
    const said = await w.botSays(room.id, 2);
    await retry;
    expect(said.map((s) => s.text)).toEqual([`${line}\n${line}`, line]);
  });

  it("keeps the puppet's login session in the data dir, not the working directory", async () => {
    await w.login();
    // What a real puppet (wechat4u, padlocal) does after a login, so the next start needs no scan.
    const memory = (
      w.puppet as unknown as { memory: { set(k: string, v: unknown): Promise<void>; save(): Promise<void> } }
    ).memory;
    await memory.set('session', { token: 'x' });
    await memory.save();
    expect(existsSync(join(w.dir, 'wechat', 'tuanbot.memory-card.json'))).toBe(true);
    expect(existsSync(join(process.cwd(), 'tuanbot.memory-card.json'))).toBe(false);
  });
});
