import { type Adapter, type ButtonRows, WrongEditError } from '../adapter.js';
import type { Logger } from '../logger.js';
import type { OutboxStats } from './courier.js';
import type { OutboxLedger } from './ledger.js';
import { liveRecordId } from './records.js';
import type { ChatQueue, LiveState } from './types.js';

/**
 * Delivery of live messages (deal cards and other content edited in place): an edit of the
 * message already showing it, a post when there is none or the platform cannot edit, and a repost
 * when the picture changed or the message is not editable as the kind it was taken for (the old
 * message then says it moved). Separate from the courier (courier.ts), which picks items, paces
 * and retries them; this file only says how one live item goes out, using the courier's pacing,
 * counting and ledger through LiveCourier.
 */

/** What live delivery uses of the courier delivering the chat's queue. */
export interface LiveCourier {
  readonly stats: OutboxStats;
  readonly log: Logger;
  readonly ledger: OutboxLedger | undefined;
  now(): number;
  /** Resolves once every change applied so far is on disk. */
  durable(): Promise<void>;
  /** A live message changed while its update was in flight: schedule the next one. */
  relive(queue: ChatQueue, key: string, render: LiveState['render']): void;
  /** Counts `posts` platform posts just made in the chat against its and the adapter's limits. */
  recordSent(queue: ChatQueue, posts: number): void;
  /** How long until a card's edit stays within the chat's and the adapter's limits (ms). */
  cardWait(queue: ChatQueue): number;
  /** Waits ms of the clock's time. */
  sleep(ms: number): Promise<void>;
  /** Whether the outbox closed (nothing more goes out). */
  closed(): boolean;
}

/**
 * Sends or edits a live message with its newest text; false when there was nothing to show, a
 * function when the message that showed it before is to say it moved (after this post is counted).
 */
export async function deliverLive(
  c: LiveCourier,
  queue: ChatQueue,
  key: string,
): Promise<boolean | (() => Promise<void>)> {
  const { adapter, chat } = queue;
  const state = queue.live.get(key)!;
  const version = state.version;
  const record = c.ledger?.record(liveRecordId(chat, key));
  const rendered = state.render();
  if (!rendered) {
    state.queued = false;
    c.log.info({ chat: chat.chatId, key }, 'live message has nothing to show any more; dropped');
    queue.live.delete(key);
    c.ledger?.settleLive(adapter, chat, key, record);
    return false;
  }
  state.messageId ??= rendered.messageId;
  // The card is rendered from memory, which may hold an order whose journal write is still to
  // come in this turn: show it only once it is on disk, or a crash could lose an order the card
  // already showed as taken.
  await c.durable();
  const pictures = adapter.capabilities.images;
  const image = pictures ? rendered.image : undefined;
  // A message from before this process shows what its caller kept (LiveContent.shown); without
  // that, it is taken to show the picture its content has.
  if (state.messageId && !state.image)
    state.image = { path: rendered.shown ? (pictures ? rendered.shown.image : undefined) : image };
  let moved = state.messageId !== undefined && state.image?.path !== image;
  /** Whether the message now showing it is a picture's caption (for the edit saying it moved). */
  let wasPicture = state.image?.path !== undefined;
  const editable = adapter.capabilities.editMessages && adapter.edit;
  const buttons = buttonsFor(adapter, rendered.buttons);
  let movedFrom: (() => Promise<void>) | undefined;
  if (state.messageId && editable && !moved) {
    try {
      // The buttons go with every edit: an edit without them would take Telegram's keyboard away.
      await adapter.edit!(
        chat,
        state.messageId,
        rendered.text,
        buttons,
        image ? { caption: true } : undefined,
      );
      c.stats.edited++;
    } catch (error) {
      if (!(error instanceof WrongEditError)) throw error;
      // The message is not what it was taken for (a text, not a caption, or the reverse): rather
      // than never updating it again, the content is posted anew and the old message says so.
      // (A picture of unknown path is '': it differs from any this content has.)
      c.log.warn({ err: error, chat: chat.chatId, key }, 'live message not editable as such; posted anew');
      state.image = { path: image === undefined ? '' : undefined };
      moved = true;
      wasPicture = image === undefined;
      c.recordSent(queue, 1);
    }
  }
  if (!state.messageId || !editable || moved) {
    // The picture goes with a post only when it is new to the chat (a repost where the platform
    // cannot edit repeats the text alone).
    const out =
      image && (moved || !state.messageId)
        ? { kind: 'image' as const, path: image, caption: rendered.text, ...(buttons ? { buttons } : {}) }
        : { kind: 'text' as const, text: rendered.text, ...(buttons ? { buttons } : {}) };
    const { messageId } = await adapter.send(chat, out, state.origin);
    c.stats.sent++;
    // A card with its picture may take more than one post (WeChat: the picture, then the text).
    const extra = (adapter.cost?.(out) ?? 1) - 1;
    if (extra > 0) c.recordSent(queue, extra);
    const old = state.messageId;
    state.messageId = messageId;
    state.image = { path: image };
    state.opts.onSent?.(messageId, image);
    const said = rendered.moved;
    if (old && moved && editable && said) movedFrom = () => markMoved(c, queue, old, said, wasPicture);
  }
  state.queued = false;
  state.lastSentAt = c.now();
  // Changed while this update was in flight: schedule the next one (its record stays owed).
  if (state.version !== version) c.relive(queue, key, state.render);
  else c.ledger?.settleLive(adapter, chat, key, record);
  return movedFrom ?? true;
}

/**
 * The message that showed a live content before it was posted anew (its picture changed) says so,
 * without buttons. Best effort: the new post went out, so a refusal here is only logged.
 */
async function markMoved(
  c: LiveCourier,
  queue: ChatQueue,
  messageId: string,
  text: string,
  picture: boolean,
) {
  // Within the chat's limits like any card edit (right after the post, Telegram would say 429).
  for (let wait = c.cardWait(queue); wait > 0; ) {
    if (c.closed()) return;
    await c.sleep(wait);
    wait = c.cardWait(queue);
  }
  try {
    await queue.adapter.edit!(
      queue.chat,
      messageId,
      text,
      undefined,
      picture ? { caption: true } : undefined,
    );
    c.stats.edited++;
    c.recordSent(queue, 1);
  } catch (error) {
    c.log.warn({ err: error, chat: queue.chat.chatId }, 'the old message of a reposted card not edited');
  }
}

/** Buttons where the platform shows them; elsewhere the text alone (which says how to order by text). */
function buttonsFor(adapter: Adapter, buttons: ButtonRows | undefined): ButtonRows | undefined {
  return adapter.capabilities.buttons && buttons && buttons.length > 0 ? buttons : undefined;
}
