import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Request } from './records.js';
import type { ChatQueue, Item } from './types.js';

/**
 * Puts a send or a notice line in the chat's queue at time `at` (ms). A line joins the batch still
 * waiting under its key, or starts one. The caller pumps the queue.
 */
export function queueRequest(
  queue: ChatQueue,
  request: Extract<Request, { kind: 'send' | 'line' }>,
  record: OutboxMessage | undefined,
  at: number,
): void {
  // Optional fields are set one by one, not spread into the literal (`...(x ? { x } : {})`):
  // V8 takes a slow path for those, a few hundred ns each, and this runs for most orders.
  if (request.kind === 'send') {
    const item: Item & { kind: 'send' } = {
      kind: 'send',
      out: request.out,
      priority: request.priority,
      at,
    };
    if (request.origin) item.origin = request.origin;
    if (record) item.record = record;
    queue.items.push(item);
    return;
  }
  const line: { text: string; recordId?: string } = { text: request.line };
  if (record) line.recordId = record.id;
  const pending = queue.items.find(
    (item): item is Extract<Item, { kind: 'batch' }> => item.kind === 'batch' && item.key === request.key,
  );
  if (pending) pending.lines.push(line);
  else {
    const batch: Item & { kind: 'batch' } = {
      kind: 'batch',
      key: request.key,
      header: request.header,
      lines: [line],
      priority: 'notice',
      at,
    };
    if (request.origin) batch.origin = request.origin;
    queue.items.push(batch);
  }
}
