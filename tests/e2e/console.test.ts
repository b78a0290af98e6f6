import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/store/schema.js';
import { SnapshotFile } from '../../src/store/snapshot-file.js';
import { runScript, startBot, tempDataDir, waitForOutput } from './run-bot.js';

describe('npm start: the console simulator as a process', () => {
  // Through npm itself, as the README shows it (`printf … | npm start --silent`): the build step and the compiled bot.
  it('runs a scripted chat, prints replies in the console format, and exits 0 at end of input', async () => {
    const dir = await tempDataDir();
    const result = await runScript(
      dir,
      [
        '/help',
        'alice> /lang zh',
        ':as bob',
        '/whoami',
        ':dm carol> /start',
        ':group other',
        'hi',
        '/whoami',
        '',
      ].join('\n'),
      {},
      { npm: true },
    );
    expect(result.code).toBe(0);
    const out = result.stdout;
    // Every bot message shows its id, counted up from m1 on a new data dir.
    expect(out).toMatch(/^\[main\] bot \(m1\): Commands \(send \/help NAME for details\):\n {2}\/help/m);
    expect(out).toMatch(/\[main\] bot \(m2\): Only group admins can use \/lang\. Nothing was changed\./);
    expect(out).toMatch(/\[main\] bot \(m\d+\): bob in main\n {2}Role: member/);
    expect(out).toMatch(/\[dm carol\] bot \(m\d+\): Hi, I am tuanbot\./);
    expect(out).toMatch(/\[other\] bot \(m\d+\): bob in other\n {2}Role: member/);
  });

  it('a reply to a deal card (:reply MSGID) orders in that deal when several are open', async () => {
    const dir = await tempDataDir();
    const child = startBot(dir);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const cardOf = async (no: number, title: string) => {
      const card = new RegExp(`bot \\((m\\d+)\\): 🛒 #${no} ${title}`);
      return card.exec(await waitForOutput(child, card))![1]!;
    };
    child.stdin.write('/deal new "Mangoes" price=10\n');
    const mangoes = await cardOf(1, 'Mangoes');
    child.stdin.write('/deal new "Pears" price=5\n');
    const pears = await cardOf(2, 'Pears');
    child.stdin.end(
      [`:reply ${pears} bob> +1`, `:reply ${mangoes} alice> +2`, ':reply m999 +1', ':reply m1', ''].join(
        '\n',
      ),
    );
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    // Each card is edited with the order of the member who replied to it.
    const roster = (card: string, title: string, line: string) =>
      new RegExp(`\\[main\\] bot edited ${card}: 🛒 ${title}.*(?:\\n {2}.*)*\\n {2}${line}`);
    expect(out).toMatch(roster(pears, '#2 Pears', '1\\. bob ×1'));
    expect(out).toMatch(roster(mangoes, '#1 Mangoes', '1\\. alice ×2'));
    expect(out).toContain('[console] error: no bot message m999 yet');
    expect(out).toContain('[console] error: :reply needs MSGID TEXT');
  });

  it(':admin grants and the :clock offset survive a restart on the same data dir', async () => {
    const dir = await tempDataDir();
    const first = await runScript(dir, ':admin bob\n:clock +2d\n');
    expect(first.code).toBe(0);
    const movedTo = Date.parse(/\[console\] clock: (\S+)/.exec(first.stdout)![1]!);
    expect((await stat(join(dir, 'console.json'))).mode & 0o777).toBe(0o600);

    const second = await runScript(dir, 'bob> /lang zh\n:clock +1m\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^\[console\] restored: clock \S+ \(\+2d\); admins bob \(main\)$/m);
    expect(second.stdout).toMatch(/\[main\] bot \(m\d+\): 语言已切换为简体中文/);
    // Still ahead: a minute more lands at least a minute after where the first run left the clock.
    const now = Date.parse(/\[console\] clock: (\S+)/.exec(second.stdout)![1]!);
    expect(now - movedTo).toBeGreaterThanOrEqual(60_000);
  });

  it('keeps state across restarts of npm start on the same data dir', async () => {
    const dir = await tempDataDir();
    await runScript(dir, '/lang zh\nalice> hello\n');
    const second = await runScript(dir, 'alice> /whoami\n');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('发言数：2');
  });

  it('bad input gets a clear answer and the process keeps going', async () => {
    const dir = await tempDataDir();
    const script = [
      '',
      '   ',
      `/help ${'x'.repeat(10_000)}`,
      'y'.repeat(10_000),
      '/whoami\u0007\u001b[31m',
      '/definitely-not-a-command',
      ':frobnicate now',
      ':clock yesterday',
      ':clock +1d',
      ':join',
      ':reply m1',
      ':end',
      ':paste two words',
      '/lang "unclosed',
      '/whoami',
    ].join('\n');
    const result = await runScript(dir, `${script}\n`);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('too long for a command');
    expect(out).toMatch(/\[main\] bot \(m\d+\): owner in main/);
    expect(out).toContain('Unknown command /definitely-not-a-command');
    expect(out).toContain('[console] error: unknown directive :frobnicate');
    expect(out).toContain('[console] error: :clock needs');
    expect(out).toMatch(/\[console\] clock: \d{4}-/);
    expect(out).toContain('[console] error: :join needs NAME');
    expect(out).toContain('[console] error: :reply needs MSGID TEXT, e.g. :reply m3 +1\n');
    expect(out).toContain('[console] error: :end without :paste — nothing to send\n');
    expect(out).toContain(
      '[console] error: :paste takes an optional NAME (no spaces), then lines, then :end\n',
    );
    expect(out).toContain('A quote is not closed');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  });

  it('survives SIGKILL mid-run: the store still loads and acknowledged changes are there', async () => {
    const dir = await tempDataDir();
    const child = startBot(dir);
    child.stdin.write('/lang zh\n');
    await waitForOutput(child, /语言已切换为简体中文/);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const after = await runScript(dir, '/whoami\n');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('身份：群主');
  });

  it('a second npm start on the same data dir stops with a clear error', async () => {
    const dir = await tempDataDir();
    const first = startBot(dir);
    first.stdin.write('/start\n');
    await waitForOutput(first, /tuanbot/);
    const second = await runScript(dir, '/start\n');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another tuanbot \(pid \d+\) is already using the data dir/);
    first.stdin.end();
    await new Promise((r) => first.on('close', r));
  });

  it('a corrupt state file stops start-up with its name and reason, untouched', async () => {
    const dir = await tempDataDir();
    await runScript(dir, '/start\n');
    await writeFile(join(dir, 'state.json'), '{"version":1,"seq":');
    const result = await runScript(dir, '/start\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot load ${join(dir, 'state.json')}: not valid JSON`);
    expect(result.stderr).toContain('Newest good backup');
  });

  it('a bad environment value stops start-up naming the variable', async () => {
    const dir = await tempDataDir();
    const result = await runScript(dir, '', { TZ: 'Mars/Olympus' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TZ="Mars/Olympus": is not a known IANA timezone');
  });

  it('SIGTERM flushes and exits 0', async () => {
    const dir = await tempDataDir();
    const child = startBot(dir);
    child.stdin.write('/lang zh\n');
    await waitForOutput(child, /语言已切换/);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    // flushed: the final snapshot holds the change and the journal is empty
    const { raw } = (await new SnapshotFile(join(dir, 'state.json')).read())!;
    expect((raw as Snapshot).collections.communities[0]!.locale).toBe('zh');
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
  });
});
