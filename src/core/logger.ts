import { pino } from 'pino';

/** The logger interface the core needs (pino's, so any pino logger fits). */
export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** Logs go to stderr so that stdout stays the chat (the console simulator prints there). */
export function createLogger(level: string): pino.Logger {
  return pino(
    { level, redact: { paths: ['token', '*.token', 'config.*Token', '*.password'], censor: '[secret]' } },
    pino.destination(2),
  );
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
