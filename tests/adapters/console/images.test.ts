import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../adapters/console/index.js';
import { parseConsoleLine } from '../../../adapters/console/syntax.js';
import { ImageTooLargeError } from '../../../src/core/adapter.js';
import { SystemClock } from '../../../src/core/clock.js';
import { runConsole } from '../../helpers/console.js';
import { png } from '../../helpers/images.js';

/** `:image PATH [NAME>] [TEXT]`: a local file sent to the bot as a picture, its caption TEXT. */

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-console-img-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe(':image in the console', () => {
  it.each([
    [':image code.png', { kind: 'image', path: 'code.png', text: '' }],
    [
      ':image ./code.png /pay setup Alipay 138',
      { kind: 'image', path: './code.png', text: '/pay setup Alipay 138' },
    ],
    [':image shot.jpg alice> 已付 #3', { kind: 'image', path: 'shot.jpg', name: 'alice', text: '已付 #3' }],
    [':image "my code.png" 收款设置', { kind: 'image', path: 'my code.png', text: '收款设置' }],
  ])('%s', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });

  it(':image without a path is a clear error', () => {
    expect(parseConsoleLine(':image')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining(':image needs PATH'),
    });
  });

  it('GIVEN the owner types :image FILE /pay setup TEXT and a member /pay THEN the real bot keeps the picture and shows it; a missing file is an error line', async () => {
    const dir = await tempDir();
    const code = join(dir, 'code.png');
    await writeFile(code, png());
    const { printed } = await runConsole(
      join(dir, 'data'),
      `${[`:image ${code} /pay setup Alipay 138 0000 0000`, 'alice> /pay', `:image ${join(dir, 'nope.png')}`].join('\n')}\n`,
    );
    const [kept] = await readdir(join(dir, 'data', 'payment'));
    const shown = join(dir, 'data', 'payment', kept!);
    expect(printed).toContain(`[main] bot (m1) image: ${shown}\n  Payment instructions saved`);
    expect(printed).toContain(`image: ${shown}\n  💳 How to pay\n  Alipay 138 0000 0000`);
    expect(printed).toContain(`[console] error: no file ${join(dir, 'nope.png')}`);
  });

  it('readImage reads the local file, refusing one over the limit without reading it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.png');
    await writeFile(path, png(5_000));
    const adapter = new ConsoleAdapter(
      { clock: new SystemClock(), runDue: async () => {}, idle: async () => {}, quit: () => {} },
      new PassThrough(),
      new PassThrough(),
    );
    expect((await adapter.readImage({ ref: path }, 10_000)).length).toBe(5_000);
    await expect(adapter.readImage({ ref: path }, 4_000)).rejects.toBeInstanceOf(ImageTooLargeError);
  });
});
