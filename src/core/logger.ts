import type { Writable } from 'node:stream';
import { pino } from 'pino';

/** The logger interface the core needs (pino's, so any pino logger fits). */
export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** Replaces every occurrence of a secret in a log line (an SDK error may carry a token in a URL). */
export function maskSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[secret]');
  return out;
}

/**
 * Logs go to stderr so that stdout stays the chat (the console simulator prints there). Secrets
 * (platform tokens) never reach the log: known fields are redacted and the values themselves are
 * masked wherever they appear, e.g. inside an error message or a request URL.
 */
export function createLogger(
  level: string,
  secrets: readonly string[] = [],
  destination: Writable | number = 2,
): pino.Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'config.*Token', '*.password', 'config.*TOKEN'],
        censor: '[secret]',
      },
      hooks: { streamWrite: (line) => maskSecrets(line, secrets) },
    },
    typeof destination === 'number' ? pino.destination(destination) : destination,
  );
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
