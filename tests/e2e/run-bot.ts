import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tuanbot-e2e-'));
}

/**
 * `npm start` as a user runs it, with its own data dir and no platform credentials. With
 * `direct`, the bot's own node process (what npm start runs), so a signal reaches the bot itself
 * rather than npm. `wrapper` runs it under another command (e.g. `unshare --pid --fork`).
 */
export function startBot(
  dataDir: string,
  env: Record<string, string> = {},
  direct = false,
  wrapper: readonly string[] = [],
): ChildProcessWithoutNullStreams {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TELEGRAM|DISCORD|WECHAT|ADAPTERS|OWNER_IDS|BOT_LOCALE)/.test(k),
    ),
  );
  const [command, args] = direct
    ? [process.execPath, ['--import', 'tsx', 'src/main.ts']]
    : ['npm', ['start', '--silent']];
  const [program, ...rest] = [...wrapper, command, ...args];
  return spawn(program!, rest, {
    cwd: ROOT,
    env: { ...clean, DATA_DIR: dataDir, TZ: 'UTC', ...env },
  });
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Pipes a whole script into the bot and waits for it to exit at end of input. */
export function runScript(
  dataDir: string,
  script: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const child = startBot(dataDir, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.end(script);
  return new Promise((resolveRun) => child.on('close', (code) => resolveRun({ stdout, stderr, code })));
}

/**
 * The transcript with the bot's message ids left out (`[main] bot (m3): TEXT` → `[main] bot: TEXT`),
 * for tests about what the bot said rather than which id it got (tests/e2e/console.test.ts checks ids).
 */
export function withoutIds(stdout: string): string {
  return stdout.replace(/\] bot \(m\d+\)/g, '] bot');
}

/** Resolves when the child's stdout has printed a line matching pattern. */
export function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolveWait, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        child.stdout.off('data', onData);
        resolveWait(seen);
      }
    };
    child.stdout.on('data', onData);
    child.on('close', () => reject(new Error(`exited before printing ${pattern}: ${seen}`)));
  });
}
