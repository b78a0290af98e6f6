import { randomBytes } from 'node:crypto';
import { liveRecordId, type OutboxMessage } from '../../store/outbox-record.js';
import type { Tx } from '../../store/tx.js';
import type { Origin, Outgoing } from '../adapter.js';
import { isoTime } from '../clock.js';
import type { ChatRef } from '../events.js';
import type { Locale } from '../i18n/index.js';
import type { LiveOptions, LiveText } from '../outbox.js';
import type { HandlerRef, Priority } from './delivery.js';

/** Who a message is owed for (see OutboxMessage.communityId and userId). */
interface Owner {
  /** The community it is sent on behalf of; stage() fills it in from the caller where absent. */
  communityId?: string;
}

/** A message a handler or job decided to send, before it is written to the store. */
export type Request = Owner &
  (
    | {
        kind: 'send';
        chat: ChatRef;
        out: Outgoing;
        priority: Priority;
        origin?: Origin;
        onDelivered?: HandlerRef;
        onUnreachable?: HandlerRef;
        hold?: { userId: string; name: string; chat: ChatRef; locale: Locale };
        /** The member a private message is for (their personal data: /forget deletes it). */
        userId?: string;
      }
    | { kind: 'line'; chat: ChatRef; key: string; header: string; line: string; origin?: Origin }
    | { kind: 'live'; chat: ChatRef; key: string; text: LiveText; opts?: LiveOptions; origin?: Origin }
  );

/** A request with its record written: what the outbox takes once that write is durable. */
export interface Staged {
  request: Request;
  record: OutboxMessage;
}

// A process-unique prefix and a counter: cheap ids that never collide with a previous run's records.
const runPrefix = `m${randomBytes(4).toString('hex')}-`;
let counter = 0;

export { liveRecordId };

const copyChat = (chat: ChatRef): ChatRef => ({
  platform: chat.platform,
  chatId: chat.chatId,
  kind: chat.kind,
  ...(chat.title !== undefined ? { title: chat.title } : {}),
});

/**
 * Writes the record of each request in tx (the transaction of the change that caused them).
 * `communityId`: the community they are owed for, where a request does not name its own.
 */
export function stageRequests(
  tx: Tx,
  requests: readonly Request[],
  now: Date,
  communityId?: string,
): Staged[] {
  const createdAt = isoTime(now);
  const staged: Staged[] = [];
  for (const request of requests) {
    // Written even when the same card is already owed: the courier deletes a live record after a
    // send only if it is still the very record it saw when it rendered (ledger.settleLive), so a
    // fresh record is what keeps a change made during that send owed. Reusing the owed record saved
    // a put per order and opened that window (found in review; see BENCHMARKS.md).
    const record = tx.put('outbox', recordOf(request, createdAt, request.communityId ?? communityId));
    staged.push({ request, record });
  }
  return staged;
}

function recordOf(request: Request, createdAt: string, communityId: string | undefined): OutboxMessage {
  const chat = copyChat(request.chat);
  const origin = request.origin && Object.keys(request.origin).length > 0 ? { origin: request.origin } : {};
  const owner = communityId !== undefined ? { communityId } : {};
  if (request.kind === 'send')
    return {
      id: `${runPrefix}${++counter}`,
      ...owner,
      ...(request.userId !== undefined
        ? { userId: request.userId }
        : request.hold
          ? { userId: request.hold.userId }
          : {}),
      chat,
      kind: 'send',
      priority: request.priority,
      out: request.out,
      ...origin,
      ...(request.onDelivered
        ? { onDelivered: { name: request.onDelivered.name, args: request.onDelivered.args ?? {} } }
        : {}),
      ...(request.onUnreachable
        ? { onUnreachable: { name: request.onUnreachable.name, args: request.onUnreachable.args ?? {} } }
        : {}),
      ...(request.hold ? { hold: { ...request.hold, chat: copyChat(request.hold.chat) } } : {}),
      createdAt,
    };
  if (request.kind === 'line')
    return {
      id: `${runPrefix}${++counter}`,
      ...owner,
      chat,
      kind: 'line',
      priority: 'notice',
      key: request.key,
      header: request.header,
      line: request.line,
      ...origin,
      createdAt,
    };
  const messageId = request.opts?.messageId;
  return {
    id: liveRecordId(request.chat, request.key),
    ...owner,
    chat,
    kind: 'live',
    priority: 'card',
    key: request.key,
    // Fixed content is kept (a restart shows it again, without buttons); rendered content is re-rendered.
    ...(typeof request.text === 'string'
      ? { text: request.text }
      : typeof request.text === 'object'
        ? { text: request.text.text }
        : {}),
    ...(messageId ? { messageId } : {}),
    ...origin,
    createdAt,
  };
}
