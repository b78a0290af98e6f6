import { z } from 'zod';
import { parseDuration } from './core/duration.js';
import { isTimezone } from './core/format.js';
import { parseMoney } from './services/money.js';
import { databaseUrlProblem, withoutPassword } from './store/postgres/database-url.js';

const KNOWN_ADAPTERS = ['console', 'telegram', 'discord', 'wechat'] as const;
export type AdapterName = (typeof KNOWN_ADAPTERS)[number];

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * ISO 4217 currencies whose minor unit is not a hundredth (none, or a thousandth): an amount in
 * their smallest unit is not a cent, so in-chat payment in them is refused at start.
 */
const NOT_TWO_DECIMALS = new Set([
  ...['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV'],
  ...['XAF', 'XOF', 'XPF', 'BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'],
]);

/** Every environment variable tuanbot reads; .env.example documents each. */
export const ConfigSchema = z
  .object({
    DATA_DIR: z.string().min(1).default('./data'),
    /** A PostgreSQL URL selects the PostgreSQL store; unset: the JSON store under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .optional()
      .transform((url) => (url === '' ? undefined : url))
      .refine((url) => url === undefined || databaseUrlProblem(url) === undefined, {
        // zod 4: a function message sees the input (the URL); never echo it (it holds the password).
        error: (issue) => databaseUrlProblem(String(issue.input)) ?? 'is not a PostgreSQL URL',
      }),
    /** With DATABASE_URL: wait to take over when another process serves the database, instead of refusing. */
    STORE_STANDBY: z
      .enum(['', '0', '1', 'false', 'true'], {
        error: 'set 1 to stand by (with DATABASE_URL), or leave it unset',
      })
      .default('')
      .transform((v) => v === '1' || v === 'true'),
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
    /** backup.keep_days: a daily backup is deleted this many days after its day (UTC). */
    BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    /** Serve GET /healthz on this port (0: any free port, logged); unset: no health server. */
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** How long files under DATA_DIR/exports/ are kept (a duration: 24h, 3d, 90m); read as ms. */
    EXPORTS_KEEP: z
      .string()
      .default('24h')
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === undefined || ms <= 0) {
          ctx.addIssue({ code: 'custom', message: 'expected a duration like 24h, 3d or 90m' });
          return z.NEVER;
        }
        return ms;
      }),
    /** Serve the web dashboard (dashboard/) on this port (0: any free port, logged); unset: no dashboard. */
    DASHBOARD_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /**
     * The dashboard's address as members' browsers reach it (the operator's TLS proxy in front), for
     * the login links the bot hands out: `https://shop.example.com/dash`. Unset: http://localhost:PORT.
     */
    DASHBOARD_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .transform((url) => url?.replace(/\/+$/, '')),
    /** How long a dashboard session lasts at most after its login (a duration: 12h, 7d). */
    DASHBOARD_SESSION: z
      .string()
      .default('12h')
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === undefined || ms < 60_000) {
          ctx.addIssue({ code: 'custom', message: 'expected a duration like 12h, 7d or 90m' });
          return z.NEVER;
        }
        return ms;
      }),
    // Telegram
    TELEGRAM_BOT_TOKEN: z.string().optional(),
    TELEGRAM_API_ROOT: z.url().optional(),
    TELEGRAM_WEBHOOK_URL: z.url().optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
    /**
     * In-chat payment through a payment provider (@BotFather → Payments gives the token): a Pay
     * button on the card once a deal formed, sending the member an invoice for what they owe.
     */
    TELEGRAM_PAYMENT_PROVIDER_TOKEN: z.string().optional(),
    /**
     * The provider's currency (ISO 4217), one with two decimals: an invoice's amount in its smallest
     * unit is the groups' cents (¥45.00 → 4500 fen). Default CNY. Currencies with 0 or 3 decimals
     * (JPY, KRW, KWD…) are refused: their smallest unit is not a cent.
     */
    TELEGRAM_PAYMENT_CURRENCY: z
      .string()
      .default('CNY')
      .transform((code) => code.trim().toUpperCase())
      .refine((code) => /^[A-Z]{3}$/.test(code) && code !== 'XTR', {
        message:
          'expected a three-letter ISO 4217 code like CNY (for Telegram Stars set TELEGRAM_PAYMENT_STARS)',
      })
      .refine((code) => !NOT_TWO_DECIMALS.has(code), {
        message: 'this currency does not have two decimals, so amounts in it are not cents',
      }),
    /**
     * In-chat payment in Telegram Stars (currency XTR, no provider): what one Star counts as in the
     * groups' money, e.g. `0.10` (a Star pays ¥0.10). An invoice asks for the amount owed ÷ this,
     * rounded up to whole Stars; a payment of N Stars counts as N × this (exactly what was owed when
     * N is what the invoice asked). Read as cents.
     */
    TELEGRAM_PAYMENT_STARS: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        const cents = parseMoney(text);
        if (cents === undefined || cents < 1) {
          ctx.addIssue({ code: 'custom', message: 'expected what one Star is worth, like 0.10' });
          return z.NEVER;
        }
        return cents;
      }),
    // Discord
    DISCORD_TOKEN: z.string().optional(),
    DISCORD_APP_ID: z.string().optional(),
    DISCORD_API_ROOT: z.url().optional(),
    // WeChat
    WECHATY_PUPPET: z.string().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
    WECHAT_ENABLED: z.enum(['0', '1', 'true', 'false', '']).optional(),
  })
  .superRefine((config, ctx) => {
    // One way to take payments at a time: an invoice has one currency.
    if (config.TELEGRAM_PAYMENT_STARS !== undefined && config.TELEGRAM_PAYMENT_PROVIDER_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_PAYMENT_STARS'],
        message: 'set either TELEGRAM_PAYMENT_STARS or TELEGRAM_PAYMENT_PROVIDER_TOKEN, not both',
      });
    // A standby waits for a database's lease; the JSON store has none to wait for.
    if (config.STORE_STANDBY && !config.DATABASE_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['STORE_STANDBY'],
        message: 'a standby needs DATABASE_URL (PostgreSQL); the JSON store serves one process',
      });
  });
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** The adapters to start: ADAPTERS if set, else every platform whose credentials are set, else the console. */
export function wantedAdapters(config: Config): AdapterName[] {
  if (config.ADAPTERS.length) return [...new Set(config.ADAPTERS)];
  const wanted: AdapterName[] = [];
  if (config.TELEGRAM_BOT_TOKEN) wanted.push('telegram');
  if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) wanted.push('discord');
  if (config.WECHATY_PUPPET || config.WECHAT_ENABLED === '1' || config.WECHAT_ENABLED === 'true')
    wanted.push('wechat');
  return wanted.length ? wanted : ['console'];
}

/** Validates the environment; a bad value names the variable and what is wrong with it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value (a copied .env.example line) means "not set".
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = ConfigSchema.safeParse(set);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const shown = /TOKEN|SECRET|PASSWORD/.test(name)
      ? '[secret]'
      : JSON.stringify(withoutPassword(env[name] ?? ''));
    return `  ${name}=${shown}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration (see .env.example):\n${lines.join('\n')}`);
}
