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

const copyChat = (chat: ChatRef): ChatRef => {
  const copy: ChatRef = { platform: chat.platform, chatId: chat.chatId, kind: chat.kind };
  if (chat.title !== undefined) copy.title = chat.title;
  return copy;
};

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

/**
 * The record, field by field in the schema's order. Not `{ id, ...(x ? { x } : {}), … }`: a
 * spread inside an object literal takes V8's slow path (a few hundred ns each), and a flash sale
 * writes a record for nearly every order.
 */
function recordOf(request: Request, createdAt: string, communityId: string | undefined): OutboxMessage {
  const record: Partial<OutboxMessage> = {
    id: request.kind === 'live' ? liveRecordId(request.chat, request.key) : `${runPrefix}${++counter}`,
  };
  if (communityId !== undefined) record.communityId = communityId;
  if (request.kind === 'send') {
    const userId = request.userId ?? request.hold?.userId;
    if (userId !== undefined) record.userId = userId;
  }
  record.chat = copyChat(request.chat);
  record.kind = request.kind;
  if (request.kind === 'send') {
    record.priority = request.priority;
    record.out = request.out;
  } else if (request.kind === 'line') {
    record.priority = 'notice';
    record.key = request.key;
    record.header = request.header;
    record.line = request.line;
  } else {
    record.priority = 'card';
    record.key = request.key;
    // Fixed content is kept (a restart shows it again, without buttons); rendered content is re-rendered.
    if (typeof request.text === 'string') record.text = request.text;
    else if (typeof request.text === 'object') record.text = request.text.text;
    const messageId = request.opts?.messageId;
    if (messageId) record.messageId = messageId;
  }
  if (request.origin && hasKeys(request.origin)) record.origin = request.origin;
  if (request.kind === 'send') {
    if (request.onDelivered)
      record.onDelivered = { name: request.onDelivered.name, args: request.onDelivered.args ?? {} };
    if (request.onUnreachable)
      record.onUnreachable = { name: request.onUnreachable.name, args: request.onUnreachable.args ?? {} };
    if (request.hold) record.hold = { ...request.hold, chat: copyChat(request.hold.chat) };
  }
  record.createdAt = createdAt;
  return record as OutboxMessage;
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}
