import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../adapters/console/index.js';
import { SystemClock } from '../../src/core/clock.js';
import { Store } from '../../src/store/store.js';
import { botOnStore } from './bot.js';

/** A terminal for the console adapter: what is typed in, what it printed so far, and its quit. */
export interface ConsoleTerminal {
  input: PassThrough;
  output: PassThrough;
  printed(): string;
  /** The host's quit (end of input or `:quit`). */
  quit: () => void;
  /** Resolves once the console quit. */
  done: Promise<void>;
}

export function consoleTerminal(): ConsoleTerminal {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  let quit!: () => void;
  const done = new Promise<void>((resolve) => {
    quit = resolve;
  });
  return { input, output, printed: () => printed, quit: () => quit(), done };
}

/**
 * The real bot on a store in `dir`, driven through the console adapter by `script` (lines as typed,
 * each ending in a newline) until its end, then stopped; returns what the console printed, with the
 * adapter and the clock it ran on.
 */
export async function runConsole(
  dir: string,
  script: string,
): Promise<{ printed: string; adapter: ConsoleAdapter; clock: SystemClock }> {
  const clock = new SystemClock();
  const store = await Store.open({ dir, clock });
  const bot = botOnStore(store, clock, dir);
  const terminal = consoleTerminal();
  const adapter = new ConsoleAdapter(
    { clock, runDue: () => bot.scheduler.runDue(), idle: () => bot.idle(), quit: terminal.quit },
    terminal.input,
    terminal.output,
  );
  await bot.start([adapter]);
  bot.scheduler.stop();
  terminal.input.end(script);
  await terminal.done;
  await bot.stop();
  return { printed: terminal.printed(), adapter, clock };
}
