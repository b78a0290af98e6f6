import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunResult, startBot, tempDataDir, waitForOutput } from './run-bot.js';

/**
 * The bot in a fresh PID namespace, as in a container: it is pid 1 there at every start. As root
 * that takes `unshare --pid --fork`; elsewhere an unprivileged user namespace may allow it.
 * `--kill-child` so no bot outlives a failed test.
 */
const UNSHARE = [
  ['unshare', '--pid', '--fork', '--kill-child=SIGKILL'],
  ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--kill-child=SIGKILL'],
].find((cmd) => spawnSync(cmd[0]!, [...cmd.slice(1), 'true']).status === 0);

type Bot = ReturnType<typeof startBot>;

/** What the bot printed to stderr and how it ended, once it has ended. */
function ended(bot: Bot): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  bot.stdout.on('data', (d) => {
    stdout += d;
  });
  bot.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => bot.on('close', (code) => resolve({ stdout, stderr, code })));
}

/** The pid, in this namespace, of the process that unshare forked (the bot, pid 1 in its own). */
async function forkedChild(unshare: Bot): Promise<number> {
  const pid = unshare.pid!;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return Number.parseInt(children, 10);
}

describe('restarts', () => {
  const dirs: string[] = [];
  const bots: Bot[] = [];
  const newDir = async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const bot of bots.splice(0)) bot.kill('SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!UNSHARE)(
    'in a container (pid 1 in a fresh PID namespace every time): killed with SIGKILL, the bot starts again at once on the same data dir (skipped where unshare is not allowed)',
    async () => {
      const dir = await newDir();
      const first = startBot(dir, {}, { wrapper: UNSHARE });
      bots.push(first);
      first.stdin.write('/lang zh\n');
      await waitForOutput(first, /语言已切换为简体中文/);
      // The container case indeed: the bot wrote its pid as 1, the pid the next start has too.
      expect(await readFile(join(dir, 'tuanbot.lock'), 'utf8')).toBe('1');
      const firstEnded = ended(first);
      process.kill(await forkedChild(first), 'SIGKILL');
      await firstEnded;

      const second = startBot(dir, {}, { wrapper: UNSHARE });
      bots.push(second);
      const after = ended(second);
      second.stdin.end('/whoami\n');
      const result = await after;
      expect(result.stderr).not.toContain('already using the data dir');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('身份：群主');
    },
  );

  it.skipIf(!UNSHARE)(
    'a live bot in another PID namespace (another container on the same volume) still refuses a second start (skipped where unshare is not allowed)',
    async () => {
      const dir = await newDir();
      const first = startBot(dir);
      bots.push(first);
      first.stdin.write('/start\n');
      await waitForOutput(first, /tuanbot/);
      // The first bot's pid does not exist in the second's namespace: only a lock the kernel
      // holds for the live process can refuse it.
      const second = startBot(dir, {}, { wrapper: UNSHARE });
      bots.push(second);
      const refused = ended(second);
      second.stdin.end('/start\n');
      const result = await refused;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `another tuanbot (pid ${first.pid}) is already using the data dir ${dir}; stop it first or set DATA_DIR to another folder`,
      );
      // The first is untouched and still answers.
      first.stdin.write('/whoami\n');
      await waitForOutput(first, /owner in main/);
    },
  );
});
