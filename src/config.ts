import { z } from 'zod';
import { isTimezone } from './core/format.js';

const KNOWN_ADAPTERS = ['console', 'telegram', 'discord', 'wechat'] as const;

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Every environment variable tuanbot reads; .env.example documents each. */
export const ConfigSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  BOT_LOCALE: z.enum(['en', 'zh']).optional(),
  TZ: z
    .string()
    .optional()
    .refine((tz) => tz === undefined || tz === '' || isTimezone(tz), {
      message: 'is not a known IANA timezone',
    }),
  OWNER_IDS: list,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ADAPTERS: list.pipe(z.array(z.enum(KNOWN_ADAPTERS))),
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Validates the environment; a bad value names the variable and what is wrong with it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration (see .env.example):\n${lines.join('\n')}`);
}
