import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '../..');

function build(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

/** RAM where the machine has a writable /dev/shm (fsyncs cost next to nothing), else the temp dir. */
function scratchBase(): string {
  if (process.env.TMPDIR) return tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/**
 * Vitest's global setup, once per run before any test file:
 * - builds dist/ when the sources changed (scripts/build.mjs; again before each rerun in watch
 *   mode), so process tests start the compiled JavaScript as `npm start` does, without a build
 *   check of their own at every start;
 * - points TMPDIR at a folder of this run's own, in RAM where it can be (most tests commit to a
 *   store, and an fsync on a busy disk costs milliseconds), which the workers and every process
 *   they start inherit; it is deleted at the end, so data dirs, exports and fixtures made with
 *   `mkdtemp(tmpdir())` never pile up, also when a test fails before its own cleanup.
 */
export default function setup(project: TestProject): () => void {
  build();
  // In watch mode, before each rerun: a changed source reaches the process tests too.
  project.onTestsRerun(build);
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(scratchBase(), 'tuanbot-vitest-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      // A tmpfs a test could not unmount (tests/hardening/disk.test.ts) keeps its mount point busy.
      process.stderr.write(`tests: could not remove ${dir}: ${(error as Error).message}\n`);
    }
  };
}
