import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ for the process tests and gives the run its own TMPDIR, removed at the end.
    globalSetup: ['tests/setup/global.ts'],
    // One test file per core (vitest's default leaves one core to its own idle main process, which
    // on a 2-core machine runs the files one by one). Many files wait on the bot's processes, on
    // sockets to the local fakes or on the outbox's real-time pacing; a second file runs meanwhile.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps its modules from one test file to the next: importing the bot (zod schemas,
    // telegraf, discord.js, wechaty …) afresh for each of ~100 files was half of the suite's CPU.
    // Tests share no state through modules: each makes its own store, bot and fakes, and what a
    // bot remembers lives with that bot (tests/commands/per-bot-memory.test.ts); spies are put back
    // after every test, so none leaks into the next file.
    isolate: false,
    restoreMocks: true,
    // e2e tests start the bot as a process; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'all', include: ['tests/**/*.test.ts'] } },
      {
        // The chat behaviour (and the dashboard's) again with the state in PostgreSQL (one throwaway database per test
        // bot: tests/helpers/chat.ts), so both stores answer every command the same way. Left
        // out: tests of the JSON store's own files (a crash image of the data dir, backups, a
        // full disk, the snapshot file's mode), which the first project runs.
        extends: true,
        test: {
          name: 'commands on PostgreSQL',
          include: ['tests/commands/**/*.test.ts', 'tests/dashboard/**/*.test.ts'],
          exclude: [
            'tests/commands/arrival-crash.test.ts',
            'tests/commands/privacy-backups.test.ts',
            'tests/commands/privacy-disk.test.ts',
            'tests/commands/privacy.test.ts',
          ],
          env: { TUANBOT_TEST_STORE: 'postgres' },
        },
      },
    ],
  },
});
