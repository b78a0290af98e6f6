import { randomBytes } from 'node:crypto';
import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Tx } from '../../store/tx.js';
import type { Origin, Outgoing } from '../adapter.js';
import type { ChatRef } from '../events.js';
import type { Locale } from '../i18n/index.js';
import type { LiveOptions, LiveText } from '../outbox.js';
import type { HandlerRef, Priority } from './delivery.js';

/** A message a handler or job decided to send, before it is written to the store. */
export type Request =
  | {
      kind: 'send';
      chat: ChatRef;
      out: Outgoing;
      priority: Priority;
      origin?: Origin;
      onDelivered?: HandlerRef;
      onUnreachable?: HandlerRef;
      hold?: { userId: string; name: string; chat: ChatRef; locale: Locale };
    }
  | { kind: 'line'; chat: ChatRef; key: string; header: string; line: string; origin?: Origin }
  | { kind: 'live'; chat: ChatRef; key: string; text: LiveText; opts?: LiveOptions; origin?: Origin };

/** A request with its record written: what the outbox takes once that write is durable. */
export interface Staged {
  request: Request;
  record: OutboxMessage;
}

// A process-unique prefix and a counter: cheap ids that never collide with a previous run's records.
const runPrefix = `m${randomBytes(4).toString('hex')}-`;
let counter = 0;

/** The id of live message `key`'s record in a chat: one record per live message, however often it changes. */
export function liveRecordId(chat: ChatRef, key: string): string {
  return `live|${chat.platform}|${chat.chatId}|${key}`;
}

const copyChat = (chat: ChatRef): ChatRef => ({
  platform: chat.platform,
  chatId: chat.chatId,
  kind: chat.kind,
  ...(chat.title !== undefined ? { title: chat.title } : {}),
});

/** Writes the record of each request in tx (the transaction of the change that caused them). */
export function stageRequests(tx: Tx, requests: readonly Request[], now: Date): Staged[] {
  const createdAt = now.toISOString();
  const staged: Staged[] = [];
  for (const request of requests) {
    const record = tx.put('outbox', recordOf(request, createdAt));
    staged.push({ request, record });
  }
  return staged;
}

function recordOf(request: Request, createdAt: string): OutboxMessage {
  const chat = copyChat(request.chat);
  const origin = request.origin && Object.keys(request.origin).length > 0 ? { origin: request.origin } : {};
  if (request.kind === 'send')
    return {
      id: `${runPrefix}${++counter}`,
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
    chat,
    kind: 'live',
    priority: 'card',
    key: request.key,
    ...(typeof request.text === 'string' ? { text: request.text } : {}),
    ...(messageId ? { messageId } : {}),
    ...origin,
    createdAt,
  };
}
