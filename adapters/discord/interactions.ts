import type { ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '../../src/core/logger.js';

/** An interaction that was acknowledged and waits for the bot's answer. */
export interface PendingReply {
  interaction: ChatInputCommandInteraction;
  /** Resolves true once Discord took the "thinking…" acknowledgement. */
  acknowledged: Promise<boolean>;
}

// An interaction token lasts 15 minutes; stop using it a little before.
const TOKEN_LIFETIME_MS = 14 * 60_000;

/**
 * Slash commands must be acknowledged within 3 s, and the bot's answer may take longer (it goes
 * through the store and the outbox). So each interaction is deferred at once and parked here per
 * chat; the first message the bot then sends to that chat becomes the interaction's response
 * (editReply), anything after it goes to the channel as usual. The outbox sends a chat's
 * messages in order, so that first message is the command's reply unless another member's
 * command in the same channel finished first, which only swaps which answer is shown as the reply.
 */
export class PendingReplies {
  private readonly byChat = new Map<string, PendingReply[]>();
  private readonly responses = new Map<string, { interaction: ChatInputCommandInteraction; at: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly log: Logger) {}

  /** Defers the interaction now and parks it for the chat's next outgoing message. */
  park(chatId: string, interaction: ChatInputCommandInteraction): PendingReply {
    const acknowledged = interaction.deferReply().then(
      () => true,
      (error: unknown) => {
        this.log.warn(
          { err: error, interaction: interaction.id },
          'discord: could not acknowledge a slash command',
        );
        return false;
      },
    );
    const pending = { interaction, acknowledged };
    this.byChat.set(chatId, [...(this.byChat.get(chatId) ?? []), pending]);
    return pending;
  }

  /** The oldest parked interaction of a chat, removed from the queue. */
  take(chatId: string): PendingReply | undefined {
    const queue = this.byChat.get(chatId);
    const pending = queue?.shift();
    if (queue?.length === 0) this.byChat.delete(chatId);
    return pending;
  }

  /**
   * Called once the bot handled the command. A command that produced no reply (a redelivery,
   * or a reply that went elsewhere) would leave "thinking…" forever; after graceMs it is removed.
   */
  expire(chatId: string, pending: PendingReply, graceMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const queue = this.byChat.get(chatId);
      const index = queue?.indexOf(pending) ?? -1;
      if (!queue || index === -1) return;
      queue.splice(index, 1);
      if (queue.length === 0) this.byChat.delete(chatId);
      void pending.interaction.deleteReply().catch(() => {});
    }, graceMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Remembers which interaction showed a message, so edits can go through its token while valid. */
  remember(messageId: string, interaction: ChatInputCommandInteraction): void {
    const now = Date.now();
    for (const [id, entry] of this.responses)
      if (now - entry.at > TOKEN_LIFETIME_MS) this.responses.delete(id);
    this.responses.set(messageId, { interaction, at: now });
  }

  /** The interaction whose response is this message, while its token is still valid. */
  responseFor(messageId: string): ChatInputCommandInteraction | undefined {
    const entry = this.responses.get(messageId);
    return entry && Date.now() - entry.at < TOKEN_LIFETIME_MS ? entry.interaction : undefined;
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.byChat.clear();
    this.responses.clear();
  }
}
