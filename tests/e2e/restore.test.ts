import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runScript, tempDataDir } from './run-bot.js';

const restore = (dir: string, ...args: string[]) => runCli('restore', dir, args);

describe('npm run restore', () => {
  it('lists the backups and puts one back in place of a corrupt state file, keeping the old files aside', async () => {
    const dir = await tempDataDir();
    await runScript(dir, '/lang zh\n');
    const [backup] = await readdir(join(dir, 'backups'));
    // The day's backup was taken at start, before /lang: restoring it goes back to that state.
    await writeFile(join(dir, 'state.json'), 'garbage');

    // npm run restore itself once; the compiled script directly after.
    const list = runCli('restore', dir, [], { npm: true });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`${backup}  ok`);

    const done = restore(dir, backup!);
    expect(done.status).toBe(0);
    expect(done.stdout).toContain('Restored');
    const aside = (await readdir(dir)).find((n) => n.startsWith('replaced-'))!;
    expect(await readFile(join(dir, aside, 'state.json'), 'utf8')).toBe('garbage');

    const after = await runScript(dir, '/whoami\n');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('owner in main');
  });

  it('refuses a backup that does not load', async () => {
    const dir = await tempDataDir();
    await writeFile(join(dir, 'broken.json'), '{"version":1');
    const result = restore(dir, join(dir, 'broken.json'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot restore');
  });
});
