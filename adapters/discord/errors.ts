import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import {
  type AdapterProblem,
  DeliveryError,
  RateLimitedError,
  UnreachableError,
} from '../../src/core/adapter.js';

/** What the bot was trying to do, to name the missing permission when Discord refuses. */
export type Action = 'send' | 'edit' | 'react' | 'remove' | 'invite';

const PROBLEMS: Record<Action, AdapterProblem> = {
  send: { code: 'cannot_send', detail: 'SendMessages' },
  edit: { code: 'cannot_send', detail: 'SendMessages' },
  react: { code: 'cannot_send', detail: 'AddReactions' },
  remove: { code: 'cannot_remove', detail: 'KickMembers' },
  invite: { code: 'cannot_invite', detail: 'CreateInstantInvite' },
};

/** Discord's JSON error code for a DM to a member who does not accept them (closed DMs, blocked). */
const CANNOT_MESSAGE_USER = 50007;

// Node and undici codes of a connection that failed or dropped: worth another try.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isNetworkError(error: Error): boolean {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true; // discord.js request timeout
  const codes = [(error as { code?: unknown }).code, (error.cause as { code?: unknown } | undefined)?.code];
  return codes.some((code) => typeof code === 'string' && NETWORK_CODES.has(code));
}

/** The outcome of a failed Discord call in the outbox's terms, and the problem to tell admins, if any. */
export interface MappedError {
  error: Error;
  problem?: AdapterProblem;
}

/**
 * discord.js already waits out 429s and retries 5xx a few times; what reaches us is final for that
 * call. 5xx and network failures are worth a later retry; 50007 means the member cannot be reached
 * privately (UnreachableError: nobody's permission is missing); other 403s (Missing Permissions /
 * Access) are final and the admins should hear which permission is missing; other 4xx are our own
 * bugs. `directUserId` is the member behind a DM, when the call went to one.
 */
export function mapError(error: unknown, action: Action, directUserId?: string): MappedError {
  if (error instanceof RateLimitError) {
    return { error: new RateLimitedError(Math.max(error.retryAfter, 1), error.global) };
  }
  if (error instanceof DiscordAPIError) {
    if (error.status >= 500) return { error: new DeliveryError(error.message, true) };
    if (error.status === 429) return { error: new RateLimitedError(1_000) };
    if (error.code === CANNOT_MESSAGE_USER)
      return { error: new UnreachableError(`Discord refused: ${error.message}`, directUserId) };
    if (error.status === 403) {
      return {
        error: new DeliveryError(`Discord refused: ${error.message}`, false),
        problem: PROBLEMS[action],
      };
    }
    return { error: new DeliveryError(`Discord refused: ${error.message}`, false) };
  }
  if (error instanceof HTTPError) return { error: new DeliveryError(error.message, error.status >= 500) };
  if (error instanceof Error) return { error: new DeliveryError(error.message, isNetworkError(error)) };
  return { error: new DeliveryError(String(error), false) };
}
