import { z } from 'zod';

/**
 * A message the bot decided to send and the platform has not accepted yet (the transactional
 * outbox, src/core/outbox.ts). Written in the same journal write as the change that caused it,
 * deleted once the platform took it, so a restart sends what is still owed.
 */

const isoTime = z.string().datetime({ offset: true });

export const ChatRefSchema = z.object({
  platform: z.string(),
  chatId: z.string(),
  kind: z.enum(['group', 'direct']),
  title: z.string().optional(),
});

export const OutgoingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    replyTo: z.string().optional(),
    /** Rows of buttons under the text (label, and the action a tap comes back with). */
    buttons: z.array(z.array(z.object({ label: z.string(), action: z.string() }))).optional(),
  }),
  z.object({ kind: z.literal('image'), path: z.string(), caption: z.string().optional() }),
  z.object({ kind: z.literal('file'), path: z.string(), caption: z.string().optional() }),
]);

/** What a message answers: the adapter replies in place (thread or topic, reply, interaction). */
export const OriginSchema = z.object({
  messageId: z.string().optional(),
  threadId: z.string().optional(),
  interactionId: z.string().optional(),
});

/** A named delivery handler (registered by a feature) and its arguments: a closure cannot survive a restart. */
export const HandlerRefSchema = z.object({
  name: z.string(),
  args: z.record(z.string(), z.string()).default({}),
});

export const OutboxMessageSchema = z.object({
  id: z.string(),
  /**
   * The community the message is owed on behalf of: a community's export carries its pending
   * messages, and deleting a community deletes them. Absent only for a private answer to someone
   * who belongs to no one community (a /help in private from a member of two groups): nobody's
   * export is the place for it, and it goes out at the next start all the same.
   */
  communityId: z.string().optional(),
  /**
   * The member (platform user id) a private message is for: their personal data, so /forget
   * deletes it. Absent for group messages (the group's, kept).
   */
  userId: z.string().optional(),
  /** The chat it goes to; chat.platform names the adapter. */
  chat: ChatRefSchema,
  /**
   * send: one message. line: one line of the batched notice `key` (lines of a key go out together).
   * live: the live message `key` (a deal's card) is owed an update: re-rendered when it goes out.
   */
  kind: z.enum(['send', 'line', 'live']),
  /** reply: answers and announcements; card: live messages; notice: batched lines. */
  priority: z.enum(['reply', 'card', 'notice']),
  out: OutgoingSchema.optional(),
  key: z.string().optional(),
  /** A batch line's header and text. */
  header: z.string().optional(),
  line: z.string().optional(),
  /** A live message's fixed text, when it was given as text rather than rendered from the state. */
  text: z.string().optional(),
  /** The message already showing a live message, when known. */
  messageId: z.string().optional(),
  origin: OriginSchema.optional(),
  onDelivered: HandlerRefSchema.optional(),
  onUnreachable: HandlerRefSchema.optional(),
  /**
   * A private message kept for a member who cannot be reached privately yet (a file export): the
   * group is told once, and the message goes out when the member next writes to the bot privately.
   */
  hold: z
    .object({
      userId: z.string(),
      name: z.string(),
      /** Where to tell the member to open a private chat, in which language. */
      chat: ChatRefSchema,
      locale: z.enum(['en', 'zh']),
      /** Set once the member was told and the message waits for them. */
      heldAt: isoTime.optional(),
    })
    .optional(),
  createdAt: isoTime,
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

/** The id of live message `key`'s record in a chat: one record per live message, however often it changes. */
export function liveRecordId(chat: { platform: string; chatId: string }, key: string): string {
  return `live|${chat.platform}|${chat.chatId}|${key}`;
}

/** The files these owed messages will send (an image or a document: its path). */
export function filesOf(messages: Iterable<OutboxMessage>): Set<string> {
  const owed = new Set<string>();
  for (const message of messages) if (message.out && message.out.kind !== 'text') owed.add(message.out.path);
  return owed;
}
