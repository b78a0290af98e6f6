import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDist } from '../../scripts/build.mjs';

/**
 * The build step `npm start` runs first (scripts/build.mjs), on a small tree of its own: the
 * compiled JavaScript runs, a start with nothing changed writes nothing, and a changed or
 * removed source is reflected in dist/ at the next start.
 */
describe('the build before npm start', () => {
  let root: string;
  const put = async (file: string, text: string) => {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), text);
  };
  // What `node dist/src/main.js` prints in that tree.
  const run = () =>
    execFileSync(process.execPath, [join(root, 'dist', 'src', 'main.js')], { encoding: 'utf8' });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuanbot-build-'));
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await put('src/main.ts', "import { greet } from '../commands/greet.js';\nconsole.log(greet('Ann'));\n");
    await put('commands/greet.ts', "export const greet = (name: string): string => 'hi ' + name;\n");
    await put('src/types.d.ts', 'declare const nothing: never;\n');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('compiles every source to dist/ beside the same tree, runnable by node, with source maps', async () => {
    expect(await buildDist(root)).toBe(4); // two modules and their maps; declarations left out
    expect(run()).toBe('hi Ann\n');
    expect(await readFile(join(root, 'dist/src/main.js'), 'utf8')).toContain('sourceMappingURL=main.js.map');
    await expect(stat(join(root, 'dist/src/types.d.js'))).rejects.toThrow();
  });

  it('writes nothing when no source changed, and only what changed when one did', async () => {
    await buildDist(root);
    const compiled = join(root, 'dist/src/main.js');
    const before = (await stat(compiled)).mtimeMs;
    expect(await buildDist(root)).toBe(0);
    await put('commands/greet.ts', "export const greet = (name: string): string => '你好 ' + name;\n");
    expect(await buildDist(root)).toBe(2); // greet.js and its map
    expect((await stat(compiled)).mtimeMs).toBe(before);
    expect(run()).toBe('你好 Ann\n');
  });

  it('removes the output of a source that is gone, so nothing can still import it', async () => {
    await put('commands/old.ts', 'export const old = 1;\n');
    await buildDist(root);
    await rm(join(root, 'commands/old.ts'));
    await buildDist(root);
    await expect(stat(join(root, 'dist/commands/old.js'))).rejects.toThrow();
    expect(run()).toBe('hi Ann\n');
  });

  it('a syntax error fails the build and leaves the last good dist/ in place', async () => {
    await buildDist(root);
    await put('commands/greet.ts', "export const greet = (name: string) => 'hi ' + name;;; }\n");
    await expect(buildDist(root)).rejects.toThrow(/greet\.ts/);
    expect(run()).toBe('hi Ann\n');
  });
});
