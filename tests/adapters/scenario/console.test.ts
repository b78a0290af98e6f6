import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readState } from '../../../src/store/store.js';
import { startBot, tempDataDir } from '../../e2e/run-bot.js';
import { type Driver, expectAnswers, expectedOutcome, type Person, play, project } from './scenario.js';

/**
 * The console simulator as a user runs it (`npm start`, no credentials), fed one line at a time.
 * After each line an unknown directive is typed: the console answers it only after the line
 * before was handled and its replies printed, so its error line marks the end of the answer.
 */
class ConsoleDriver implements Driver {
  readonly platform = 'console';
  readonly ids: Record<Person, string> = { owner: 'owner', alice: 'alice', bob: 'bob', carol: 'carol' };
  private output = '';
  private marks = 0;

  constructor(
    readonly dir: string,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    child.stdout.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
  }

  say(who: Person, text: string): Promise<string[]> {
    return this.line(`${who}> ${text}`);
  }

  async join(who: Person, _via: Person, invite: string): Promise<void> {
    await this.line(`:join ${who} via ${invite}`);
  }

  tables() {
    // Replies are printed only once their change is on disk, so the durable state is complete here.
    return readState(this.dir);
  }

  /** Types a line; resolves with the texts the bot posted to the group in answer (edits left out). */
  private async line(text: string): Promise<string[]> {
    const mark = `:sync${++this.marks}`;
    const start = this.output.length;
    this.child.stdin.write(`${text}\n${mark}\n`);
    const end = `[console] error: unknown directive ${mark} `;
    const deadline = Date.now() + 15_000;
    while (!this.output.includes(end, start)) {
      if (Date.now() > deadline) throw new Error(`no answer to ${text}: ${this.output.slice(start)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const printed = this.output.slice(start, this.output.indexOf(end, start));
    // A post starts with `[main] bot (m3): `; its further lines are indented by two spaces.
    const post = /^\[main\] bot \(m\d+\): /;
    return printed
      .split(/\n(?! {2})/)
      .filter((text) => post.test(text))
      .map((text) => text.replace(post, '').replace(/\n {2}/g, '\n'));
  }
}

describe('the shared scenario through the console simulator (npm start)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ends with the same store as every platform', async () => {
    dir = await tempDataDir();
    const child = startBot(dir, { LOG_LEVEL: 'warn' });
    const driver = new ConsoleDriver(dir, child);
    const played = await play(driver);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);

    expect(played.invite).toBe('https://invite.console/main/alice');
    expectAnswers(played);
    expect(project(await readState(dir), driver.ids)).toEqual(expectedOutcome('link'));
  }, 60_000);
});
