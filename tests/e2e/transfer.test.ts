import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runScript, tempDataDir, withoutIds } from './run-bot.js';

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
    // npm run export and npm run import themselves once each; the compiled scripts directly after.
    const listed = runCli('export', from, [], { npm: true });
    expect(listed.status).toBe(1);
    expect(listed.stderr).toContain('console:main  main');

    const exported = runCli('export', from, ['--community', 'console:main']);
    expect(exported.status).toBe(0);
    const file = join(from, 'main.json');
    await writeFile(file, exported.stdout);
    const data = JSON.parse(exported.stdout);
    expect(data.format).toBe('tuanbot-community');
    expect(data.collections.orders).toHaveLength(1);

    const to = await tempDataDir();
    const imported = runCli('import', to, [file, '--as', 'console:moved'], { npm: true });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Imported \d+ records as console:moved/);
    const again = runCli('import', to, [file, '--as', 'console:moved']);
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
    const result = runCli('import', to, [file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Not imported: members: .*Nothing was changed/);
  });
});
