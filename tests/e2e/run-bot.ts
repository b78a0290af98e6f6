import {
  type ChildProcessWithoutNullStreams,
  type SpawnSyncReturns,
  spawn,
  spawnSync,
} from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tuanbot-e2e-'));
}

/**
 * The node command line that runs a compiled entry point as `npm start` and the npm scripts do
 * (`src/main`, `scripts/report` …): the JavaScript in dist/, which the suite's global setup
 * (tests/setup/global.ts) builds once per run. Without npm in between, a signal reaches the
 * process itself and a start costs one process, not three.
 */
export function nodeArgs(entry: string): string[] {
  return ['--enable-source-maps', join(ROOT, 'dist', `${entry}.js`)];
}

/** The environment a user's shell gives the bot, less any platform credentials of the machine. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TELEGRAM|DISCORD|WECHAT|ADAPTERS|OWNER_IDS|BOT_LOCALE)/.test(k),
    ),
  );
}

/** How startBot runs the bot: through `npm start` itself, and under another command (e.g. `unshare --pid --fork`). */
export interface StartOptions {
  /** `npm start --silent` as a user types it (build check included), rather than the compiled bot alone. */
  npm?: boolean;
  wrapper?: readonly string[];
}

/**
 * The bot as `npm start` runs it (its own node process running the compiled JavaScript), with its
 * own data dir and no platform credentials.
 */
export function startBot(
  dataDir: string,
  env: Record<string, string> = {},
  { npm = false, wrapper = [] }: StartOptions = {},
): ChildProcessWithoutNullStreams {
  const [command, args] = npm ? ['npm', ['start', '--silent']] : [process.execPath, nodeArgs('src/main')];
  const [program, ...rest] = [...wrapper, command, ...args];
  return spawn(program!, rest, {
    cwd: ROOT,
    env: { ...cleanEnv(), DATA_DIR: dataDir, TZ: 'UTC', ...env },
  });
}

/**
 * One of the npm scripts (`report`, `restore`, `export`, `import`) on a data dir, as
 * `npm run --silent NAME -- ARGS` runs it (or through npm itself, with `npm`).
 */
export function runCli(
  name: 'report' | 'restore' | 'export' | 'import',
  dataDir: string,
  args: readonly string[],
  { npm = false }: { npm?: boolean } = {},
): SpawnSyncReturns<string> {
  const [command, argv] = npm
    ? ['npm', ['run', '--silent', name, '--', ...args]]
    : [process.execPath, [...nodeArgs(`scripts/${name}`), ...args]];
  return spawnSync(command, argv, {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
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
  options: StartOptions = {},
): Promise<RunResult> {
  const child = startBot(dataDir, env, options);
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
