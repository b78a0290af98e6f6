import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');

/** What `npm run bench -- --quick --only <section>` printed, and the results file it wrote. */
export interface QuickBench {
  stdout: string;
  // any: the results file is the benchmark's JSON, which each test checks field by field.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  results: any;
}

/**
 * Runs bench/run.ts in quick mode for one section (`core`, `delivery`) with its results written to
 * a fresh temp file, removed afterwards. Rejects if the benchmark exits non-zero.
 */
export async function runQuickBench(only: string): Promise<QuickBench> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-bench-test-'));
  try {
    const out = join(dir, 'results.json');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--quick', '--only', only, '--out', out],
      { cwd: root, maxBuffer: 16 << 20 },
    );
    return { stdout, results: JSON.parse(await readFile(out, 'utf8')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
