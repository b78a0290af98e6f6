import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Capabilities } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { TelegramPayments } from './payments.js';

export const TELEGRAM_CAPABILITIES: Capabilities = {
  editMessages: true,
  removeMembers: true,
  inviteLinks: true,
  images: true,
  files: true,
  nativeCommands: true,
  maxMessageLength: 4096,
  maxCaptionLength: 1024,
  defaultLocale: 'en',
  reactions: true,
  // Inline keyboards under the deal card; a tap is answered with a toast (answerCallbackQuery).
  buttons: true,
  // Telegram's documented limits: about 20 messages a minute in one group, 30 a second overall.
  // About one message a second in a chat, edits included.
  pacing: { perChatPerMinute: 20, globalPerSecond: 30, minGapMs: 1_000 },
};

export interface TelegramAdapterOptions {
  /** TELEGRAM_BOT_TOKEN from @BotFather. */
  token: string;
  /** TELEGRAM_API_ROOT: a local Bot API server, or a fake one in tests. */
  apiRoot?: string;
  /** TELEGRAM_WEBHOOK_URL: receive updates by webhook at this public URL instead of long polling. */
  webhookUrl?: string;
  /** TELEGRAM_WEBHOOK_PORT: where the webhook server listens (0: any free port). */
  webhookPort?: number;
  /** Offered each request to the webhook server first (HEALTH_PORT's GET /healthz); true if it answered. */
  health?: (req: IncomingMessage, res: ServerResponse) => boolean;
  log: Logger;
  /**
   * TELEGRAM_PAYMENT_PROVIDER_TOKEN with TELEGRAM_PAYMENT_CURRENCY, or TELEGRAM_PAYMENT_STARS: in-chat
   * payment (a Pay button on the card). Unset: no payments.
   */
  payments?: TelegramPayments;
  /** Long-poll timeout in seconds (tests shorten it). */
  pollTimeoutSeconds?: number;
  now?: () => number;
  /** Whose time spaces the parts of a long text (the bot's clock; tests pass their manual one). */
  clock?: Pick<Clock, 'setTimer'>;
}
