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
 * through the store and the outbox). So each interaction is deferred at once (publicly: the answer
 * is for the channel) and parked here by its id; the message whose origin names that interaction
 * becomes its response (editReply). Nothing is guessed: other messages to the chat, another
 * member's command included, go to the channel as usual.
 */
export class PendingReplies {
  private readonly byId = new Map<string, PendingReply>();
  private readonly responses = new Map<string, { interaction: ChatInputCommandInteraction; at: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly log: Logger) {}

  /** Defers the interaction now and parks it for the message that answers it (origin.interactionId). */
  park(interaction: ChatInputCommandInteraction): PendingReply {
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
    this.byId.set(interaction.id, pending);
    return pending;
  }

  /** The parked interaction with this id, removed: its answer is being sent. */
  take(interactionId: string): PendingReply | undefined {
    const pending = this.byId.get(interactionId);
    this.byId.delete(interactionId);
    return pending;
  }

  /**
   * Called once the bot handled the command. A command that produced no reply (a redelivery,
   * or a reply that went elsewhere) would leave "thinking…" forever; after graceMs it is removed.
   */
  expire(pending: PendingReply, graceMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const id = pending.interaction.id;
      if (this.byId.get(id) !== pending) return;
      this.byId.delete(id);
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
    this.byId.clear();
    this.responses.clear();
  }
}
