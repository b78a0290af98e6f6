import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

const ROOT = resolve(import.meta.dirname, '../..');
const npm = (dir: string, args: string[]) =>
  spawnSync('npm', ['run', '--silent', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir },
    encoding: 'utf8',
  });

describe('npm run export / import: moving a community without losing members, points or orders', () => {
  it('exports a group from one data dir and imports it into another as a new group', async () => {
    const from = await tempDataDir();
    await runScript(
      from,
      [
        '/deal new "Mangoes" price=10 min=1',
        'alice> +2',
        'alice> /checkin',
        '/award bob 7',
        'bob> hi',
        '/award bob 7',
        '',
      ].join('\n'),
    );
    const listed = npm(from, ['export']);
    expect(listed.status).toBe(1);
    expect(listed.stderr).toContain('console:main  main');

    const exported = npm(from, ['export', '--', '--community', 'console:main']);
    expect(exported.status).toBe(0);
    const file = join(from, 'main.json');
    await writeFile(file, exported.stdout);
    const data = JSON.parse(exported.stdout);
    expect(data.format).toBe('tuanbot-community');
    expect(data.collections.orders).toHaveLength(1);

    const to = await tempDataDir();
    const imported = npm(to, ['import', '--', file, '--as', 'console:moved']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Imported \d+ records as console:moved/);
    const again = npm(to, ['import', '--', file, '--as', 'console:moved']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists here; use --replace');

    const after = await runScript(
      to,
      [':group moved', 'alice> /points', 'alice> /myorders', 'bob> /points', ''].join('\n'),
    );
    expect(withoutIds(after.stdout)).toContain('[moved] bot: Points: 1');
    expect(after.stdout).toContain('#1 Mangoes ×2 — ¥20.00');
    expect(withoutIds(after.stdout)).toContain('[moved] bot: Points: 7');
  });

  it('a broken file is refused and changes nothing', async () => {
    const to = await tempDataDir();
    const file = join(to, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'tuanbot-community',
        version: 1,
        exportedAt: 'x',
        community: 'a:b',
        collections: { members: [{ id: 1 }] },
      }),
    );
    const result = npm(to, ['import', '--', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Not imported: members: .*Nothing was changed/);
  });
});
