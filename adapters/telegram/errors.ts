import { TelegramError } from 'telegraf';
import {
  ChatMovedError,
  DeliveryError,
  RateLimitedError,
  UnreachableError,
  WrongEditError,
} from '../../src/core/adapter.js';

/** Socket-level failures worth another try; telegraf (node-fetch) reports them with these codes. */
const RETRYABLE_CODES = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Telegram's words for a private chat the bot may not write to: the user never opened the bot,
 * blocked it, or deleted their account. In a group, 403 means something else (the bot was removed).
 */
const UNREACHABLE = /bot can't initiate conversation|bot was blocked by the user|user is deactivated/i;

/**
 * Turns what telegraf threw into the core's delivery errors, so the outbox knows whether to wait
 * (429: Telegram says how long), retry (5xx, dropped connections), give up (other 4xx) or tell the
 * caller the member cannot be reached privately (UnreachableError) or that the group has a new id
 * (ChatMovedError: upgraded to a supergroup). Telegraf itself never retries.
 * `directUserId` is the user behind a private chat, when the call went to one.
 */
export function toDeliveryError(error: unknown, what: string, directUserId?: string): Error {
  if (
    error instanceof RateLimitedError ||
    error instanceof DeliveryError ||
    error instanceof UnreachableError
  )
    return error;
  if (error instanceof TelegramError) {
    if (error.code === 429) return new RateLimitedError((error.parameters?.retry_after ?? 1) * 1000);
    const movedTo = migratedTo(error);
    if (movedTo !== undefined) return new ChatMovedError(`${what}: ${error.description}`, movedTo);
    if (
      (error.code === 403 && UNREACHABLE.test(error.description)) ||
      // A user the bot has never seen at all has no chat with it yet.
      (directUserId !== undefined && error.code === 400 && /chat not found/i.test(error.description))
    )
      return new UnreachableError(`${what}: ${error.description}`, directUserId);
    if (error.code === 400 && /there is no (caption|text) in the message to edit/i.test(error.description))
      return new WrongEditError(`${what}: ${error.description}`);
    return new DeliveryError(`${what}: ${error.code} ${error.description}`, error.code >= 500);
  }
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  // node-fetch's FetchError covers timeouts and refused or dropped connections; a missing
  // upload file (ENOENT) or a bug will not get better by trying again.
  const retryable = (code !== undefined && RETRYABLE_CODES.has(code)) || name === 'FetchError';
  return new DeliveryError(`${what}: ${message ?? String(error)}`, retryable);
}

/**
 * The new id of a group upgraded to a supergroup: every call to the old id is refused with 400 and
 * `parameters.migrate_to_chat_id` ("group chat was upgraded to a supergroup chat").
 */
export function migratedTo(error: unknown): string | undefined {
  const to = error instanceof TelegramError ? error.parameters?.migrate_to_chat_id : undefined;
  return to !== undefined && error instanceof TelegramError && error.code === 400 ? String(to) : undefined;
}

/**
 * Telegram's 403 for a group the bot is not in any more: kicked, left, or the group deleted. (In a
 * private chat a 403 means the user blocked the bot: see UNREACHABLE.)
 */
export function isRemovedFromGroup(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 403 &&
    /bot was kicked from the (super)?group chat|bot is not a member of the (super)?group chat|the group chat was deleted/i.test(
      error.description,
    )
  );
}

/** Telegram's answer when the bot lacks an admin right it needs for this call. */
export function isMissingRights(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    (error.code === 400 || error.code === 403) &&
    /not enough rights|CHAT_ADMIN_REQUIRED|administrator rights|have no rights/i.test(error.description)
  );
}

/** Editing a message to the text it already shows: Telegram says 400, the core wants success. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof TelegramError && error.code === 400 && /message is not modified/i.test(error.description)
  );
}
