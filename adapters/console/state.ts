import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileDurably } from '../../src/core/durable-write.js';

/** What the console remembers across restarts on one data dir (the store knows nothing of it). */
export interface ConsoleState {
  /** How far `:clock` has moved the bot's clock ahead of the wall clock, in ms (never negative). */
  clockOffsetMs: number;
  /** Members made admins with `:admin`, by group name. */
  admins: Record<string, string[]>;
  /** Bot message ids up to `m<messageIds>` may be in use; the next run continues after it. */
  messageIds: number;
}

const FILE = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number().nonnegative(),
  admins: z.record(z.string(), z.array(z.string())),
  messageIds: z.number().int().nonnegative(),
});

const EMPTY: ConsoleState = { clockOffsetMs: 0, admins: {}, messageIds: 0 };

/** console.json cannot be read: start-up stops with this sentence rather than forget grants silently. */
export class ConsoleStateError extends Error {
  constructor(file: string, reason: string) {
    super(
      `cannot load ${file}: ${reason}. It holds the console's :admin grants, :clock offset and message ids; fix it, or delete it to start those afresh.`,
    );
    this.name = 'ConsoleStateError';
  }
}

/**
 * The console's small state file (`DATA_DIR/console.json`), owner-only and replaced atomically:
 * after a crash it holds the old or the new content, never a mix.
 */
export class ConsoleStateFile {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /**
   * Reads the file synchronously (once, at start-up, before the bot's clock is used); a missing
   * file is an empty state. Throws ConsoleStateError when it exists but is not a console state.
   */
  load(): ConsoleState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...EMPTY, admins: {} };
      throw new ConsoleStateError(this.path, (error as Error).message);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConsoleStateError(this.path, 'not valid JSON');
    }
    const parsed = FILE.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConsoleStateError(this.path, `${issue?.path.join('.') || 'file'}: ${issue?.message}`);
    }
    const { version: _version, ...state } = parsed.data;
    return state;
  }

  /** Writes state; writes happen in call order, so the last call's state is what stays on disk. */
  save(state: ConsoleState): Promise<void> {
    const text = `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`;
    const write = this.queue.then(() => writeFileDurably(this.path, text));
    this.queue = write.catch(() => {});
    return write;
  }
}
